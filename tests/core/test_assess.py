"""assess(): the public assessment of one message, on the shipped model (no database)."""

from __future__ import annotations

import dataclasses
import json
import re

import pytest

from calmdesk.core.assessment import (
    INDICATORS,
    ISSUES,
    RISKS,
    Assessment,
    AssessmentInputError,
    assess,
    assess_batch,
    challenge_level,
    engine_version,
)
from calmdesk.core.assessment.assess import MAX_CHARACTERS, blank_names
from calmdesk.core.assessment.cues import find_cues, is_thanks_only
from calmdesk.core.assessment.model import load_model


def evidence_words(assessment: Assessment, name: str) -> list[str]:
    found = {item.name: item for item in (*assessment.indicators, *assessment.risks)}
    return [assessment.text[span.start : span.end] for span in found[name].evidence]


def test_a_thank_you_is_calm_with_level_zero() -> None:
    """A polite, satisfied message has no indicators and no risks."""
    result = assess("Thank you so much, the replacement arrived today and works perfectly.")
    assert result.calm
    assert result.risks == ()
    assert result.challenge_level == 0
    assert result.issue in ISSUES
    assert 0.0 <= result.issue_confidence <= 1.0
    assert result.model_version == engine_version()


@pytest.mark.parametrize(
    "text",
    [
        "It's gone back, thank you so much Tom. Really appreciate the quick answer.",
        "Thank you, that's much clearer than the leaflet. I'll keep it.",
    ],
)
def test_a_short_thank_you_the_model_reads_as_confrontational_is_calm(text: str) -> None:
    """The model alone reads these thanks as confrontational; the customer shows no sign of it."""
    assert load_model().predict(text).labels["confrontational"].present
    result = assess(text)
    assert result.indicators == ()
    assert result.challenge_level == 0


def test_what_a_rule_reads_in_a_thank_you_still_stands() -> None:
    result = assess("Thanks. I am deaf so please email me.")
    assert is_thanks_only(result.text)
    assert result.indicator_names() == ["needs_access_support"]


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for nothing.",
        "Thanks a lot for ruining my weekend",
        "Thanks, but it still leaks.",
        "oh brilliant, another price rise. thanks so much for the loyalty reward 🙄",
        "Third time I have asked. Thanks.",
        "Thanks, I'm really worried about the money though",
        "Thank you?",
        "Cheers for the 'help' today",
        "Thanks. Cancel my account please.",
        "thanks for bloody nothing",
    ],
)
def test_thanks_with_a_complaint_doubt_or_sarcasm_is_not_a_thank_you(text: str) -> None:
    assert not is_thanks_only(text)


def test_a_long_message_that_ends_with_thanks_is_not_a_thank_you() -> None:
    text = "I ordered a kettle " + "and a toaster " * 20 + "last week. Thanks"
    assert not is_thanks_only(text)


_COMPLAINTS = (
    "Hi {first},\n\nThis is the second Saturday I have stayed in for your delivery and AGAIN "
    "nobody turned up. No call, no text, nothing. If this isn't sorted I'm cancelling.\n\n{full}",
    "Dear Mr {last},\n\nThe kettle leaks again and I am really worried it is not safe. Can "
    "someone tell me what to do?\n\nThanks,\n{full}",
)
_NAMES = [
    ("Tom", "Nadia Hussain"),
    ("Amira", "John Smith"),
    ("Priya", "G. O'Connor"),
    ("Chen", "Wojciech Kowalczyk"),
]


@pytest.mark.parametrize("template", _COMPLAINTS)
@pytest.mark.parametrize(("first", "full"), _NAMES)
def test_the_same_complaint_reads_the_same_whoever_signs_it(
    template: str, first: str, full: str
) -> None:
    """A name says nothing of how someone feels: greeted and signed by other names, the same
    words give the same scores, and no name is shown as evidence."""

    def read(first: str, full: str) -> Assessment:
        return assess(template.format(first=first, full=full, last=full.split()[-1]))

    reference, result = read("Sam", "Alex Jones"), read(first, full)
    assert reference.indicators, "the complaint must read as challenging for this to test much"
    assert result.issue == reference.issue
    for mine, theirs in zip(
        (*result.indicators, *result.risks), (*reference.indicators, *reference.risks), strict=True
    ):
        assert (mine.name, round(mine.score, 6)) == (theirs.name, round(theirs.score, 6))
        assert not {first, *full.split()} & set(evidence_words(result, mine.name))


def test_names_are_kept_in_what_the_agent_reads() -> None:
    """Only the model reads without names: the assessed text, which the point of view, the
    repeat-back and the evidence are read from, keeps them."""
    text = "Mrs Whitaker rang, upset: the doorbell app still won't find the bell.\n\nThanks,\nJo"
    assert assess(text).text == text
    assert assess_batch([text])[0].text == text


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("Mrs Whitaker rang about the doorbell.", "Mrs " + " " * 8 + " rang about the doorbell."),
        ("Dear Sirs,\nI write about my order.", "Dear     ,\nI write about my order."),
        ("It broke.\n\nThanks,\nOwen", "It broke.\n\nThanks,\n    "),
        ("It broke.\n\nThanks", "It broke.\n\nThanks"),
        ("Hi there, it broke.", "Hi there, it broke."),
        ("Dear Sir or Madam, it broke.", "Dear Sir or Madam, it broke."),
        ("It broke AGAIN.\n\nNOT HAPPY", "It broke AGAIN.\n\nNOT HAPPY"),
    ],
)
def test_names_shown_by_the_messages_shape_are_blanked_at_the_same_length(
    text: str, blanked: str
) -> None:
    assert blank_names(text) == blanked


def test_an_angry_message_is_angry_with_its_words_as_evidence() -> None:
    """Shouting about a third failed delivery is angry and at least level 2."""
    text = "This is the THIRD time my parcel has not arrived. I am absolutely FURIOUS!"
    result = assess(text)
    assert "angry" in result.indicator_names()
    assert result.challenge_level is not None
    assert result.challenge_level >= 2
    for words in evidence_words(result, "angry"):
        assert words in text


def test_a_confused_message_is_confused() -> None:
    """Not understanding a bill shows as confused."""
    result = assess("I'm confused, I don't understand what this charge on my bill is for?")
    assert "confused" in result.indicator_names()


def test_an_anxious_message_is_anxious() -> None:
    """Worry about money going astray shows as anxious."""
    result = assess("I am really worried and scared that my payment went to the wrong account.")
    assert "anxious" in result.indicator_names()


def test_every_evidence_span_lies_inside_the_assessed_text() -> None:
    """Spans index `Assessment.text`, in order and without overlap."""
    result = assess(
        "You lot are useless idiots and I will see you in court, I'm cancelling my contract"
    )
    for item in (*result.indicators, *result.risks):
        ends = [0]
        for span in item.evidence:
            assert ends[-1] <= span.start < span.end <= len(result.text)
            ends.append(span.end)


@pytest.mark.parametrize(
    ("risk", "threat", "negated"),
    [
        (
            "threat_legal",
            "Sort this out or I will take legal action.",
            "I am not going to take legal action, I just want it sorted.",
        ),
        (
            "threat_public",
            "I am going to leave a one-star review on Trustpilot about this.",
            "I won't be leaving a bad review, I just want it sorted.",
        ),
        (
            "threat_leave",
            "That's it, I want to close my account today.",
            "I don't want to close my account, I just want it sorted.",
        ),
        (
            "threat_safety",
            "If this happens again I will come down there and hurt your staff.",
            "I would never hurt your staff, I just want it sorted.",
        ),
        (
            "abusive",
            "You are a useless bunch of idiots.",
            "I'm not saying you are idiots, I just want it sorted.",
        ),
    ],
)
def test_a_risk_cue_counts_unless_negated(risk: str, threat: str, negated: str) -> None:
    """The stated threat is a risk with the threatening words as evidence; the same words
    after a negation in the same clause are not."""
    stated = assess(threat)
    assert risk in stated.risk_names()
    assert any(words in threat for words in evidence_words(stated, risk))
    assert stated.challenge_level is not None
    assert stated.challenge_level >= 2
    assert risk not in assess(negated).risk_names()


def test_negation_reads_the_clause_just_before_a_cue_however_long_the_text() -> None:
    """A negation counts within the last few words of the cue's clause, also deep in a long
    message (only a bounded stretch before each cue is read, so long texts stay fast)."""
    filler = "The kettle arrived on Monday and the lid was cracked when I opened the box. " * 60
    assert "threat_leave" in assess(filler + "I want to close my account today.").risk_names()
    negated = filler + "I don't want to close my account, I just want it sorted."
    assert "threat_leave" not in assess(negated).risk_names()
    far = filler + "I do not know what else to say and I will close my account today."
    assert "threat_leave" in assess(far).risk_names()  # "not" is more than five words back


def test_an_email_address_in_a_long_token_is_still_not_read_as_language() -> None:
    from calmdesk.core.assessment.needs import detect_languages

    text = "Bonjour, je voudrais un remboursement pour ma commande, merci beaucoup. " * 3
    assert detect_languages(text + " contact:jean.dupont@example.fr")[0] == "fr"
    assert detect_languages("x" * 5000 + " " + text)[0] == "fr"


def test_swearing_about_a_parcel_is_not_abuse_of_staff() -> None:
    """Profanity aimed at a thing, not a person, is not the abusive risk."""
    result = assess("This bloody parcel still hasn't shown up, what a load of crap.")
    assert "abusive" not in result.risk_names()


def test_swearing_at_staff_is_abuse() -> None:
    """Profanity aimed at the agent is abusive and the highest level."""
    result = assess("Fuck you, just refund me.")
    assert "abusive" in result.risk_names()
    assert result.challenge_level == 3


def test_self_harm_is_a_safety_risk() -> None:
    """A customer saying they may harm themselves is a safety risk, level 3."""
    result = assess("I can't cope with these debts any more, I feel like I want to end it all.")
    assert "threat_safety" in result.risk_names()
    assert result.challenge_level == 3


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("I am deaf, so please reply by email rather than calling.", "hearing"),
        ("I'm partially sighted and need my statements in large print.", "sight"),
        ("I use a wheelchair so I cannot get up the steps to your shop.", "mobility"),
        ("I have dyslexia, please keep the letter short.", "reading"),
        ("English is not my first language, can I have an interpreter?", "language"),
        ("I am the carer for my mother and I manage her account.", "carer"),
        ("Can you call me through Relay UK please?", "hearing"),
    ],
)
def test_a_stated_access_need_is_recorded_with_its_words(text: str, kind: str) -> None:
    """A need the customer states becomes needs_access_support and a service need."""
    result = assess(text)
    assert "needs_access_support" in result.indicator_names()
    assert kind in [need.kind for need in result.needs.accessibility]
    need = next(need for need in result.needs.accessibility if need.kind == kind)
    assert all(span.end <= len(text) for span in need.evidence)


def test_a_declined_access_need_is_not_recorded() -> None:
    """ "I don't need an interpreter" states no need."""
    result = assess("I don't need an interpreter, thanks, I just want my refund.")
    assert result.needs.accessibility == ()


def test_an_access_need_alone_does_not_make_a_contact_challenging() -> None:
    """A stated need is something to serve well, not a difficulty."""
    assert challenge_level(["needs_access_support"], []) == 0


def test_unreasonable_and_indecisive_cues_show_their_words() -> None:
    """Demands against policy are unreasonable; a changed mind is indecisive."""
    demanding = assess(
        "I don't care what your policy says, I demand a new phone for free for life."
    )
    assert "unreasonable" in demanding.indicator_names()
    assert any("demand" in words for words in evidence_words(demanding, "unreasonable"))
    wavering = assess(
        "Actually, wait, I've changed my mind, or maybe I'll keep it. I can't decide."
    )
    assert "indecisive" in wavering.indicator_names()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("My parcel has not arrived and I would like to know where it is.", "en"),
        ("Mae fy mharsel heb gyrraedd ac rydw i eisiau gwybod ble mae e.", "cy"),
        ("Mon colis n'est pas arrivé et je voudrais savoir où il est.", "fr"),
        ("Mi paquete no ha llegado y quiero saber dónde está.", "es"),
    ],
)
def test_the_language_is_detected(text: str, language: str) -> None:
    """The message's language is its ISO 639-1 code."""
    assert assess(text).needs.language == language


def test_a_language_the_model_was_not_trained_on_is_not_guessed_at() -> None:
    """A French message gets no indicators, no level and a reason, instead of a guess."""
    result = assess("Je suis furieux, mon colis n'est toujours pas arrivé après trois semaines.")
    assert not result.indicators_supported
    assert result.indicators == ()
    assert result.risks == ()
    assert result.challenge_level is None
    assert result.unsupported_reason is not None
    assert "fr" in result.unsupported_reason


def test_a_mostly_english_message_with_a_french_sentence_is_assessed_and_mixed() -> None:
    """English leads, so the model assesses it; the French sentence is noted."""
    result = assess(
        "My order has not arrived after three weeks and nobody answers my emails. "
        "Je voudrais savoir où est mon colis, s'il vous plaît. "
        "Please tell me when it will be delivered to my house."
    )
    assert result.indicators_supported
    assert result.needs.language == "en"
    assert "fr" in result.needs.other_languages


def test_emoji_only_is_assessed_without_a_language() -> None:
    """Emoji carry feeling but no language; nothing crashes and nothing is unsupported."""
    result = assess("😡😡😡")
    assert result.needs.language is None
    assert result.indicators_supported
    assert result.challenge_level is not None


@pytest.mark.parametrize("text", ["", "   \n\t ", b"", "<p> </p>"])
def test_empty_text_is_refused_with_a_clear_error(text: str | bytes) -> None:
    """Nothing to assess is an error that says so."""
    with pytest.raises(AssessmentInputError, match="empty"):
        assess(text)


def test_utf8_bytes_are_accepted_and_invalid_bytes_refused() -> None:
    """Bytes are decoded as UTF-8; undecodable bytes are a clear error naming the byte."""
    assert assess("Où est ma commande? I need it today.".encode()).text.startswith("Où")
    with pytest.raises(AssessmentInputError, match="not valid UTF-8"):
        assess(b"my order \xff\xfe never came")


def test_a_very_long_text_is_assessed_on_its_first_part_and_says_so() -> None:
    """Over 100,000 characters, the first 100,000 are assessed and truncated is set."""
    text = "My parcel has not arrived. " * 5_000
    result = assess(text)
    assert result.truncated
    assert result.text == text[:MAX_CHARACTERS]
    assert not assess(text[:1000]).truncated


def test_html_tags_are_stripped_and_spans_index_the_stripped_text() -> None:
    """Markup is not read as words; the evidence points into `Assessment.text`."""
    result = assess(
        "<html><body><p>I will see you in <b>court</b> over this.</p>"
        "<script>var x = 1;</script></body></html>"
    )
    assert result.html_stripped
    assert "<" not in result.text
    assert "var x" not in result.text
    assert "see you in court" in evidence_words(result, "threat_legal")


CONTACT_FORM = (
    "Name: Jo Marsh\nOrder number: 55120\nSubject: Delivery\n"
    "Message: I PAID for delivery AND installation. The driver dumped the cooker on my "
    "doorstep and drove off. This is the last time I use you, absolutely disgraceful."
)


def test_a_contact_forms_field_names_are_not_read_as_the_customers_words() -> None:
    """A contact form's "Message:", "Subject:" and the like are its own words: never
    evidence, never in the point of view; the spans still index the message as it arrived."""
    result = assess(CONTACT_FORM, channel="web_form")
    assert len(result.text) == len(CONTACT_FORM)
    evidence = [
        (span.start, span.end)
        for item in (*result.indicators, *result.risks)
        for span in item.evidence
    ]
    assert evidence
    assert "angry" in result.indicator_names()
    assert "threat_leave" in result.risk_names()
    for start, end in evidence:
        words = CONTACT_FORM[start:end]
        assert words == result.text[start:end]
        assert not re.search(r"Name|Order number|Subject|Message", words), words
    assert result.point_of_view is not None
    assert "Message" not in result.point_of_view
    assert "paid for delivery" in result.point_of_view.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Update: still nothing has arrived and I am fed up.",
        "I left you a message: nobody rang back.",
        "The subject: my broken fridge.",
    ],
)
def test_words_with_a_colon_that_are_not_a_forms_field_names_are_kept(text: str) -> None:
    assert assess(text).text == text


def test_the_trend_escalates_calms_or_holds_over_history() -> None:
    """Earlier messages, as texts or Assessments, give the direction of the case."""
    calm = "Hello, could you tell me when my order will arrive? Thanks."
    furious = "You are useless idiots, I will see you in court and never buy from you again!"
    assert assess(furious, history=[calm, calm]).trend == "escalating"
    assert assess(calm, history=[furious, assess(furious)]).trend == "calming"
    assert assess(calm, history=[calm]).trend == "steady"
    assert assess(calm).trend is None


def test_the_point_of_view_holds_no_facts_absent_from_the_text() -> None:
    """Every number and every word of the point of view comes from the text or the fixed
    opening; nothing is invented."""
    text = (
        "I paid £14.99 for next-day delivery on Monday. It has been 5 days and nothing has "
        "come. I want a refund of the delivery charge."
    )
    view = assess(text).point_of_view
    assert view is not None
    assert view.startswith("I am getting in touch")
    opening_words = {
        *("i", "am", "getting", "in", "touch", "about", "with", "a", "an", "the", "my"),
        *("something", "that", "is", "not", "working", "out", "of", "stock", "delivery"),
        *("service", "have", "had", "bill", "or", "payment", "into", "account", "do"),
        *("understand", "question", "request", "and"),
    }
    for word in re.findall(r"[\w£.'-]+", view.lower()):
        word = word.strip(".")
        assert word in text.lower() or word in opening_words, word
    assert "£14.99" in view
    assert "5 days" in view
    assert "refund" in view


def test_a_calm_message_is_not_turned_into_a_complaint_in_the_point_of_view() -> None:
    """Thanks stay thanks: the point of view claims no problem the text does not state."""
    view = assess("Thanks, the parcel arrived this morning.").point_of_view
    assert view is not None
    assert "problem" not in view
    assert "not" not in view


def test_no_field_holds_a_protected_characteristic() -> None:
    """The assessment has no gender, ethnicity, religion or age anywhere in its shape."""
    protected = re.compile(r"gender|sex|ethnic|race|religio|faith|^age$|_age\b|birth", re.I)
    result = assess("I am a 70 year old Catholic grandmother and my order is late.")
    for shape in (result, result.needs):
        for field in dataclasses.fields(shape):
            assert not protected.search(field.name), field.name


def test_the_batch_gives_what_one_by_one_gives() -> None:
    """assess_batch returns the same assessments as assess, in order."""
    texts = [
        "Thanks, all sorted.",
        "You are useless idiots and I want my money back NOW",
        "I am deaf, please text me.",
        "Mi paquete no ha llegado.",
    ]
    assert assess_batch(texts) == [assess(text) for text in texts]


def test_a_bad_text_in_a_batch_is_named_by_position() -> None:
    """The error says which text could not be read."""
    with pytest.raises(AssessmentInputError, match="Text 1"):
        assess_batch(["Where is my order?", "  "])


def test_only_known_names_are_reported() -> None:
    """Indicator and risk names are exactly those of issue 3."""
    result = assess("You idiots, I'll sue you and post this on social media. I'm so confused.")
    assert set(result.indicator_names()) <= set(INDICATORS)
    assert set(result.risk_names()) <= set(RISKS)


def test_short_english_full_of_brand_names_reads_as_english() -> None:
    """Brand names do not make a short English message foreign (and unsupported)."""
    result = assess("@ShopHelp plz fix my Nintendo Switch account, I can't log in")
    assert result.needs.language == "en"
    assert result.indicators_supported


@pytest.mark.parametrize(
    "text",
    [
        "Sue from your team was lovely on the phone.",
        "Please review my account and the charges on it.",
        "I'd like to switch to paperless billing.",
        "I need to cancel my order, it was a mistake.",
        "I'm such an idiot, I typed the wrong address.",
        "It cost a bomb but the voltage regulator is broken.",
        "Going to Paris next week, can it arrive before then?",
    ],
)
def test_everyday_words_that_resemble_threats_are_not_cues(text: str) -> None:
    """Names, settings, self-blame and idioms are not read as risks."""
    assert [cue for cue in find_cues(text) if cue.label in RISKS] == []


def test_the_plain_data_form_is_json_and_carries_the_evidence_words() -> None:
    """as_dict() is JSON-ready; each span carries the words it covers."""
    result = assess("I am deaf. You are useless idiots and I will see you in court.")
    data = json.loads(json.dumps(result.as_dict()))
    assert [risk["name"] for risk in data["risks"]] == result.risk_names()
    legal = next(risk for risk in data["risks"] if risk["name"] == "threat_legal")
    assert "see you in court" in [span["text"] for span in legal["evidence"]]
    assert data["needs"]["accessibility"][0]["kind"] == "hearing"
    assert data["challenge_level"] == 3


def test_a_call_notes_opener_is_not_in_the_customers_point_of_view() -> None:
    """An agent's note of a call starts with its own words ("Customer rang about"); the point
    of view, in the customer's voice, leaves them out (demo case CD-000016 read "...: Customer
    rang about a washing machine ...")."""
    note = "Customer rang about a washing machine that did not arrive today. He was furious."
    view = assess(note, channel="telephone").point_of_view
    assert view is not None
    assert "Customer rang" not in view
    assert "a washing machine that did not arrive today" in view
