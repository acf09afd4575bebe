"""The reply checker's fourth widening (issue 5): each family of wording added after the third
blind batch is found in new words (written for these tests, not taken from the datasets), and a
fair near-miss in the same words is left alone."""

from __future__ import annotations

import pytest
from tests.core.reply_checking import kinds

from calmdesk.core.replies import ReplyContext, check_reply

PUBLIC = ReplyContext(public=True)


def public_kinds(reply: str) -> list[str]:
    return [f.type for f in check_reply(reply, PUBLIC)]


FOUND = [
    # provoking: blame as a counterfactual, lecturing, point-scoring, mock politeness
    ("If you had answered the door at nine, the courier would not have left.", "provoking"),
    ("You might want to read your tenancy agreement more closely next month.", "provoking"),
    ("Perhaps pay more attention when you choose a delivery slot.", "provoking"),
    ("Perhaps in future you could label the boxes yourself.", "provoking"),
    ("We're all busy this week, not only you.", "provoking"),
    ("The form was on page two, just saying.", "provoking"),
    ("Apologies if my last letter was not simple enough.", "provoking"),
    ("I trust that settles it.", "provoking"),
    ("I don't know what else you want me to say about the fee.", "provoking"),
    ("I have to ask you to actually read the email we sent.", "provoking"),
    ("It would seem you have misread the meter.", "provoking"),
    ("As the installer would have explained to you, the filter needs changing.", "provoking"),
    ("To be honest, the booking page does say non-refundable.", "provoking"),
    ("The tone of your letter was uncalled for.", "provoking"),
    ("But you did tick the box agreeing to the terms.", "provoking"),
    ("Blocked drains are usually caused by residents pouring fat away.", "provoking"),
    # admits_fault: our people or product did it wrong, liability accepted, a known defect
    ("It's completely down to us that the kitchen was late.", "admits_fault"),
    ("We really cocked up the order, sorry.", "admits_fault"),
    ("We will take full responsibility for the water damage.", "admits_fault"),
    ("That was our courier's mistake.", "admits_fault"),
    ("This is an oversight on our part.", "admits_fault"),
    ("Our electrician connected the cooker wrongly, so we'll cover the repair.", "admits_fault"),
    ("The socket was fitted incorrectly by our installer.", "admits_fault"),
    ("Our booking system was clearly at fault.", "admits_fault"),
    ("Our latest app update is what deleted your photos.", "admits_fault"),
    ("It is a known design fault which we have seen before.", "admits_fault"),
    # aggressive: consequences as threats, flat refusal, imperatives to stop
    ("Failure to return the router will result in a £90 charge.", "aggressive"),
    ("Take the bins in today or they will be removed.", "aggressive"),
    ("Sharing the login will be treated as a breach of the licence.", "aggressive"),
    ("We shall take legal action over these posts.", "aggressive"),
    ("The late fee is simply not our problem.", "aggressive"),
    ("You have been told repeatedly that the sale items are final.", "aggressive"),
    ("You'll have to stop emailing the directors.", "aggressive"),
    ("You broke the lock, so do not expect a refund.", "aggressive"),
    # passive: a step nobody owns, a decision nobody made, an update that "will follow"
    ("Your meter readings will be reviewed.", "passive"),
    ("The hold on your card should then be lifted.", "passive"),
    ("Refunds will be processed in due course.", "passive"),
    ("It was decided that the route cannot change.", "passive"),
    ("Your fitting had to be postponed.", "passive"),
    ("Further information will follow.", "passive"),
    ("Thanks for waiting. They will probably ring you back.", "passive"),
    # quotes_policy: a rule stated without being called a policy
    ("Refunds are only issued to the original card.", "quotes_policy"),
    ("Vouchers are only valid within the first month.", "quotes_policy"),
    ("Bookings may only be changed where the fare allows it.", "quotes_policy"),
    ("Damage claims must be submitted via the portal.", "quotes_policy"),
    ("Exceptions cannot be made for late returns.", "quotes_policy"),
    ("Late entry isn't something we allow.", "quotes_policy"),
    ("The upgrade is subject to our terms.", "quotes_policy"),
]

NEAR_MISSES = [
    # the same words, fairly used: a wish, our own duty, a plain fact, an offer
    ("If you'd like a call back, reply with a time.", "provoking"),
    ("You should have heard from us by now; I'm chasing it today.", "provoking"),
    ("It's obvious we let you down, and I'm sorry.", "provoking"),
    ("Please read the enclosed leaflet before the engineer visits on Monday.", "provoking"),
    ("I trust you had a good weekend.", "provoking"),
    ("Drains are usually cleared within a day.", "provoking"),
    ("We're all set for Tuesday at 10am.", "provoking"),
    ("The installer connected the cooker on Monday.", "admits_fault"),
    ("We take privacy seriously and your details stay with us.", "admits_fault"),
    ("Our booking system was down for an hour on Sunday.", "admits_fault"),
    ("Returning the router within 14 days keeps your account free of charges.", "aggressive"),
    ("You're right, that's not our usual standard.", "aggressive"),
    ("Your new router was posted today and should arrive tomorrow.", "aggressive"),
    ("Don't expect any noise from the new boiler.", "aggressive"),
    ("Your meter readings will be reviewed by Asha in billing by Friday.", "passive"),
    ("Further information will follow by 5pm today.", "passive"),
    ("It was lovely to speak to you.", "passive"),
    ("Phone support is available from 8am to 8pm.", "quotes_policy"),
    ("Refunds are only issued to the original card, to keep your money safe.", "quotes_policy"),
    ("Please send the form via the portal.", "quotes_policy"),
]


@pytest.mark.parametrize(("reply", "kind"), FOUND)
def test_fourth_round_family_found_in_new_wording(reply, kind):
    assert kind in kinds(reply)


@pytest.mark.parametrize(("reply", "kind"), NEAR_MISSES)
def test_fourth_round_near_miss_left_alone(reply, kind):
    assert kind not in kinds(reply)


@pytest.mark.parametrize(
    ("reply", "private"),
    [
        # a customer's private life told in words, in a public reply
        ("Hi Tom, your physio referral to the clinic on Elm Road is booked.", True),
        ("Hi Tom, your husband's repeat prescription is ready.", True),
        ("Hi Tom, we know about your anxiety disorder and will keep calls short.", True),
        ("Hi Tom, your pension of £1,420 was paid on Friday.", True),
        ("Hi Tom, the £9,000 loan you asked about is approved.", True),
        ("Hi Tom, your daughter Ellie, who's at Park School, can collect it.", True),
        ("Hi Tom, your house in Little Bardfield is on the list.", True),
        ("Hi Tom, the payment from your Barclays account bounced.", True),
        # near-misses: nothing about this customer's life
        ("Hi Tom, repeat prescriptions can be ordered in the app.", False),
        ("Hi Tom, our loans start at £1,000; DM us to talk it through.", False),
        ("Hi Tom, your order is on its way and will arrive Friday.", False),
        ("Hi Tom, the house rules are on our website.", False),
    ],
)
def test_fourth_round_private_life_in_public(reply, private):
    assert ("public_personal_data" in public_kinds(reply)) is private


@pytest.mark.parametrize(
    ("reply", "step"),
    [
        # the customer's step in other words
        ("Sorry the hub keeps dropping out, so try resetting it with a pin.", True),
        ("Sorry about the late fee. Give us a ring and I'll take it off.", True),
        ("Sorry, a transfer has to be in writing.", True),
        # a refusal is not "thanks only", whatever its courtesies
        ("Thanks for your letter. That charge is not our concern.", False),
        ("Thanks for the photos. Refunds are only issued to the original card.", False),
        # near-miss: thanks only, nothing to do
        ("Thanks for the lovely feedback!", True),
    ],
)
def test_fourth_round_next_step_families(reply, step):
    assert ("no_next_step" not in kinds(reply)) is step
