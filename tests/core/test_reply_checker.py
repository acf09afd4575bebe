"""The reply checker (issue 5 "Checking"): each finding type on replies that should and should
not raise it, the spans and better wordings, the context, and the speed."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from tests.core.reply_checking import kinds, spans

from calmdesk.core.policy import load_policy
from calmdesk.core.replies import (
    CRITERIA,
    FINDING_TYPES,
    RemedyAuthority,
    ReplyContext,
    ReplyInputError,
    apply_suggestion,
    check_reply,
)
from calmdesk.core.replies.checker import authority_from_policy, remedy_terms_from_policy

AGENT = {"refund": 50, "credit_note": 75, "goodwill_gesture": 10, "replacement": 150}
PLAIN = ReplyContext(customer_is_specialist=False)
GOOD = "Hi Sam, your parcel will arrive on Friday before noon."


def test_a_good_reply_has_no_finding():
    assert check_reply(GOOD) == []
    upset = ReplyContext(indicators=("angry",), customer_is_specialist=False, public=True)
    reply = "I'm sorry, that's not good enough. Please DM us and we'll send a new one today."
    assert check_reply(reply, upset) == []


# ---------------------------------------------------------------- provoking


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("Calm down, the engineer comes on Friday.", "Calm down"),
        ("As I already said, the engineer comes on Friday.", "As I already said"),
        ("That's not my problem. The engineer comes on Friday.", "That's not my problem"),
        ("You should have read the guide. The engineer comes on Friday.", "You should have"),
        ("With all due respect, the engineer comes on Friday.", "With all due respect"),
        ("The engineer is NOT coming today; he comes on Friday.", "NOT"),
        ("You must keep the receipt. We'll refund you today.", "You must"),
        ("The parcel went back as you failed to answer the door today.", "you failed to"),
        ("It went back because you failed to answer today.", "because you failed"),
    ],
)
def test_provoking_words_are_found_with_their_span(reply, words):
    assert spans(reply, "provoking") == [words]


@pytest.mark.parametrize(
    "reply",
    [
        "You should have received an email with the details today.",
        "Reply STOP to opt out. Your parcel arrives today.",
        "Your PIN and the DHL tracking number were sent by SMS today.",
        "For the change you must have access to the email address on file; please check it today.",
        "I said I'd call you back, and I will by 5pm today.",
    ],
)
def test_ordinary_wording_is_not_provoking(reply):
    assert "provoking" not in kinds(reply)


# ---------------------------------------------------------------- admits_fault


def test_an_admission_is_found_unless_the_fault_is_established():
    reply = "It's our fault the sofa was torn. A new one arrives on Monday."
    assert spans(reply, "admits_fault") == ["It's our fault"]
    established = ReplyContext(fault_established=True)
    assert "admits_fault" not in kinds(reply, established)


@pytest.mark.parametrize(
    "reply",
    [
        "We were negligent with your order. A new one goes out today.",
        "We made a mistake with your bill; I'll correct it today.",
        "We accept full liability for the damage. Our insurer will call you today.",
    ],
)
def test_admissions_of_liability_are_found(reply):
    assert "admits_fault" in kinds(reply)


def test_empathy_without_blame_is_not_an_admission():
    reply = "I'm sorry this happened; I'm finding out what went wrong and will call you today."
    assert "admits_fault" not in kinds(reply)


# ---------------------------------------------------------------- quotes_policy


def test_a_rule_without_its_reason_is_found():
    reply = "Company policy is no refunds after 30 days. I can book a repair today."
    assert spans(reply, "quotes_policy") == ["Company policy"]


@pytest.mark.parametrize(
    "reply",
    [
        "Our policy is to ask for ID so that nobody else can take your money. Bring it today.",
        "Per our terms the deposit is kept, because we turn other guests away. Reply today.",
        "Our policy is to ask for ID. This protects your account. Please bring it today.",
    ],
)
def test_a_rule_with_its_reason_is_not_found(reply):
    assert "quotes_policy" not in kinds(reply)


# ---------------------------------------------------------------- passive and aggressive


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("Mistakes were made. A new one goes out today.", "Mistakes were made"),
        (
            "Your complaint will be looked into, and I'll call you today.",
            "Your complaint will be looked into",
        ),
        ("We'll send it at some point next week.", "at some point"),
        ("There's nothing we can do. Your order arrives Friday.", "There's nothing we can do"),
    ],
)
def test_passive_wording_is_found(reply, words):
    assert words in spans(reply, "passive")


def test_assertive_wording_is_not_passive():
    reply = "I will look into this myself and call you by 3pm today."
    assert "passive" not in kinds(reply)
    assert "passive" not in kinds("We'll help as soon as possible; please DM us today.")


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("You need to send the receipt. Then I'll refund you today.", "You need to"),
        ("I won't tell you again: the store opens at 9am tomorrow.", "I won't tell you again"),
        ("Pay by Friday or we will cancel the order.", "or we will cancel"),
        ("Do not contact us again. The refund went out on Monday.", "Do not contact us again"),
    ],
)
def test_aggressive_wording_is_found(reply, words):
    assert spans(reply, "aggressive") == [words]


def test_a_condition_is_not_a_demand():
    reply = "If you need to change the date, reply by Friday and I'll do it the same day."
    assert "aggressive" not in kinds(reply)


# ---------------------------------------------------------------- jargon


def test_jargon_is_found_only_for_a_customer_who_is_not_a_specialist():
    reply = "The ETA is Thursday, and I've raised a ticket with L2 support today."
    found = spans(reply, "jargon", PLAIN)
    # Three terms in one sentence: the sentence is written for a technician, one finding.
    assert found == [reply]
    assert spans("The ETA is Thursday. I've raised a ticket with L2 support.", "jargon", PLAIN) == [
        "ETA",
        "raised a ticket",
        "L2 support",
    ]
    assert "jargon" not in kinds(reply, ReplyContext(customer_is_specialist=True))
    assert "jargon" not in kinds(reply)  # unknown: not judged


def test_a_very_long_sentence_is_found_for_a_non_specialist():
    long = "Your parcel " + "went on from one depot to another " * 6 + "and arrives today."
    found = [f for f in check_reply(long, PLAIN) if f.type == "jargon"]
    assert len(found) == 1
    assert found[0].start == 0
    assert not [f for f in check_reply("Your parcel arrives today.", PLAIN) if f.type == "jargon"]


def test_a_jargon_suggestion_is_plain_words():
    reply = "I've created an RMA for it. Please post it today."
    finding = next(f for f in check_reply(reply, PLAIN) if f.type == "jargon")
    assert (
        apply_suggestion(reply, finding)
        == "I've created a returns number for it. Please post it today."
    )


# ---------------------------------------------------------------- missing parts


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry about the delay. Our couriers have been very busy this month.",
        "I'm sorry for the problem. I'll get back to you about it.",
        "It has been passed on to our engineers.",
    ],
)
def test_a_reply_without_a_next_step_and_time_is_found_at_its_end(reply):
    finding = next(f for f in check_reply(reply) if f.type == "no_next_step")
    assert finding.start == finding.end == len(reply)
    assert "[day and time]" in finding.suggestion


@pytest.mark.parametrize(
    "reply",
    [
        "Could you send us your order number?",
        "Please DM us the details and we'll check it.",
        "Your refund will show on your card by Friday.",
        "Thanks so much for the kind words! Enjoy your new bike.",
        "Here's how to reset it: https://example.com/reset",
        "I'm going to transfer you to our billing team now.",
        "(1/2) Your licence code is printed in the order email.",
    ],
)
def test_a_reply_with_a_next_step_is_not_found(reply):
    assert "no_next_step" not in kinds(reply)


def test_no_empathy_needs_an_angry_or_upset_customer():
    reply = "Hi Sam, a replacement goes out today by tracked delivery."
    angry = ReplyContext(indicators=("angry",))
    found = [f for f in check_reply(reply, angry) if f.type == "no_empathy"]
    assert len(found) == 1
    assert found[0].start == found[0].end == len("Hi Sam, ")  # after the greeting
    assert apply_suggestion(reply, found[0]).startswith("Hi Sam, I'm sorry")
    assert "no_empathy" not in kinds(reply)
    assert "no_empathy" not in kinds(reply, ReplyContext(indicators=("confused",)))
    # One of the milder feelings alone is not enough; two are.
    assert "no_empathy" not in kinds(reply, ReplyContext(indicators=("frustrated",)))
    assert "no_empathy" in kinds(reply, ReplyContext(indicators=("frustrated", "anxious")))
    sorry = "Hi Sam, I'm sorry about this. A replacement goes out today."
    assert "no_empathy" not in kinds(sorry, angry)


# ---------------------------------------------------------------- public personal data


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("Hi Jo, we've emailed jo.smith82@gmail.com today.", "jo.smith82@gmail.com"),
        ("Hi Jo, the driver will call 07700 900123 today.", "07700 900123"),
        ("Hi Jo, it was delivered to LS6 2QT today.", "LS6 2QT"),
        ("Hi Jo, order 58213394 arrives today.", "58213394"),
        ("Hi Jo, it went to 14 Maple Road today.", "14 Maple Road"),
        ("Hi Jo, we refunded the card ending in 4421 today.", "card ending in 4421"),
    ],
)
def test_personal_data_in_a_public_reply_is_found(reply, words):
    public = ReplyContext(public=True)
    assert spans(reply, "public_personal_data", public) == [words]
    assert "public_personal_data" not in kinds(reply, ReplyContext(public=False))
    finding = next(f for f in check_reply(reply, public) if f.type == "public_personal_data")
    assert "direct message" in finding.suggestion


def test_the_organisation_s_own_contact_details_are_not_personal_data():
    reply = "Call our team on 0800 123 4567 or email support@brightway.example today."
    assert "public_personal_data" not in kinds(reply, ReplyContext(public=True))


def test_social_media_is_public_unless_said_otherwise():
    assert ReplyContext.build(channel="social_media").public is True
    assert ReplyContext.build(channel="social_media", public=False).public is False
    assert ReplyContext.build(channel="email").public is False


# ---------------------------------------------------------------- above authority


@pytest.mark.parametrize(
    "reply",
    [
        "I'll refund you £80 today.",
        "I can give you a £25 voucher today.",
        "We'll credit your account with £100 today.",
        "Don't worry, I'll refund the full £199 today.",
    ],
)
def test_a_promise_above_the_agent_s_limit_is_found(reply):
    context = ReplyContext.build(authority=AGENT, currency="GBP")
    finding = next(f for f in check_reply(reply, context) if f.type == "above_authority")
    assert "above your limit of GBP" in finding.message
    assert "approve" in finding.suggestion


def test_the_limit_is_shown_as_money():
    context = ReplyContext.build(authority={"refund": 50}, currency="GBP")
    finding = check_reply("I'll refund you £80 today.", context)[0]
    assert "A refund of £80 is above your limit of GBP 50.00" in finding.message
    assert "approve" in finding.suggestion


@pytest.mark.parametrize(
    "reply",
    [
        "I'll refund you £45 today.",
        "I can't refund £120 myself, so I've asked my team leader to approve it today.",
        "Would a refund of £90 help? I'll ask my team leader and reply today.",
        "The sofa cost £899, and I've booked a repair for Tuesday.",
    ],
)
def test_a_promise_within_the_limit_or_passed_up_is_not_found(reply):
    assert "above_authority" not in kinds(reply, ReplyContext.build(authority=AGENT))


def test_a_remedy_the_agent_may_not_agree_at_all_is_found():
    context = ReplyContext.build(authority={"refund": False})
    assert "above_authority" in kinds("I'll refund the £5 today.", context)
    assert "above_authority" not in kinds("I'll refund the £5 today.")  # authority unknown


def test_authority_comes_from_a_policy_for_a_role():
    policy = load_policy(Path("src/calmdesk/demo/policy.yaml").read_text())
    agent = authority_from_policy(policy, "agent")
    assert agent["refund"] == RemedyAuthority(True, Decimal("50.00"))
    manager = authority_from_policy(policy, "manager")
    assert manager["replacement"].max_amount is None
    context = ReplyContext(
        authority=agent, remedy_terms=remedy_terms_from_policy(policy), currency="GBP"
    )
    assert "above_authority" in kinds("I'll refund you £60 today.", context)
    manager_context = ReplyContext(authority=manager)
    assert "above_authority" not in kinds("I'll refund you £60 today.", manager_context)


@pytest.mark.parametrize(
    "reply",
    [
        "I'll refund you in full today.",
        "Don't worry, I'll refund you in full today.",
        "I will give you a full refund for the kettle.",
        "Once it is back with us, I'll make sure you get all your money back.",
    ],
)
def test_a_promise_of_the_whole_price_is_checked_against_the_price_recorded(reply):
    paid_80 = ReplyContext.build(authority={"refund": 50}, currency="GBP", order_value="80.00")
    finding = next(f for f in check_reply(reply, paid_80) if f.type == "above_authority")
    assert "GBP 80.00 (the price recorded on the case)" in finding.message
    assert "above your limit of GBP 50.00" in finding.message
    assert "approve a full refund of GBP 80.00" in finding.suggestion
    # Within the limit, or the price not known: nothing to say.
    paid_40 = ReplyContext.build(authority={"refund": 50}, currency="GBP", order_value=40)
    assert "above_authority" not in kinds(reply, paid_40)
    unknown = ReplyContext.build(authority={"refund": 50}, currency="GBP")
    assert "above_authority" not in kinds(reply, unknown)


@pytest.mark.parametrize(
    "reply",
    [
        "I can't refund you in full, but I can book a repair today.",
        "I won't be able to refund you in full today.",
        "Would a full refund help? I'll ask my team leader today.",
        "I'll refund the £30 delivery charge in full today.",
    ],
)
def test_a_whole_price_not_promised_or_a_part_named_is_not_found(reply):
    paid_80 = ReplyContext.build(authority={"refund": 50}, currency="GBP", order_value="80.00")
    assert "above_authority" not in kinds(reply, paid_80)


def test_bad_authority_data_is_refused():
    with pytest.raises(ValueError, match="not an amount"):
        ReplyContext.build(authority={"refund": "lots"})
    with pytest.raises(ValueError, match="unknown authority fields"):
        ReplyContext.build(authority={"refund": {"limit": 5}})


# ---------------------------------------------------------------- contract


def test_every_finding_names_its_criterion_and_applies_cleanly():
    reply = "Calm down. Company policy is clear. You need to wait."
    context = ReplyContext(indicators=("angry",), customer_is_specialist=False)
    findings = check_reply(reply, context)
    assert {f.type for f in findings} >= {"provoking", "quotes_policy", "aggressive"}
    for finding in findings:
        assert finding.type in FINDING_TYPES
        assert finding.criterion == CRITERIA[finding.type]
        assert 0 <= finding.start <= finding.end <= len(reply)
        assert finding.message
        assert finding.suggestion
    assert set(CRITERIA) == set(FINDING_TYPES)
    fixed = apply_suggestion(reply, findings[0])
    assert fixed.startswith("I can hear how frustrating this is")


@pytest.mark.parametrize("reply", ["", "   \n", "x" * 20_001])
def test_an_empty_or_huge_reply_is_refused(reply):
    with pytest.raises(ReplyInputError):
        check_reply(reply)


# ---------------------------------------------------------------- over-simplified (jargon)

SPECIALIST = ReplyContext(customer_is_specialist=True)
RESTARTED = "Error E-204 on the LX-450 fuser; I've already power-cycled it and reseated the fuser."


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("In simple terms, the hub lost its settings. I'll call you at 3pm.", "In simple terms"),
        ("Basically, the server fell over. I'll call you at 3pm.", "Basically"),
        ("I'll skip the techy stuff: it's fixed. Tell me if it comes back.", "the techy stuff"),
        (
            "Don't worry about the technical details, it's fixed. Tell me if it comes back.",
            "Don't worry about the technical details",
        ),
        ("We've replaced the thingy on our side. Tell me if it comes back.", "the thingy"),
        ("There was a bit of a glitch overnight. Tell me if it comes back.", "a bit of a glitch"),
        ("It's just a computer thing. Tell me if it comes back.", "It's just a computer thing"),
        ("It was a glitch on our end. Tell me if it comes back.", "a glitch"),
    ],
)
def test_over_simplified_wording_is_found_for_a_specialist(reply, words):
    assert spans(reply, "jargon", SPECIALIST) == [words]
    finding = next(f for f in check_reply(reply, SPECIALIST) if f.type == "jargon")
    assert "C1 2.2" in finding.message
    assert "C4 2.3" in finding.message
    assert finding.criterion == CRITERIA["jargon"]
    assert finding.suggestion
    assert finding.suggestion.lower() != words.lower()
    # Not judged for a customer who is not (or not known to be) a specialist.
    assert "jargon" not in kinds(reply, PLAIN)
    assert "jargon" not in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        # precise replies to specialists, with near-miss words
        "E-204 with a thermistor reading of 0 is basically always an open circuit. "
        "A new fuser arrives on Thursday.",
        "The build is basically the same as 7.2.1 with one SMB fix. It ships on Friday.",
        "This is a line fault rather than a glitch in your equipment. An engineer comes "
        "tomorrow at 9am.",
        "The 502s come from a pool limit we lowered on Tuesday; we rolled it back at 14:10. "
        "Do you still see them?",
        "As you've already rebooted both, could you run Get-SmbClientConfiguration and send "
        "me the output?",
    ],
)
def test_precise_replies_to_a_specialist_are_left_alone(reply):
    assert "jargon" not in kinds(
        reply, ReplyContext(customer_is_specialist=True, customer_text=RESTARTED)
    )


def test_restart_advice_is_found_only_when_the_specialist_already_restarted():
    reply = "Have you tried restarting the printer? If E-204 stays, call me back today."
    told = ReplyContext(customer_is_specialist=True, customer_text=RESTARTED)
    assert spans(reply, "jargon", told) == ["Have you tried restarting the printer"]
    finding = next(f for f in check_reply(reply, told) if f.type == "jargon")
    assert apply_suggestion(reply, finding).startswith("As you've already restarted it")
    other = "Try turning it off and on again. If E-204 stays, call me back today."
    assert spans(other, "jargon", told) == ["Try turning it off and on again"]
    # Sound advice when the customer has not said they restarted, and never judged for a
    # customer who is not a specialist (or when the customer's text is not known).
    fresh = ReplyContext(customer_is_specialist=True, customer_text="Error E-204 on the LX-450.")
    assert "jargon" not in kinds(reply, fresh)
    assert "jargon" not in kinds(reply, SPECIALIST)
    assert "jargon" not in kinds(
        reply, ReplyContext(customer_is_specialist=False, customer_text=RESTARTED)
    )


def test_a_curly_apostrophe_is_read_like_a_straight_one():
    reply = "Don\u2019t worry about the technical details. Tell me if it comes back."
    assert spans(reply, "jargon", SPECIALIST) == ["Don\u2019t worry about the technical details"]


# ---------------------------------------------------------------- anger at a third party

BRISK = "Hi Sam, we removed those listings this morning. Report any others with the link."


@pytest.mark.parametrize(
    "customer",
    [
        "The price gougers on here are disgusting, selling hand gel at ten times the price.",
        "These scalpers buy every console and resell them, I'm so angry.",
        "Scammers keep texting me pretending to be your delivery team. I'm livid.",
        "Another seller copied my photos. Disgusting, these thieves.",
        "Someone keeps guessing my password from abroad. Absolute morons.",
    ],
)
def test_anger_aimed_at_a_third_party_needs_no_apology(customer):
    context = ReplyContext(indicators=("angry",), customer_text=customer)
    assert "no_empathy" not in kinds(BRISK, context)
    # Without the customer's text the rule is as before.
    assert "no_empathy" in kinds(BRISK, ReplyContext(indicators=("angry",)))


@pytest.mark.parametrize(
    "customer",
    [
        # the anger also points at us
        "Hackers got into my account and your support has ignored me for a week!",
        "What the hell, you charged me twice and these hackers have my card too.",
        "Why did you let these scammers sell on your site? Worst customer service ever.",
        # no third party: anger at us
        "I'm furious, the parcel never came and nobody answers.",
    ],
)
def test_anger_also_aimed_at_us_still_needs_empathy(customer):
    context = ReplyContext(indicators=("angry",), customer_text=customer)
    assert "no_empathy" in kinds(BRISK, context)


def test_an_upset_customer_is_owed_empathy_even_when_a_third_party_caused_it():
    customer = "Hackers got into my account and I've lost all my photos. I'm heartbroken."
    context = ReplyContext(indicators=("angry", "upset"), customer_text=customer)
    found = [f for f in check_reply(BRISK, context) if f.type == "no_empathy"]
    assert len(found) == 1
    assert "upset" in found[0].message  # the feeling named is the one still owed
    two = ReplyContext(indicators=("angry", "anxious", "frustrated"), customer_text=customer)
    assert "no_empathy" in kinds(BRISK, two)
    # "Heartbroken" in their own words reads as upset even when the model missed it.
    alone = ReplyContext(indicators=("angry", "frustrated"), customer_text=customer)
    assert "no_empathy" in kinds(BRISK, alone)
    calm_words = "Hackers got into my account and spent my balance."
    alone = ReplyContext(indicators=("angry", "frustrated"), customer_text=calm_words)
    assert "no_empathy" not in kinds(BRISK, alone)


def test_the_context_carries_the_customer_text_from_plain_data():
    context = ReplyContext.build(customer_is_specialist=True, customer_text="")
    assert context.customer_text is None
    context = ReplyContext.build(customer_text="I've already rebooted it.")
    assert context.customer_text == "I've already rebooted it."


# ---------------------------------------------------------------- widened rules (new wording)

TIMED = " I'll call you by 3pm today."


@pytest.mark.parametrize(
    ("reply", "kind", "words"),
    [
        # provoking: dismissive, condescending, "as I told you", ALL CAPS beyond the list
        ("As I explained, the store opens at nine." + TIMED, "provoking", "As I explained"),
        ("As per my last email, the price stands." + TIMED, "provoking", "As per my last email"),
        ("How many times do I have to say it?" + TIMED, "provoking", "How many times do I"),
        ("It's not rocket science, just press Reset." + TIMED, "provoking", "not rocket science"),
        ("Obviously the shop is shut on Sundays." + TIMED, "provoking", "Obviously"),
        ("Clearly you didn't see the email." + TIMED, "provoking", "Clearly you didn't"),
        ("There's no need to raise your voice." + TIMED, "provoking", "no need to raise your"),
        ("Take a deep breath for me." + TIMED, "provoking", "Take a deep breath"),
        ("You're being unreasonable about this." + TIMED, "provoking", "being unreasonable"),
        ("What did you expect for that price?" + TIMED, "provoking", "What did you expect"),
        ("The offer has EXPIRED, sorry." + TIMED, "provoking", "EXPIRED"),
        # aggressive: commands and ultimatums aimed at the customer
        ("Listen, the parcel is on its way." + TIMED, "aggressive", "Listen"),
        ("Stop emailing us about the voucher." + TIMED, "aggressive", "Stop emailing us"),
        ("I insist on seeing the receipt." + TIMED, "aggressive", "I insist"),
        ("You will send the photos first." + TIMED, "aggressive", "You will send"),
        ("Watch your language, please." + TIMED, "aggressive", "Watch your language"),
        ("This is your final warning." + TIMED, "aggressive", "your final warning"),
        ("Don't call our warehouse again." + TIMED, "aggressive", "Don't call our warehouse"),
        ("You are mistaken about the price." + TIMED, "aggressive", "You are mistaken"),
        # admits_fault: admissions of liability
        ("That was an error on our part." + TIMED, "admits_fault", "an error on our part"),
        ("Our fitter cracked the tile." + TIMED, "admits_fault", "Our fitter cracked"),
        ("The scratch was caused by our engineer." + TIMED, "admits_fault", "caused by our"),
        ("We should never have sent it." + TIMED, "admits_fault", "We should never have"),
        ("Sorry, that one's on us." + TIMED, "admits_fault", "that one's on us"),
        # passive: agentless hand-offs and vague promises
        ("Your complaint has been referred." + TIMED, "passive", "Your complaint has been"),
        ("I'll sort it out as soon as possible.", "passive", "as soon as possible"),
        ("We'll see what can be done." + TIMED, "passive", "We'll see what"),
        ("Hopefully we can book a slot." + TIMED, "passive", "Hopefully we can"),
        ("It is hoped the part arrives." + TIMED, "passive", "It is hoped"),
        # quotes_policy: rule citations without a reason
        ("Our guidelines say we can't swap colours." + TIMED, "quotes_policy", "guidelines say"),
        (
            "We aren't permitted to do that. We're not permitted to." + TIMED,
            "quotes_policy",
            "We're not permitted to",
        ),
        ("That's against company policy." + TIMED, "quotes_policy", "against company policy"),
        ("Company procedure is to ask for ID." + TIMED, "quotes_policy", "procedure is"),
    ],
)
def test_widened_rules_find_new_wording(reply, kind, words):
    found = spans(reply, kind)
    assert any(words.lower() in span.lower() or span.lower() in words.lower() for span in found), (
        found
    )


@pytest.mark.parametrize(
    "reply",
    [
        "As I mentioned to the courier, the parcel goes to the side door." + TIMED,
        "Clearly your order was held at the depot, and I'm sorry." + TIMED,
        "We'll obviously cover the postage." + TIMED,
        "Please listen out for the doorbell on Friday." + TIMED,
        "You will receive a text on the morning." + TIMED,
        "Please stop the payment only if the refund is late." + TIMED,
        "Stop using the heater until the engineer comes." + TIMED,
        "Our engineer fixed the leak and tested the pump." + TIMED,
        "The courier says the box was crushed in their van." + TIMED,
        "Your complaint has been escalated to Priya in our claims team, who will call you by "
        "4pm tomorrow.",
        "Hopefully this helps! Reply here if it still won't open.",
        "I'll call you as soon as the part arrives, which is due on Wednesday.",
        "We're not allowed to share details by phone because anyone could pretend to be you."
        + TIMED,
        "Your refund has been processed and will reach you by Friday.",
        "The TV and the PIN for your locker will arrive on Friday.",
        "Reply STOP to opt out of texts." + TIMED,
    ],
)
def test_widened_rules_leave_fair_wording_alone(reply):
    assert [f.type for f in check_reply(reply) if f.type != "no_next_step"] == []


def test_technical_abbreviations_are_jargon_for_a_non_specialist_only():
    reply = "The NTE test shows a fault on the OLT port, and our CX team will fix it by Friday."
    assert spans(reply, "jargon", PLAIN) == [reply]  # three in a sentence: the sentence
    apart = "The NTE test shows a fault. It is on the OLT port. Our CX team will fix it by Friday."
    assert spans(apart, "jargon", PLAIN) == ["NTE", "OLT", "CX"]
    # two abbreviations in one sentence are one finding over them
    assert spans("The NTE test shows an OLT fault.", "jargon", PLAIN) == ["NTE test shows an OLT"]
    specialist = ReplyContext(customer_is_specialist=True)
    assert spans(reply, "jargon", specialist) == []
    # everyday abbreviations, initials signing a post, names and the customer's own words
    assert spans("Your TV and PIN arrive by Friday. ^JS", "jargon", PLAIN) == []
    assert spans("Try GTA Online again tonight; update by Friday.", "jargon", PLAIN) == []
    used = ReplyContext(customer_is_specialist=False, customer_text="My NAS box is offline.")
    assert spans("Restart the NAS box by Friday.", "jargon", used) == []
    versions = ReplyContext(customer_is_specialist=False, customer_text="Build 4.2.1 crashes.")
    assert spans("The OTA fix lands by Friday.", "jargon", versions) == []


def test_technical_compounds_are_jargon_for_a_non_specialist():
    reply = "A server-side fault broke it, and a hotfix goes out on Monday."
    assert spans(reply, "jargon", PLAIN) == ["server-side", "hotfix"]
    finding = next(f for f in check_reply(reply, PLAIN) if f.type == "jargon")
    assert "plain words" in finding.suggestion


@pytest.mark.parametrize(
    ("customer", "owed"),
    [
        ("I'm fuming. The sofa came ripped.", True),
        ("Honestly devastated, the photos are gone.", True),
        ("Where is my refund?? Three weeks now!!!", True),
        ("This is a complete joke, nobody answers.", True),
        ("I'm not angry, just confused about the bill.", False),
        ("Thanks! Can I change the day?", False),
        ("My username was meant as a joke and now I can't sign in.", False),
        ("I'm a bit worried about my order.", False),  # anxious alone: no apology owed
    ],
)
def test_plain_cues_in_the_customer_text_call_for_empathy(customer, owed):
    context = ReplyContext(customer_text=customer)
    reply = "A new one goes out today and will reach you by Thursday."
    assert ("no_empathy" in kinds(reply, context)) is owed
    assert "no_empathy" not in kinds("I'm so sorry. " + reply, context)


def test_plain_cues_do_not_count_anger_at_a_third_party():
    context = ReplyContext(customer_text="Scammers keep texting me, I'm furious at them.")
    assert "no_empathy" not in kinds("We've blocked the numbers today.", context)


# ---------------------------------------------------------------- third widening (issue 5)
# For each family widened in the third round: new wording (written for these tests, not taken
# from the datasets) that is found, and a fair near-miss that is not.

SPECIALIST = ReplyContext(customer_is_specialist=True)
PUBLIC = ReplyContext(public=True)
UPSET_ONLY = ReplyContext(indicators=("upset",))
LIMITS = ReplyContext.build(authority={**AGENT, "alternative_product": 100})

THIRD_FOUND = [
    # provoking: blame as a third conditional, hinted blame, minimising, counting contacts
    ("If you had kept the receipt, we could have swapped it in the shop.", "provoking", "kept"),
    ("Had you rung before noon, the courier would have waited.", "provoking", "Had you rung"),
    ("I really hope you measured the doorway before ordering.", "provoking", "hope you"),
    ("Perhaps you overlooked the second page of the form.", "provoking", "overlooked"),
    ("Maybe double-check the address next time.", "provoking", "next time"),
    ("These things do happen with older boilers.", "provoking", "These things do happen"),
    ("You're hardly the only person waiting this week.", "provoking", "only person"),
    ("This is now the fifth email you have sent us.", "provoking", "fifth email"),
    ("As per our last two emails, the visit is on Monday.", "provoking", "As per our last"),
    # admits_fault: our staff's act as a guess, our workmanship, liability acknowledged
    ("Our fitter must have cracked the tile when he moved the cooker.", "admits_fault", "must"),
    ("The leak is the result of our plumber's shoddy workmanship.", "admits_fault", "shoddy"),
    ("We acknowledge full responsibility for the missed flight.", "admits_fault", "acknowledge"),
    ("One of our couriers stole the parcel, I'm afraid.", "admits_fault", "stole"),
    # quotes_policy: a rule cited by its document, or stated as a general fact
    (
        "Under paragraph 9 of the hire agreement, late returns cost a full day.",
        "quotes_policy",
        "9",
    ),
    ("In line with the Trust's Visiting Policy, children cannot visit.", "quotes_policy", "Trust"),
    ("Gift cards are non-refundable.", "quotes_policy", "non-refundable"),
    ("Claims are not considered after 60 days.", "quotes_policy", "not considered"),
    ("The minimum notice period is one month.", "quotes_policy", "minimum notice"),
    ("Returns must be made within 14 days of delivery.", "quotes_policy", "within"),
    ("Our terms of sale do not allow refunds on opened software.", "quotes_policy", "terms"),
    # passive: no owner, vague time, a problem nobody caused
    ("Outstanding refunds are being reviewed.", "passive", "being reviewed"),
    ("A ruling is expected soon.", "passive", "expected soon"),
    ("Your suggestions have been recorded and shared where relevant.", "passive", "recorded"),
    ("It seems there was an error with your booking.", "passive", "there was an error"),
    ("Refunds go out as fast as we can.", "passive", "as fast as we can"),
    # aggressive: orders and duties, threats with any subject
    ("Hi Sam, stop sending us the same photo.", "aggressive", "stop sending"),
    ("You'll simply have to wait for the bank.", "aggressive", "have to"),
    ("You are required to return the keys by Friday.", "aggressive", "required to"),
    ("Please ensure the dog is kept inside in future.", "aggressive", "in future"),
    ("Settle the balance or your account will be suspended.", "aggressive", "suspended"),
    ("Unless the form is signed by Friday, we will cancel the order.", "aggressive", "cancel"),
]


@pytest.mark.parametrize(("reply", "kind", "words"), THIRD_FOUND)
def test_a_third_round_family_finds_new_wording(reply, kind, words):
    found = spans(reply, kind)
    assert found, (reply, kind, check_reply(reply))
    assert any(words in text for text in found), found


THIRD_LEFT_ALONE = [
    ("If you'd like a callback, we can ring you this afternoon.", "provoking"),
    ("I hope you have a lovely weekend in the new flat.", "provoking"),
    ("Thanks for your second message with the photos; we'll use them.", "provoking"),
    ("Our fitter will have the new tile with him on Tuesday.", "admits_fault"),
    ("We are responsible for keeping your data safe.", "admits_fault"),
    ("Gift cards are non-refundable because they work like cash.", "quotes_policy"),
    ("Your new card is blocked until you activate it in the app.", "quotes_policy"),
    ("Report a site to us if it breaks our terms of service.", "quotes_policy"),
    ("Reply YES and someone from our billing team will call you.", "passive"),
    ("We'll see whether it was delivered and reply by 5pm today.", "passive"),
    ("You're required to have a UK bank account to open one.", "aggressive"),
    ("Please keep the receipt so the shop can check the batch.", "aggressive"),
]


@pytest.mark.parametrize(("reply", "kind"), THIRD_LEFT_ALONE)
def test_a_third_round_family_leaves_fair_wording_alone(reply, kind):
    assert kind not in kinds(reply), check_reply(reply)


def test_third_round_jargon_for_plain_and_specialist_customers():
    # several abbreviations in a sentence: one finding over them
    assert spans("The CPE shows an LOF alarm today.", "jargon", PLAIN) == ["CPE shows an LOF"]
    # three terms in one sentence: the sentence
    dense = "The OTA update bricked the handset and left it in a boot loop."
    assert spans(dense, "jargon", PLAIN) == [dense]
    # a postcode is an address, not an abbreviation
    assert spans("Please post it to Unit 2, Dock Road, Hull HU5 2QQ.", "jargon", PLAIN) == []
    # a beginner's answer to a specialist is one finding over the answer
    beginner = "That error just means the drive is a bit poorly. Check it is plugged in."
    assert len(spans(beginner, "jargon", SPECIALIST)) == 1
    precise = (
        "That error means the reallocated-sector count has passed its threshold; back up the "
        "data and replace the drive."
    )
    assert spans(precise, "jargon", SPECIALIST) == []


@pytest.mark.parametrize(
    "reply",
    [
        "Thanks for your patience. Your claim will be reviewed in due course.",
        "I'll send the new card as soon as possible.",
    ],
)
def test_a_vague_time_is_no_next_step(reply):
    assert "no_next_step" in kinds(reply)


@pytest.mark.parametrize(
    "reply",
    [
        "Your balance is £40. Pay it at example.com/pay.",
        "Expect a text from the driver at 18:45.",
        "I'll email you the label straight after this call.",
        "Please hold on to it. Do not post the item yet.",
        "You'll need to bring photo ID to the branch.",
        "Your glasses are ready to collect from the shop.",
    ],
)
def test_an_instruction_or_a_time_in_other_words_is_a_next_step(reply):
    assert "no_next_step" not in kinds(reply)


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("Your sort code 11-22-33 is now on file.", "11-22-33"),
        ("We've noted the van, reg AB12 CDE, at the gate.", "AB12 CDE"),
        ("Your metformin 500mg is ready for you.", "metformin 500mg"),
        ("Your fertility clinic appointment is on Tuesday.", "fertility clinic"),
        ("Passport number 123456789 is verified.", "123456789"),
        ("Your NI number AB 12 34 56 C is linked.", "AB 12 34 56 C"),
    ],
)
def test_identifiers_and_health_details_are_personal_data_in_public(reply, words):
    assert words in spans(reply, "public_personal_data", PUBLIC)


def test_ordinary_numbers_and_appointments_are_not_personal_data():
    assert spans("The 500 series is in stock from 10-12 May.", "public_personal_data", PUBLIC) == []
    assert spans("We'll DM you about the appointment.", "public_personal_data", PUBLIC) == []


@pytest.mark.parametrize(
    "reply",
    [
        "I'll put two hundred pounds on your account as a credit.",
        "We'll send you the deluxe model instead, worth £240.",
        "We'll refund the full £120 so you're not out of pocket.",
        "We're enclosing a £30 voucher with the letter.",
    ],
)
def test_third_round_promises_above_the_limit_are_found(reply):
    assert "above_authority" in kinds(reply, LIMITS)


@pytest.mark.parametrize(
    "reply",
    [
        "I can't refund £120 myself, but I've asked my team leader.",
        "We'll send the same kettle in white instead, worth £60.",
        "We're enclosing a £5 voucher with the letter.",
    ],
)
def test_third_round_promises_within_the_limit_are_not_found(reply):
    assert "above_authority" not in kinds(reply, LIMITS)


def test_a_requirement_or_unfortunately_is_no_acknowledgement():
    assert "no_empathy" in kinds("Applications must be submitted by Friday.", UPSET_ONLY)
    unfortunately = "Unfortunately the flight was cancelled. I can rebook you tomorrow."
    assert "no_empathy" in kinds(unfortunately, UPSET_ONLY)
    fair = "That must be so stressful. I can rebook you tomorrow."
    assert "no_empathy" not in kinds(fair, UPSET_ONLY)


def test_anything_else_questions_are_cut_as_the_pattern_says_without_backtracking():
    """`_without_anything_else` cuts what `[^.!?]*anything else[^.!?]*\\?` would (that
    pattern took minutes on a long reply with no full stop), checked on every small text."""
    import itertools
    import re

    from calmdesk.core.replies.checker import _without_anything_else

    pattern = re.compile(r"[^.!?]*\banything else\b[^.!?]*\?", re.IGNORECASE)
    pieces = ["Anything else", "anything else", "is there", "?", ".", "!", " ", "x.y", "elsewhere"]
    for size in range(1, 5):
        for parts in itertools.product(pieces, repeat=size):
            text = " ".join(parts)
            assert _without_anything_else(text) == pattern.sub("", text), text
    assert _without_anything_else("Can I help with anything else today?") == ""
    assert _without_anything_else("I'll call at 4pm. Anything else?") == "I'll call at 4pm."


# ---------------------------------------------------------------- fifth widening (issue 5)
# Each family added after the fourth blind batch: new wording (written for these tests, not
# taken from the datasets) that is found, and a fair near-miss in the same words left alone.

LIMITS5 = ReplyContext.build(authority=AGENT)
PUBLIC5 = ReplyContext(public=True)
PRO_TEXT = "Heating engineer here: the Vaillant 832 logs F28 and the gas valve reads 19 mbar."


@pytest.mark.parametrize(
    ("reply", "kind", "context"),
    [
        # provoking: blame or suspicion put on customers as a class, minimising, pointing
        # back, sarcasm, condescending suggestions
        ("Residents are expected to check the collection calendar.", "provoking", None),
        ("We do warn guests about leaving valuables in the lockers.", "provoking", None),
        ("People who claim they never got the letter usually did.", "provoking", None),
        ("The lift was only out of action for twenty minutes.", "provoking", None),
        ("It isn't like the porter meant to lose it.", "provoking", None),
        ("I have covered this already. The fee stays.", "provoking", None),
        ("The answer is further up the thread, scroll up.", "provoking", None),
        ("It's clearly in the FAQ, as we said.", "provoking", None),
        ("Pity you never mentioned the broken hinge when you collected it.", "provoking", None),
        ("It would help if you actually replied to our texts.", "provoking", None),
        ("We're not mind readers, so tell us next time.", "provoking", None),
        ("Perhaps ask at the post office first?", "provoking", None),
        # aggressive: ultimatums, demands for the customer's money, duties, contradiction
        ("Return the keys by Friday, failing which the deposit is kept.", "aggressive", None),
        ("Settle the bill or we'll pass the account to our recovery agents.", "aggressive", None),
        ("Pick up the bike this week or it will be sold.", "aggressive", None),
        ("Until you return the hire car, charges keep running daily.", "aggressive", None),
        ("The fine stands and must be paid within 10 days.", "aggressive", None),
        ("It was your responsibility to measure the doorway.", "aggressive", None),
        ("He'll have to phone us from his own number.", "aggressive", None),
        ("Our meters never make errors, so the reading stands.", "aggressive", None),
        ("You've ignored three letters from us about this.", "aggressive", None),
        ("Parking permits MUST be renewed each year.", "aggressive", None),
        # admits_fault: a sure adverb, a named person, the organisation liable, a certain cause
        ("Our fitter obviously cracked the tile when he drilled it.", "admits_fault", None),
        ("Mr Price should never have signed off the boiler.", "admits_fault", None),
        ("The hotel is fully responsible for the damage to your car.", "admits_fault", None),
        ("The leak was almost certainly caused by our plumber.", "admits_fault", None),
        ("We've obviously misplaced your documents, I'm sorry.", "admits_fault", None),
        ("I'll hold my hands up on this one.", "admits_fault", None),
        ("We acknowledge that the stairs were poorly lit that night.", "admits_fault", None),
        ("That was a genuine error by our booking team.", "admits_fault", None),
        # quotes_policy: a blanket practice, a generic rule with a condition or frequency, a
        # document or statute named as the authority, the rule as its own reason
        ("We don't accept returns on sale items.", "quotes_policy", None),
        ("Goodwill credits are given once only per account.", "quotes_policy", None),
        ("Memberships aren't active until the first payment clears.", "quotes_policy", None),
        ("Transfers require 14 days' notice in writing.", "quotes_policy", None),
        ("A parking disc must be displayed at all times.", "quotes_policy", None),
        ("Accessories are excluded under our Terms of Sale.", "quotes_policy", None),
        (
            "Under the Consumer Contracts (Information) Regulations 2013 no refund is due.",
            "quotes_policy",
            None,
        ),
        ("We can't extend the trial as it's in the subscription terms.", "quotes_policy", None),
        ("Lost card fees policy applies.", "quotes_policy", None),
        ("We are legally entitled to pass this on.", "quotes_policy", None),
        # passive: any step nobody owns, a matter in hand, a pending step, a half promise
        ("Your deposit will be reconsidered.", "passive", None),
        ("Your transfer request is currently being reviewed.", "passive", None),
        ("A new handset has been ordered.", "passive", None),
        ("The late fee seems to have been added.", "passive", None),
        ("We'll try to squeeze you in.", "passive", None),
        ("A fitter will visit when available.", "passive", None),
        # jargon: a beginner's answer to a professional the model may read as plain
        ("Boilers can be a bit funny in cold weather.", "jargon", PRO_TEXT),
        ("It's just a wiring thing, you'll get used to it.", "jargon", PRO_TEXT),
        ("Give it a good reset and it usually sorts it.", "jargon", PRO_TEXT),
        ("So basically the valve is tired.", "jargon", PRO_TEXT),
        # no_empathy: distress shown in the body
        ("A new card goes out today.", "no_empathy", "My hands are shaking, I'm so worried."),
        # public_personal_data: care and money told in words, a card brand's digits
        ("Your filling on the upper right tooth was moved to May.", "public_personal_data", 1),
        ("Paid with Mastercard ending 4410, refunded today.", "public_personal_data", 1),
        (
            "Your tenancy was terminated after two missed payments in March.",
            "public_personal_data",
            1,
        ),
    ],
)
def test_fifth_round_families_are_found_in_new_wording(reply, kind, context):
    if context == 1:
        context = PUBLIC5
    elif isinstance(context, str):
        context = ReplyContext(customer_is_specialist=False, customer_text=context)
    assert kind in kinds(reply, context)


@pytest.mark.parametrize(
    ("reply", "kind", "context"),
    [
        ("Residents can check the collection calendar online.", "provoking", None),
        ("We do offer guests a locker for their valuables.", "provoking", None),
        ("The lift will be out of action for twenty minutes on Monday.", "provoking", None),
        ("I can scroll through your account with you now.", "provoking", None),
        ("Return the keys by Friday and I'll refund the deposit the same day.", "aggressive", None),
        ("You can pick up the bike this week or we can deliver it.", "aggressive", None),
        ("I'm sorry, I can see you paid, so the fine is cancelled.", "aggressive", None),
        (
            "I understand you're upset, and I'm not going to argue with you; here's what I'll do.",
            "aggressive",
            None,
        ),
        ("Our fitter checked the tile before he drilled it.", "admits_fault", None),
        ("The hotel is responsible for keeping your booking details safe.", "admits_fault", None),
        ("We don't charge for returns on sale items.", "quotes_policy", None),
        ("We can't extend the trial because it would bill you twice.", "quotes_policy", None),
        ("Your deposit will be repaid by Friday.", "passive", None),
        ("A new handset has been ordered and arrives on Tuesday.", "passive", None),
        ("I'll put a note on the board at 4pm when the pool reopens.", "passive", None),
        ("Your refund request has been received.", "passive", None),
        (
            "The F28 fault is the flame sensor; I'll send an engineer with one by Monday.",
            "jargon",
            PRO_TEXT,
        ),
        ("A new card goes out today.", "no_empathy", "I'm worried it was lost."),
        ("Your order was moved to May.", "public_personal_data", 1),
    ],
)
def test_fifth_round_near_misses_are_left_alone(reply, kind, context):
    if context == 1:
        context = PUBLIC5
    elif isinstance(context, str):
        context = ReplyContext(customer_is_specialist=False, customer_text=context)
    assert kind not in kinds(reply, context)


def test_a_professional_in_the_customer_s_words_is_a_specialist_for_the_jargon_rule():
    """The model may read a trade professional as plain-spoken; their own words decide: a
    long technical sentence is then fair, and a beginner's answer is the fault."""
    from calmdesk.core.replies.checker import writes_as_specialist

    assert writes_as_specialist(PRO_TEXT)
    assert writes_as_specialist("I'm a mortgage broker; the DIP passed at 4.5x income.")
    assert not writes_as_specialist("My boiler is broken AGAIN and NOBODY CAME!!")
    assert not writes_as_specialist("I NEVER TOUCHED IT! WHY IS IT LOCKED?")
    assert not writes_as_specialist("Six tins, 12 x 400g, sold at £40 by scalpers.")
    assert not writes_as_specialist("I'm a nurse and my parcel never came.")
    precise = (
        "The F28 lockout after ignition means no flame signal, and with 19 mbar at the valve "
        "the supply is fine, so the likely cause is the flame sensor or its lead, which our "
        "engineer will test and replace on Monday morning before you arrive on site."
    )
    assert "jargon" not in kinds(
        precise, ReplyContext(customer_is_specialist=False, customer_text=PRO_TEXT)
    )
    assert "jargon" in kinds(
        precise, ReplyContext(customer_is_specialist=False, customer_text="My boiler won't start.")
    )


def test_one_disclosure_of_personal_details_is_one_finding():
    reply = "Hi, we've booked the visit at 8 Hazel Road, Bath BA1 2AB for Monday."
    assert spans(reply, "public_personal_data", PUBLIC5) == ["8 Hazel Road, Bath BA1 2AB"]
    apart = "Hi, the visit is at 8 Hazel Road. We also wrote to BA1 2AB by mistake."
    assert len(spans(apart, "public_personal_data", PUBLIC5)) == 2


def test_two_remedies_over_the_limit_in_one_sentence_are_two_promises():
    reply = "I'll refund the £90 fee and add a £20 voucher for the trouble."
    found = spans(reply, "above_authority", LIMITS5)
    assert found == ["I'll refund the £90 fee", "add a £20 voucher for the trouble."]
    one = "I've approved a refund of £90 and an extra £20 voucher."
    assert len(spans(one, "above_authority", LIMITS5)) == 1
    assert "above_authority" in kinds("We enclose a store credit of £120.", LIMITS5)
    assert "above_authority" in kinds("We'll send you a brand-new kettle, the £180 one.", LIMITS5)


def test_a_dig_inside_a_threat_is_one_aggressive_fault():
    shouted = kinds("Late returns WILL be charged £20.")
    assert "aggressive" in shouted
    assert "provoking" not in shouted
    assert "aggressive" in kinds("You must pay the balance today.")
    assert "provoking" not in kinds("You must pay the balance today.")
    assert "provoking" in kinds("You must keep the receipt. We'll refund you today.")


def test_a_step_that_is_itself_vague_or_a_dig_is_no_next_step():
    assert "no_next_step" in kinds("The meter is fine. I'll put a note on the account.")
    assert "no_next_step" in kinds("It says delivered. Perhaps ask a neighbour first?")
    assert "no_next_step" not in kinds("I've refunded the £12 to your card.")
    assert "no_next_step" not in kinds("Your visit is rescheduled to 14/12 09:00-12:00.")
    assert "no_next_step" not in kinds("Look, the form is attached.")


# ---------------------------------------------------------------- sixth widening (issue 5)
# Each family added after the fifth and sixth blind batches: new wording (written for these
# tests, not taken from the datasets) that is found, and a fair near-miss left alone.

WEB_PRO = "Our API calls to your /orders endpoint return HTTP 503 since the deploy; tenant eu-2."


@pytest.mark.parametrize(
    ("reply", "kind", "context"),
    [
        # provoking: counterfactual blame, rhetorical tags, comparison with everyone else,
        # pointing back at what was said or agreed, dismissing, minimising, lecturing
        (
            "If the alarm code had been set, we wouldn't be talking about a break-in.",
            "provoking",
            None,
        ),
        ("I can't conjure a driver from nowhere, can I?", "provoking", None),
        ("We did print the dates on the ticket, didn't we?", "provoking", None),
        ("Nine times out of ten it's a loose cable at your end.", "provoking", None),
        ("Most members manage the booking app without any help.", "provoking", None),
        ("The portal works fine for our other tenants.", "provoking", None),
        ("You're not the only resident affected, you know.", "provoking", None),
        ("The welcome pack did explain the parking rules.", "provoking", None),
        ("I'm not sure what else you were expecting from a budget room.", "provoking", None),
        ("Ranting at our staff won't get the lift fixed sooner.", "provoking", None),
        ("Before blaming the courier, check your porch.", "provoking", None),
        ("Do you seriously expect us to waive the fee?", "provoking", None),
        ("It's not like we flooded the kitchen ourselves.", "provoking", None),
        ("Let's not get carried away over a late pizza.", "provoking", None),
        ("Make sure you lock the gate in future to prevent this.", "provoking", None),
        # aggressive: a punishment after a condition, refusing contact, flat refusal,
        # contradiction, orders about conduct
        ("If the rent isn't paid by Monday, your tenancy will be terminated.", "aggressive", None),
        ("Your locker will be cleared if it is left full again.", "aggressive", None),
        ("Any further emails about the refund will not be answered.", "aggressive", None),
        ("Please don't raise any more tickets on this.", "aggressive", None),
        ("The fine is valid and will not be cancelled.", "aggressive", None),
        ("That's simply not going to happen.", "aggressive", None),
        ("No, that's not correct, you ordered the blue one.", "aggressive", None),
        ("I'd ask you not to question our nurse's judgement.", "aggressive", None),
        ("Don't go poking at the fuse box yourself.", "aggressive", None),
        ("Calling our driver a thief is unacceptable.", "aggressive", None),
        ("You have emailed us fourteen times this month.", "aggressive", None),
        # admits_fault: negligence or liability, the error named as ours, a system that
        # failed, a duty not done, conceding
        ("The landlord has been negligent about the boiler.", "admits_fault", None),
        ("The hotel accepts full responsibility for the theft.", "admits_fault", None),
        ("The double debit was our error.", "admits_fault", None),
        ("Our booking system has let you down badly.", "admits_fault", None),
        ("We ought to have warned you and we failed to do so.", "admits_fault", None),
        ("I have to concede that the repair was poor.", "admits_fault", None),
        ("Our surveyor valued the house wrongly.", "admits_fault", None),
        # quotes_policy: the rule as the whole answer in other shapes
        (
            "Under the Trust's Visiting Policy, only two visitors are allowed.",
            "quotes_policy",
            None,
        ),
        ("Library policy is that fines stand.", "quotes_policy", None),
        ("We can't refund the ticket, that's the venue policy.", "quotes_policy", None),
        ("No cash refunds, store rule.", "quotes_policy", None),
        ("The guarantee is twelve months, as stated on your receipt.", "quotes_policy", None),
        ("Your lease terms require a month's notice.", "quotes_policy", None),
        # passive: a matter in hand whatever its subject, logged with nobody named, an unnamed
        # role, a contraction, "where possible"
        ("Problems with the car park barrier are being addressed.", "passive", None),
        ("Complaint has been logged.", "passive", None),
        ("An adviser will call you.", "passive", None),
        ("Somebody'll sort the invoice out.", "passive", None),
        ("Refunds were given where appropriate.", "passive", None),
        # jargon: trades' words to a beginner; a beginner's answer to a professional
        ("The fault is an earth fault on the circuit.", "jargon", "My lights keep going off."),
        ("It sounds like your website is having a bad day.", "jargon", WEB_PRO),
        ("The server has gone a bit wonky.", "jargon", WEB_PRO),
        ("Sometimes sites just go down and come back.", "jargon", WEB_PRO),
        # no_next_step: a no-reply notice is no step
        ("Your case was closed. Please do not reply to this email.", "no_next_step", None),
    ],
)
def test_sixth_round_families_are_found_in_new_wording(reply, kind, context):
    if isinstance(context, str):
        context = ReplyContext(customer_is_specialist=False, customer_text=context)
    assert kind in kinds(reply, context)


@pytest.mark.parametrize(
    ("reply", "kind", "context"),
    [
        ("If the alarm had been faulty, we would have sent an engineer.", "provoking", None),
        ("Can we both take a breath and go through it together?", "provoking", None),
        ("Most members get a reply within a day.", "provoking", None),
        ("Your bag isn't the only blue one here; could you describe the tag?", "provoking", None),
        ("The welcome pack explains the parking rules; I'll send you a copy.", "provoking", None),
        ("Our charges are set per ICANN policy.", "provoking", None),
        ("If you're not home, the parcel will go to your neighbour.", "aggressive", None),
        ("Any further questions, just reply to this email.", "aggressive", None),
        ("I'm sorry, that's rubbish when it happens on a birthday.", "aggressive", None),
        ("It's a required field, so you'll have to enter your postcode.", "aggressive", None),
        ("We have not been negligent; the report shows the pipe froze.", "admits_fault", None),
        ("You'll be liable for the fine only if it's not paid.", "admits_fault", None),
        (
            "I can see the order and our courier scanned it as damaged; that's on us.",
            "admits_fault",
            None,
        ),
        ("Under our new plan you pay nothing extra for calls.", "quotes_policy", None),
        (
            "Problems with the barrier are being addressed by Dev, our engineer, by 5pm.",
            "passive",
            None,
        ),
        ("The change fee may be paid online or by phone.", "passive", None),
        (
            "The fault is an earth fault on the circuit.",
            "jargon",
            "Electrician here, RCD trips at 30mA on circuit 4.",
        ),
        ("Pick it up from the counter any time before Saturday.", "no_next_step", None),
        ("Our surveyor can revisit on the 12th.", "no_next_step", None),
    ],
)
def test_sixth_round_near_misses_are_left_alone(reply, kind, context):
    if isinstance(context, str):
        context = ReplyContext(customer_is_specialist=False, customer_text=context)
    assert kind not in kinds(reply, context)


def test_a_software_customer_writes_as_a_specialist():
    from calmdesk.core.replies.checker import writes_as_specialist

    assert writes_as_specialist(WEB_PRO)
    assert writes_as_specialist("I'm a bookkeeper; the SA100 shows the wrong year.")
    assert not writes_as_specialist("My website is down and I don't know why.")


def test_hand_offs_in_one_sentence_are_one_passive_fault():
    # A vague "someone" after the hand-off is the same hand-off: one fault.
    reply = "Your query has been passed on and someone will be in touch."
    assert len(spans(reply, "passive")) == 1
    # (Eighth round, issue 5: a step with a subject of its own after "and" is a second
    # passive fault, as most labelled replies have it - e001, e010, e018, e026, e085, e136,
    # j073 and the eighth batch - against f064, g018 and g140.)
    reply = "Your query has been noted and the matter will be reviewed."
    assert len(spans(reply, "passive")) == 2


@pytest.mark.parametrize(
    "reply",
    [
        "The company will replace the whole wardrobe, worth £600.",
        "I'm sending a whole new blender, the £210 model.",
        "I'll take £90 off your next invoice.",
        "I've added three free months to your plan (worth £45).",
        "Your repair will be free of charge, about £320.",
    ],
)
def test_sixth_round_promises_above_the_limit_are_found(reply):
    assert "above_authority" in kinds(reply, LIMITS5)


@pytest.mark.parametrize(
    "reply",
    [
        "The company will replace the kettle lid, a £9 part.",
        "I'll take £5 off your next invoice.",
        "Delivery is free of charge on orders over £20.",
    ],
)
def test_sixth_round_promises_within_the_limit_are_not_found(reply):
    assert "above_authority" not in kinds(reply, LIMITS5)


@pytest.mark.parametrize(
    "reply",
    [
        "We've checked account 4471 2208 93 and it's up to date.",
        "Your tablet (IMEI 35 118822 334455 6) is ready.",
        "Your GCSE results (B, C, C) arrived on Friday.",
        "The line was barred after two missed payments on your account.",
        "The parcel is with your neighbour at 5 Mill Rise.",
    ],
)
def test_sixth_round_personal_details_are_found_in_public(reply):
    assert "public_personal_data" in kinds(reply, PUBLIC5)


def test_sixth_round_ordinary_numbers_are_not_personal_data():
    assert "public_personal_data" not in kinds("Call us on 0800 123 4567 any time.", PUBLIC5)
    assert "public_personal_data" not in kinds("Results day is 14 August.", PUBLIC5)
    assert "public_personal_data" not in kinds("Missed payments can be paid online.", PUBLIC5)


def test_a_stock_apology_is_no_acknowledgement():
    upset = ReplyContext(customer_text="I'm devastated, the party is ruined.")
    stock = "We apologise for any inconvenience caused. A new cake goes out today."
    assert "no_empathy" in kinds(stock, upset)
    real = "I'm so sorry the cake arrived crushed. A new one goes out today."
    assert "no_empathy" not in kinds(real, upset)
    at_us = ReplyContext(customer_text="Thieves. You've taken my money twice. I'm fuming.")
    assert "no_empathy" in kinds("The payment is refunded today.", at_us)


def test_a_long_technician_s_sentence_is_one_jargon_fault():
    plain = ReplyContext(customer_is_specialist=False, customer_text="My TV app won't load.")
    long = (
        "What's happening is that your set-top box keeps losing its DHCP lease because the "
        "router's band steering moves it to the other band, so we'd need to reserve the IP "
        "and pin the SSID for you."
    )
    assert len(spans(long, "jargon", plain)) == 1
    short = "I've raised it with L2 support after the OTA update."
    assert len(spans(short, "jargon", plain)) == 2


@pytest.mark.parametrize(
    ("reply", "kind", "context"),
    [
        (
            "The failed lines are items your cover excludes, which is quite common.",
            "jargon",
            WEB_PRO,
        ),
        ("There might be a problem with the server.", "jargon", WEB_PRO),
        ("Our team is aware of an issue with the API and working on it.", "jargon", WEB_PRO),
        ("You approved the artwork without querying the colours.", "provoking", None),
        ("Opening a new chat each hour just slows everything down.", "provoking", None),
        ("We can't phone every parent about every grazed knee.", "provoking", None),
        ("We've checked and your form arrived on 3 May.", "no_next_step", None),
    ],
)
def test_sixth_round_later_families_are_found(reply, kind, context):
    if isinstance(context, str):
        context = ReplyContext(customer_is_specialist=False, customer_text=context)
    assert kind in kinds(reply, context)


@pytest.mark.parametrize(
    ("reply", "kind", "context"),
    [
        ("HTTP 503 is common during a deploy; the fix went live at 14:10 UTC.", "jargon", WEB_PRO),
        ("You approved the artwork on Monday; the print run starts today.", "provoking", None),
        ("ill msg u tmrw am to check it arrived", "no_next_step", None),
        ("I'll phone you the day a place comes up.", "no_next_step", None),
        (
            "The downgrade takes effect at the start of the next billing period.",
            "no_next_step",
            None,
        ),
    ],
)
def test_sixth_round_later_near_misses_are_left_alone(reply, kind, context):
    if isinstance(context, str):
        context = ReplyContext(customer_is_specialist=False, customer_text=context)
    assert kind not in kinds(reply, context)


def test_the_clause_the_customer_asked_for_is_an_answer_not_a_quoted_rule():
    asked = ReplyContext(customer_text="Which clause excludes the scan, and why?")
    reply = "It falls under clause 4.2: scans after surgery are capped at one per claim."
    assert "quotes_policy" not in kinds(reply, asked)
    assert "quotes_policy" in kinds("Please refer to your policy booklet for the list.", asked)
    assert "quotes_policy" in kinds(reply, ReplyContext(customer_text="Why no payout?"))


@pytest.mark.parametrize(
    ("customer", "owed"),
    [
        ("@Shop All sorted now, I had to reinstall it in the end 😭", False),
        ("Never mind, found the code in my spam folder!!!", False),
        ("It's fixed now but I lost every photo and I'm devastated.", True),
        ("Is it fixed now?? I've waited three days!!!", True),
    ],
)
def test_a_customer_who_says_the_problem_is_solved_is_owed_no_apology(customer, owed):
    context = ReplyContext(indicators=("upset",), customer_text=customer)
    reply = "Here's how to download your games again: link."
    assert ("no_empathy" in kinds(reply, context)) is owed


@pytest.mark.parametrize(
    ("customer", "found"),
    [
        ("My phone won't sync with the watch.", False),
        ("The watch has stopped syncing.", False),
        ("My watch shows yesterday's steps.", True),
    ],
)
def test_a_technical_word_the_customer_used_is_not_jargon_to_them(customer, found):
    context = ReplyContext(customer_is_specialist=False, customer_text=customer)
    reply = "For the sync error you're seeing, please restart the watch today."
    assert ("jargon" in kinds(reply, context)) is found


def test_every_technical_word_of_a_term_must_be_the_customers():
    context = ReplyContext(customer_is_specialist=False, customer_text="It's stuck in a loop.")
    assert "jargon" in kinds("Your phone is in a boot loop; bring it in today.", context)
