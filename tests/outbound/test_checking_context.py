"""The reply box reads the customer as the checker was measured: feelings at a model score of
0.5 or more, and the customer's own words for the rules that need them."""

from __future__ import annotations

from calmdesk.cases.models import MessageAssessment
from calmdesk.cases.services import open_case
from calmdesk.core.channels import Channel
from calmdesk.outbound.checking import reply_context

TEXT = "My router keeps dropping the connection. I have already rebooted it twice."


def test_weak_feelings_do_not_count_and_the_customers_words_are_passed(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=TEXT)
    stored = MessageAssessment.objects.get(case=case)
    stored.result = {
        **stored.result,
        "indicators": [
            {"name": "frustrated", "score": 0.31, "sources": ["model"], "evidence": []},
            {"name": "angry", "score": 0.72, "sources": ["model"], "evidence": []},
            {"name": "confused", "score": 0.2, "sources": ["model"], "evidence": []},
        ],
    }
    stored.save()
    case.refresh_from_db()
    context = reply_context(alice, case, Channel.EMAIL, public=False)
    assert context.indicators == ("angry", "confused")
    assert context.customer_text == TEXT
