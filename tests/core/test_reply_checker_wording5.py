"""The reply checker's tenth widening (issue 5): each family of wording added after the tenth
blind batch is found in new words (written for these tests, not taken from the datasets), and a
fair near-miss in the same words is left alone."""

from __future__ import annotations

import pytest
from tests.core.reply_checking import kinds

from calmdesk.core.replies import ReplyContext

PUBLIC = ReplyContext(public=True)

# The demo policy's agent limits, as the labelled replies give them.
AUTHORITY = ReplyContext.build(
    authority={
        "refund": {"allowed": True, "max_amount": 50},
        "credit_note": {"allowed": True, "max_amount": 75},
        "goodwill_gesture": {"allowed": True, "max_amount": 10},
        "replacement": {"allowed": True, "max_amount": 150},
        "alternative_product": {"allowed": True, "max_amount": 100},
        "repair": {"allowed": True, "max_amount": None},
    }
)

# A professional who writes in their trade's terms, and one who writes plainly.
SPECIALIST = ReplyContext.build(
    customer_is_specialist=True,
    customer_text="Our NAS drops off the LAN after the 7.2.1 update; SMB3 shares time out.",
)
PLAIN = ReplyContext.build(
    customer_is_specialist=False, customer_text="Where is my suitcase? It never arrived."
)


FOUND = [
    # provoking: blaming a third party instead of owning it
    ("The damage is down to the removals firm and not our packers.", "provoking"),
    ("The fault lies with the parts supplier, not us.", "provoking"),
    ("Honestly, that's the courier we use, they've been hopeless all month.", "provoking"),
    ("What guests leave in the rooms isn't really our concern.", "provoking"),
    ("Delays happen with the carriers, nothing we can do about them.", "provoking"),
    # provoking: over-cheerful minimising
    ("Oh dear, that's festivals for you! Have a fab weekend!", "provoking"),
    ("It's only a concert, there'll be another tour!", "provoking"),
    ("Toddlers fall over all the time, so no harm done.", "provoking"),
    ("Try not to worry too much about the scratch!", "provoking"),
    ("Next time, just read the size chart and you'll be laughing!", "provoking"),
    # provoking: lecturing and pulling rank
    ("Most of our users connect the camera in seconds.", "provoking"),
    ("I've been doing this job for twenty years, I know a worn tyre.", "provoking"),
    ("As the confirmation states very clearly, the tour starts at nine.", "provoking"),
    ("I can't see how you missed the barrier.", "provoking"),
    ("Your meter was read late, as tenants are regularly reminded to report it.", "provoking"),
    ("I must point out that you cancelled the last two visits.", "provoking"),
    ("Swearing at the driver didn't help matters.", "provoking"),
    ("I'm not sure what you think went wrong, to be honest.", "provoking"),
    ("Condensation mostly comes down to how tenants live.", "provoking"),
    ("I'm sure the statue would be delighted to be climbed on.", "provoking"),
    # aggressive: the claim dismissed, the fault turned back, enforcement, conduct
    ("You accepted the quote, so there are no grounds for a further complaint.", "aggressive"),
    ("The meter is right, so there's nothing to refund.", "aggressive"),
    ("You must have switched the valve off yourself.", "aggressive"),
    ("That isn't something our engineers would do.", "aggressive"),
    ("The sofa was already stained when you brought it in.", "aggressive"),
    ("You can't accuse our staff of theft without evidence.", "aggressive"),
    ("Our wardens acted entirely correctly.", "aggressive"),
    ("Pay the fee now or I'm ringing the towing company.", "aggressive"),
    ("Please stop talking over me.", "aggressive"),
    ("Late payment of rent will not be tolerated.", "aggressive"),
    # admits_fault: our own people or kit guessed at as the cause, or named by their failing
    ("The box is crushed - that'll be our warehouse lot, sorry.", "admits_fault"),
    ("It's down to our packers, they rushed the job.", "admits_fault"),
    ("The mark is most likely from our cleaning fluid.", "admits_fault"),
    ("Our printer must have jammed halfway through.", "admits_fault"),
    ("He's new, so he probably forgot the checklist.", "admits_fault"),
    ("Our drivers have been careless with parcels this week.", "admits_fault"),
    ("Our crew was in the wrong, and we're responsible for that.", "admits_fault"),
    ("The safety notice never went out, so we're in breach.", "admits_fault"),
]

NEAR_MISSES = [
    # provoking
    ("I'm sorry, you shouldn't have had to call us three times.", "provoking"),
    ("You were paid £40 more than you should have been, so we'll adjust it.", "provoking"),
    ("Your new aids will settle down in a week or two.", "provoking"),
    ("Please switch your phone off and on again.", "aggressive"),
    ("Hi Sam, reply YES to confirm or NO to rebook.", "provoking"),
    ("QUICKFIX: Your engineer arrives at 10am tomorrow.", "provoking"),
    ("There's nothing we can do about the weather, but we'll rebook you for free.", "provoking"),
    ("The supplier sent the wrong panel, so I've ordered the right one for Monday.", "provoking"),
    # aggressive
    ("You won't have to pay anything more.", "aggressive"),
    ("There's no charge for the visit.", "aggressive"),
    # admits_fault
    ("Our supplier delivered the wrong tiles, and the right ones arrive Friday.", "admits_fault"),
    ("We'll pay the test fee if it shows we were at fault.", "admits_fault"),
    ("Our team will probably call you on Monday.", "admits_fault"),
]


@pytest.mark.parametrize(("reply", "kind"), FOUND)
def test_tenth_round_family_found_in_new_wording(reply, kind):
    assert kind in kinds(reply)


@pytest.mark.parametrize(("reply", "kind"), NEAR_MISSES)
def test_tenth_round_near_miss_left_alone(reply, kind):
    assert kind not in kinds(reply)


def test_tenth_round_a_feeling_seen_is_no_check_of_the_facts():
    # "I can see how much it matters" is empathy, so the guess after it is still an admission;
    # "I can see from the log" is a check, after which owning the fault is fair.
    assert "admits_fault" in kinds(
        "I can see how much the rug matters to you; our machine must have run too hot."
    )
    assert "admits_fault" not in kinds(
        "I can see from the log that our machine must have run too hot."
    )


@pytest.mark.parametrize(
    ("reply", "private"),
    [
        ("Hi Jo, your endoscopy on Friday is still going ahead.", True),
        ("Hi Jo, your oncology follow-up is booked for May.", True),
        ("Hi Jo, your moderate hearing loss in the left ear is noted on file.", True),
        ("Hi Jo, Sam's grazed elbow was cleaned at lunch.", True),
        ("Hi Jo, your joint income of £52,000 was used.", True),
        # near-misses: nothing about this customer's life
        ("Hi Jo, endoscopy clinics run on weekdays; DM us to book.", False),
        ("Hi Jo, our income guide is on the website.", False),
        ("Hi Jo, Sam's order was sent at lunch.", False),
    ],
)
def test_tenth_round_private_life_in_public(reply, private):
    assert ("public_personal_data" in kinds(reply, PUBLIC)) is private


@pytest.mark.parametrize(
    ("reply", "above"),
    [
        ("I've upgraded both of you to the gold plan, normally £180 more.", True),
        ("I've taken the whole £260 off your bill.", True),
        ("We'll pay the full £900 for the sofa.", True),
        (
            "We'll pay the full £700 for the coat, and I've asked our restorer to look at "
            "the lining.",
            True,
        ),
        # near-misses: within the limits, or the customer's own payment
        ("I've upgraded you to the next plan, normally £20 more.", False),
        ("I've taken the £30 late fee off your bill.", False),
        ("You'll pay the full £900 on delivery.", False),
        ("We'll pay the full £900 once my team leader approves it.", False),
    ],
)
def test_tenth_round_remedies_in_other_words(reply, above):
    assert ("above_authority" in kinds(reply, AUTHORITY)) is above


@pytest.mark.parametrize(
    ("reply", "context", "jargon"),
    [
        # desk words to a customer who wrote plainly
        ("Your property irregularity report is open.", PLAIN, True),
        ("The bag will go under a rush tag on the next available sector.", PLAIN, True),
        ("You are on the RTT pathway and the clock start was in May.", PLAIN, True),
        ("Group covers of 10+ need a minimum F&B spend per head.", PLAIN, True),
        ("Your suitcase is at Leeds and will be with you tomorrow.", PLAIN, False),
        # a picture or a definition for a professional
        ("A NAS is like a filing cabinet for your home network.", SPECIALIST, True),
        ("Updates work a bit like when you tidy a cupboard.", SPECIALIST, True),
        ("A switch is a device that lets your computers talk.", SPECIALIST, True),
        ("Sometimes boxes just need a little rest.", SPECIALIST, True),
        (
            "7.2.1 changed the SMB3 signing default; set it back in Settings > SMB.",
            SPECIALIST,
            False,
        ),
    ],
)
def test_tenth_round_jargon_families(reply, context, jargon):
    assert ("jargon" in kinds(reply, context)) is jargon


def test_tenth_round_a_clinician_or_an_electrician_is_a_specialist():
    from calmdesk.core.replies.checker import writes_as_specialist

    assert writes_as_specialist("I'm a GP. The FIT result was 120 and the e-RS form bounced.")
    assert writes_as_specialist("The RCD trips at 30mA; IR reads 150M\u03a9 on the ring.")
    assert not writes_as_specialist("I'm a teacher. My order hasn't arrived.")


@pytest.mark.parametrize(
    ("reply", "quoted"),
    [
        ("Our liability for lost keys is limited to £25.", True),
        ("In accordance with section 9 of the club rules, guests pay at the door.", True),
        ("By entering the site you accepted the site rules.", True),
        ("Under my terms, deposits are kept if you cancel.", True),
        ("The return window closed on 2 May, so a refund is not possible.", True),
        # near-misses: no rule quoted at the customer
        ("Our team is limited to three people on Sundays, so replies may take longer.", False),
        ("By Friday you'll have the new key in the post.", False),
        ("Your return window is open until 2 May, so you can still send it back.", False),
    ],
)
def test_tenth_round_rules_quoted(reply, quoted):
    assert ("quotes_policy" in kinds(reply)) is quoted


@pytest.mark.parametrize(
    ("reply", "passive"),
    [
        ("You will get a date once a surgeon is assigned.", True),
        ("Your complaint might be looked at next month.", True),
        ("Don't worry, we'll have it fixed one way or another.", True),
        # near-misses: an owner and a time, or a step already done
        ("I'll phone you on Monday once I've spoken to the surgeon.", False),
        ("I've looked at your complaint and upheld it.", False),
    ],
)
def test_tenth_round_steps_nobody_owns(reply, passive):
    assert ("passive" in kinds(reply)) is passive


@pytest.mark.parametrize(
    ("reply", "step"),
    [
        # no step: an opt-out line, an order not to write again, thinking it over
        ("Hi from Bloom Florists! Your wreath order is in hand. Reply STOP to opt out.", False),
        ("Hi, the refund is refused. Please do not contact us again about the refund.", False),
        ("Hi, got your note about the lesson. Busy week, let me have a think.", False),
        # steps in other words
        ("Sorry about the mix-up. You do not need to do anything further.", True),
        ("Sorry the lights failed. Factory-reset the hub, then re-pair the bulbs.", True),
        ("Sorry, the plaster form was missed. We'll hand it to you at pick-up.", True),
        ("Sorry for the trouble. Your seat has been given back for Saturday.", True),
    ],
)
def test_tenth_round_next_step_families(reply, step):
    assert ("no_next_step" not in kinds(reply)) is step
