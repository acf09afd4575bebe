"""Migration 0009 gives stored assessments their word counts and points each case at the
assessment that says what it is about, as newly assessed messages get."""

from __future__ import annotations

import importlib

from django.apps import apps

from calmdesk.cases.models import Case, MessageAssessment
from calmdesk.cases.services import open_case, record_message

migration = importlib.import_module("calmdesk.cases.migrations.0009_case_issue")

QUOTED_ANSWER = (
    "Thursday is fine. It had better turn up this time.\n\n"
    "On Monday at 14:02, Care <care@example.com> wrote:\n"
    "> We can deliver on Thursday between 8am and 1pm instead.\n"
)


def test_the_migration_fills_words_and_each_cases_issue(alice, customer):
    case = open_case(
        alice,
        alice.organisation,
        customer=customer,
        channel="email",
        text="The parcel still has not arrived and the tracking has not moved since Monday.",
    )
    first = case.messages.get()
    answer = record_message(None, case, channel="email", text=QUOTED_ANSWER)
    calm = open_case(
        alice, alice.organisation, customer=customer, channel="sms", text="Opening hours?"
    )
    MessageAssessment.objects.update(words=0)
    Case.objects.update(issue_assessment=None)

    migration.fill(apps, None)

    assert MessageAssessment.objects.get(pk=answer.pk).words == 10  # the quote is not counted
    assert MessageAssessment.objects.get(pk=first.pk).words == 14
    assert Case.objects.get(pk=case.pk).issue_assessment_id == first.pk
    assert Case.objects.get(pk=calm.pk).issue_assessment_id == calm.messages.get().pk
