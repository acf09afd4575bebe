"""What each case is about: the assessment whose issue says it (core.assessment.case_issue).

Existing assessments get their message's word count, read as the engine reads it (its own
words, without a quoted earlier message), and each case is pointed at the assessment whose
issue it keeps. Rows are read in batches so a large desk does not load every message at once.
"""

from itertools import groupby

import django.db.models.deletion
from django.db import migrations, models

from calmdesk.core.assessment.assess import AssessmentInputError, prepare_text
from calmdesk.core.assessment.case_issue import IssueReading, case_issue_index, count_words

BATCH = 1000


def _words(text):
    try:
        return count_words(prepare_text(text).text)
    except AssessmentInputError:
        return 0


def fill(apps, schema_editor):
    MessageAssessment = apps.get_model("cases", "MessageAssessment")
    Case = apps.get_model("cases", "Case")
    # Page by key rather than iterate one cursor: SQLite does not isolate a read from
    # writes to the same table on one connection.
    last = 0
    while True:
        page = list(
            MessageAssessment.objects.select_related("message")
            .filter(pk__gt=last)
            .order_by("pk")[:BATCH]
        )
        if not page:
            break
        for row in page:
            row.words = _words(row.message.text)
        MessageAssessment.objects.bulk_update(page, ["words"])
        last = page[-1].pk
    stored = MessageAssessment.objects.order_by("case_id", "message_id").values_list(
        "case_id", "message_id", "issue", "issue_confidence", "words"
    )
    cases = []
    # Ordered by case, so each case's readings are complete when the next case starts.
    for case_id, rows in groupby(stored.iterator(chunk_size=BATCH), key=lambda row: row[0]):
        items = [(message_id, IssueReading(*reading)) for _, message_id, *reading in rows]
        index = case_issue_index([reading for _, reading in items])
        cases.append(Case(pk=case_id, issue_assessment_id=items[index][0]))
        if len(cases) == BATCH:
            Case.objects.bulk_update(cases, ["issue_assessment"])
            cases = []
    Case.objects.bulk_update(cases, ["issue_assessment"])


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0008_challenge_sort_nulls_last'),
    ]

    operations = [
        migrations.AddField(
            model_name='case',
            name='issue_assessment',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='cases.messageassessment'),
        ),
        migrations.AddField(
            model_name='messageassessment',
            name='words',
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
