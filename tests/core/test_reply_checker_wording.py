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
    ("Our policy forbids sellers from charging ten times the shop price.", "quotes_policy"),
    ("The pending amount is released according to your bank's own policies.", "quotes_policy"),
    # passive
    ("Your claim will be reviewed by Priya in claims, who will call you by noon today.", "passive"),
    ("A refund will be issued today.", "passive"),
    ("Your refund will be sent to the card you paid with.", "passive"),
    ("If you fill in the form, someone from the team will be in touch.", "passive"),
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


# ---------------------------------------------------------------- seventh widening (issue 5)
# Families the seventh blind batch showed unseen, each in new wording written for these tests,
# beside a fair near-miss in the same words that is left alone.

SEVENTH_FOUND = [
    # provoking: disowning, guessing the customer caused it, condescending suggestions,
    # sarcasm and point-scoring, minimising, belittling what the customer does
    ("Honestly, the delay isn't down to us.", "provoking", "isn't down to us"),
    ("Screens don't shatter on their own.", "provoking", "don't shatter on their own"),
    ("Something must have been dropped on it.", "provoking", "must have been dropped"),
    ("It's usually user error with these.", "provoking", "usually user error"),
    (
        "Perhaps try reading the manual before you ring next time.",
        "provoking",
        "Perhaps try reading the manual before you ring next time",
    ),
    (
        "We'd politely suggest checking the dates before booking in future.",
        "provoking",
        "suggest checking the dates before booking in future",
    ),
    ("Funny how you only complain when the bill goes up.", "provoking", "Funny how you"),
    ("We can't make the trains run on time, can we.", "provoking", "can we"),
    ("The fee was clearly displayed at booking.", "provoking", "was clearly displayed"),
    ("Plenty of our customers manage it fine.", "provoking", "Plenty of our customers"),
    ("Setting it up is easy, honestly!", "provoking", "is easy, honestly"),
    ("Delays happen, it's the weekend.", "provoking", "Delays happen"),
    ("You've been tinkering with the settings again.", "provoking", "tinkering with"),
    ("We can't help people who won't read simple instructions.", "provoking", "who won't"),
    ("So don't be that customer!", "provoking", "don't be that customer"),
    # aggressive: ending the call as a threat, a consequence that "will follow", orders about
    # conduct, refusing the customer's words, "you did it wrong", a doubled "no", shutting down
    ("Lower your voice, otherwise I'm hanging up.", "aggressive", "otherwise I'm hanging up"),
    ("Pay the balance or court action will follow.", "aggressive", "court action will follow"),
    (
        "Any more abusive messages will be logged and passed to security.",
        "aggressive",
        "Any more abusive messages will be logged",
    ),
    ("Please stop chasing the driver.", "aggressive", "stop chasing the driver"),
    (
        "Check the seating plan before you book again.",
        "aggressive",
        "Check the seating plan before you book again",
    ),
    ("Do not arrive late.", "aggressive", "Do not arrive late"),
    ("Tell your landlord to contact us himself.", "aggressive", "Tell your landlord"),
    ("Both of you need to step back now.", "aggressive", "Both of you need to step back"),
    ("I've told you, sit down.", "aggressive", "told you, sit down"),
    ("I'm not having you insult my team.", "aggressive", "not having you insult"),
    ("You've wired it incorrectly.", "aggressive", "You've wired it incorrectly"),
    ("No, no, that's not what I said.", "aggressive", "No, no, that's not what I said"),
    ("There's nothing more I can tell you.", "aggressive", "nothing more I can tell you"),
    # admits_fault: a judgement of ourselves with any adverb, the fault named as ours in any
    # noun, our people guessed at as the cause, our system judged broken, a wrong done to many
    ("We were frankly careless with your booking.", "admits_fault", "frankly careless"),
    ("That's entirely our failing.", "admits_fault", "our failing"),
    ("Our fitter probably scratched it.", "admits_fault", "probably scratched"),
    ("The panel was dented by one of our drivers.", "admits_fault", "dented by one of our"),
    ("Our booking system is at fault here.", "admits_fault", "is at fault"),
    ("We've been double-charging customers since Monday.", "admits_fault", "double-charging"),
    ("The team should never have closed your account.", "admits_fault", "should never have"),
    # passive: outcomes that "follow", matters "under review", get-passives and the middle
    # voice, a step done "once" something unknown happens, a vague someone at a vague time,
    # people who "are aware", a state of waiting nobody owns, what was not done
    ("An answer will follow.", "passive", "An answer will follow"),
    ("Your query is under review.", "passive", "is under review"),
    ("It'll all get sorted.", "passive", "It'll all get sorted"),
    ("The glitch will sort itself out.", "passive", "sort itself out"),
    ("Parts will be fitted once they arrive.", "passive", "be fitted once they arrive"),
    ("I'll ask someone to check it eventually.", "passive", "ask someone to check"),
    ("The engineers are aware.", "passive", "The engineers are aware"),
    ("Your claim is pending approval.", "passive", "pending approval"),
    ("The repair was not completed.", "passive", "was not completed"),
    # quotes_policy: the rule as where the answer lives, "as per" any rule book, a procedure
    # as the whole answer, a policy that "explicitly states"
    ("That's all set out in the conditions of carriage.", "quotes_policy", "set out in"),
    ("As per the terms of use, the account stays closed.", "quotes_policy", "As per the terms"),
    ("Sorry, it's protocol.", "quotes_policy", "it's protocol"),
    (
        "Our returns policy explicitly states that sale items are final.",
        "quotes_policy",
        "policy explicitly states",
    ),
]

SEVENTH_FAIR = [
    "It was down to the courier, and I've chased them; you'll have it by 5pm today.",
    "The part must have been faulty, so we'll replace it on Friday.",
    "It's usually a quick fix once the engineer is there at 10am tomorrow.",
    "Perhaps try the side entrance; it opens at 9am today.",
    "We'd suggest booking early, as the July slots fill quickly.",
    "It's interesting that the meter jumped in May, so an engineer will check it on Monday.",
    "We can't change the date, but can we offer you the 14th instead?",
    "The fee was displayed at booking as £12, so I've refunded the extra £3 today.",
    "Plenty of our customers have asked for this, so we're adding it in May.",
    "Setting it up is easy: press the blue button and wait for the green light.",
    "Delays happen when the depot is short of drivers, and I'll chase yours today.",
    "We help people who can't read small print by sending large-print letters on request.",
    "Don't be afraid to ask if anything's unclear, just reply here.",
    "If the line drops, I'll ring you back straight away.",
    "Once you pay, the court action will be withdrawn within 2 days.",
    "Any further questions will be answered by Sam on Monday.",
    "Please stop using the socket until the electrician has checked it on Friday.",
    "Check the seating plan before you book, as some seats have a restricted view.",
    "Don't be late on our account: the driver will wait ten minutes.",
    "Your landlord can contact us directly on 0300 123 4567.",
    "Both of you are welcome to wait in the lounge.",
    "I've told your manager about the delay and she'll call you at 3pm.",
    "I'm not having the engineer come out without the part, so I'll book Tuesday.",
    "You've wired it correctly, so the fault is in the unit; I'll send a new one today.",
    "No, no problem at all, I'll book it now.",
    "There's nothing more you need to do.",
    "We were not careless, but I see why it looks that way; I'll check by Friday.",
    "If it turns out to be our failing, we'll refund you by Friday.",
    "Our fitter will check whether it was scratched in transit, on Monday.",
    "The panel was collected by one of our drivers this morning.",
    "Our booking system is back up and your slot is saved for Friday.",
    "We've been charging customers the old price until the 1st, so yours is right.",
    "The team should have your new card to you by Friday.",
    "An answer will follow from Priya by 5pm today.",
    "Your query is under review by Sam, who will call you at 3pm.",
    "It'll all get sorted by our engineer on Tuesday.",
    "Parts will be fitted once they arrive on Thursday.",
    "I'll ask Sam to check it by noon.",
    "The engineers are aware and will be with you at 10am.",
    "Your claim is pending approval from Jo, who will ring you tomorrow.",
    "That's all set out in the leaflet I've attached, and I'll call you on Friday.",
    "As per your request, I've closed the account today.",
    "It's protocol to check ID, because it keeps your account safe.",
]


def test_seventh_widening_denied_claim_checks_the_customers_words():
    context = ReplyContext.build(
        customer_is_specialist=False, customer_text="I was double charged for my ticket!"
    )
    assert spans("You weren't double charged.", "aggressive", context)
    # with the reason in the same sentence it is an explanation, not a flat denial
    assert not spans(
        "You weren't double charged: the second line is a hold that drops off in 3 days.",
        "aggressive",
        context,
    )
    # words the customer never used are not their claim denied
    assert not spans("You weren't overcharged.", "aggressive", context)


def test_seventh_widening_jargon_and_beginner_answers():
    assert spans("The booking was cancelled pursuant to clause 4.", "jargon", PLAIN)
    assert spans("Your refund is in the settlement cycle run.", "jargon", PLAIN)
    assert not spans("We pursued the courier for you, and the refund goes out today.", "jargon")
    specialist = ReplyContext.build(
        customer_is_specialist=True,
        customer_text="My router logs PPPoE LCP echo timeouts every 20 minutes on firmware 7.57.",
    )
    assert spans("Your router just had a little hiccup.", "jargon", specialist)
    assert spans("Leave it on the default settings and it should be fine!", "jargon", specialist)
    assert not spans(
        "Your router logged an LCP echo timeout at 14:02, when our BRAS restarted.",
        "jargon",
        specialist,
    )


def test_seventh_widening_personal_details_in_public():
    public = ReplyContext(public=True)
    assert spans("Hi Dan, a plumber will visit Flat 4C today.", "public_personal_data", public)
    assert spans("Hi Dan, your gate code 2-4-6-8 has been reset.", "public_personal_data", public)
    assert spans("We can see you're Sam, 34, from Leeds.", "public_personal_data", public)
    assert spans("Your candidate number 5512093 is confirmed.", "public_personal_data", public)
    assert not spans(
        "Hi Dan, a plumber will visit today; your gate code is on its way by DM.",
        "public_personal_data",
        public,
    )


def test_seventh_widening_authority_apology_gifts_and_authorising():
    context = ReplyContext.build(authority=AGENT)
    # credit given "for the hassle" is a goodwill gesture (limit 10), whatever it is called
    assert spans("I've added £30 of app credit for the hassle.", "above_authority", context)
    assert not spans("I've added £8 of app credit for the hassle.", "above_authority", context)
    assert spans("I am authorising a refund of £90 today.", "above_authority", context)
    assert not spans("I am authorising a refund of £40 today.", "above_authority", context)


def test_seventh_widening_empathy_and_next_step():
    upset = ReplyContext(indicators=("upset",))
    # a concern filed as paperwork is no acknowledgement of a feeling
    assert "no_empathy" in [f.type for f in check_reply("Your concerns have been logged.", upset)]
    assert "no_empathy" not in [
        f.type
        for f in check_reply(
            "I'm so sorry, I can hear how worried you are. Your concerns have been logged "
            "with Sam, who will call you at 3pm.",
            upset,
        )
    ]
    # an order to stop is no next step; a step beside it still is
    assert spans("Stop messaging our drivers directly.", "no_next_step")
    assert not spans(
        "Please stop messaging the drivers; call us on 0800 123 4567 instead.", "no_next_step"
    )


def test_seventh_widening_capitals_that_name_or_repeat_are_not_misread():
    # a body set off by commas and one of several acronyms are not shouting
    assert not spans(
        "You can take this to the ombudsman scheme, CISAS, within 8 weeks.", "provoking"
    )
    assert not spans("The DD mandate failed AUDDIS validation last month.", "provoking")
    # a word of the reply written again in capitals is shouting, not an abbreviation
    assert not spans("Sir, SIR, please let me finish.", "jargon", PLAIN)


def test_first_character_gate_keeps_every_match():
    """The lookahead put before each phrase pattern (seventh round, for speed) only skips
    positions where the pattern cannot begin: every rule finds the same spans without it."""
    import re

    from calmdesk.core.replies import checker

    texts = [reply for reply, _kind, _words in SEVENTH_FOUND] + SEVENTH_FAIR
    texts += [
        "WHY WOULD we do that?! -- see #12, @team, (\u2018quoted\u2019), £40 off;",
        "don\u2019t, can\u2019t, we\u2019ll, you\u2019re.",
        "\u2014 not just you. 🙄 ...? Obviously, as I said, it's on you, mate, isn't it?",
    ]
    rules = [*checker.PROVOKING, *checker.AGGRESSIVE, *checker.ADMITS_FAULT, *checker.PASSIVE]
    gated = 0
    for pattern, *_rest in rules:
        if not pattern.pattern.startswith("(?=["):
            continue
        gated += 1
        bare = re.compile(pattern.pattern[pattern.pattern.index("])") + 2 :], pattern.flags)
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [
                m.span() for m in bare.finditer(text)
            ], (pattern.pattern[:60], text)
    assert gated >= 20


def test_passive_rules_read_a_run_of_hyphens_without_backtracking():
    import time

    from calmdesk.core.replies.checker import AGENTLESS_STEP

    started = time.perf_counter()
    assert AGENTLESS_STEP.search("-" * 20_000) is None
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("reply", "has_step"),
    [
        # one of ours on the way, in the present for the future, with a time
        ("An engineer's coming round tomorrow at 9.", True),
        ("An engineer's coming round.", False),
        # a 24-hour time in hours
        ("Power should be back by 1930hrs.", True),
        ("Power should be back soon.", False),
        # an order to a group is something to do
        ("Sorry, one of you has to move the car.", True),
    ],
)
def test_seventh_widening_steps_in_other_words(reply, has_step):
    assert ("no_next_step" not in [f.type for f in check_reply(reply, PLAIN)]) is has_step


SEVENTH_FOUND_MORE = [
    ("Nobody else has reported a problem with it.", "provoking", "Nobody else has reported"),
    ("You're the only customer who has mentioned it.", "provoking", "the only customer"),
    ("We're not a taxi service.", "provoking", "not a taxi service"),
    ("I'm sure you'll cope.", "provoking", "you'll cope"),
    ("Some customers will never be satisfied.", "provoking", "never be satisfied"),
    ("Go through my email again, slowly.", "provoking", "slowly"),
    ("Step back from the desk, please.", "aggressive", "Step back"),
    ("I won't warn you again.", "aggressive", "warn you again"),
    (
        "Carry on like this and your account will be closed.",
        "aggressive",
        "Carry on like this",
    ),
    ("Never ever email this address again.", "aggressive", "email this address again"),
    (
        "We'll be closing the account if the card isn't updated.",
        "aggressive",
        "closing the account",
    ),
    ("Return the keys by noon or we change the locks.", "aggressive", "change the locks"),
    ("We completely screwed your booking up.", "admits_fault", "screwed your booking up"),
    ("Our installer wasn't paying attention.", "admits_fault", "paying attention"),
    ("Our dispatch team has been a shambles this week.", "admits_fault", "shambles"),
    ("The fitter scratched it, which he shouldn't have.", "admits_fault", "he shouldn't have"),
    ("Exclusions apply.", "quotes_policy", "Exclusions apply"),
    ("We must follow the procedure.", "quotes_policy", "follow the procedure"),
]

SEVENTH_FAIR_MORE = [
    "Nobody else needs to sign, so you're all set; the lease starts on Friday.",
    "You're the only contact on the account, so I'll send the code to you today.",
    "We're not a big team, but I'll reply by 5pm today.",
    "I'm sure you'll love the new model, and it ships on Friday.",
    "Please read it again carefully before signing, as the dates changed today.",
    "Please step back from the edge while the crane works, for your safety, until 3pm today.",
    "I won't keep you waiting again: I'll call at 3pm today.",
    "Carry on as normal and we'll call you at 3pm.",
    "We'll be closing the shop early on Friday, so come by before 4pm.",
    "Return the keys by noon, or we can collect them on Monday.",
    "We sorted the booking out this morning; it's all confirmed for Friday.",
    "Our dispatch team has been busy, so parcels are a day behind; yours arrives Friday.",
    "Prices apply from Monday.",
    "We follow the procedure for refunds, so yours goes back today.",
]


SEVENTH_FOUND_LAST = [
    ("A bit late to be complaining about it now.", "provoking", "late to be complaining"),
    ("Sorry, not my department.", "provoking", "not my department"),
    ("Did you try reading the letter?", "provoking", "try reading"),
    ("What did you imagine would happen?", "provoking", "imagine would happen"),
    ("It's hardly the driver's fault.", "provoking", "hardly the driver's fault"),
    ("Come on, it isn't the end of the world.", "provoking", "the end of the world"),
    ("You have been barred from the gym.", "aggressive", "barred"),
    ("Get out.", "aggressive", "Get out"),
    ("Don't set foot in here again.", "aggressive", "set foot"),
    ("That is enough now.", "aggressive", "enough now"),
    ("Pay the balance today, no excuses.", "aggressive", "no excuses"),
    ("We're not going to put up with this.", "aggressive", "put up with this"),
    ("If you keep interrupting, the call ends.", "aggressive", "the call ends"),
    ("Sorry, we overlooked your message.", "admits_fault", "overlooked your"),
    ("Our receptionist was unprofessional.", "admits_fault", "unprofessional"),
    ("The van dented it, and that's on us.", "admits_fault", "on us"),
]

SEVENTH_FAIR_LAST = [
    "It's not too late to join, and the class starts at 6pm today.",
    "Have you tried restarting the app? If that doesn't work, reply here.",
    "It's hardly ever this busy, and your table is ready at 7pm today.",
    "You have been booked onto the 9am course today.",
    "Get out your booking reference and reply with it.",
    "That is enough for a full refund, which I've sent today.",
    "We're not going to charge you for the delay.",
    "Your allegation that our staff were rude is being reviewed by Sam, who will call at 3pm.",
    "Sorry we missed you earlier; I'll call again at 4pm today.",
    "If you keep the receipt, the warranty covers it.",
]


def test_seventh_widening_hardly_our_fault_is_no_admission():
    assert [f.type for f in check_reply("That's hardly our fault.")][:1] == ["provoking"]
    assert "admits_fault" not in [f.type for f in check_reply("That's hardly our fault.")]


def test_seventh_widening_handed_over_and_waived_remedies():
    context = ReplyContext.build(authority=AGENT)
    assert spans("Here's £30 in vouchers as a thank you.", "above_authority", context)
    assert not spans("Here's £8 in vouchers as a thank you.", "above_authority", context)
    assert spans("I'm going to waive the £60 fee.", "above_authority", context)
    assert not spans("I'm going to waive the £5 fee.", "above_authority", context)
    public = ReplyContext(public=True)
    assert spans("Hi Raj, your seat is 22A on the 8:10 train.", "public_personal_data", public)


# ---------------------------------------------------------------- eighth widening (issue 5)
# Families the eighth blind batch showed unseen, each in new wording written for these tests
# (none from any batch), and a fair near-miss for each that must stay clean.
EIGHTH_FOUND = [
    # provoking: repetition counted, "heard it before", deflecting, minimising, blaming the
    # customer's side, "actually ... this time", "which I trust you read", a counterfactual,
    # defending a colleague, questioning why they complained, the feeling called overdone,
    # the agent's weariness, disowning mid-sentence
    (
        "As we've explained to you three times, the parcel was signed for.",
        "provoking",
        "explained to you three times",
    ),
    ("We've heard it all before, to be honest.", "provoking", "heard it all before"),
    ("Yep, yep, we get it.", "provoking", "Yep, yep"),
    ("We're not the ones who lost your keys.", "provoking", "not the ones who"),
    ("Parcels go astray, that's life.", "provoking", "that's life"),
    ("Trains are delayed now and then.", "provoking", "are delayed now and then"),
    ("Your son ought to carry a charger.", "provoking", "son ought to carry"),
    ("Perhaps your builders should read the spec.", "provoking", "Perhaps your builders"),
    ("Please be actually home for the delivery this time.", "provoking", "actually home"),
    ("The dates were on the invoice, which I trust you received.", "provoking", "I trust you"),
    (
        "If you had checked the postcode, the courier would have found you.",
        "provoking",
        "If you had checked",
    ),
    ("Dave is one of our most experienced drivers.", "provoking", "one of our most"),
    ("I'm sure our cashier never meant to offend you.", "provoking", "never meant"),
    (
        "I don't understand why you felt the need to escalate this.",
        "provoking",
        "why you felt the need",
    ),
    ("You're making a big deal out of a small scratch.", "provoking", "making a big deal"),
    ("No use getting upset about it now.", "provoking", "use getting upset"),
    ("A little harsh calling us cowboys, don't you think?", "provoking", "little harsh"),
    ("Honestly, I've got better things to do.", "provoking", "better things to do"),
    ("Sorry, this isn't really our concern.", "provoking", "isn't really our concern"),
    # aggressive: settle up "before you" complain, refusing to go on, a closing "end of
    # discussion", their side against ours, insisting they pay, a penalty announced, bare
    # orders to leave it or take it elsewhere, calling someone in, messages refused in
    # advance, the matter declared closed
    ("Clear the arrears before you go posting reviews.", "aggressive", "before you go posting"),
    ("We're not going to debate this with you.", "aggressive", "not going to debate"),
    ("That's the price, end of discussion.", "aggressive", "end of discussion"),
    ("The leak is on your side, not ours, full stop.", "aggressive", "not ours, full stop"),
    ("You'll still be paying the cancellation fee.", "aggressive", "still be paying"),
    (
        "We shall be retaining the full amount from your bond.",
        "aggressive",
        "retaining the full amount",
    ),
    ("Just leave the boiler alone.", "aggressive", "leave the boiler alone"),
    ("Take that up with the landlord.", "aggressive", "Take that up with the landlord"),
    ("Keep your voice down or I'm getting the manager.", "aggressive", "getting the manager"),
    ("All future calls on this subject will go unanswered.", "aggressive", "go unanswered"),
    ("We regard this complaint as closed.", "aggressive", "regard this complaint as closed"),
    ("We will not be entering into further correspondence.", "aggressive", "entering into"),
    # admits_fault: the blame placed on our side, liability taken, the cause named as our own
    # failing, one of ours guessed at in a cleft
    ("The blame lies squarely with us.", "admits_fault", "lies squarely with us"),
    ("We are legally liable for the flood damage.", "admits_fault", "liable for"),
    ("We take full liability for the missed flight.", "admits_fault", "full liability"),
    ("The outage was caused by our own team's error.", "admits_fault", "caused by our own"),
    (
        "It must have been our forklift that dented the door.",
        "admits_fault",
        "our forklift that dented",
    ),
    ("The delay was down to our own mismanagement.", "admits_fault", "own mismanagement"),
    # passive: any future passive of a step nobody owns, a step waiting on something done by
    # nobody, progress nobody owns, "hopefully things will ...", impersonal passives, TBA, a
    # vague someone "round"
    ("A replacement will be organised.", "passive", "will be organised"),
    (
        "Your deposit will be returned once the checks have been completed.",
        "passive",
        "will be returned",
    ),
    ("Your complaint is currently being looked into.", "passive", "being looked into"),
    ("The matter's been escalated.", "passive", "been escalated"),
    ("Hopefully things will improve soon.", "passive", "Hopefully things will improve"),
    ("Improvements have been implemented.", "passive", "have been implemented"),
    ("It was determined that the fee applied.", "passive", "It was determined that"),
    ("An inspection was carried out.", "passive", "was carried out"),
    ("Collection date TBA.", "passive", "TBA"),
    ("Somebody will be round to fit it.", "passive", "Somebody will be round"),
    # quotes_policy: a quota as the rule, a rule book as the subject of what it forbids, a
    # sign-style ban
    ("Refunds are only allowed once per customer.", "quotes_policy", "allowed once per"),
    ("The club rules do not permit guests after 8.", "quotes_policy", "rules do not permit"),
    ("No exchanges without a receipt.", "quotes_policy", "No exchanges without"),
    # jargon to a plain customer: the process words of claims, metering and optics
    ("Your claim is awaiting the subrogation decision.", "jargon", "subrogation"),
    ("The bill rose after an actual read replaced the estimates.", "jargon", "actual read"),
    ("The optician found the near addition was too weak.", "jargon", "near addition"),
]

EIGHTH_FAIR = [
    "As we discussed on the phone, your refund is on its way.",
    "Yes, that's right, the parcel left today.",
    "I know how worrying it is when you're panicking about a missed flight.",
    "If you'd like a call back, reply with a time.",
    "She is one of our newest team members, and I've spoken to her about it.",
    "I'm sure she'll be pleased to hear your feedback.",
    "I'm not sure why you were charged twice, so I'm checking it now.",
    "We will be deducting nothing from your deposit.",
    "Leave it with me and I'll call you at 4.",
    "Any further questions will be answered by Priya.",
    "I've approved the repair under your policy; the engineer calls on Monday.",
    "The fault is with the supplier, and we're chasing them today.",
    "Your deposit will be refunded in full by Friday.",
    "Nothing more will be charged.",
    "Please make sure someone is in between 8 and 12.",
    "No problem at all, the swap is booked for Tuesday.",
    "Hi [NAME], your order is ready to collect.",
]


# The seventh and eighth widenings' families, found in new wording and their near misses left.
@pytest.mark.parametrize(
    ("reply", "kind", "words"),
    SEVENTH_FOUND + SEVENTH_FOUND_MORE + SEVENTH_FOUND_LAST + EIGHTH_FOUND,
)
def test_widened_families_are_found_in_new_wording(reply, kind, words):
    assert any(words in found for found in spans(reply, kind, PLAIN))


@pytest.mark.parametrize(
    "reply", SEVENTH_FAIR + SEVENTH_FAIR_MORE + SEVENTH_FAIR_LAST + EIGHTH_FAIR
)
def test_widened_families_leave_the_near_misses_alone(reply):
    found = [f.type for f in check_reply(reply, PLAIN) if f.type != "no_next_step"]
    assert found == []


def test_eighth_widening_beginner_answers_to_a_device_repairer():
    # the model may read this customer as plain; their words are a repairer's
    context = ReplyContext.build(
        customer_is_specialist=False,
        customer_text="Since the screen swap on my iPhone 12, Face ID fails and True Tone "
        "shows a non-genuine display warning.",
    )
    assert spans("Phones can get a bit fussy after a repair!", "jargon", context)
    assert spans("These little software hiccups happen from time to time.", "jargon", context)
    assert not spans(
        "The panel fitted is an aftermarket one, so True Tone can't be paired; we'll refit an "
        "original on Tuesday.",
        "jargon",
        context,
    )


def test_eighth_widening_personal_details_in_public():
    public = ReplyContext(public=True)
    for reply in (
        "Hi Ms Alys Penry, your order is ready.",
        "We left it with the house at number 17.",
        "The car will meet you at Holy Trinity, Mill Lane.",
        "Your account is showing arrears of £88.10.",
        "Your council tax rebate payment of £41.00 is on its way.",
        "Sorry to hear about Biscuit, we've paid for her dental surgery.",
    ):
        assert spans(reply, "public_personal_data", public), reply
    assert not spans(
        "Hi Alys, your order is ready; the details are in your DMs.", "public_personal_data", public
    )


@pytest.mark.parametrize(
    ("reply", "has_step"),
    [
        # times in words, weekdays with an s, ordinals, durations, deliveries under way
        ("The vet will ring you before half three.", True),
        ("Your new card arrives Weds.", True),
        ("I'll ring you back by 4.", True),
        ("Your classes resume on the 3rd.", True),
        ("The refund takes 5 working days.", True),
        ("Your order is on the van.", True),
        ("I've emailed you a link to choose a new slot.", True),
        # a promise waiting on news, a vague "within our usual timescales", a generic offer of
        # more help, an apology with "please"
        ("Thanks for your patience. I'll let you know once I hear more.", False),
        ("Your request will be handled within our usual timescales.", False),
        ("Your account is now closed. Let me know if you have any further queries.", False),
        ("The order was sent to the wrong depot. Please accept our apologies.", False),
    ],
)
def test_eighth_widening_steps_in_other_words(reply, has_step):
    assert bool(spans(reply, "no_next_step")) is not has_step


def test_eighth_widening_stock_apologies_acknowledge_no_feeling():
    upset = ReplyContext(indicators=("upset",))
    for reply in ("Apologies for any inconvenience caused.", "Sorry for the mistake."):
        assert "no_empathy" in [f.type for f in check_reply(reply, upset)], reply
    assert "no_empathy" not in [
        f.type
        for f in check_reply(
            "I'm so sorry, I can only imagine how upsetting this is. Sorry for the mistake.",
            upset,
        )
    ]


def test_eighth_widening_a_second_passive_clause_is_a_second_fault():
    # a new subject after "and" is a second vague step; a "someone" after a hand-off is the
    # same hand-off
    assert (
        len(spans("A review was carried out and it was decided that nothing changes.", "passive"))
        == 2
    )
    assert len(spans("Your case has been passed on and someone will be in touch.", "passive")) == 1


# ---------------------------------------------------------------- ninth round (issue 5)
# An event put at a date or a clock time is the next step whatever its verb; a sentence about
# the past, a rule's hours or the date of the customer's own earlier contact is not.
@pytest.mark.parametrize(
    ("reply", "has_step"),
    [
        ("Your window clean carries on every other Thursday at 9.", True),
        ("The loan instalment comes off on 28 February.", True),
        ("Your tutor swaps to Wednesday at 16:30 from next week.", True),
        ("The money reaches your account in about three days.", True),
        ("Refunds land 3-5 working days after we receive the return.", True),
        ("Your seat upgrade applies from the 09:15 sailing.", True),
        ("The museum pass starts in March.", True),
        ("Your order went out on Monday.", False),
        ("We checked the meter on 3 May.", False),
        ("Sorry about the noise you wrote of in your letter of 2 October.", False),
        ("Our visiting hours are 2-4pm and 6-8pm.", False),
    ],
)
def test_ninth_round_a_dated_event_is_a_step(reply, has_step):
    assert bool(spans(reply, "no_next_step")) is not has_step
