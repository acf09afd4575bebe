"""The worker's timers (issue 4: background work).

`calmdesk worker` runs `run_timers_forever` in a thread beside the task queue, and
`calmdesk worker --batch` calls `run_timers_once`. A thread rather than a self-rescheduling
django-task: a task that queues its successor stops for good if one run is lost (a worker
killed between running and re-queueing, a queue purged), and needs seeding on a fresh
database; a loop in every worker needs nothing, and `fire_due_timers` claims rows with
SKIP LOCKED, so any number of workers on any number of machines share the timers and each
fires once.
"""

from __future__ import annotations

import logging
import threading
import time

from django.db import close_old_connections, connection

from calmdesk.cases.maintenance import refresh_planner_statistics
from calmdesk.followup.services import FireReport, fire_due_timers, refresh_stale_promises

logger = logging.getLogger("calmdesk.followup")

TIMER_INTERVAL_SECONDS = 5.0
# The worker also keeps SQLite's planner statistics fresh (cases/maintenance.py), hourly.
STATISTICS_INTERVAL_SECONDS = 3600.0


def run_timers_once() -> tuple[FireReport, int]:
    """Bring stale promises up to date, then fire every timer that is due."""
    refreshed = 0
    while True:
        done = refresh_stale_promises()
        refreshed += done
        if done < 500:
            break
    return fire_due_timers(), refreshed


def run_timers_forever(stop: threading.Event, interval: float = TIMER_INTERVAL_SECONDS) -> None:
    statistics_due = 0.0
    while not stop.is_set():
        try:
            close_old_connections()
            if time.monotonic() >= statistics_due:
                statistics_due = time.monotonic() + STATISTICS_INTERVAL_SECONDS
                try:
                    refresh_planner_statistics()
                except Exception:  # slower plans until the next hour, never missed timers
                    logger.exception("Refreshing the planner's statistics failed")
            refresh_stale_promises()
            report = fire_due_timers()
            if report.fired:
                logger.info("Fired %s timers, %s notifications", report.fired, report.notified)
        except Exception:  # a database hiccup must not end the loop; log it and go on
            logger.exception("Firing timers failed; trying again in %s s", interval)
        finally:
            connection.close()
        stop.wait(interval)


def start_timer_thread(interval: float = TIMER_INTERVAL_SECONDS) -> threading.Event:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_timers_forever, args=(stop, interval), name="calmdesk-timers", daemon=True
    )
    thread.start()
    return stop
