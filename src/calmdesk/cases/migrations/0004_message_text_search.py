"""Word search over message text that stays fast at hundreds of thousands of messages.

Words are matched by their English stem on both databases ("refunds" finds "refunded").

PostgreSQL: each case has a row in cases_case_search holding a tsvector of its messages
(GIN-indexed), which a trigger extends with every new message's words, so the queue finds cases
without reading their messages.
SQLite: an FTS5 index over message text, kept in step by triggers.

Triggers live on cases_message. On SQLite a later migration that rebuilds that table (Django
does so for most column changes) drops them and must create them again;
tests/cases/test_search.py fails if it does not.
"""

from django.db import migrations

# Only the start of a very long message is indexed: a tsvector holds at most 1 MB.
INDEXED_CHARS = 20_000

POSTGRES_FORWARD = [
    # A table of its own rather than a column on cases_case: every update of a case row
    # rewrites all of that table's indexes, which made imports a third slower.
    """
    CREATE TABLE cases_case_search (
        case_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )
    """,
    f"""
    CREATE FUNCTION calmdesk_add_messages_to_case_search() RETURNS trigger AS $$
    BEGIN
        INSERT INTO cases_case_search AS search (case_id, document)
        SELECT case_id, to_tsvector('english', string_agg(left(text, {INDEXED_CHARS}), ' '))
          FROM new_messages GROUP BY case_id
        ON CONFLICT (case_id) DO UPDATE
           SET document = search.document || EXCLUDED.document
         WHERE pg_column_size(search.document) < 512000;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER message_feeds_case_search AFTER INSERT ON cases_message
    REFERENCING NEW TABLE AS new_messages
    FOR EACH STATEMENT EXECUTE FUNCTION calmdesk_add_messages_to_case_search()
    """,
    # No foreign key, so that emptying cases_case (a test database flush) is not blocked;
    # these triggers keep the two tables in step instead.
    """
    CREATE FUNCTION calmdesk_forget_case_search() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE cases_case_search;
        ELSE
            DELETE FROM cases_case_search WHERE case_id IN (SELECT id FROM old_cases);
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER case_search_follows_delete AFTER DELETE ON cases_case
    REFERENCING OLD TABLE AS old_cases
    FOR EACH STATEMENT EXECUTE FUNCTION calmdesk_forget_case_search()
    """,
    """
    CREATE TRIGGER case_search_follows_truncate AFTER TRUNCATE ON cases_case
    FOR EACH STATEMENT EXECUTE FUNCTION calmdesk_forget_case_search()
    """,
    f"""
    INSERT INTO cases_case_search (case_id, document)
    SELECT case_id, to_tsvector('english', string_agg(left(text, {INDEXED_CHARS}), ' '))
      FROM cases_message GROUP BY case_id
    """,
    "CREATE INDEX case_search_document ON cases_case_search USING gin (document)",
    # Word search replaces the substring index on message text, which cost every insert.
    "DROP INDEX IF EXISTS message_text_trgm",
]
POSTGRES_BACKWARD = [
    "CREATE INDEX IF NOT EXISTS message_text_trgm ON cases_message "
    "USING gin ((UPPER(text::text)) gin_trgm_ops)",
    "DROP TRIGGER IF EXISTS message_feeds_case_search ON cases_message",
    "DROP TRIGGER IF EXISTS case_search_follows_delete ON cases_case",
    "DROP TRIGGER IF EXISTS case_search_follows_truncate ON cases_case",
    "DROP FUNCTION IF EXISTS calmdesk_add_messages_to_case_search()",
    "DROP FUNCTION IF EXISTS calmdesk_forget_case_search()",
    "DROP TABLE IF EXISTS cases_case_search",
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
