"""Fixtures for sending replies: an email case with a thread, the demo policy, the API caller
and a local webhook receiver."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.utils import timezone

from calmdesk.cases.services import open_case, record_message
from calmdesk.policy.services import install_policy
from tests.api.conftest import api  # noqa: F401 - the API caller fixture

DEMO_POLICY = (Path(__file__).parents[2] / "src/calmdesk/demo/policy.yaml").read_text()


@pytest.fixture
def policy(org):
    return install_policy(org, DEMO_POLICY, actor=None)


@pytest.fixture
def email_case(alice, customer):
    """Priya emailed twice; the second email answers our first reply, so the thread has three
    Message-IDs."""
    start = timezone.now() - timedelta(hours=3)
    case = open_case(
        alice,
        alice.organisation,
        customer=customer,
        channel="email",
        subject="Kettle switches itself off",
        text="My kettle switches itself off after a minute. I am really fed up with this.",
        external_id="<first@customer.example>",
        sent_at=start,
    )
    record_message(
        alice,
        case,
        channel="email",
        direction="outbound",
        text="Sorry to hear that. Could you tell me the model number?",
        external_id="<our-answer@calmdesk.example>",
        in_reply_to="<first@customer.example>",
        sent_at=start + timedelta(hours=1),
    )
    record_message(
        None,
        case,
        channel="email",
        text="It is the KT-200. Please sort it out.",
        external_id="<second@customer.example>",
        in_reply_to="<our-answer@calmdesk.example>",
        sent_at=start + timedelta(hours=2),
    )
    case.refresh_from_db()
    return case


class Receiver:
    """A local HTTP server in a thread standing in for the outbound webhook."""

    def __init__(self, status: int = 200, delay: float = 0.0) -> None:
        self.status = status
        self.delay = delay
        self.received: list[tuple[dict[str, str], dict]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                receiver.received.append((dict(self.headers), body))
                if receiver.delay:
                    threading.Event().wait(receiver.delay)
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/outbound"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook(settings) -> Iterator[Receiver]:
    receiver = Receiver()
    settings.CALMDESK_OUTBOUND_WEBHOOK_URL = receiver.url
    settings.CALMDESK_OUTBOUND_WEBHOOK_TIMEOUT = 2
    yield receiver
    receiver.close()
