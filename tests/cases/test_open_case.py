import pytest

from calmdesk.cases.models import AuditEntry, Case
from calmdesk.cases.services import open_case, record_message
from calmdesk.core.intake import IntakeError
from calmdesk.core.roles import NotAllowed


def test_open_case_numbers_cases_and_audits_it(case, alice):
    """The first case of an organisation is CD-000001 on the opener's team, audited."""
    assert case.reference == "CD-000001"
    assert case.team == alice.team
    assert case.assignee == alice
    assert case.messages.count() == 1
    entry = AuditEntry.objects.get(case=case, action="case.opened")
    assert entry.actor == alice


def test_trainer_cannot_open_a_case(dan, customer):
    """A trainer reads cases but never acts on them; nothing is created."""
    with pytest.raises(NotAllowed):
        open_case(dan, dan.organisation, customer=customer, channel="telephone", text="Hello")
    assert Case.objects.count() == 0


def test_empty_message_is_refused_and_changes_nothing(alice, customer):
    with pytest.raises(IntakeError, match="empty"):
        open_case(alice, alice.organisation, customer=customer, channel="sms", text="   ")
    assert Case.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_customer_writing_again_reopens_a_resolved_case(case, alice):
    Case.objects.filter(pk=case.pk).update(status="resolved")
    case.refresh_from_db()
    record_message(alice, case, channel="email", text="It has broken again.")
    case.refresh_from_db()
    assert case.status == "reopened"
    assert case.message_count == 2


def test_audit_trail_is_append_only(case):
    entry = AuditEntry.objects.filter(case=case).first()
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        AuditEntry.objects.filter(case=case).delete()
