"""Trigram indexes so the queue's text search stays fast on PostgreSQL.

They match the SQL Django writes for `icontains` (UPPER(col::text) LIKE UPPER(...)).
SQLite has no such index type; there the search scans, which is fine for a small desk.
"""

from django.db import migrations

INDEXES = [
    ("cases_message", "text", "message_text_trgm"),
    ("cases_customer", "name", "customer_name_trgm"),
    ("cases_case", "subject", "case_subject_trgm"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column, name in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _, _, name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_initial")]

    operations = [migrations.RunPython(create, drop)]
