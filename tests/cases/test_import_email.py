import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from calmdesk.cases.imports import ImportReport, import_email_bytes, import_email_path
from calmdesk.cases.models import Attachment, AuditEntry, Case, Customer, Message
from calmdesk.core.intake import IntakeError
from calmdesk.core.roles import NotAllowed

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32)


def an_email(
    message_id: str,
    text: str = "The kettle I bought switches itself off.",
    *,
    sender: str = "Ann Lee <ann@example.com>",
    in_reply_to: str = "",
    references: str = "",
    attachments: tuple[tuple[str, str, bytes], ...] = (),
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "care@brightside.example"
    message["Subject"] = "Kettle"
    message["Message-ID"] = message_id
    message["Date"] = "Mon, 04 Mar 2024 10:15:00 +0000"
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    if references:
        message["References"] = references
    message.set_content(text)
    for name, content_type, data in attachments:
        maintype, subtype = content_type.split("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def an_mbox(path: Path, *emails: bytes) -> Path:
    box = mailbox.mbox(path)
    for raw in emails:
        box.add(raw)
    box.close()
    return path


def stored_files(media: Path) -> list[Path]:
    return sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []


def test_new_email_opens_a_case_for_a_new_customer(org, care_team):
    """An email that answers nothing opens a case on the intake team, audited by the system."""
    report = import_email_bytes(org, an_email("<first@example.com>"))
    assert report == ImportReport(1, 1, 0, 0, ())
    case = Case.objects.get()
    assert (case.reference, case.team, case.first_channel, case.status, case.subject) == (
        "CD-000001",
        care_team,
        "email",
        "new",
        "Kettle",
    )
    assert case.customer.name == "Ann Lee"
    assert case.customer.contacts.get().normalised == "ann@example.com"
    message = case.messages.get()
    assert message.external_id == "<first@example.com>"
    assert message.text == "The kettle I bought switches itself off."
    entry = AuditEntry.objects.get(case=case, action="case.opened")
    assert entry.actor is None
    assert AuditEntry.objects.filter(action="import.finished", case=None).count() == 1


def test_email_from_a_known_address_goes_to_that_customer(org, case, customer):
    import_email_bytes(org, an_email("<new@example.com>", sender="P. Shah <Priya@Example.com>"))
    assert Customer.objects.count() == 1
    assert Case.objects.exclude(pk=case.pk).get().customer == customer


def test_reply_by_in_reply_to_joins_the_case_and_reopens_it(org, care_team):
    import_email_bytes(org, an_email("<first@example.com>"))
    case = Case.objects.get()
    Case.objects.filter(pk=case.pk).update(status="resolved")
    report = import_email_bytes(
        org, an_email("<second@example.com>", "Still broken.", in_reply_to="<first@example.com>")
    )
    assert (report.created_cases, report.created_messages) == (0, 1)
    case.refresh_from_db()
    assert case.status == "reopened"
    assert case.message_count == 2
    assert list(case.messages.values_list("text", flat=True)) == [
        "The kettle I bought switches itself off.",
        "Still broken.",
    ]
    actions = list(case.audit_entries.values_list("action", flat=True))
    assert actions == ["case.opened", "case.status_changed", "message.recorded"]


def test_reply_by_references_joins_the_case(org, care_team):
    import_email_bytes(org, an_email("<first@example.com>"))
    import_email_bytes(
        org,
        an_email(
            "<third@example.com>",
            "Any news?",
            in_reply_to="<not-ours@example.com>",
            references="<first@example.com> <not-ours@example.com>",
        ),
    )
    assert Case.objects.get().message_count == 2


def test_replies_inside_one_mbox_join_the_case_opened_earlier_in_it(org, care_team, tmp_path):
    path = an_mbox(
        tmp_path / "inbox.mbox",
        an_email("<a@example.com>"),
        an_email("<b@example.com>", "A different problem.", sender="tom@example.com"),
        an_email("<c@example.com>", "Following up.", in_reply_to="<a@example.com>"),
    )
    report = import_email_path(org, path)
    assert (report.created_cases, report.created_messages) == (2, 3)
    ann_case = Case.objects.get(customer__name="Ann Lee")
    assert ann_case.message_count == 2
    assert Case.objects.get(customer__name="tom@example.com").message_count == 1


def test_importing_the_same_mbox_twice_creates_nothing_new(org, care_team, tmp_path):
    path = an_mbox(
        tmp_path / "inbox.mbox",
        an_email("<a@example.com>"),
        an_email("<b@example.com>", "Following up.", in_reply_to="<a@example.com>"),
    )
    import_email_path(org, path)
    counts = (Case.objects.count(), Message.objects.count(), Customer.objects.count())
    again = import_email_path(org, path)
    assert again == ImportReport(0, 0, 2, 0, ())
    assert (Case.objects.count(), Message.objects.count(), Customer.objects.count()) == counts


def test_a_message_repeated_in_one_file_is_kept_once(org, care_team, tmp_path):
    raw = an_email("<a@example.com>")
    report = import_email_path(org, an_mbox(tmp_path / "inbox.mbox", raw, raw))
    assert (report.created_messages, report.skipped_duplicates) == (1, 1)


def test_forbidden_attachment_is_refused_but_the_message_is_kept(org, care_team, settings):
    raw = an_email(
        "<files@example.com>",
        attachments=(
            ("fault.png", "image/png", PNG),
            ("invoice.exe", "application/octet-stream", b"MZ\x90\x00" + bytes(60)),
        ),
    )
    report = import_email_bytes(org, raw)
    assert report.attachments == 1
    assert len(report.refused_attachments) == 1
    assert "invoice.exe is not a type calmdesk keeps" in report.refused_attachments[0]
    case = Case.objects.get()
    assert case.messages.count() == 1
    kept = Attachment.objects.get()
    assert (kept.name, kept.message, kept.case) == ("fault.png", case.messages.get(), case)
    refusal = AuditEntry.objects.get(action="attachment.refused")
    assert refusal.case == case
    assert refusal.detail["attachment"] == "invoice.exe"
    assert stored_files(Path(settings.MEDIA_ROOT)) == [Path(settings.MEDIA_ROOT) / kept.file.name]


def test_attachment_over_the_size_limit_is_refused(org, care_team, settings):
    settings.CALMDESK_MAX_ATTACHMENT_BYTES = 1024
    raw = an_email("<big@example.com>", attachments=(("big.png", "image/png", PNG + bytes(2048)),))
    report = import_email_bytes(org, raw)
    assert report.attachments == 0
    assert "big.png is 0.0 MB" in report.refused_attachments[0]
    assert Message.objects.count() == 1


def test_a_bad_message_anywhere_leaves_database_and_files_as_they_were(
    org, care_team, tmp_path, settings
):
    """Message 3 has no From address: nothing is kept, not even message 1's attachment."""
    path = an_mbox(
        tmp_path / "inbox.mbox",
        an_email("<a@example.com>", attachments=(("fault.png", "image/png", PNG),)),
        an_email("<b@example.com>"),
        an_email("<c@example.com>").replace(b"From: Ann Lee <ann@example.com>\n", b""),
    )
    with pytest.raises(IntakeError, match=r"^Message 3 of inbox\.mbox: .*no From address"):
        import_email_path(org, path)
    assert Case.objects.count() == Message.objects.count() == Customer.objects.count() == 0
    assert AuditEntry.objects.count() == 0
    assert stored_files(Path(settings.MEDIA_ROOT)) == []
    org.refresh_from_db()
    assert org.last_case_number == 0


def test_directory_of_eml_files_imports_in_name_order_and_reports_progress(
    org, care_team, tmp_path
):
    (tmp_path / "2-reply.eml").write_bytes(
        an_email("<b@example.com>", "Any news?", in_reply_to="<a@example.com>")
    )
    (tmp_path / "1-first.eml").write_bytes(an_email("<a@example.com>"))
    (tmp_path / "notes.txt").write_text("not an email")
    seen = []
    report = import_email_path(
        org, tmp_path, progress=lambda done, total: seen.append((done, total))
    )
    assert (report.created_cases, report.created_messages) == (1, 2)
    assert seen == [(2, 2)]


def test_single_eml_file_errors_name_the_file(org, care_team, tmp_path):
    path = tmp_path / "broken.eml"
    path.write_bytes(b"\x00\x01\x02 not an email")
    with pytest.raises(IntakeError, match=r"^broken\.eml: This is not an email"):
        import_email_path(org, path)


def test_a_path_that_does_not_exist_is_refused(org, tmp_path):
    with pytest.raises(IntakeError, match="is not a file or a directory"):
        import_email_path(org, tmp_path / "missing.mbox")


def test_team_leader_imports_onto_their_own_team(org, bob, returns_team):
    import_email_bytes(org, an_email("<a@example.com>"), actor=bob)
    case = Case.objects.get()
    assert (case.team, case.assignee) == (bob.team, bob)
    assert AuditEntry.objects.get(action="case.opened").actor == bob


def test_team_leader_cannot_add_a_reply_to_another_teams_case(org, bob, returns_case):
    """A reply to a Returns case, imported by the Care team leader, is refused whole."""
    Message.objects.filter(case=returns_case).update(external_id="<returns@example.com>")
    raw = an_email("<reply@example.com>", in_reply_to="<returns@example.com>")
    with pytest.raises(NotAllowed, match="a team you cannot work on"):
        import_email_bytes(org, raw, actor=bob)
    assert Message.objects.count() == 1


@pytest.mark.parametrize("who", ["dan", "alice", "eve"])
def test_only_team_leaders_and_managers_of_the_organisation_may_import(
    org, care_team, who, request
):
    """A trainer, an agent and a manager of another organisation are refused; nothing is kept."""
    actor = request.getfixturevalue(who)
    with pytest.raises(NotAllowed):
        import_email_bytes(org, an_email("<a@example.com>"), actor=actor)
    assert Case.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def queries_to_import(org, path) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        report = import_email_path(org, path)
    return len(captured), report


# A batch costs a fixed number of statements: the cases' own writes, the assessments, and
# one or two reads each for the resolution, follow-up and protection hooks.
BATCH_QUERY_BUDGET = 30


def test_import_queries_do_not_grow_with_the_number_of_messages(org, care_team, tmp_path):
    def mailbox(name: str, first: int, count: int) -> Path:
        emails = [
            an_email(f"<m{n}@example.com>", sender=f"c{n}@example.com")
            for n in range(first, first + count)
        ]
        return an_mbox(tmp_path / name, *emails)

    few, _ = queries_to_import(org, mailbox("few.mbox", 0, 20))
    many, report = queries_to_import(org, mailbox("many.mbox", 20, 60))
    assert many == few
    assert many <= BATCH_QUERY_BUDGET
    assert report.created_cases == 60
    assert sorted(Case.objects.values_list("number", flat=True)) == list(range(1, 81))


def test_attachments_across_a_mailbox_are_kept_each_with_an_audit_entry(
    org, care_team, tmp_path, settings
):
    """Files kept and refused in one batch land on their own messages, each audited once."""
    emails = [
        an_email(
            f"<m{n}@example.com>",
            sender=f"c{n}@example.com",
            attachments=(("fault.png", "image/png", PNG), ("tool.exe", "text/plain", b"MZ")),
        )
        for n in range(3)
    ]
    report = import_email_path(org, an_mbox(tmp_path / "inbox.mbox", *emails))
    assert (report.attachments, len(report.refused_attachments)) == (3, 3)
    for message in Message.objects.all():
        kept = message.attachments.get()
        assert (kept.name, kept.case, kept.size) == ("fault.png", message.case, len(PNG))
        added = message.case.audit_entries.get(action="attachment.added")
        assert added.detail == {"attachment": "fault.png", "size": len(PNG)}
        refused = message.case.audit_entries.get(action="attachment.refused")
        assert refused.detail["message_id"] == message.pk
    stored = stored_files(Path(settings.MEDIA_ROOT))
    assert stored == sorted(
        Path(settings.MEDIA_ROOT) / a.file.name for a in Attachment.objects.all()
    )


def test_attachment_queries_do_not_grow_with_the_number_of_files(org, care_team, tmp_path):
    def mailbox(name: str, first: int, count: int) -> Path:
        emails = [
            an_email(
                f"<m{n}@example.com>",
                sender=f"c{n}@example.com",
                attachments=(("fault.png", "image/png", PNG),),
            )
            for n in range(first, first + count)
        ]
        return an_mbox(tmp_path / name, *emails)

    few, _ = queries_to_import(org, mailbox("few.mbox", 0, 10))
    many, report = queries_to_import(org, mailbox("many.mbox", 10, 40))
    assert many == few
    assert many <= BATCH_QUERY_BUDGET
    assert report.attachments == 40
    assert Attachment.objects.count() == 50
