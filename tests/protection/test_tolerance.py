"""Recording tolerance steps (C4 1.6, 3.8): the step that applies now given the customer's
record, manager-only steps refused for others (service and page), every step audited, a
double submission recorded once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from calmdesk.cases.models import AuditEntry
from calmdesk.cases.services import open_case
from calmdesk.core.roles import NotAllowed
from calmdesk.notifications.models import Notification
from calmdesk.protection.models import ContactRestriction, ToleranceStepTaken
from calmdesk.protection.services import (
    Conflict,
    ProtectionError,
    record_step,
    tolerance_state,
)

from .conftest import CALM, write_again


def _record(actor, case, step, **kwargs):
    kwargs.setdefault("behaviour", "abusive")
    return record_step(actor, case, step=step, **kwargs)


def _give(case, alice, n):
    """The first n steps of the demo policy for abuse, as the agent may record them."""
    for step in ["warning", "final_warning", "end_contact"][:n]:
        _record(alice, case, step)


def test_abuse_shows_the_first_step_with_its_guidance(abusive_case):
    state = tolerance_state(abusive_case)
    assert state.behaviours == ["abusive"]
    assert (state.earlier_steps, state.now.step, state.now.rule.decided_by) == (
        0,
        "warning",
        "agent",
    )
    assert state.now.rule.guidance.startswith("Name the behaviour calmly")
    assert state.restriction is None


def test_an_agent_records_the_warning_audited_and_the_team_leader_told(abusive_case, alice, bob):
    taken = _record(alice, abusive_case, "warning", note="Told her the language must stop.")
    assert (taken.number, taken.step, taken.behaviour, taken.decided_by) == (
        1,
        "warning",
        "abusive",
        "agent",
    )
    assert (taken.customer, taken.case, taken.actor) == (abusive_case.customer, abusive_case, alice)
    entry = AuditEntry.objects.get(action="protection.step_recorded")
    assert (entry.case, entry.actor, entry.customer) == (abusive_case, alice, abusive_case.customer)
    assert entry.detail["step"] == "warning"
    assert entry.detail["note"] == "Told her the language must stop."
    assert Notification.objects.get(recipient=bob).kind == "tolerance"
    assert not Notification.objects.filter(recipient=alice).exists()
    assert tolerance_state(abusive_case).now.step == "final_warning"


@pytest.mark.parametrize(
    ("earlier", "expected"),
    [(0, "warning"), (1, "final_warning"), (2, "end_contact"), (3, "restrict_contact")],
)
def test_the_step_shown_follows_the_customers_record(abusive_case, alice, earlier, expected):
    _give(abusive_case, alice, earlier)
    state = tolerance_state(abusive_case)
    assert (state.earlier_steps, state.now.step) == (earlier, expected)


def test_after_four_steps_the_relationship_closes(abusive_case, alice, carol):
    _give(abusive_case, alice, 3)
    _record(carol, abusive_case, "restrict_contact", reason="Repeated abuse.", channel="email")
    assert tolerance_state(abusive_case).now.step == "close_relationship"


def test_the_record_is_the_customers_across_cases(abusive_case, alice, customer):
    _record(alice, abusive_case, "warning")
    write_again(abusive_case, CALM)
    second = open_case(
        alice, alice.organisation, customer=customer, channel="sms", text="You are pathetic idiots."
    )
    state = tolerance_state(second)
    assert (state.earlier_steps, state.now.step) == (1, "final_warning")
    assert [t.case for t in state.history] == [abusive_case]


def test_a_calm_message_shows_no_step(abusive_case, alice):
    write_again(abusive_case, CALM)
    abusive_case.refresh_from_db()
    state = tolerance_state(abusive_case)
    assert (state.behaviours, state.now) == ([], None)


def test_a_risk_the_policy_does_not_answer_is_not_unacceptable_behaviour(
    alice, customer, policy, client
):
    """A legal threat is a risk on the situation card, not behaviour to answer with a warning:
    the tolerance panel lists only what the policy answers, and here says nothing."""
    case = open_case(
        alice,
        alice.organisation,
        customer=customer,
        channel="email",
        text="My lawyer will hear about this kettle.",
    )
    assert "threat_legal" in case.latest_assessment.risk_names
    state = tolerance_state(case)
    assert (state.behaviours, state.now, state.uncovered) == ([], None, [])
    client.force_login(alice)
    assert 'id="tolerance-heading"' not in client.get(f"/cases/{case.pk}/").content.decode()
    with pytest.raises(ProtectionError, match="does not answer threat of legal action"):
        record_step(alice, case, step="warning", behaviour="threat_legal")
    assert not ToleranceStepTaken.objects.exists()


@pytest.mark.parametrize("step", ["restrict_contact", "close_relationship"])
def test_an_agent_cannot_record_a_managers_step(abusive_case, alice, step):
    _give(abusive_case, alice, 3)
    with pytest.raises(NotAllowed, match="manager's decision"):
        _record(alice, abusive_case, step, reason="r", channel="email")
    assert ToleranceStepTaken.objects.count() == 3
    assert not ContactRestriction.objects.exists()


def test_a_team_leader_cannot_record_a_managers_step(abusive_case, alice, bob):
    _give(abusive_case, alice, 3)
    with pytest.raises(NotAllowed):
        _record(bob, abusive_case, "restrict_contact", reason="r", channel="email")


def test_a_trainer_records_nothing(abusive_case, dan):
    with pytest.raises(NotAllowed):
        _record(dan, abusive_case, "warning")


def test_an_agent_records_only_the_step_that_applies_now(abusive_case, alice):
    with pytest.raises(Conflict, match="'Warning' applies now"):
        _record(alice, abusive_case, "end_contact")
    assert not ToleranceStepTaken.objects.exists()


def test_a_manager_may_choose_another_step_of_the_policy(abusive_case, carol):
    taken = _record(carol, abusive_case, "end_contact", note="Threatening call, ended at once.")
    assert (taken.number, taken.step) == (1, "end_contact")


def test_a_stale_record_is_refused_and_nothing_doubled(abusive_case, alice, bob):
    _record(alice, abusive_case, "warning", earlier_steps=0)
    # Bob saw the page before Alice's warning was recorded.
    with pytest.raises(Conflict, match="record changed"):
        _record(bob, abusive_case, "warning", earlier_steps=0)
    assert ToleranceStepTaken.objects.count() == 1


def test_restricting_needs_a_reason(abusive_case, alice, carol):
    _give(abusive_case, alice, 3)
    with pytest.raises(ProtectionError, match="needs a reason") as caught:
        _record(carol, abusive_case, "restrict_contact", channel="email")
    assert caught.value.field == "reason"
    assert ToleranceStepTaken.objects.count() == 3


def test_restricting_names_a_channel_or_a_person(abusive_case, alice, carol):
    _give(abusive_case, alice, 3)
    with pytest.raises(ProtectionError, match="one channel or the one contact"):
        _record(carol, abusive_case, "restrict_contact", reason="Repeated abuse.")


def test_the_review_date_defaults_from_the_policy(abusive_case, alice, carol):
    _give(abusive_case, alice, 3)
    taken = _record(carol, abusive_case, "restrict_contact", reason="Abuse.", contact_person=alice)
    restriction = taken.restriction
    assert restriction.review_on == timezone.localdate() + timedelta(days=90)
    assert (restriction.kind, restriction.contact_person, restriction.decided_by) == (
        "restrict_contact",
        alice,
        carol,
    )
    entry = AuditEntry.objects.get(action="protection.restricted")
    assert entry.detail["review_on"] == restriction.review_on.isoformat()
    assert entry.detail["reason"] == "Abuse."


def test_a_review_date_in_the_past_is_refused(abusive_case, carol):
    with pytest.raises(ProtectionError, match="after today") as caught:
        _record(
            carol,
            abusive_case,
            "close_relationship",
            reason="Threats.",
            review_on=timezone.localdate() - timedelta(days=1),
        )
    assert caught.value.field == "review_on"


def test_a_named_contact_from_another_organisation_is_refused(abusive_case, carol, eve):
    with pytest.raises(ProtectionError, match="cannot be the customer's named contact"):
        _record(carol, abusive_case, "restrict_contact", reason="Abuse.", contact_person=eve)


def test_a_new_restriction_replaces_the_one_in_force(abusive_case, carol):
    first = _record(carol, abusive_case, "restrict_contact", reason="Abuse.", channel="letter")
    second = _record(carol, abusive_case, "close_relationship", reason="More abuse.")
    first.restriction.refresh_from_db()
    assert first.restriction.lifted_at is not None
    assert "Replaced" in first.restriction.lift_reason
    assert ContactRestriction.objects.get(lifted_at__isnull=True) == second.restriction


def test_without_a_policy_nothing_is_suggested_or_recorded(alice, customer, org):
    case = open_case(alice, org, customer=customer, channel="email", text="You are useless idiots.")
    state = tolerance_state(case)
    assert state.no_policy
    assert state.now is None
    with pytest.raises(ProtectionError, match="No policy"):
        record_step(alice, case, step="warning", behaviour="abusive")


# The case page


def _page(user, case):
    client = Client()
    client.force_login(user)
    return client, client.get(reverse("cases:detail", args=[case.pk]))


def _post_step(client, case, **data):
    return client.post(
        reverse("protection:record_step", args=[case.pk]),
        {f"tolerance-{key}": value for key, value in data.items()},
    )


def test_the_case_page_shows_the_step_and_records_it(abusive_case, alice):
    client, page = _page(alice, abusive_case)
    html = page.content.decode()
    assert "Step that applies now: Warning" in html
    assert "Name the behaviour calmly" in html
    assert 'name="tolerance-step" value="warning"' in html
    response = _post_step(
        client, abusive_case, step="warning", behaviour="abusive", earlier_steps=0, note="Warned."
    )
    assert response.status_code == 302
    assert ToleranceStepTaken.objects.get().note == "Warned."
    _, page = _page(alice, abusive_case)
    assert "Step that applies now: Final warning" in page.content.decode()


def test_a_double_submission_from_the_page_records_once(abusive_case, alice):
    client, _ = _page(alice, abusive_case)
    post = {"step": "warning", "behaviour": "abusive", "earlier_steps": 0}
    assert _post_step(client, abusive_case, **post).status_code == 302
    again = _post_step(client, abusive_case, **post)
    assert again.status_code == 409
    assert "record changed" in again.content.decode()
    assert ToleranceStepTaken.objects.count() == 1


def test_the_page_tells_an_agent_a_managers_step_is_not_theirs(abusive_case, alice):
    _give(abusive_case, alice, 3)
    client, page = _page(alice, abusive_case)
    html = page.content.decode()
    assert "Step that applies now: Restrict contact" in html
    assert "a manager's decision" in html
    assert "tolerance-submit" not in html
    # Posting it anyway is refused on the server.
    response = _post_step(
        client,
        abusive_case,
        step="restrict_contact",
        behaviour="abusive",
        earlier_steps=3,
        reason="Abuse.",
        channel="email",
    )
    assert response.status_code == 403
    assert ToleranceStepTaken.objects.count() == 3


def test_a_manager_restricts_from_the_page_with_errors_tied_to_the_field(
    abusive_case, alice, carol
):
    _give(abusive_case, alice, 3)
    client, page = _page(carol, abusive_case)
    assert 'id="id_tolerance-reason"' in page.content.decode()
    missing = _post_step(
        client,
        abusive_case,
        step="restrict_contact",
        behaviour="abusive",
        earlier_steps=3,
        channel="email",
    )
    assert missing.status_code == 400
    assert 'id="id_tolerance-reason_error"' in missing.content.decode()
    done = _post_step(
        client,
        abusive_case,
        step="restrict_contact",
        behaviour="abusive",
        earlier_steps=3,
        channel="email",
        contact_person=alice.pk,
        reason="Four abusive contacts in a week.",
    )
    assert done.status_code == 302
    assert ContactRestriction.objects.get().channel == "email"


def test_a_trainer_sees_the_record_but_no_form(abusive_case, alice, dan):
    _record(alice, abusive_case, "warning")
    client, page = _page(dan, abusive_case)
    html = page.content.decode()
    assert "Steps taken" in html
    assert "tolerance-submit" not in html
    assert (
        _post_step(client, abusive_case, step="final_warning", behaviour="abusive").status_code
        == 403
    )


def test_another_team_cannot_post_a_step(abusive_case, frank):
    client = Client()
    client.force_login(frank)
    assert _post_step(client, abusive_case, step="warning", behaviour="abusive").status_code == 404
