"""From a case to the plain data gathering and drafting work on (issue 5).

`draft_context(user, case)` reads what the case holds (newest assessment, customer and their
stated needs and contact points, the resolution's case facts, decisions and escalations, open
follow-up actions, the contact promise, the organisation's templates) and returns a
`calmdesk.core.replies.DraftContext`. `reply_help(user, case, channel)` returns the questions,
the repeat-back and the draft for that channel.

Criteria: Unit 7 2.2, 3.1-3.2, P2, P5, P6, M2; C4 2.1-2.5, 2.8; C1 1.4, 2.2, 2.6, 3.3.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from calmdesk.cases.models import Case, Customer
from calmdesk.core.channels import Channel
from calmdesk.core.policy.options import OptionStatus
from calmdesk.core.policy.schema import Policy, Remedy
from calmdesk.core.promises import next_contact_due
from calmdesk.core.quoting import own_words
from calmdesk.core.replies.drafting import Draft, draft_reply
from calmdesk.core.replies.gathering import (
    AgreedAction,
    DraftContext,
    KnownFacts,
    Question,
    TemplateText,
    known_facts_summary,
    reference_from_text,
    repeat_back,
    suggest_questions,
    tried_from_text,
    what_happened_from_text,
    when_from_text,
)
from calmdesk.core.replies.wording import (
    catalogue_nouns,
    group_for_product,
    product_from_text,
    singular,
    title_from,
    wants_from_text,
)
from calmdesk.people.models import User
from calmdesk.policy.services import NoPolicy, policy_or_none

if TYPE_CHECKING:
    from calmdesk.resolution.models import CaseFactSheet

# Channels a draft can be written for; web forms and the API are answered by email.
DRAFT_CHANNELS: tuple[Channel, ...] = (
    Channel.EMAIL,
    Channel.LETTER,
    Channel.SMS,
    Channel.SOCIAL_MEDIA,
    Channel.TELEPHONE,
    Channel.FACE_TO_FACE,
)
_ANSWERED_BY_EMAIL = {Channel.WEB_FORM.value, Channel.API.value}

# Each remedy as something we will do (C4 2.8), with the reason said to the customer.
_REMEDY_ACTIONS: dict[str, tuple[str, str]] = {
    Remedy.REPAIR: ("repair your {product}", "to fix the fault"),
    Remedy.REPLACEMENT: ("replace your {product}", "so you have one that works"),
    Remedy.REFUND: ("refund {amount} to the way you paid", "as we agreed"),
    Remedy.CREDIT_NOTE: ("send you a credit note for {amount}", "as we agreed"),
    Remedy.ALTERNATIVE_PRODUCT: ("offer you an alternative product", "as we agreed"),
    Remedy.TECHNICAL_SUPPORT: ("give you technical support", "to get it working again"),
    Remedy.NON_TECHNICAL_SUPPORT: ("help you with it", "to put this right"),
    Remedy.ADVICE: ("give you advice on what to do next", "so you know your options"),
    Remedy.GOODWILL_GESTURE: (
        "send you a goodwill payment of {amount}",
        "to recognise the trouble this has caused",
    ),
}
_ACTION_KINDS: dict[str, tuple[str, str]] = {
    "repair": ("repair your {product}", "to fix the fault"),
    "service_visit": ("visit you", "to look at the problem in person"),
    "call_back": ("call you back", "to talk it through with you"),
    "technical_support": ("give you technical support", "to get it working again"),
    "refund_payment": ("pay your refund", "as we agreed"),
}
# Words in what the customer wants, to the remedy they point to.
_WANTS_REMEDY: tuple[tuple[re.Pattern[str], Remedy], ...] = (
    (re.compile(r"\b(refund|money back|repay|reimburs)", re.I), Remedy.REFUND),
    (re.compile(r"\b(replace|replacement|new one|swap|exchange)", re.I), Remedy.REPLACEMENT),
    (re.compile(r"\b(repair|fix|mend|working)", re.I), Remedy.REPAIR),
    (re.compile(r"\b(credit|voucher)", re.I), Remedy.CREDIT_NOTE),
    (re.compile(r"\b(compensat|goodwill|gesture)", re.I), Remedy.GOODWILL_GESTURE),
)
_INBOUND_READ = 5  # the customer's first messages read for when/tried/reference


def wanted_remedy(wants: str) -> Remedy | None:
    """The remedy the customer's own words ask for, if they name one.

    >>> wanted_remedy("My money back please"), wanted_remedy("just an apology")
    (<Remedy.REFUND: 'refund'>, None)
    """
    for pattern, remedy in _WANTS_REMEDY:
        if pattern.search(wants or ""):
            return remedy
    return None


def draft_channel(case: Case, requested: str | None = None) -> str:
    """The channel to draft for: the one asked for when valid, else the case's own."""
    valid = {channel.value for channel in DRAFT_CHANNELS}
    if requested in valid:
        return str(requested)
    first = case.first_channel
    return Channel.EMAIL.value if first in _ANSWERED_BY_EMAIL or first not in valid else first


def draft_context(
    user: User, case: Case, *, channel: str | None = None, now: datetime | None = None
) -> DraftContext:
    """Everything the core needs, as plain data. Reads only; changes nothing."""
    from calmdesk.replies.models import ReplyTemplate
    from calmdesk.resolution.services import case_options, fact_sheet, money

    now = now or timezone.now()
    customer: Customer = case.customer
    assessment = case.latest_assessment
    result = assessment.result if assessment is not None else {}
    needs = result.get("needs", {}) if isinstance(result, dict) else {}
    policy = policy_or_none(case.organisation_id)
    sheet = fact_sheet(case)

    terminology = (
        customer.terminology
        if customer.terminology != Customer.Terminology.UNKNOWN
        else needs.get("terminology")
    )
    language = customer.preferred_language or (
        needs.get("language") if needs.get("language") not in (None, "", "en") else None
    )
    accessibility = tuple(
        words
        for flag, words in (
            (customer.needs_large_print, "Large print"),
            (customer.needs_sign_language, "Sign language interpreter"),
            (customer.needs_carer_or_advocate, "Speaks through a carer or advocate"),
            (customer.needs_relay_service, "Uses a text relay service"),
        )
        if flag
    ) + ((customer.other_needs,) if customer.other_needs else ())

    inbound = _customer_words(case)
    # The product the customer names ("electric cooker") says more than its group ("large
    # appliance"), which is the fallback.
    product = _named_product(case, _kinds_by_group(policy), inbound) or _product_words(
        policy, sheet.product_group
    )
    reference = _first(reference_from_text(text) for text in inbound) or (
        "proof of purchase seen" if sheet.proof_of_purchase else None
    )
    facts = KnownFacts(
        product=product,
        purchase_date=sheet.purchase_date,
        price=money(policy, sheet.price) if policy is not None and sheet.price else None,
        reference=reference,
        what_happened=_what_happened(case, inbound),
        when=_first(when_from_text(text) for text in inbound),
        tried=_first(tried_from_text(text) for text in inbound),
        wants=sheet.wants or _first(wants_from_text(text) for text in inbound),
        contact=tuple(sorted(set(customer.contacts.values_list("kind", flat=True)))),
    )

    actions: list[AgreedAction] = []
    decided: set[str] = set()
    for decision in case.decisions.order_by("decided_at"):
        decided.add(decision.remedy)
        what, why = _REMEDY_ACTIONS.get(decision.remedy, ("do what we agreed", ""))
        actions.append(
            AgreedAction(
                "We",
                _words(what, product, _money(policy, decision.amount)),
                None,
                why,
            )
        )
    for action in case.action_requests.filter(status="open").order_by("due_at"):
        what, why = _ACTION_KINDS.get(action.kind, ("deal with it", ""))
        actions.append(
            AgreedAction(
                f"Our {action.department.lower()} team",
                _words(what, product, ""),
                timezone.localtime(action.due_at),
                why,
            )
        )
    for escalation in case.escalations.filter(status__in=("open", "accepted")):
        who = "A manager" if escalation.to_role == "manager" else "A team leader"
        actions.append(
            AgreedAction(
                who, "look at what more we can do", None, "because it needs their approval"
            )
        )

    position = None
    wanted = wanted_remedy(sheet.wants)
    if wanted is not None and wanted.value not in decided and policy is not None:
        try:
            found_options = case_options(user, case, today=timezone.localdate(now))
        except NoPolicy:
            found_options = None
        option = found_options.option(wanted) if found_options is not None else None
        if option is not None and option.status == OptionStatus.NOT_POSSIBLE and option.position:
            position = option.position

    next_contact = _next_contact_after_reply(policy, case, now) if policy is not None else None
    templates = tuple(
        TemplateText(*row)
        for row in ReplyTemplate.objects.filter(organisation_id=case.organisation_id).values_list(
            "language", "channel", "part", "text"
        )
    )
    return DraftContext(
        customer_name=customer.name,
        customer_title=title_from(customer.name, inbound),
        channel=draft_channel(case, channel),
        issue=case.issue,
        indicators=tuple(assessment.indicator_names) if assessment is not None else (),
        risks=tuple(assessment.risk_names) if assessment is not None else (),
        terminology=terminology or None,
        language=language or None,
        accessibility=accessibility,
        facts=facts,
        position=position,
        actions=tuple(actions),
        next_contact=next_contact,
        agent_name=user.display_name(),
        organisation=case.organisation.name,
        case_reference=case.reference,
        subject=case.subject,
        templates=templates,
        agent_notes=case.first_channel in _NOTE_CHANNELS,
        today=timezone.localdate(now),
        now=timezone.localtime(now),
    )


# Channels where the case's subject is the customer's own (an email's subject line); on
# others an agent wrote it ("Call: missed delivery, caller swore"), not for the customer's ears.
_CUSTOMER_SUBJECT_CHANNELS = frozenset({Channel.EMAIL.value})
# Channels whose messages are an agent's note of what the customer said.
_NOTE_CHANNELS = frozenset({Channel.TELEPHONE.value, Channel.FACE_TO_FACE.value})


def _what_happened(case: Case, inbound: list[str]) -> str | None:
    """What went wrong, in the customer's own words: from their first message that says, else
    an email's subject line."""
    said = _first(what_happened_from_text(text) for text in inbound)
    if said is None and case.first_channel in _CUSTOMER_SUBJECT_CHANNELS and case.subject:
        return case.subject
    return said


def _next_contact_after_reply(policy: Policy, case: Case, now: datetime) -> datetime | None:
    """When the customer will next hear from us once this reply has gone: the policy's promise
    worked out as if it went now. The promise the reply itself answers (its first-reply time,
    maybe already passed on a late case) is never the time the reply promises."""
    last_in = case.messages.filter(direction="inbound").aggregate(Max("sent_at"))["sent_at__max"]
    due = next_contact_due(
        case.status,
        opened_at=case.opened_at,
        last_outbound_at=now,
        last_inbound_at=min(last_in, now) if last_in else None,
        first_reply_hours=policy.promises.first_reply_hours,
        update_every_hours=policy.promises.update_every_hours,
    )
    return timezone.localtime(due.due_at) if due is not None else None


def _first(values: object) -> str | None:
    return next((value for value in values if value), None)  # type: ignore[attr-defined]


def _product_words(policy: Policy | None, group: str) -> str | None:
    """A product group's name in a few words: "Large appliances (washers, ...)" -> "large
    appliance"."""
    if not group:
        return None
    named = policy.product_groups.get(group) if policy is not None else None
    name = named.name if named is not None else group.replace("_", " ")
    name = name.split("(")[0].strip().lower()
    return singular(name)


def _customer_words(case: Case) -> list[str]:
    """The customer's first messages in their own words: a reply quoting our earlier message
    would give our dates, references and words as theirs."""
    return [
        own_words(text)
        for text in case.messages.filter(direction="inbound")
        .order_by("sent_at")
        .values_list("text", flat=True)[:_INBOUND_READ]
    ]


def _kinds_by_group(policy: Policy | None) -> dict[str, list[str]]:
    """Each product group's kinds of thing, singular and lower case: those its name lists
    ("Large appliances (washers, dryers)") and those the policy gives (`kinds`)."""
    if policy is None:
        return {}
    return {
        key: catalogue_nouns([group.name, *group.kinds])
        for key, group in policy.product_groups.items()
    }


def _named_product(case: Case, kinds: dict[str, list[str]], inbound: list[str]) -> str | None:
    nouns = [kind for group_kinds in kinds.values() for kind in group_kinds]
    return _first(product_from_text(text, nouns) for text in [*inbound, case.subject or ""])


@dataclass(frozen=True)
class CustomerSays:
    """What the customer's own words give before the agent records it: the product they name,
    the one policy group that lists that kind of thing, and what they ask for. Suggestions
    for the agent to check, never facts."""

    product: str | None
    product_group: str | None
    wants: str | None


def customer_says(case: Case, policy: Policy, sheet: CaseFactSheet) -> CustomerSays:
    """What the customer's own words give for the facts `sheet` does not record yet (the
    product group, what they want); nothing for the facts it records, and no reading at all
    when it records both."""
    group_recorded = sheet.product_group in policy.product_groups
    if group_recorded and sheet.wants:
        return CustomerSays(None, None, None)
    inbound = _customer_words(case)
    kinds = _kinds_by_group(policy)
    product = None if group_recorded else _named_product(case, kinds, inbound)
    return CustomerSays(
        product=product,
        product_group=group_for_product(product, kinds) if product else None,
        wants=None if sheet.wants else _first(wants_from_text(text) for text in inbound),
    )


def _money(policy: Policy | None, amount: Decimal | None) -> str:
    if amount is None:
        return "the amount agreed"
    currency = policy.currency if policy is not None else ""
    symbol = {"GBP": "£", "EUR": "€", "USD": "$"}.get(currency)
    return f"{symbol}{amount:,.2f}" if symbol else f"{currency} {amount:,.2f}".strip()


def _words(text: str, product: str | None, amount: str) -> str:
    return text.replace("{product}", product or "purchase").replace("{amount}", amount)


# The panel's part text boxes are named with this prefix, with the draft's channel beside them,
# so "Start from the draft" can build the reply from the parts as the agent edited them.
PART_FIELD_PREFIX = "rh-part-"
PART_CHANNEL_FIELD = "rh-channel"


def with_part_edits(draft: Draft, data: Mapping[str, str]) -> Draft:
    """The draft with the parts the agent edited in the Reply help panel (form fields
    `rh-part-<name>`), when those parts were drafted for the same channel; else the draft as
    it is. An edit to an email's parts never lands in an SMS."""
    if data.get(PART_CHANNEL_FIELD) != draft.channel:
        return draft
    edited = {
        key.removeprefix(PART_FIELD_PREFIX): value
        for key, value in data.items()
        if key.startswith(PART_FIELD_PREFIX)
    }
    return draft.with_edits(edited) if edited else draft


@dataclass(frozen=True)
class ReplyHelp:
    context: DraftContext
    questions: list[Question]
    repeat_back: str
    draft: Draft
    facts: list[tuple[str, bool]]


def reply_help(
    user: User, case: Case, *, channel: str | None = None, now: datetime | None = None
) -> ReplyHelp:
    """Questions for the facts still missing, the repeat-back and the draft for `channel`."""
    context = draft_context(user, case, channel=channel, now=now)
    return ReplyHelp(
        context=context,
        questions=suggest_questions(context),
        repeat_back=repeat_back(context),
        draft=draft_reply(context),
        facts=known_facts_summary(context.facts),
    )
