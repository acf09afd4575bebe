"""Recording a contact as a new case at /cases/new/."""

from __future__ import annotations

import pytest

from calmdesk.cases.models import AuditEntry, Case, ContactPoint, Customer

NEW = "/cases/new/"


def telephone_note(**changes: str) -> dict[str, str]:
    data = {
        "channel": "telephone",
        "name": "Sam Okafor",
        "phone": "07700 900456",
        "subject": "Fridge door seal",
        "text": "Rang to say the fridge door seal has split after two weeks.",
        "terminology": "unknown",
        "kind": "external",
    }
    return {**data, **changes}


def counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        Customer.objects.count(),
        ContactPoint.objects.count(),
        AuditEntry.objects.count(),
    )


def test_agent_records_a_telephone_note_as_a_new_case_on_her_team(client, alice):
    client.force_login(alice)
    response = client.post(NEW, telephone_note())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/cases/{case.pk}/"
    assert (case.first_channel, case.team, case.assignee) == ("telephone", alice.team, alice)
    assert case.subject == "Fridge door seal"
    assert case.customer.name == "Sam Okafor"
    message = case.messages.get()
    assert (message.direction, message.author) == ("inbound", alice)
    page = client.get(response["Location"]).content.decode()
    assert f"Recorded as {case.reference}." in page


def test_known_customer_is_recognised_by_a_contact_point(client, alice, customer):
    client.force_login(alice)
    client.post(NEW, telephone_note(name="", phone="", email="PRIYA@example.com", channel="email"))
    assert Case.objects.get().customer == customer
    assert Customer.objects.count() == 1


def test_stated_needs_are_kept_with_the_new_customer(client, alice):
    client.force_login(alice)
    client.post(
        NEW,
        telephone_note(
            preferred_language="Polish",
            terminology="plain",
            kind="internal",
            needs_relay_service="on",
            other_needs="Calls after 4pm",
        ),
    )
    customer = Customer.objects.get()
    assert customer.stated_needs() == [
        "Prefers Polish",
        "Uses a text relay service",
        "Plain language",
        "Calls after 4pm",
    ]
    assert customer.kind == "internal"


def test_recognising_a_known_customer_keeps_the_needs_they_stated_before(client, alice, customer):
    customer.needs_large_print = True
    customer.save()
    client.force_login(alice)
    client.post(NEW, telephone_note(email="priya@example.com"))
    customer.refresh_from_db()
    assert customer.needs_large_print is True


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"text": "   "}, "The message is empty.", "text"),
        ({"text": "x" * (1_048_576 + 1)}, "the largest calmdesk keeps is 1 MB", "text"),
        ({"channel": "carrier_pigeon"}, "Select a valid choice", "channel"),
        ({"email": "not-an-address"}, "Enter a valid email address.", "email"),
        (
            {"name": "", "phone": ""},
            "Give the customer&#x27;s name or a way to contact them.",
            None,
        ),
        ({"terminology": "shouty"}, "Select a valid choice", "terminology"),
    ],
)
def test_bad_contact_is_refused_with_a_clear_error_and_nothing_is_kept(
    client, alice, changes, message, field
):
    client.force_login(alice)
    before = counts()
    response = client.post(NEW, telephone_note(**changes))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    if field:
        assert f'id="id_{field}_error"' in html
    assert counts() == before


def test_every_field_of_the_new_case_form_has_a_label(client, alice):
    client.force_login(alice)
    response = client.get(NEW)
    html = response.content.decode()
    for field in response.context["form"]:
        assert f'<label for="{field.id_for_label}">' in html, field.name


def test_trainer_may_not_record_a_contact(client, dan):
    client.force_login(dan)
    before = counts()
    assert client.get(NEW).status_code == 403
    response = client.post(NEW, telephone_note())
    assert response.status_code == 403
    assert counts() == before


def test_contact_recorded_in_another_organisation_never_reaches_ours(client, eve, customer):
    """Eve's new contact with Priya's email makes a customer of Eve's own organisation."""
    client.force_login(eve)
    client.post(NEW, telephone_note(email="priya@example.com"))
    case = Case.objects.get()
    assert case.organisation == eve.organisation
    assert case.customer != customer
    assert customer.cases.count() == 0


def test_every_problem_is_listed_at_the_top_with_a_link_to_its_field(client, alice):
    client.force_login(alice)
    response = client.post(NEW, telephone_note(name="", phone="", text=""))
    html = response.content.decode()
    summary = html[html.index('id="error-summary-title"') :]
    assert "Give the customer&#x27;s name or a way to contact them." in summary
    assert '<a href="#id_text">What the customer said: The message is empty.</a>' in summary
    assert "<title>Error: Record a contact" in html


def test_what_the_customer_said_is_marked_required_for_everyone(client, alice, case):
    """The text boxes that may not be empty say so in the label and to assistive technology;
    the server checks them (its error is announced), so the browser's own check is not used."""
    client.force_login(alice)
    for url, name in [
        ("/cases/new/", "text"),
        (f"/cases/{case.pk}/", "message-text"),
        (f"/cases/{case.pk}/", "note-text"),
    ]:
        html = client.get(url).content.decode()
        box = html[html.index(f'name="{name}"') :]
        box = box[: box.index(">")]
        assert 'aria-required="true"' in box, (url, name)
        assert " required" not in box, (url, name)
    assert (
        'What the customer said <span class="required">(required)</span>'
        in client.get("/cases/new/").content.decode()
    )
