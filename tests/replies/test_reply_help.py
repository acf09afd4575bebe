"""Reply help on the case page (issue 5): the Django side builds the core's context from the
case, the panel shows questions, repeat-back and the draft, templates are checked on save."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from calmdesk.cases.services import record_message
from calmdesk.core.replies.gathering import Fact
from calmdesk.followup import services as followup
from calmdesk.policy.services import policy_or_none
from calmdesk.replies import services
from calmdesk.replies.models import ReplyTemplate
from calmdesk.resolution import services as resolution
from tests.replies.conftest import open_own_case


def _asked(found) -> set[Fact]:
    return {question.fact for question in found.questions}


def test_context_from_a_bare_case(case, alice):
    context = services.draft_context(alice, case)
    assert context.channel == "telephone"
    assert context.customer_name == "Priya Shah"
    assert context.agent_name == "Alice Archer"
    assert context.case_reference == case.reference
    # the customer's own words on the case: "the kettle she bought last week"
    assert context.facts.when == "last week"
    # what happened: the note of the call without its "Customer rang:" opener
    assert context.facts.what_happened == (
        "the kettle she bought last week switches itself off after a minute"
    )
    # the customer has an email address and a phone number on file
    assert context.facts.contact == ("email", "phone")
    assert context.position is None
    assert context.next_contact is None  # no policy, no promise


def test_a_short_answer_does_not_change_what_the_draft_is_about(alice, customer):
    case = open_own_case(
        alice,
        customer,
        channel="email",
        text="The parcel still has not arrived and the tracking has not moved since Monday.",
    )
    record_message(None, case, channel="email", text="Thursday is fine. It had better turn up.")
    case.refresh_from_db()
    assert case.latest_assessment.issue != "delivery"
    assert services.draft_context(alice, case).issue == "delivery"


def test_never_asks_for_what_the_case_holds(kettle_facts, alice):
    case = kettle_facts()
    found = services.reply_help(alice, case)
    asked = _asked(found)
    assert Fact.WANTS not in asked  # the fact sheet has "Her money back"
    assert Fact.CONTACT not in asked  # contact points on file
    assert Fact.WHEN not in asked  # "last week" in the customer's words
    assert Fact.REFERENCE not in asked  # proof of purchase seen
    assert Fact.TRIED in asked


def test_asks_for_the_reference_and_wants_when_missing(policy, case, alice):
    asked = _asked(services.reply_help(alice, case))
    assert {Fact.REFERENCE, Fact.WANTS} <= asked


def test_an_order_number_in_the_customers_words_is_the_reference(case, alice):
    record_message(alice, case, channel="email", text="Order no. A7731 still broken!")
    assert services.draft_context(alice, case).facts.reference == "A7731"


def test_an_order_number_by_its_shape_and_today_are_facts_the_case_holds(alice, customer):
    case = open_own_case(
        alice,
        customer,
        channel="telephone",
        text="Customer rang about a washing machine that did not arrive today (BH-4502117).",
    )
    found = services.reply_help(alice, case)
    assert found.context.facts.reference == "BH-4502117"
    assert found.context.facts.when == "today"
    assert not _asked(found) & {Fact.REFERENCE, Fact.WHEN}
    assert found.repeat_back.count("today") == 1


def test_repeat_back_from_the_fact_sheet(kettle_facts, alice):
    case = kettle_facts()
    found = services.reply_help(alice, case)
    bought = timezone.localdate() - timedelta(days=10)
    # The kettle the call note names, not its product group's "small kitchen appliance".
    assert f"you bought the kettle on {bought.day} {bought:%B}" in found.repeat_back
    # The agent's note and the fact sheet speak of her; the repeat-back speaks to her.
    assert "the kettle you bought last week switches itself off" in found.repeat_back
    assert "you would like your money back" in found.repeat_back
    assert " her " not in found.repeat_back
    assert " she " not in found.repeat_back


def test_repeat_back_says_the_customer_not_a_subject_an_agent_wrote(alice, customer):
    case = open_own_case(
        alice,
        customer,
        channel="web_form",
        subject="Contact form: fridge, customer rude",
        text="Name: Priya Shah\nMessage: Hello. My fridge has NOT been cold since Monday.",
    )
    found = services.reply_help(alice, case)
    # Their words said back to them: second person, no shouting, no quotation marks.
    assert "your fridge has not been cold since Monday" in found.repeat_back
    assert "“" not in found.repeat_back
    assert "rude" not in found.repeat_back
    assert "Message" not in found.repeat_back
    assert not [q.text for q in found.questions if "rude" in q.text]


def test_an_emails_subject_line_is_the_customers_words_when_the_body_has_none(alice, customer):
    case = open_own_case(
        alice,
        customer,
        channel="email",
        subject="Kettle switches itself off",
        text="Hello, see subject. Thanks",
    )
    assert "your kettle switches itself off" in services.reply_help(alice, case).repeat_back


def test_position_when_the_wanted_remedy_is_not_possible(kettle_facts, alice):
    case = kettle_facts(days=45)  # past the 30-day return period: no refund
    found = services.reply_help(alice, case, channel="email")
    assert found.context.position.startswith("A full refund is for returns within the return")
    position = next(p for p in found.draft.parts if p.name == "position")
    assert "so that we can resell what comes back" in position.text


def test_no_position_when_the_wanted_remedy_is_possible(kettle_facts, alice):
    case = kettle_facts(days=10)
    assert services.draft_context(alice, case).position is None


def test_decisions_actions_and_the_promise_reach_the_draft(kettle_facts, alice, bob):
    case = kettle_facts(days=10)
    resolution.record_decision(bob, case, "refund", note="agreed on the phone")
    followup.create_action(
        alice, case, kind="refund_payment", owner=alice, due_at=timezone.now() + timedelta(days=2)
    )
    followup.recompute_promises([case.pk])
    context = services.draft_context(alice, case, channel="email")
    lines = [(a.who, a.what) for a in context.actions]
    assert ("We", "refund £40.00 to the way you paid") in lines
    assert any(who.startswith("Our ") and what == "pay your refund" for who, what in lines)
    assert context.next_contact is not None
    draft = services.reply_help(alice, case, channel="email").draft
    assert "refund £40.00 to the way you paid" in draft.text()
    assert "You will hear from me by" in draft.text()


def test_a_text_or_a_public_post_greets_by_first_name(case, alice):
    for channel in ("sms", "social_media"):
        draft = services.reply_help(alice, case, channel=channel).draft
        assert draft.text(private=False).startswith("Hi Priya,"), channel
    # No title given: an email greets by first name too, never by the full name.
    assert services.reply_help(alice, case, channel="email").draft.text().startswith("Dear Priya,")


def test_a_late_case_is_never_promised_a_time_that_has_passed(policy, alice, customer):
    """The first reply was due 11 days ago: the draft promises the next update from now, by
    the policy's interval, not the missed first-reply time."""
    opened = timezone.now() - timedelta(days=12)
    case = open_own_case(
        alice,
        customer,
        channel="email",
        text="Where is my fridge? Nobody has replied.",
        now=opened,
    )
    now = timezone.now()
    context = services.draft_context(alice, case, channel="email", now=now)
    hours = policy_or_none(alice.organisation_id).promises.update_every_hours
    assert context.next_contact == timezone.localtime(now + timedelta(hours=hours))


def test_channel_choice(case, alice):
    assert services.draft_channel(case, "sms") == "sms"
    assert services.draft_channel(case, "carrier pigeon") == "telephone"
    case.first_channel = "web_form"
    assert services.draft_channel(case) == "email"


def test_stated_needs_and_language_reach_the_draft(case, alice, customer, org):
    customer.preferred_language = "Welsh"
    customer.needs_large_print = True
    customer.save()
    draft = services.reply_help(alice, case, channel="letter").draft
    assert any("no templates" in note for note in draft.notes)
    assert any("large print" in note for note in draft.notes)
    ReplyTemplate.objects.create(
        organisation=org, language="cy", part="greeting", text="Annwyl {customer_name},"
    )
    draft = services.reply_help(alice, case, channel="letter").draft
    assert draft.language == "cy"
    assert next(p for p in draft.parts if p.name == "greeting").text == "Annwyl Priya Shah,"


# Templates


def test_template_with_an_unknown_placeholder_is_refused(org):
    template = ReplyTemplate(organisation=org, part="greeting", text="Dear {surname},")
    with pytest.raises(ValidationError) as refused:
        template.save()
    assert "Unknown placeholder {surname}" in str(refused.value)
    assert not ReplyTemplate.objects.exists()


def test_template_language_code_is_checked(org):
    with pytest.raises(ValidationError):
        ReplyTemplate(organisation=org, language="Welsh!", part="greeting", text="Hi").save()
    saved = ReplyTemplate(organisation=org, language=" CY ", part="greeting", text="Shwmae")
    saved.save()
    assert saved.language == "cy"


def test_admin_refuses_a_bad_template_with_a_clear_message(client, org, django_user_model):
    admin_user = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:replies_replytemplate_add"),
        {
            "organisation": org.pk,
            "language": "en",
            "channel": "any",
            "part": "greeting",
            "text": "Dear {nme},",
        },
    )
    assert response.status_code == 200
    assert "Unknown placeholder {nme}" in response.content.decode()
    assert not ReplyTemplate.objects.exists()


# The panel


def test_case_page_shows_the_panel_with_editable_parts(client, case, alice):
    client.force_login(alice)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="reply-help"' in page
    assert "Questions to ask" in page
    assert 'id="rh-repeat"' in page
    assert '<textarea id="rh-part-acknowledgement"' in page
    assert '<label for="rh-part-acknowledgement">' in page
    assert "Prompt" in page  # a telephone case drafts a spoken script
    # after the ways forward, before the follow-up
    assert page.index('id="reply-help"') > page.index('id="ways-forward"')


def test_trainer_reads_the_draft_without_text_boxes(client, case, dan):
    client.force_login(dan)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="reply-help"' in page
    assert "rh-part-read" in page
    assert '<textarea id="rh-part-' not in page


def test_channel_selector_redrafts_for_sms(client, case, alice):
    client.force_login(alice)
    page = client.get(
        reverse("cases:detail", args=[case.pk]), {"reply_channel": "sms"}
    ).content.decode()
    assert "As it will be texted" in page
    fragment = client.get(reverse("replies:panel", args=[case.pk]), {"reply_channel": "letter"})
    assert fragment.status_code == 200
    html = fragment.content.decode()
    assert html.count('id="reply-help"') == 1
    assert "Yours sincerely" in html
    assert "<html" not in html


def test_social_panel_separates_the_private_message(client, case, alice):
    client.force_login(alice)
    html = client.get(
        reverse("replies:panel", args=[case.pk]), {"reply_channel": "social_media"}
    ).content.decode()
    assert "Private message (direct message only)" in html


def test_panel_is_hidden_from_other_teams_and_organisations(client, case, frank, eve):
    for outsider in (frank, eve):
        client.force_login(outsider)
        assert client.get(reverse("replies:panel", args=[case.pk])).status_code == 404


def test_panel_needs_a_login(client, case):
    response = client.get(reverse("replies:panel", args=[case.pk]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_panel_changes_nothing(client, case, alice):
    from calmdesk.cases.models import AuditEntry

    before = AuditEntry.objects.count()
    client.force_login(alice)
    client.get(reverse("replies:panel", args=[case.pk]), {"reply_channel": "email"})
    assert AuditEntry.objects.count() == before


def test_demo_welsh_templates_reach_a_welsh_speaking_customer(case, alice, customer, org):
    from calmdesk.replies.demo import WELSH_TEMPLATES, install_demo_templates

    assert install_demo_templates(org) == len(WELSH_TEMPLATES)
    assert install_demo_templates(org) == 0  # once only
    customer.preferred_language = "Welsh"
    customer.save()
    draft = services.reply_help(alice, case, channel="letter").draft
    assert draft.language == "cy"
    assert next(p for p in draft.parts if p.name == "sign_off").text.startswith("Yn gywir,")
    assert any("no Welsh template" in note for note in draft.notes)


def test_the_draft_signs_off_with_the_agents_name(case, alice):
    from calmdesk.core.replies.drafting import draft_reply

    context = services.draft_context(alice, case)
    text = "\n".join(part.text for part in draft_reply(context).parts)
    assert "Alice Archer" in text
    assert "bound method" not in text


def test_a_reply_quoting_our_email_gives_only_the_customers_own_facts(alice, customer):
    """The date, order number and words of our email quoted below the customer's reply are
    not theirs: reply help still asks when it happened and what the reference is."""
    case = open_own_case(
        alice,
        customer,
        channel="email",
        subject="Re: your kettle",
        text=(
            "That is not good enough, it still switches itself off.\n\n"
            "On Mon, 30 Nov 2026 at 10:02, Brightside Support <support@brightside.example> "
            "wrote:\n> Thank you for order BH-4471203. Our engineer visited on 3 March and found\n"
            "> nothing wrong.\n"
        ),
    )
    found = services.reply_help(alice, case)
    context = services.draft_context(alice, case)
    assert context.facts.when is None
    assert context.facts.reference is None
    assert {Fact.WHEN, Fact.REFERENCE} <= _asked(found)
    assert "engineer" not in found.repeat_back
