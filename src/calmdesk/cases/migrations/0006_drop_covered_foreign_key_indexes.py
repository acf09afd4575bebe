"""Drop foreign-key indexes that composite indexes already serve; imports pay for each index.

SQLite rebuilds cases_message to alter its columns, which drops the full-text triggers made in
0004; they are made again here, and the index rebuilt.
"""

import django.db.models.deletion
from django.db import migrations, models

SQLITE_SEARCH_TRIGGERS = [
    """
    CREATE TRIGGER IF NOT EXISTS cases_message_fts_insert AFTER INSERT ON cases_message BEGIN
        INSERT INTO cases_message_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS cases_message_fts_delete AFTER DELETE ON cases_message BEGIN
        INSERT INTO cases_message_fts(cases_message_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS cases_message_fts_update AFTER UPDATE OF text ON cases_message
    BEGIN
        INSERT INTO cases_message_fts(cases_message_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO cases_message_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    "INSERT INTO cases_message_fts(cases_message_fts) VALUES ('rebuild')",
]


def restore_sqlite_search_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in SQLITE_SEARCH_TRIGGERS:
            schema_editor.execute(statement)



class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0005_queue_sort_indexes'),
        ('people', '0001_initial'),
    ]

    operations = [
        # Undoing this migration rebuilds the table again: the first step restores them then.
        migrations.RunPython(migrations.RunPython.noop, restore_sqlite_search_triggers),
        migrations.AlterField(
            model_name='auditentry',
            name='case',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='audit_entries', to='cases.case'),
        ),
        migrations.AlterField(
            model_name='case',
            name='organisation',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='cases', to='people.organisation'),
        ),
        migrations.AlterField(
            model_name='case',
            name='team',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='cases', to='people.team'),
        ),
        migrations.AlterField(
            model_name='message',
            name='case',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='messages', to='cases.case'),
        ),
        migrations.AlterField(
            model_name='message',
            name='organisation',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, to='people.organisation'),
        ),
        migrations.RunPython(restore_sqlite_search_triggers, migrations.RunPython.noop),
    ]
