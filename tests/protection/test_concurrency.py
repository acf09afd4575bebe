"""Two people at once (issue 4 "bad input"): two agents recording a tolerance step for the
same customer, or the same threatening message seen by two workers: one wins, nothing is
doubled. Real concurrent transactions need PostgreSQL (set DATABASE_URL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from calmdesk.cases.models import Message
from calmdesk.people.models import User
from calmdesk.protection.models import SafetyIncident, ToleranceStepTaken
from calmdesk.protection.services import Conflict, raise_incidents_for, record_step

from .conftest import THREAT, write_again


def _at_once(*calls):
    """Run the calls in threads released together; return what each returned or raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = []

    def run(call):
        try:
            barrier.wait()
            results.append(call())
        except Exception as exc:
            results.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent transactions need PostgreSQL: set DATABASE_URL")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_agents_record_the_same_step_at_once_one_wins(on_postgresql, abusive_case, alice):
    colleague = User.objects.create_user(
        username="ann", organisation=alice.organisation, team=alice.team, role="agent"
    )
    results = _at_once(
        lambda: record_step(alice, abusive_case, step="warning", behaviour="abusive"),
        lambda: record_step(colleague, abusive_case, step="warning", behaviour="abusive"),
    )
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "ToleranceStepTaken"]
    assert isinstance(next(r for r in results if isinstance(r, Exception)), Conflict)
    assert list(ToleranceStepTaken.objects.values_list("number", "step")) == [(1, "warning")]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_one_incident_when_two_workers_see_the_same_message(on_postgresql, abusive_case):
    message = write_again(abusive_case, THREAT)
    SafetyIncident.objects.all().delete()
    stored = Message.objects.get(pk=message.pk)
    _at_once(lambda: raise_incidents_for([stored]), lambda: raise_incidents_for([stored]))
    assert SafetyIncident.objects.filter(message=stored).count() == 1


def test_texts_are_what_the_assessment_reads(abusive_case):
    # Guards the fixtures above: if the engine stopped reading these texts as abuse and a
    # threat, the concurrency tests would pass for the wrong reason.
    assert abusive_case.latest_assessment.risk_names == ["abusive"]
    assert "threat_safety" in write_again(abusive_case, THREAT).assessment.risk_names
