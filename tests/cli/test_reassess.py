"""`calmdesk reassess` re-reads stored messages after a model update, in the worker or here."""

from __future__ import annotations

import pytest

from calmdesk.cases.models import Case, MessageAssessment
from calmdesk.cases.services import open_case
from calmdesk.core.assessment import engine_version

from .conftest import words

ANGRY = "You are useless idiots, this is the third broken kettle and I want my money back NOW."


@pytest.fixture
def stale(alice, customer):
    """Two cases whose assessments an older model wrote."""
    for text in ("Could you tell me when the Leeds store opens on Sunday?", ANGRY):
        open_case(alice, alice.organisation, customer=customer, channel="email", text=text)
    MessageAssessment.objects.update(model_version="text-linear-old", challenge_level=1)
    Case.objects.update(challenge_level=1)


def current() -> int:
    return MessageAssessment.objects.filter(model_version=engine_version()).count()


def test_reassess_queues_work_that_the_worker_runs(transactional_db, calmdesk, stale):
    """The worker closes its database connection between tasks, as a long-running process
    should, so this test cannot run inside a rolled-back transaction."""
    queued = calmdesk("reassess")
    assert queued.exit_code == 0, queued.output
    assert "Queued re-assessment of 2 messages" in words(queued.output)
    assert current() == 0
    ran = calmdesk("worker", "--batch")
    assert ran.exit_code == 0, ran.output
    assert current() == 2
    assert sorted(Case.objects.values_list("challenge_level", flat=True)) == [0, 3]


def test_reassess_now_runs_in_the_foreground(calmdesk, stale):
    result = calmdesk("reassess", "--now")
    assert result.exit_code == 0, result.output
    assert "Re-assessed 2 messages" in words(result.output)
    assert current() == 2


def test_nothing_to_do_says_so(calmdesk, case):
    result = calmdesk("reassess")
    assert result.exit_code == 0
    assert "already assessed" in words(result.output)
