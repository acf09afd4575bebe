"""Re-opening (issue 4; C4 2.9, 3.9): within the policy's window a finished case re-opens;
after it a new case is opened, linked to the old one; a matter re-opened
`reopen_escalate_after` times goes to the team leader by itself."""

from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

from django.utils import timezone

from calmdesk.cases.imports import import_email_bytes
from calmdesk.cases.models import AuditEntry, Case
from calmdesk.cases.services import change_status, record_message
from calmdesk.resolution import reopening
from calmdesk.resolution.models import CaseLink, Escalation

WINDOW = 28  # the demo policy's reopen_window_days
CLOSE = "Customer satisfied"


def resolve(case, user, days_ago: float):
    return change_status(
        user, case, "resolved", reason=CLOSE, now=timezone.now() - timedelta(days=days_ago)
    )


def test_within_the_window_the_case_re_opens(policy, case, alice):
    resolve(case, alice, WINDOW - 1)
    message = record_message(None, case, channel="email", text="It broke again.")
    assert message.case_id == case.pk
    case.refresh_from_db()
    assert case.status == "reopened"
    assert not CaseLink.objects.exists()
    assert Case.objects.count() == 1


def test_after_the_window_a_new_linked_case_opens(policy, case, alice, client):
    resolve(case, alice, WINDOW + 1)
    message = record_message(None, case, channel="email", text="It broke again, months on.")
    new_case = message.case
    assert new_case.pk != case.pk
    assert new_case.customer == case.customer
    assert new_case.team == case.team
    assert new_case.status == "new"
    case.refresh_from_db()
    assert case.status == "resolved"  # the old case stays as it was
    assert CaseLink.objects.get().previous_case == case
    assert AuditEntry.objects.filter(case=case, action="case.linked").exists()
    client.force_login(alice)
    new_page = client.get(f"/cases/{new_case.pk}/").content.decode()
    assert f'Follows <a href="/cases/{case.pk}/">{case.reference}</a>' in new_page
    old_page = client.get(f"/cases/{case.pk}/").content.decode()
    assert f'Continued in <a href="/cases/{new_case.pk}/">{new_case.reference}</a>' in old_page


def test_a_closed_case_counts_its_window_from_when_it_was_resolved(policy, case, alice):
    resolve(case, alice, WINDOW + 5)
    case = change_status(alice, case, "closed", reason=CLOSE)
    assert reopening.starts_new_case(case, timezone.now())
    assert not reopening.starts_new_case(case, timezone.now() - timedelta(days=10))


def test_outbound_messages_never_open_a_new_case(policy, case, alice):
    resolve(case, alice, WINDOW + 1)
    message = record_message(alice, case, channel="email", text="Checking in", direction="outbound")
    assert message.case_id == case.pk
    assert Case.objects.count() == 1


def test_without_a_policy_a_finished_case_re_opens_as_before(case, alice):
    resolve(case, alice, 400)
    message = record_message(None, case, channel="email", text="Hello again")
    assert message.case_id == case.pk


def test_re_opened_three_times_escalates_to_the_team_leader(policy, case, alice, bob):
    for time in range(1, 3):
        resolve(case, alice, 1)
        record_message(None, case, channel="email", text=f"Still broken ({time})")
        assert not Escalation.objects.exists()
    resolve(case, alice, 1)
    record_message(None, case, channel="email", text="Still broken (3)")
    escalation = Escalation.objects.get()
    assert escalation.reason == "reopened"
    assert escalation.to_role == "team_leader"
    assert escalation.raised_by is None
    assert "re-opened this matter 3 times" in escalation.handover
    assert bob.notifications.filter(kind="escalation").exists()
    # A fourth re-opening does not pile a second escalation on the open one.
    resolve(case, alice, 1)
    record_message(None, case, channel="email", text="Still broken (4)")
    assert Escalation.objects.count() == 1


def test_new_cases_after_the_window_count_as_re_openings_of_the_matter(policy, case, alice, bob):
    resolve(case, alice, 1)
    record_message(None, case, channel="email", text="Again (1)")  # re-opened: 1
    resolve(case, alice, WINDOW + 1)
    second = record_message(None, case, channel="email", text="Again (2)").case  # new case: 2
    assert not Escalation.objects.exists()
    resolve(second, alice, WINDOW + 2)
    third = record_message(None, second, channel="email", text="Again (3)").case  # new case: 3
    assert reopening.matter_of(third) == [third.pk, second.pk, case.pk]
    escalation = Escalation.objects.get()
    assert escalation.case == third
    assert escalation.reason == "reopened"


def _email(message_id: str, in_reply_to: str, sent) -> bytes:
    message = EmailMessage()
    message["From"] = "Priya Shah <priya@example.com>"
    message["To"] = "care@brightside.example"
    message["Subject"] = "Kettle"
    message["Message-ID"] = message_id
    message["Date"] = sent.strftime("%a, %d %b %Y %H:%M:%S +0000")
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    message.set_content("The kettle is off again.")
    return message.as_bytes()


def test_an_imported_reply_after_the_window_opens_a_linked_case(policy, org, alice):
    now = timezone.now()
    import_email_bytes(org, _email("<a@example.com>", "", now - timedelta(days=60)))
    case = Case.objects.get()
    resolve(case, alice, WINDOW + 2)
    import_email_bytes(org, _email("<b@example.com>", "<a@example.com>", now))
    new_case = Case.objects.exclude(pk=case.pk).get()
    assert CaseLink.objects.get(case=new_case).previous_case == case
    case.refresh_from_db()
    assert case.status == "resolved"


def test_an_imported_reply_within_the_window_re_opens(policy, org, alice):
    now = timezone.now()
    import_email_bytes(org, _email("<a@example.com>", "", now - timedelta(days=3)))
    case = Case.objects.get()
    resolve(case, alice, 1)
    import_email_bytes(org, _email("<b@example.com>", "<a@example.com>", now))
    case.refresh_from_db()
    assert case.status == "reopened"
    assert Case.objects.count() == 1
