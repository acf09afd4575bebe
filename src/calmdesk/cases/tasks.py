"""Background work on cases, run by `calmdesk worker` from the database queue."""

from __future__ import annotations

from django_tasks import task

from calmdesk.cases.assessing import REASSESS_CHUNK, reassess_pending

# Messages one task re-assesses before it queues its successor, so a long re-assessment never
# holds a worker for hours and a stopped worker loses at most one chunk.
MESSAGES_PER_TASK = 20 * REASSESS_CHUNK


@task()
def reassess_messages(after: int = 0, chunk_size: int = REASSESS_CHUNK) -> dict[str, int]:
    """Re-assess messages (ids above `after`) the current model has not read; queue a
    follow-on task from where this one stopped while any remain."""
    steps = reassess_pending(chunk_size=chunk_size, limit=MESSAGES_PER_TASK, after=after)
    last = None
    for step in steps:
        last = step
    if last is None:
        return {"reassessed": 0, "pending": 0, "cursor": after}
    if last.pending:
        reassess_messages.enqueue(after=last.cursor, chunk_size=chunk_size)
    return {"reassessed": last.done, "pending": last.pending, "cursor": last.cursor}
