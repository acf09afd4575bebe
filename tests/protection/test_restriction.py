"""Restricting a customer and closing the relationship (C4 1.6, 3.8): a manager's decision
with a reason and a review date, shown on the customer and on every case, reversible by a
manager with a reason, and a restricted customer's new contacts are kept and go to the named
person, whether recorded by hand, by the API or imported."""

from __future__ import annotations

import logging

import pytest
from django.test import Client
from django.urls import reverse

from calmdesk.cases.imports import import_csv_text
from calmdesk.cases.models import AuditEntry, Case, Message
from calmdesk.cases.services import open_case
from calmdesk.core.roles import NotAllowed
from calmdesk.notifications.models import Notification
from calmdesk.protection import services
from calmdesk.protection.models import ContactRestriction
from calmdesk.protection.services import Conflict, ProtectionError, lift_restriction, record_step

from .conftest import CALM, write_again


@pytest.fixture
def restricted(abusive_case, carol, frank):
    """Priya restricted to email, through Frank (Returns team), by Carol."""
    taken = record_step(
        carol,
        abusive_case,
        step="restrict_contact",
        behaviour="abusive",
        reason="Four abusive calls in a week.",
        channel="email",
        contact_person=frank,
    )
    return taken.restriction


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_restriction_shows_on_every_case_of_the_customer(restricted, alice, carol, customer):
    second = open_case(alice, alice.organisation, customer=customer, channel="telephone", text=CALM)
    for case in Case.objects.filter(customer=customer):
        for user in (carol, case.assignee):
            html = _client(user).get(reverse("cases:detail", args=[case.pk])).content.decode()
            assert 'id="restriction-heading">Contact restricted' in html
            assert "Contact only by email and only through Frank Fisher." in html
            assert "Four abusive calls in a week." in html
    assert second.pk != restricted.step_taken.case_id


def test_the_restriction_shows_on_the_customers_page(restricted, alice, customer):
    page = _client(alice).get(reverse("protection:customer", args=[customer.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Contact only by email and only through Frank Fisher." in html
    assert "Only a manager can lift it." in html


def test_another_organisation_cannot_see_the_customers_page(restricted, eve, customer):
    assert _client(eve).get(reverse("protection:customer", args=[customer.pk])).status_code == 404


def test_a_new_case_for_the_customer_goes_to_the_named_person(restricted, alice, frank, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    case.refresh_from_db()
    assert (case.assignee, case.team) == (frank, frank.team)
    assert case.messages.count() == 1
    entry = AuditEntry.objects.get(case=case, action="case.assigned")
    assert entry.detail["new"] == frank.pk
    assert "named contact" in entry.summary
    assert Notification.objects.filter(recipient=frank, case=case, kind="tolerance").exists()


def test_a_reply_on_an_existing_case_goes_to_the_named_person(restricted, abusive_case, frank):
    message = write_again(abusive_case, CALM)
    abusive_case.refresh_from_db()
    assert abusive_case.assignee == frank
    assert Message.objects.filter(pk=message.pk).exists()


def test_an_imported_contact_is_kept_and_goes_to_the_named_person(restricted, org, frank, customer):
    csv = (
        "external_id,customer_name,customer_email,channel,text\n"
        f'R-1,Priya Shah,priya@example.com,email,"{CALM}"\n'
    )
    report = import_csv_text(org, csv)
    assert report.created_messages == 1
    message = Message.objects.get(external_id="R-1")
    case = Case.objects.get(pk=message.case_id)
    assert (case.customer, case.assignee, case.team) == (customer, frank, frank.team)


def test_a_contact_on_another_channel_is_still_recorded_and_flagged(restricted, abusive_case):
    message = write_again(abusive_case, CALM, channel="telephone")
    assert Message.objects.filter(pk=message.pk).exists()
    entry = AuditEntry.objects.get(
        action="protection.restricted_contact", detail__message_id=message.pk
    )
    assert entry.detail["off_channel"] is True
    assert "another channel" in entry.summary


def test_a_customer_whose_relationship_is_closed_is_still_recorded(
    abusive_case, carol, customer, alice
):
    record_step(
        carol, abusive_case, step="close_relationship", behaviour="abusive", reason="Threats."
    )
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    assert case.messages.count() == 1
    assert AuditEntry.objects.filter(case=case, action="protection.restricted_contact").exists()
    case.refresh_from_db()
    assert case.assignee == alice  # no named person: it stays where it landed


def test_a_failing_route_never_drops_the_contact(restricted, abusive_case, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("routing broke")

    monkeypatch.setattr(services, "_route", broken)
    with caplog.at_level(logging.ERROR, logger="calmdesk.protection.services"):
        message = write_again(abusive_case, CALM)
    assert Message.objects.filter(pk=message.pk).exists()
    assert "they are kept" in caplog.text


def test_an_agent_cannot_lift_a_restriction(restricted, alice):
    with pytest.raises(NotAllowed, match="Only a manager"):
        lift_restriction(alice, restricted, "She apologised.")
    response = _client(alice).post(
        reverse("protection:lift_restriction", args=[restricted.pk]), {"lift-reason": "Sorry."}
    )
    assert response.status_code == 403
    restricted.refresh_from_db()
    assert restricted.active


def test_lifting_needs_a_reason(restricted, carol):
    with pytest.raises(ProtectionError, match="Say why"):
        lift_restriction(carol, restricted, "  ")
    response = _client(carol).post(
        reverse("protection:lift_restriction", args=[restricted.pk]), {"lift-reason": ""}
    )
    assert response.status_code == 400
    assert 'id="id_lift-reason_error"' in response.content.decode()


def test_a_manager_lifts_it_audited_and_it_leaves_every_case(
    restricted, carol, customer, abusive_case
):
    client = _client(carol)
    response = client.post(
        reverse("protection:lift_restriction", args=[restricted.pk]),
        {"lift-reason": "Apologised in writing; review brought forward."},
    )
    assert response.status_code == 302
    restricted.refresh_from_db()
    assert (restricted.lifted_by, restricted.active) == (carol, False)
    entry = AuditEntry.objects.get(action="protection.restriction_lifted")
    assert (entry.case, entry.customer, entry.actor) == (abusive_case, customer, carol)
    html = client.get(reverse("cases:detail", args=[abusive_case.pk])).content.decode()
    assert "restriction-heading" not in html
    page = client.get(reverse("protection:customer", args=[customer.pk])).content.decode()
    assert "Apologised in writing" in page
    with pytest.raises(Conflict, match="already lifted"):
        lift_restriction(carol, restricted, "Again.")


def test_after_lifting_new_contacts_are_no_longer_rerouted(restricted, carol, alice, customer):
    lift_restriction(carol, restricted, "Resolved.")
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=CALM)
    case.refresh_from_db()
    assert case.assignee == alice


def test_every_step_is_in_the_audit_trail(restricted, carol):
    lift_restriction(carol, restricted, "Resolved.")
    actions = list(
        AuditEntry.objects.filter(action__startswith="protection.").values_list("action", flat=True)
    )
    assert actions == [
        "protection.step_recorded",
        "protection.restricted",
        "protection.restriction_lifted",
    ]


def test_a_manager_of_another_organisation_cannot_lift(restricted, eve):
    with pytest.raises(NotAllowed):
        lift_restriction(eve, restricted, "Not mine.")
    response = _client(eve).post(
        reverse("protection:lift_restriction", args=[restricted.pk]), {"lift-reason": "x"}
    )
    assert response.status_code == 404
    assert ContactRestriction.objects.get().active
