"""The same reply submitted twice at the same moment, and two retries at once, on PostgreSQL
with real concurrent transactions: it goes out once, the other is told (C4 2.8)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.core import mail
from django.db import connection, connections

from calmdesk.cases.models import Message
from calmdesk.outbound import services
from calmdesk.outbound.models import OutboundReply

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL only: set DATABASE_URL"
    ),
]


def _at_once(calls: list[Callable[[], object]]) -> list[object]:
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = calls[index]()
        except Exception as exc:  # the refusal is the result under test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_the_same_reply_sent_twice_at_once_goes_out_once(transactional_db, alice, case):
    def send() -> services.SendOutcome:
        return services.send_reply(
            alice,
            case,
            channel="email",
            text="A replacement goes out today.",
            key="once",
            confirmed=True,
        )

    results = _at_once([send, send, send])
    assert sorted(result.new for result in results) == [False, False, True]  # type: ignore[union-attr]
    assert len(mail.outbox) == 1
    assert OutboundReply.objects.count() == 1
    assert Message.objects.filter(case=case, direction="outbound").count() == 1


def test_two_retries_at_once_send_once(transactional_db, alice, bob, case, settings):
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = "http://127.0.0.1:9/nowhere"
    reply = services.send_reply(
        alice, case, channel="sms", text="Short.", key="r", confirmed=True
    ).reply
    assert reply.status == "failed"
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = ""
    results = _at_once([lambda: services.retry(alice, reply), lambda: services.retry(bob, reply)])
    sent = [r for r in results if isinstance(r, OutboundReply)]
    refused = [r for r in results if isinstance(r, services.ReplyRefused)]
    assert len(sent) == 1
    assert sent[0].status == "sent"
    assert len(refused) == 1
    assert refused[0].status == 409
    assert Message.objects.filter(case=case, direction="outbound").count() == 1
