"""What the reply checker is told about the case (C4 2.4, 3.6-3.7; C1 3.4, 3.8)."""

from __future__ import annotations

from decimal import Decimal

from calmdesk.cases.services import open_case
from calmdesk.core.channels import Channel
from calmdesk.core.replies.checker import RemedyAuthority
from calmdesk.outbound.checking import apply_better_wording, findings_for, reply_context

ANGRY = "This is absolutely disgusting, I am furious. Third time I have rung about this kettle!"


def test_without_a_policy_authority_is_unknown(alice, case):
    context = reply_context(alice, case, Channel.EMAIL, public=False)
    assert context.authority is None
    assert context.currency is None
    assert context.channel == "email"
    assert context.public is False


def test_the_users_own_limits_win_over_the_roles(alice, bob, case, policy):
    context = reply_context(alice, case, Channel.EMAIL, public=False)
    assert context.authority["refund"] == RemedyAuthority(allowed=True, max_amount=Decimal(50))
    assert context.currency == "GBP"
    assert "refund" in context.remedy_terms
    found = findings_for(alice, case, "I will refund you £80 today.", Channel.EMAIL, False)
    assert "above_authority" in [shown.finding.type for shown in found]
    # Bob's role may refund more.
    bob_found = findings_for(bob, case, "I will refund you £80 today.", Channel.EMAIL, False)
    assert "above_authority" not in [shown.finding.type for shown in bob_found]


def test_the_price_in_the_case_facts_checks_a_promise_of_all_of_it(alice, case, policy):
    from calmdesk.resolution.services import update_facts

    in_full = "I will refund you in full today."
    found = findings_for(alice, case, in_full, Channel.EMAIL, False)
    assert "above_authority" not in [shown.finding.type for shown in found]  # price unknown
    update_facts(alice, case, price=Decimal("80.00"))
    assert reply_context(alice, case, Channel.EMAIL, public=False).order_value == Decimal("80.00")
    found = findings_for(alice, case, in_full, Channel.EMAIL, False)
    assert "above_authority" in [shown.finding.type for shown in found]


def test_the_customers_indicators_come_from_the_latest_assessment(alice, customer):
    case = open_case(alice, alice.organisation, customer=customer, channel="email", text=ANGRY)
    context = reply_context(alice, case, Channel.EMAIL, public=False)
    assert "angry" in context.indicators
    found = findings_for(alice, case, "The engineer comes on Friday.", Channel.EMAIL, False)
    assert "no_empathy" in [shown.finding.type for shown in found]


def test_stated_terminology_wins(alice, case):
    case.customer.terminology = "specialist"
    case.customer.save()
    assert reply_context(alice, case, Channel.EMAIL, False).customer_is_specialist is True
    case.customer.terminology = "plain"
    case.customer.save()
    assert reply_context(alice, case, Channel.EMAIL, False).customer_is_specialist is False


def test_public_only_on_social_media(alice, case):
    assert reply_context(alice, case, Channel.SOCIAL_MEDIA, True).public is True
    assert reply_context(alice, case, Channel.EMAIL, True).public is False
    text = "Hi Priya, your order 12345678 is on its way to priya@example.com."
    public = findings_for(alice, case, text, Channel.SOCIAL_MEDIA, True)
    assert "public_personal_data" in [shown.finding.type for shown in public]
    private = findings_for(alice, case, text, Channel.SOCIAL_MEDIA, False)
    assert "public_personal_data" not in [shown.finding.type for shown in private]


def test_better_wording_is_the_checkers_own(alice, case):
    text = "Calm down, the engineer comes on Friday."
    assert apply_better_wording(alice, case, text, Channel.EMAIL, False, "provoking:0:9") == (
        "I can hear how frustrating this is, and I want to sort it out. "
        "The engineer comes on Friday."
    )
    assert apply_better_wording(alice, case, text, Channel.EMAIL, False, "provoking:0:4") is None
    assert findings_for(alice, case, "   ", Channel.EMAIL, False) == []
