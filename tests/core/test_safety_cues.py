"""The cue rules for threats to safety and reported abuse (issue 3 risks; C4 2.10, 3.10).

Each family is tested with wording of its own and with a fair near-miss: the words of a
complaint that sound violent but threaten nobody. Near-misses are checked against the rules
alone (`find_cues`); the trained model has quirks of its own, documented in
docs/assessment.md.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import calmdesk.demo
from calmdesk.core.assessment import assess, load_model
from calmdesk.core.assessment.assess import MODEL_ONLY_BAR
from calmdesk.core.assessment.cues import find_cues


def stated(text: str, label: str) -> list[str]:
    return [cue.words for cue in find_cues(text) if cue.label == label and not cue.negated]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("If that engineer turns up again I'll break his legs.", "I'll break his legs"),
        ("I swear down, if I see that driver I'm going to knock him out.", "knock him out"),
        ("She said she would stab the next person who rang her.", "stab the next person"),
        ("He threatened to smash the shop window on his way out.", "threatened to smash"),
        ("Tell your manager I know where he lives.", "know where he lives"),
        ("I'll be waiting for you after your shift, mate.", "waiting for you after your shift"),
        ("Customer slammed his fist on the desk and spat at my colleague.", "slammed his fist"),
        ("Caller said he had a knife behind the door for the next one.", "knife behind the door"),
        ("Honestly I've been thinking everyone would be better off without me.", "without me"),
        ("I've had enough, I don't want to wake up tomorrow.", "want to wake up"),
        ("I have taken all of my sleeping pills.", "all of my sleeping pills"),
        ("The debt letters keep coming. There's no point in living like this.", "in living"),
        ("I can't see the point in anything anymore.", "see the point in anything"),
    ],
)
def test_a_threat_to_safety_is_read_in_many_wordings(text: str, words: str) -> None:
    found = stated(text, "threat_safety")
    assert any(words in cue for cue in found), found
    assert "threat_safety" in assess(text).risk_names()


@pytest.mark.parametrize(
    "text",
    [
        "Would it kill you to answer the phone?",
        "The fumes from that heater could kill someone.",
        "They hit me with another £40 charge this month.",
        "I'll be waiting for the driver outside from 8am.",
        "There's no point carrying on with this complaint, is there?",
        "You've taken my life savings and given me nothing back.",
        "My kettle set fire to the worktop last night.",
        "My mum will break her neck on that loose step you fitted.",
        "Can you shoot me an email with the tracking number?",
        "I'm not going to hurt anyone, I just want my money.",
    ],
)
def test_words_that_only_sound_violent_are_no_threat(text: str) -> None:
    assert stated(text, "threat_safety") == []


def test_a_negation_in_the_condition_does_not_cancel_the_threat() -> None:
    """ "If my refund isn't back ..." negates the condition; "I'll ..." is the threat."""
    text = (
        "If my refund isn't in my account by Friday I'll come to your branch and wreck the place."
    )
    assert stated(text, "threat_safety")
    calm = "If my refund isn't in by Friday I won't be coming to your branch again."
    assert stated(calm, "threat_safety") == []
    assert stated("I would never hurt your staff, I just want it sorted.", "threat_safety") == []


@pytest.mark.parametrize(
    "text",
    [
        "He told my colleague she was a stupid cow and walked out.",
        "She kept calling the cashier a thieving liar.",
        "Caller called the agent 'a useless f***ing idiot' twice.",
    ],
)
def test_abuse_reported_in_a_staff_note_is_abusive(text: str) -> None:
    assert stated(text, "abusive")


def test_a_two_word_insult_is_shown_whole() -> None:
    assert stated("He said she was a 'stupid cow' twice.", "abusive")[0].endswith("stupid cow")


def test_a_customer_reporting_that_staff_insulted_them_is_not_abusive_by_rule() -> None:
    assert stated("Your agent basically called me a liar on the phone.", "abusive") == []
    assert stated("I said I was stupid to trust the courier.", "abusive") == []


def test_the_model_alone_needs_a_higher_score_to_read_a_threat_to_safety() -> None:
    """Demo case CD-000002, a missed fridge delivery: the model's safety score passes its tuned
    threshold on words such as "delivery", but not MODEL_ONLY_BAR, so no incident is raised."""
    demo = json.loads((Path(calmdesk.demo.__file__).parent / "brightside.json").read_text())
    case = next(c for c in demo["cases"] if c["key"] == "email-fridge-delivery-missed")
    label = load_model().predict(case["text"]).labels["threat_safety"]
    assert label.present
    assert label.score < MODEL_ONLY_BAR["threat_safety"]
    assert "threat_safety" not in assess(case["text"]).risk_names()
