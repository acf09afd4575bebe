"""The challenge sort's index, NULLS LAST on PostgreSQL.

The queue sorts by challenge level descending with unassessed cases (NULL) last. A plain
descending index puts NULLs first on PostgreSQL, so the planner sorted every case of the
organisation instead (139 ms median at 100,000 cases). SQLite cannot write NULLS LAST in an
index and its plain index already serves the sort, so it keeps the index of 0007.
"""

from django.db import migrations

PLAIN = (
    'CREATE INDEX case_org_challenge ON cases_case '
    '(organisation_id, challenge_level DESC, last_activity_at DESC)'
)
NULLS_LAST = (
    'CREATE INDEX case_org_challenge ON cases_case '
    '(organisation_id, challenge_level DESC NULLS LAST, last_activity_at DESC)'
)


def nulls_last(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_org_challenge")
        schema_editor.execute(NULLS_LAST)


def plain(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS case_org_challenge")
        schema_editor.execute(PLAIN)


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_assessments")]

    operations = [migrations.RunPython(nulls_last, plain)]
