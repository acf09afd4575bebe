"""SQLite's planner statistics, refreshed by the worker."""

from __future__ import annotations

from django.db import connection

from calmdesk.cases.maintenance import refresh_planner_statistics


def test_statistics_are_gathered_on_sqlite_and_left_to_autovacuum_elsewhere(case):
    ran = refresh_planner_statistics()
    assert ran == (connection.vendor == "sqlite")
    if ran:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'cases_case'")
            assert cursor.fetchone()[0] > 0
