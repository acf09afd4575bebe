from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from calmdesk.cases.imports import ImportReport, import_csv_path, import_csv_text
from calmdesk.cases.models import AuditEntry, Case, Customer, Message
from calmdesk.core.intake import IntakeError
from calmdesk.core.roles import NotAllowed

HEADER = "external_id,customer_name,customer_email,customer_phone,channel,received_at,text"
TWO_ROWS = (
    f"{HEADER}\n"
    "T-1,Ann Lee,ann@example.com,,telephone,2024-03-04T09:30:00,Rang about a late order.\n"
    "T-2,Tom Reid,,07700 900456,sms,2024-03-04T10:00:00+00:00,Where is my refund?\n"
)


def test_each_row_opens_a_case_for_its_customer(org, care_team, settings):
    """Rows become cases on the intake team; a naive time is in the desk's time zone."""
    settings.TIME_ZONE = "Europe/Paris"
    report = import_csv_text(org, TWO_ROWS)
    assert report == ImportReport(2, 2, 0, 0, ())
    ann = Case.objects.get(customer__name="Ann Lee")
    assert (ann.first_channel, ann.team, ann.status) == ("telephone", care_team, "new")
    assert ann.opened_at == datetime(2024, 3, 4, 9, 30, tzinfo=ZoneInfo("Europe/Paris"))
    message = ann.messages.get()
    assert (message.external_id, message.text, message.direction) == (
        "T-1",
        "Rang about a late order.",
        "inbound",
    )
    tom = Customer.objects.get(name="Tom Reid")
    assert tom.contacts.get().normalised == "07700900456"
    assert AuditEntry.objects.filter(action="case.opened").count() == 2


def test_rows_from_one_contact_point_share_a_customer(org, care_team, customer):
    text = (
        "customer_name,customer_phone,channel,text\n"
        "Priya Shah,07700 900123,sms,First text\n"
        "P Shah,07700-900-123,sms,Second text\n"
    )
    import_csv_text(org, text)
    assert Customer.objects.count() == 1
    assert Case.objects.filter(customer=customer).count() == 2


def test_case_reference_adds_the_row_to_that_case(org, case):
    Case.objects.filter(pk=case.pk).update(status="closed")
    text = f"customer_name,channel,case_reference,text\nPriya,email,{case.reference},Broken again\n"
    report = import_csv_text(org, text)
    assert (report.created_cases, report.created_messages) == (0, 1)
    case.refresh_from_db()
    assert (case.status, case.message_count) == ("reopened", 2)
    assert case.audit_entries.filter(action="case.status_changed").get().detail == {
        "old": "closed",
        "new": "reopened",
    }


def test_outbound_row_does_not_change_the_status(org, case):
    Case.objects.filter(pk=case.pk).update(status="waiting_customer")
    text = (
        "customer_name,channel,direction,case_reference,text\n"
        f"Priya,email,outbound,{case.reference},We have sent a new kettle.\n"
    )
    import_csv_text(org, text)
    case.refresh_from_db()
    assert case.status == "waiting_customer"
    assert case.messages.filter(direction="outbound").count() == 1


def test_unknown_case_reference_is_refused_by_row_and_nothing_is_kept(org, care_team):
    text = (
        "customer_name,channel,case_reference,text\n"
        "Ann Lee,sms,,A new problem\n"
        "Tom Reid,sms,,Another one\n"
        "Ann Lee,sms,CD-000999,Any news?\n"
    )
    with pytest.raises(IntakeError, match=r"^Row 4: there is no case CD-000999"):
        import_csv_text(org, text)
    assert Case.objects.count() == Customer.objects.count() == AuditEntry.objects.count() == 0


def test_team_leader_cannot_add_to_another_teams_case(org, bob, returns_case):
    text = f"customer_name,channel,case_reference,text\nTom,sms,{returns_case.reference},Hi\n"
    with pytest.raises(IntakeError, match=f"no case {returns_case.reference}"):
        import_csv_text(org, text, actor=bob)
    assert Message.objects.count() == 1


def test_importing_the_same_csv_twice_creates_nothing_new(org, care_team):
    """Rows with an external_id and rows known only by their content are both recognised."""
    text = TWO_ROWS + ",Ann Lee,ann@example.com,,sms,,No id on this one\n"
    first = import_csv_text(org, text)
    assert first.created_messages == 3
    again = import_csv_text(org, text)
    assert again == ImportReport(0, 0, 3, 0, ())
    assert (Case.objects.count(), Message.objects.count(), Customer.objects.count()) == (3, 3, 2)


def test_bad_rows_are_named_and_nothing_is_kept(org, care_team):
    text = TWO_ROWS + "T-3,Ann Lee,,,fax,,Hello\n"
    with pytest.raises(IntakeError, match=r"^Row 4: channel 'fax'"):
        import_csv_text(org, text)
    assert Case.objects.count() == AuditEntry.objects.count() == 0


def test_csv_file_that_is_not_utf8_is_refused(org, care_team, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_bytes(TWO_ROWS.replace("Ann Lee", "Zoë Lee").encode("cp1252"))
    with pytest.raises(IntakeError, match=r"contacts\.csv is not valid UTF-8"):
        import_csv_path(org, path)
    assert Case.objects.count() == 0


def test_csv_file_reports_progress_and_names_itself_in_the_audit(org, carol, tmp_path):
    path = tmp_path / "contacts.csv"
    path.write_text(TWO_ROWS, encoding="utf-8-sig")
    seen = []
    import_csv_path(org, path, actor=carol, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 2)]
    finished = AuditEntry.objects.get(action="import.finished")
    assert (finished.actor, finished.detail["source"]) == (carol, "contacts.csv")


def test_trainer_cannot_import_a_csv(org, care_team, dan):
    with pytest.raises(NotAllowed, match="trainer / assessor cannot import"):
        import_csv_text(org, TWO_ROWS, actor=dan)
    assert Case.objects.count() == 0
