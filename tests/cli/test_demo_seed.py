import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.db import transaction
from django.utils import timezone

from calmdesk.cases.models import AuditEntry, Case, Customer, Message, Note
from calmdesk.core.assessment import labels as assessment_labels
from calmdesk.core.channels import Channel
from calmdesk.core.lifecycle import CaseStatus
from calmdesk.core.roles import Role
from calmdesk.core.sending import threading_headers
from calmdesk.demo.seed import MANAGER_PERMISSIONS, demo_case_key, load_demo_data, seed_demo
from calmdesk.outbound.checking import findings_for
from calmdesk.people.models import AuthorityLimit, Organisation, User
from calmdesk.replies.services import reply_help

# Every issue type a team leader files real contacts under ("other" is not one to show off).
ISSUE_TYPES = set(assessment_labels.ISSUES) - {"other"}
INDICATORS = set(assessment_labels.INDICATORS)
RISKS = set(assessment_labels.RISKS)


@pytest.fixture(scope="module")
def seeded_at():
    return timezone.now()


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker, seeded_at):
    """The demo seeded once for this module, inside a transaction rolled back at its end.

    Every test in this module therefore sees the seeded demo.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield seed_demo(now=seeded_at)
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def _counts() -> dict[str, int]:
    models = (Organisation, User, AuthorityLimit, Customer, Case, Message, Note, AuditEntry)
    return {model.__name__: model.objects.count() for model in models}


def test_seeding_twice_creates_nothing_new(seeded):
    before = _counts()
    again = seed_demo()
    assert again.created_cases == 0
    assert again.created_users == 0
    assert _counts() == before


def test_demo_has_at_least_45_cases_on_every_channel(seeded):
    assert seeded.created_cases == seeded.total_cases >= 45
    channels = set(Case.objects.values_list("first_channel", flat=True))
    assert channels == {channel.value for channel in Channel}


def test_demo_cases_between_them_show_every_issue_indicator_and_some_risks():
    cases = load_demo_data()["cases"]
    issues = {case["expected"]["issue"] for case in cases}
    indicators = {name for case in cases for name in case["expected"]["indicators"]}
    risks = {name for case in cases for name in case["expected"]["risks"]}
    assert issues == ISSUE_TYPES
    assert indicators == INDICATORS
    assert {"abusive", "threat_legal", "threat_public", "threat_leave"} <= risks <= RISKS


def test_demo_cases_reach_every_status_and_several_staff(seeded):
    assert set(Case.objects.values_list("status", flat=True)) == {s.value for s in CaseStatus}
    assignees = set(Case.objects.exclude(assignee=None).values_list("assignee__role", flat=True))
    assert {"agent", "team_leader"} <= assignees
    assert Case.objects.filter(assignee=None).exists()


def test_demo_cases_carry_follow_ups_replies_and_internal_notes(seeded):
    with_reply = Case.objects.filter(messages__direction=Message.Direction.OUTBOUND).distinct()
    follow_up = Message.objects.filter(
        direction=Message.Direction.INBOUND, external_id__regex=r"\.[1-9][0-9]*@"
    )
    assert with_reply.count() >= 30
    assert follow_up.values("case").distinct().count() >= 8
    assert Note.objects.values("case").distinct().count() >= 20


def test_demo_shows_an_escalation_open_actions_and_recorded_facts(seeded):
    """The team leader has an escalation waiting with its handover, agents have actions
    from other departments (one overdue) and cases carry the facts their options rest on."""
    from calmdesk.followup.models import ActionRequest
    from calmdesk.followup.services import open_actions_for
    from calmdesk.resolution.services import escalations_for, fact_sheet

    grace = User.objects.get(username="grace")
    [waiting] = escalations_for(grace)
    assert waiting.remedy == "goodwill_gesture"
    assert waiting.raised_by.username == "amira"
    assert "two weekends" in waiting.handover
    assert fact_sheet(waiting.case).product_group == "large_appliances"
    open_actions = ActionRequest.objects.filter(status="open")
    assert {action.kind for action in open_actions} == {"technical_support", "service_visit"}
    assert any(action.due_at < timezone.now() for action in open_actions)
    assert any(action.due_at > timezone.now() for action in open_actions)
    assert open_actions_for(User.objects.get(username="liam"))


def test_demo_customers_include_every_kind_of_stated_need(seeded):
    customers = Customer.objects.filter(organisation=seeded.organisation)
    assert customers.filter(needs_large_print=True).exists()
    assert customers.filter(needs_relay_service=True).exists()
    assert customers.filter(needs_carer_or_advocate=True).exists()
    assert customers.filter(needs_sign_language=True).exists()
    assert customers.filter(preferred_language="Welsh").exists()
    assert customers.filter(terminology=Customer.Terminology.SPECIALIST).exists()
    assert customers.filter(kind=Customer.Kind.INTERNAL).exists()


def test_demo_staff_have_authority_limits_by_role(seeded):
    def limit(username: str, remedy: str) -> AuthorityLimit:
        return AuthorityLimit.objects.get(user__username=username, remedy=remedy)

    assert limit("amira", "refund").max_amount == Decimal("50.00")
    assert limit("amira", "credit_note").max_amount == Decimal("30.00")
    assert limit("amira", "replacement").allowed
    assert limit("grace", "refund").max_amount == Decimal("250.00")
    manager_refund = limit("helen", "refund")
    assert manager_refund.allowed
    assert manager_refund.max_amount is None
    assert not AuthorityLimit.objects.filter(user__role="trainer").exists()


def test_demo_has_two_agents_and_a_leader_in_each_team(seeded):
    for team in seeded.organisation.teams.all():
        roles = list(team.members.values_list("role", flat=True))
        assert roles.count("agent") >= 2
        assert roles.count("team_leader") == 1
    roles = set(
        User.objects.filter(organisation=seeded.organisation).values_list("role", flat=True)
    )
    assert roles == {role.value for role in Role}


def test_the_printed_password_logs_in_one_demo_user_of_each_role(seeded):
    assert [login.role for login in seeded.logins] == list(Role)
    for login in seeded.logins:
        user = authenticate(username=login.username, password=seeded.password)
        assert user is not None
        assert user.role == login.role.value


def test_demo_history_is_spread_over_the_last_four_weeks_and_never_in_the_future(seeded, seeded_at):
    now = seeded_at
    times = list(AuditEntry.objects.values_list("at", flat=True))
    assert max(times) <= now
    assert min(times) >= now - timedelta(days=28)
    assert min(times) <= now - timedelta(days=21)
    opened = Case.objects.values_list("opened_at", flat=True)
    assert len({moment.date() for moment in opened}) >= 20


def test_demo_audit_trail_records_who_did_each_step(seeded):
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"case.opened", "message.recorded", "note.added", "case.assigned"} <= actions
    assert {"case.status_changed"} <= actions
    reopened = Case.objects.get(status=CaseStatus.REOPENED)
    summaries = list(reopened.audit_entries.values_list("summary", flat=True))
    assert "Resolved → Re-opened (customer wrote again)" in summaries


def test_demo_has_a_reply_that_quotes_our_email_read_without_the_quote(seeded):
    """One customer answers our email below the quoted original, as email clients do: the
    assessment reads their line only (the case page folds the quote away)."""
    from calmdesk.core.quoting import split_quoted_tail

    quoting = [
        message
        for message in Message.objects.filter(direction="inbound", channel="email")
        if split_quoted_tail(message.text)[1]
    ]
    assert quoting
    for message in quoting:
        own, quoted = split_quoted_tail(message.text)
        assert "wrote:" in quoted
        result = message.assessment.result
        spans = [s for item in result["indicators"] + result["risks"] for s in item["evidence"]]
        assert all(span["end"] <= len(own) for span in spans)
        assert "van" not in (result["point_of_view"] or "")  # words of our quoted email


MESSAGE_ID = re.compile(r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@demo\.calmdesk\.invalid>")


def test_every_demo_message_has_a_proper_message_id(seeded):
    ids = list(Message.objects.values_list("external_id", flat=True))
    assert ids
    assert all(MESSAGE_ID.fullmatch(external_id) for external_id in ids), ids[:3]
    assert len(set(ids)) == len(ids)


def test_a_reply_on_a_demo_email_thread_gets_bracketed_threading_headers(seeded):
    """What outbound sending builds from the stored ids (core.sending.threading_headers)."""
    case = Case.objects.filter(first_channel="email", messages__direction="outbound").first()
    thread = list(
        case.messages.filter(channel="email")
        .order_by("sent_at", "id")
        .values_list("external_id", "direction")
    )
    inbound = [mid for mid, direction in thread if direction == "inbound"]
    headers = threading_headers([mid for mid, _ in thread], inbound[-1])
    assert MESSAGE_ID.fullmatch(headers["In-Reply-To"])
    assert all(MESSAGE_ID.fullmatch(mid) for mid in headers["References"].split())


def test_a_demo_seeded_with_the_old_ids_gets_message_ids_and_no_second_copy(seeded):
    before = _counts()
    first = Message.objects.order_by("id").first()
    proper = first.external_id
    key, position = proper[1:].split("@")[0].rsplit(".", 1)
    old = f"demo:{key}:{position}"
    Message.objects.filter(pk=first.pk).update(external_id=old)
    answer = Message.objects.exclude(pk=first.pk).first()
    Message.objects.filter(pk=answer.pk).update(in_reply_to=old)
    again = seed_demo()
    assert again.created_cases == 0
    assert _counts() == before
    first.refresh_from_db()
    answer.refresh_from_db()
    assert first.external_id == proper == demo_case_key(key, int(position))
    assert answer.in_reply_to == proper


def test_the_demo_manager_may_edit_templates_and_policy_in_the_admin(seeded, client):
    helen = User.objects.get(username="helen")
    assert helen.is_staff
    assert not helen.is_superuser
    granted = {
        (p.content_type.app_label, p.codename)
        for group in helen.groups.all()
        for p in group.permissions.all()
    }
    assert granted == set(MANAGER_PERMISSIONS)
    staff = set(User.objects.filter(is_staff=True).values_list("username", flat=True))
    assert staff == {"helen"}
    client.force_login(helen)
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "Reply templates" in page.content.decode()
    assert client.get("/admin/replies/replytemplate/").status_code == 200
    client.force_login(User.objects.get(username="amira"))
    assert client.get("/admin/").status_code == 302  # to the admin's login: not staff


@pytest.mark.parametrize(
    "channel", ["email", "sms", "social_media", "letter", "telephone", "face_to_face"]
)
def test_every_demo_draft_passes_the_reply_checker(seeded, channel):
    """What calmdesk drafts must pass its own checker: for each demo case, the draft on each
    channel (social media checked as a public reply) has no finding, the repeat-back within."""
    public = channel == "social_media"
    found = []
    for case in Case.objects.select_related("customer", "organisation").order_by("pk"):
        user = (
            case.assignee
            or User.objects.filter(organisation=case.organisation, role="agent").first()
        )
        draft = reply_help(user, case, channel=channel).draft
        text = draft.text(private=False) if public else draft.text()
        found += [
            (case.reference, shown.finding.type, shown.words)
            for shown in findings_for(user, case, text, Channel(channel), public=public)
        ]
    assert found == []
