"""The reply checker's second widening (issue 5): each family of wording is found in new words
(written for these tests, not taken from the datasets), and a fair near-miss is left alone."""

from __future__ import annotations

import pytest
from tests.core.reply_checking import spans

from calmdesk.core.replies import ReplyContext, check_reply

PLAIN = ReplyContext(customer_is_specialist=False)
AGENT = {"refund": 50, "credit_note": 75, "goodwill_gesture": 10, "replacement": 150}


FOUND = [
    # provoking: reminders, condescension, blame, minimising
    ("Hi Nat, WHY WOULD we do that? Your order is on its way.", "provoking", "WHY WOULD"),
    (
        "Hello Al, obviously the voucher has expired. A new one is attached.",
        "provoking",
        "obviously",
    ),
    ("You are evidently unaware of the returns window.", "provoking", "You are evidently"),
    ("As I have now explained four times, the fee stands.", "provoking", "explained four times"),
    ("I've already covered this twice in my emails.", "provoking", "covered this twice"),
    ("Please reread my earlier reply before calling again.", "provoking", "reread my earlier"),
    ("This really isn't complicated.", "provoking", "isn't complicated"),
    ("You ought to know the opening hours by now.", "provoking", "ought to know"),
    ("You aren't listening to what I'm saying.", "provoking", "aren't listening"),
    ("Have you actually read the booking terms?", "provoking", "actually read"),
    ("The leaflet plainly says that batteries are not covered.", "provoking", "plainly says"),
    ("Why didn't you check the size chart before ordering?", "provoking", "didn't you check"),
    ("Honestly it's no big deal, it's a phone case.", "provoking", "no big deal"),
    ("Missing the slot is on you.", "provoking", "on you"),
    ("Everybody else manages to book online.", "provoking", "else manages"),
    ("The warnings are there for a reason.", "provoking", "there for a reason"),
    ("You would have spotted it if you had looked.", "provoking", "if you had"),
    ("I can't make it any simpler than that.", "provoking", "any simpler"),
    ("We deal with thousands of these complaints.", "provoking", "thousands of these"),
    ("As stated many times, the fee stands.", "provoking", "stated many times"),
    ("You keep asking the same question.", "provoking", "keep asking"),
    ("Surely it's obvious the offer has ended.", "provoking", "obvious"),
    ("Even a toddler could work the remote.", "provoking", "Even a toddler"),
    ("You really should have kept the box.", "provoking", "should have kept"),
    # admits_fault: our staff at fault, the mistake named as ours, the wrong thing done
    ("I accept that our fitter was careless with the worktop.", "admits_fault", "our fitter"),
    ("Our plumber didn't seal the joint properly.", "admits_fault", "didn't seal the joint"),
    ("The oversight was entirely ours.", "admits_fault", "oversight was entirely ours"),
    ("That error was on our side, not yours.", "admits_fault", "error was on our side"),
    ("The order fell through the cracks.", "admits_fault", "fell through the cracks"),
    ("It was thoughtless of us.", "admits_fault", "thoughtless of us"),
    ("We goofed with the delivery date.", "admits_fault", "We goofed"),
    ("That was a lapse on our part.", "admits_fault", "lapse on our part"),
    ("Our fitter left your back door unlocked.", "admits_fault", "left your back door unlocked"),
    ("The installation was frankly substandard.", "admits_fault", "substandard"),
    ("We overlooked your letter of 3 May.", "admits_fault", "overlooked your letter"),
    ("Our branch gave you incorrect information.", "admits_fault", "incorrect information"),
    ("We billed you twice by mistake in March.", "admits_fault", "billed you twice by mistake"),
    ("We mistakenly closed your account.", "admits_fault", "mistakenly closed"),
    ("The mirror cracked while it was in our care.", "admits_fault", "in our care"),
    ("We should have warned you about the road closure.", "admits_fault", "should have warned"),
    ("Our packers sent you the wrong colour.", "admits_fault", "sent you the wrong"),
    ("Our courier mislaid the second box.", "admits_fault", "mislaid"),
    ("The fitter scratched your table while moving it.", "admits_fault", "scratched your"),
    ("We made a complete hash of the booking.", "admits_fault", "made a complete hash"),
    ("Our online portal charged you twice.", "admits_fault", "charged you twice"),
    ("The delay was down to our own oversight.", "admits_fault", "down to our own oversight"),
    ("We neglected to refund the postage.", "admits_fault", "neglected to refund"),
    # quotes_policy: the rule as the answer, with no reason
    ("I'm sorry, that is simply the rule.", "quotes_policy", "that is simply the rule"),
    ("We cannot make an exception for late claims.", "quotes_policy", "make an exception"),
    ("According to our booking terms, the fee is kept.", "quotes_policy", "According to our"),
    ("Paragraph 6 of the contract states the deposit is kept.", "quotes_policy", "Paragraph 6"),
    ("Management won't allow refunds on clearance stock.", "quotes_policy", "won't allow"),
    ("I can't swap it, it's procedure.", "quotes_policy", "procedure"),
    ("We're bound by our returns policy here.", "quotes_policy", "bound by our"),
    ("I'm afraid terms are terms.", "quotes_policy", "terms are terms"),
    ("We run a strict no-exchange policy.", "quotes_policy", "no-exchange policy"),
    # passive: nobody owns it, or no time is given
    ("The missing payment is being investigated.", "passive", "is being investigated"),
    ("Steps will be taken to stop this happening.", "passive", "Steps will be taken"),
    ("I'm sorry your voicemail was not returned.", "passive", "voicemail was not returned"),
    ("You will be notified when the stock is in.", "passive", "You will be notified"),
    ("The appropriate team will get back to you.", "passive", "appropriate team"),
    ("Our reply will follow in the coming weeks.", "passive", "in the coming weeks"),
    ("A new date will be arranged.", "passive", "will be arranged"),
    ("We'll attempt to get it sorted one of these days.", "passive", "attempt to get"),
    ("Your query sits with the correct department.", "passive", "sits with the correct"),
    ("We'll find you a slot for the visit eventually.", "passive", "eventually"),
    ("It's been noted, thanks.", "passive", "It's been noted"),
    ("Your job is in the repair queue.", "passive", "queue"),
    ("We're hoping it's fixed sometime this month.", "passive", "hoping it's"),
    ("It is envisaged that the work will finish in spring.", "passive", "It is envisaged"),
    ("You will be kept updated.", "passive", "kept updated"),
    # aggressive: shutting down, conduct orders, finality, contradiction, threats
    ("I refuse to discuss this matter any further.", "aggressive", "refuse to discuss"),
    ("Do not talk over me.", "aggressive", "talk over"),
    ("Abusive language will not be tolerated.", "aggressive", "will not be tolerated"),
    ("Our decision is final.", "aggressive", "decision is final"),
    ("That is patently untrue.", "aggressive", "patently untrue"),
    ("Please do as you were asked.", "aggressive", "do as you were asked"),
    ("If you email us again, we will close the case.", "aggressive", "we will close"),
    ("Return the faulty unit by Friday or you forfeit the refund.", "aggressive", "forfeit"),
    ("That's incorrect.", "aggressive", "That's incorrect"),
    ("Mind your attitude when you call.", "aggressive", "Mind your attitude"),
    ("I will close this chat now.", "aggressive", "close this chat"),
    ("Don't bother ringing us about it.", "aggressive", "bother ringing"),
    ("Quit emailing our director.", "aggressive", "Quit emailing"),
    ("This isn't up for negotiation.", "aggressive", "negotiation"),
    ("Send the photo, or there's no refund.", "aggressive", "no refund"),
    ("Read the manual.", "aggressive", "Read the manual"),
    ("The answer is no, and that's that.", "aggressive", "that's that"),
    ("You are plainly mistaken.", "aggressive", "plainly mistaken"),
]


@pytest.mark.parametrize(("reply", "kind", "words"), FOUND)
def test_a_widened_family_finds_new_wording(reply, kind, words):
    found = spans(reply, kind)
    assert any(words.lower() in span.lower() or span.lower() in words.lower() for span in found), (
        found
    )


LEFT_ALONE = [
    # provoking
    ("We'll obviously pay for the repair, and it happens on Friday at 10am.", "provoking"),
    ("It isn't complicated to set up: plug it in and press the blue button.", "provoking"),
    ("You must be so worried; I'm sorry. The engineer comes Monday at 8am.", "provoking"),
    ("As I mentioned to the courier, the gate code is on the order.", "provoking"),
    # admits_fault
    ("Our engineer didn't find a fault, so I've booked a second visit for Monday.", "admits_fault"),
    ("We didn't reply right away, sorry; the refund went today.", "admits_fault"),
    ("We should have it back with you by Friday.", "admits_fault"),
    ("The courier's report says the box was crushed in their van.", "admits_fault"),
    ("Our system shows the refund left on Monday.", "admits_fault"),
    ("I'm sorry we missed your call; I'll ring you at 4pm today.", "admits_fault"),
    ("It would be wrong of us to charge you, so the fee is waived.", "admits_fault"),
    ("We have lots of these in stock.", "provoking"),
    ("Honestly, you've been very patient, and it arrives Friday.", "provoking"),
    # quotes_policy
    ("Our policy is to refund within 5 days so you're never out of pocket.", "quotes_policy"),
    ("Our policy prohibits sellers from listing hand gel at silly prices.", "quotes_policy"),
    ("The hold drops off according to the policies of your bank.", "quotes_policy"),
    # passive
    ("Your claim will be reviewed by Priya in claims, who will call you by noon today.", "passive"),
    ("A refund will be issued today.", "passive"),
    ("Your refund will be sent to the card you paid with.", "passive"),
    ("If you send the form, someone on our team will reach out.", "passive"),
    ("I'll call you shortly, by 3pm today.", "passive"),
    # aggressive
    ("Please don't interrupt the update while it installs.", "aggressive"),
    ("Please don't hang up, I'm transferring you now.", "aggressive"),
    ("Please read the manual's page 4, then reply here.", "aggressive"),
    ("You're right, that's incorrect, and I've fixed it today.", "aggressive"),
    ("Please DM us if that's wrong.", "aggressive"),
    ("We don't tolerate delays either, so I've chased the courier.", "aggressive"),
    ("If you don't receive it by Friday, we'll send another one.", "aggressive"),
    ("Our final delivery slot is 6pm, so I've booked that for you.", "aggressive"),
    ("You may wish to take legal advice about the seller.", "aggressive"),
    ("If you keep calling us after 6pm, the line is closed.", "provoking"),
]


@pytest.mark.parametrize(("reply", "kind"), LEFT_ALONE)
def test_a_widened_family_leaves_fair_wording_alone(reply, kind):
    assert spans(reply, kind) == []


def test_one_vague_promise_wrapped_round_its_object_is_one_finding():
    reply = "We'll try to get it fixed at some point."
    assert spans(reply, "passive") == ["We'll try to get it fixed at some point"]
    # two phrases side by side are two faults
    assert len(spans("We'll get round to it when we can.", "passive")) == 2


def test_a_shouted_phrase_is_one_finding():
    assert spans("PLEASE CHECK your junk folder.", "provoking") == ["PLEASE CHECK"]


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ("The handset is in a boot loop; hold the power key.", "boot loop"),
        ("Try a soft reset and clear the app cache.", "soft reset"),
        ("The diverter valve has stuck.", "diverter valve"),
        ("Your money is awaiting settlement.", "awaiting settlement"),
        ("The card failed 3D Secure at the payment gateway.", "3D Secure"),
        ("Your parcel was mis-sorted at the depot.", "mis-sorted"),
        ("That app version is deprecated.", "deprecated"),
        ("Your parcel has been through QA and leaves today.", "QA"),
        ("There's a known issue with the SDK.", "SDK"),
        ("Move the router to a different wi-fi channel.", "wi-fi channel"),
    ],
)
def test_technical_terms_of_each_trade_are_jargon_for_a_non_specialist(reply, words):
    assert words in spans(reply, "jargon", PLAIN)


@pytest.mark.parametrize(
    "reply",
    [
        "Your RMA (a returns number) is on the label.",
        "A chargeback, which means your bank takes the payment back, is one option.",
        "Your returns number (RMA) is on the label.",
        "Thanks for waiting, it arrives Friday. JS",
    ],
)
def test_a_term_explained_at_once_or_a_signature_is_not_jargon(reply):
    assert spans(reply, "jargon", PLAIN) == []


BARE = "Your replacement goes out today and arrives Friday."


@pytest.mark.parametrize(
    "customer",
    [
        "How dare you take the money twice.",
        "I'm at the end of my tether with this washer.",
        "I am most unhappy with the fitter's work.",
        "Utterly hopeless. Four calls and still nothing.",
        "This is beyond a joke now.",
        "I'm in bits, the cot for my baby arrived smashed.",
        "I'm losing sleep over this bill.",
    ],
)
def test_more_plain_cues_call_for_empathy(customer):
    context = ReplyContext(customer_text=customer)
    assert "no_empathy" in [f.type for f in check_reply(BARE, context)]


@pytest.mark.parametrize(
    "customer", ["I can't believe how quick that was, thanks!", "Is it in stock?"]
)
def test_calm_words_are_not_cues(customer):
    context = ReplyContext(customer_text=customer)
    assert "no_empathy" not in [f.type for f in check_reply(BARE, context)]


@pytest.mark.parametrize(
    ("reply", "acknowledged"),
    [
        ("What an awful ordeal. " + BARE, True),
        ("You have every right to be cross. " + BARE, True),
        ("I can see two payments on the account. " + BARE, False),
        ("We've spoken to the driver concerned. " + BARE, False),
        ("Feel free to call us. " + BARE, False),
    ],
)
def test_what_counts_as_an_acknowledgement(reply, acknowledged):
    context = ReplyContext(indicators=("angry",))
    assert ("no_empathy" not in [f.type for f in check_reply(reply, context)]) is acknowledged


def test_other_families_found_in_new_wording():
    public = ReplyContext(public=True)
    assert spans(
        "Hi Jo, we've set your DOB to 02/11/1979 as asked.", "public_personal_data", public
    )
    assert spans("Hi Jo, we'll ring you on 07700 900321.", "public_personal_data", public)
    context = ReplyContext.build(authority=AGENT)
    assert spans("I'm crediting £90 to your account today.", "above_authority", context)
    assert spans("You'll get £65 back by Friday.", "above_authority", context)
    assert not spans("You'll get £30 back by Friday.", "above_authority", context)
    # a feeling is no offer; a shipping day is a step with a time
    assert spans("I can only imagine how annoying that is. I've asked the depot.", "no_next_step")
    assert not spans("Your order ships tomorrow.", "no_next_step")
