"""Word search over message text that stays fast at hundreds of thousands of messages.

Words are matched by their English stem on both databases ("refunds" finds "refunded").

PostgreSQL: each case keeps a `search_document` tsvector (GIN-indexed) that a trigger extends
with every new message's words, so the queue finds cases without reading their messages.
SQLite: an FTS5 index over message text, kept in step by triggers.

Triggers live on cases_message. On SQLite a later migration that rebuilds that table (Django
does so for most column changes) drops them and must create them again;
tests/cases/test_search.py fails if it does not.
"""

from django.db import migrations

# Only the start of a very long message is indexed: a tsvector holds at most 1 MB.
INDEXED_CHARS = 20_000

POSTGRES_FORWARD = [
    "ALTER TABLE cases_case ADD COLUMN search_document tsvector NOT NULL DEFAULT ''::tsvector",
    f"""
    CREATE FUNCTION calmdesk_add_message_to_case_search() RETURNS trigger AS $$
    BEGIN
        UPDATE cases_case
           SET search_document = search_document
                                 || to_tsvector('english', left(NEW.text, {INDEXED_CHARS}))
         WHERE id = NEW.case_id
           AND pg_column_size(search_document) < 512000;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER message_feeds_case_search AFTER INSERT ON cases_message
    FOR EACH ROW EXECUTE FUNCTION calmdesk_add_message_to_case_search()
    """,
    f"""
    UPDATE cases_case c
       SET search_document = words.document
      FROM (SELECT case_id,
                   to_tsvector('english', string_agg(left(text, {INDEXED_CHARS}), ' ')) AS document
              FROM cases_message GROUP BY case_id) AS words
     WHERE words.case_id = c.id
    """,
    "CREATE INDEX case_search_document ON cases_case USING gin (search_document)",
    # Word search replaces the substring index on message text, which cost every insert.
    "DROP INDEX IF EXISTS message_text_trgm",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS message_text_trgm ON cases_message "
    "USING gin ((UPPER(text::text)) gin_trgm_ops)",
    "DROP TRIGGER IF EXISTS message_feeds_case_search ON cases_message",
    "DROP FUNCTION IF EXISTS calmdesk_add_message_to_case_search()",
    "ALTER TABLE cases_case DROP COLUMN IF EXISTS search_document",
]

SQLITE_FORWARD = [
    """
    CREATE VIRTUAL TABLE cases_message_fts USING fts5(
        text, content='cases_message', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    )
    """,
    """
    CREATE TRIGGER cases_message_fts_insert AFTER INSERT ON cases_message BEGIN
        INSERT INTO cases_message_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    """
    CREATE TRIGGER cases_message_fts_delete AFTER DELETE ON cases_message BEGIN
        INSERT INTO cases_message_fts(cases_message_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
    END
    """,
    """
    CREATE TRIGGER cases_message_fts_update AFTER UPDATE OF text ON cases_message BEGIN
        INSERT INTO cases_message_fts(cases_message_fts, rowid, text)
        VALUES ('delete', old.id, old.text);
        INSERT INTO cases_message_fts(rowid, text) VALUES (new.id, new.text);
    END
    """,
    "INSERT INTO cases_message_fts(cases_message_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS cases_message_fts_insert",
    "DROP TRIGGER IF EXISTS cases_message_fts_delete",
    "DROP TRIGGER IF EXISTS cases_message_fts_update",
    "DROP TABLE IF EXISTS cases_message_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("cases", "0003_postgres_search_indexes")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
