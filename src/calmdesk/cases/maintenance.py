"""Keeping the database's query planner informed.

SQLite plans a query from its statistics tables; without them it guesses, and with several
indexes that start with the same column it can guess badly (the queue of one team counted
its 25,000 cases through the organisation's index instead of the team's: 93 ms against
26 ms). PostgreSQL's autovacuum keeps its own statistics, so only SQLite needs this.
"""

from __future__ import annotations

from django.db import connection

# Rows SQLite samples per index: bounded, so ANALYZE stays quick on a large desk.
ANALYSIS_LIMIT = 1000


def refresh_planner_statistics() -> bool:
    """Refresh SQLite's statistics (ANALYZE with a sampling limit); True if it ran."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
    return True
