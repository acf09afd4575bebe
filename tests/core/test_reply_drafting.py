"""Drafting (issue 5): parts fitted to indicators, channel and needs; templates checked
(Unit 7 3.1-3.2, P2, P5, P6, M2; C4 2.1-2.5, 2.8; C1 1.4, 2.2, 3.3)."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from calmdesk.core.replies.drafting import (
    ADMISSION,
    DEFAULT_TEMPLATES,
    PLAIN_GRADE_TARGET,
    SMS_SEGMENT,
    SMS_SEGMENT_UCS2,
    draft_reply,
    gsm_length,
    scrub_public,
    template_problems,
)
from calmdesk.core.replies.gathering import AgreedAction, DraftContext, KnownFacts, TemplateText

BASE = DraftContext(
    customer_name="Priya Shah",
    channel="email",
    issue="faulty",
    facts=KnownFacts(
        product="washing machine",
        purchase_date=date(2026, 5, 3),
        what_happened="Stopped draining",
        wants="her money back",
    ),
    position="A full refund is for returns within the return period, so that we can resell "
    "what comes back",
    actions=(
        AgreedAction(
            "Our repairs team",
            "repair your washing machine",
            datetime(2026, 12, 4, 10, 0),
            "to fix the fault",
        ),
    ),
    next_contact=datetime(2026, 12, 3, 15, 0),
    agent_name="Alice Archer",
    organisation="Calm Ltd",
    case_reference="CD-000012",
)


def ctx(**changes) -> DraftContext:
    return DraftContext(**{**BASE.__dict__, **changes})


def part(draft, name):
    return next(p for p in draft.parts if p.name == name)


def names(draft):
    return [p.name for p in draft.parts]


# Parts


def test_email_draft_has_every_part_in_order():
    draft = draft_reply(BASE)
    assert names(draft) == [
        "greeting",
        "acknowledgement",
        "empathy",
        "position",
        "actions",
        "next_steps",
        "check",
        "sign_off",
    ]
    assert "so that we can resell what comes back" in part(draft, "position").text
    actions = part(draft, "actions").text
    assert (
        "Our repairs team will repair your washing machine by 10am on Friday 4 December" in actions
    )
    assert "to fix the fault" in actions
    assert part(draft, "next_steps").text == "You will hear from me by 3pm on Thursday 3 December."
    assert part(draft, "check").text.endswith("?")


def test_no_position_without_one_and_no_promise_is_noted():
    draft = draft_reply(ctx(position=None, next_contact=None, actions=()))
    assert "position" not in names(draft)
    assert "looking into this" in part(draft, "actions").text
    assert any("No contact promise" in note for note in draft.notes)


# Indicators


def test_anger_gets_calming_words():
    text = part(draft_reply(ctx(indicators=("angry",))), "acknowledgement").text
    assert "I understand how frustrating" in text
    assert "Please don't worry" not in text


def test_anxiety_gets_reassurance():
    text = part(draft_reply(ctx(indicators=("anxious",))), "acknowledgement").text
    assert "Please don't worry" in text
    assert "keep you updated" in text


def test_confusion_gets_clear_numbered_steps():
    two = (*BASE.actions, AgreedAction("I", "call you", datetime(2026, 12, 5, 9, 0), "to check"))
    draft = draft_reply(ctx(indicators=("confused",), actions=two))
    assert "one step at a time" in part(draft, "acknowledgement").text
    lines = part(draft, "actions").text.splitlines()
    assert lines[1].startswith("1. ")
    assert lines[2].startswith("2. ")
    calm = draft_reply(ctx(actions=two))
    assert part(calm, "actions").text.splitlines()[1].startswith("- ")


def test_calm_customer_gets_plain_thanks():
    text = part(draft_reply(BASE), "acknowledgement").text
    assert text == "Thank you for getting in touch about your washing machine."


def test_mixed_indicators_get_both():
    draft = draft_reply(ctx(indicators=("angry", "anxious")))
    assert draft.moods == ("calming", "reassuring")
    text = part(draft, "acknowledgement").text
    assert "frustrating" in text
    assert "don't worry" in text


# No admission of fault (C4 2.4)


@pytest.mark.parametrize("key", sorted(DEFAULT_TEMPLATES))
def test_no_default_template_admits_fault(key):
    assert not ADMISSION.search(DEFAULT_TEMPLATES[key]), key


def test_admission_pattern_catches_admissions():
    for text in ("It was our fault.", "We made a mistake", "we were negligent", "our error"):
        assert ADMISSION.search(text), text
    assert not ADMISSION.search("I am sorry you have had this trouble.")


@pytest.mark.parametrize("channel", ["email", "letter", "sms", "social_media", "telephone"])
@pytest.mark.parametrize("indicators", [(), ("angry",), ("anxious",), ("confused",)])
def test_no_draft_admits_fault(channel, indicators):
    draft = draft_reply(ctx(channel=channel, indicators=indicators))
    assert not ADMISSION.search(draft.text())


# Channels


def test_letter_has_reference_greeting_and_formal_sign_off():
    draft = draft_reply(ctx(channel="letter"))
    assert names(draft)[:2] == ["reference", "greeting"]
    assert part(draft, "greeting").text == "Dear Priya,"
    assert part(draft, "sign_off").text.startswith("Yours sincerely,")
    assert "Alice Archer" in part(draft, "sign_off").text


def test_email_greeting_and_sign_off():
    draft = draft_reply(BASE)
    assert part(draft, "greeting").text == "Dear Priya,"
    assert part(draft, "sign_off").text == "Kind regards,\nAlice Archer\nCalm Ltd"


def test_sms_fits_one_text_when_short():
    draft = draft_reply(ctx(channel="sms", position=None, actions=()))
    assert len(draft.segments) == 1
    assert gsm_length(draft.segments[0]) <= SMS_SEGMENT


def test_sms_splits_into_numbered_texts_each_within_the_length():
    draft = draft_reply(ctx(channel="sms"))
    assert len(draft.segments) > 1
    total = len(draft.segments)
    for number, segment in enumerate(draft.segments, 1):
        assert segment.startswith(f"({number}/{total}) ")
        assert gsm_length(segment) <= SMS_SEGMENT
    # nothing lost in the split
    joined = " ".join(re.sub(r"^\(\d/\d\) ", "", s) for s in draft.segments)
    assert joined == " ".join(p.text for p in draft.parts if p.text)


def test_sms_without_splitting_is_shortened_to_one_text():
    draft = draft_reply(ctx(channel="sms", sms_split_allowed=False))
    assert len(draft.segments) == 1
    assert gsm_length(draft.segments[0]) <= SMS_SEGMENT
    assert "empathy" not in names(draft)
    assert any("Shortened to one text" in note for note in draft.notes)
    # what happens next survives the shortening
    assert "update you by" in draft.segments[0] or "More by email" in draft.segments[0]


def test_sms_outside_gsm_uses_the_shorter_limit():
    draft = draft_reply(ctx(channel="sms", customer_name="Siân Ŵyn", position=None, actions=()))
    assert len(draft.segments) > 1
    assert gsm_length(draft.segments[0]) is None
    assert all(len(segment) <= SMS_SEGMENT_UCS2 for segment in draft.segments)


def test_social_media_moves_personal_details_to_a_private_message():
    reference_template = TemplateText(
        "en", "social_media", "acknowledgement", "Thanks, we have your order {reference}."
    )
    draft = draft_reply(
        ctx(
            channel="social_media",
            templates=(reference_template,),
            actions=(AgreedAction("We", "refund £80.00 to priya@example.com's card"),),
        )
    )
    public = draft.text(private=False)
    private = draft.text(private=True)
    assert "CD-000012" not in public
    assert "£80.00" not in public
    assert "priya@example.com" not in public
    assert "direct message" in public
    assert "£80.00" in private
    assert part(draft, "position").private
    assert part(draft, "actions").private
    assert not part(draft, "acknowledgement").private


def test_scrub_public_removes_contact_details_and_references():
    text = scrub_public("Call 07700 900123 or write to ann@example.com about order 55512.")
    assert "07700" not in text
    assert "ann@" not in text
    assert "55512" not in text


def test_a_scrubbed_public_text_gives_the_checker_nothing_to_flag():
    from calmdesk.core.replies.checker import ReplyContext, check_reply

    text = (
        "Thanks Ann. Your order 4471233 goes to 12 High Street, LS1 4AB, card ending 4242; "
        "ring 07700 900123 if not. Your £40.00 refund is on its way; we'll update you by Friday."
    )
    public = ReplyContext.build(channel="social_media", public=True)
    assert {f.type for f in check_reply(text, public)} >= {"public_personal_data"}
    scrubbed = scrub_public(text)
    assert "public_personal_data" not in {f.type for f in check_reply(scrubbed, public)}
    assert "£40.00" not in scrubbed  # amounts stay private too


@pytest.mark.parametrize(
    ("channel", "manner"), [("telephone", "Voice"), ("face_to_face", "Body language")]
)
def test_spoken_script_has_listening_and_manner_prompts(channel, manner):
    draft = draft_reply(ctx(channel=channel))
    prompts = [p for p in draft.parts if p.kind == "prompt"]
    assert any(p.label == "Listen" and "without interrupting" in p.text for p in prompts)
    assert any(p.label == manner for p in prompts)
    opening = part(draft, "opening").text
    assert opening.startswith("Hello Priya,")
    # A call introduces the agent as "this is"; a visit in person does not.
    assert ("this is Alice Archer" in opening) == (channel == "telephone")
    assert part(draft, "closing").text == "Thank you for your time today, Priya."
    assert "repeat_back" in names(draft)
    assert "greeting" not in names(draft)
    assert "sign_off" not in names(draft)
    assert not any(
        p.text.startswith(("Listen:", "Voice:", "Body language:"))
        for p in draft.parts
        if p.editable
    )
    assert "Listen:" not in draft.text()


# Needs


def test_plain_language_reading_grade_is_measured_and_low():
    draft = draft_reply(ctx(terminology="plain", indicators=("angry",)))
    assert draft.reading_grade is not None
    assert draft.reading_grade <= PLAIN_GRADE_TARGET
    assert draft.plain_target == PLAIN_GRADE_TARGET


def test_hard_words_raise_the_grade_and_a_note():
    hard = TemplateText(
        "en",
        "any",
        "acknowledgement",
        "Notwithstanding considerable organisational complications, comprehensive "
        "investigations concerning your circumstances are continuing systematically.",
    )
    draft = draft_reply(ctx(terminology="plain", templates=(hard,)))
    assert draft.reading_grade > PLAIN_GRADE_TARGET
    assert any("above the plain-language target" in note for note in draft.notes)


def test_specialist_gets_precise_terms_and_no_plain_target():
    draft = draft_reply(ctx(terminology="specialist"))
    assert "reported fault" in part(draft, "empathy").text
    assert draft.plain_target is None


def test_preferred_language_with_templates_is_used():
    welsh = (
        TemplateText("cy", "any", "greeting", "Annwyl {customer_name},"),
        TemplateText("cy", "any", "acknowledgement", "Diolch am gysylltu â ni."),
    )
    draft = draft_reply(ctx(language="Welsh", templates=welsh))
    assert draft.language == "cy"
    assert part(draft, "greeting").text == "Annwyl Priya Shah,"
    assert part(draft, "acknowledgement").text == "Diolch am gysylltu â ni."
    assert any("no Welsh template" in note and "Empathy" in note for note in draft.notes)
    assert draft.reading_grade is None


def test_preferred_language_without_templates_says_so():
    draft = draft_reply(ctx(language="cy"))
    assert draft.language == "en"
    assert any("prefers Welsh" in note and "no templates" in note for note in draft.notes)


def test_accessible_formats_are_noted():
    draft = draft_reply(ctx(accessibility=("Large print", "Uses a text relay service", "Dog")))
    notes = " ".join(draft.notes)
    assert "large print" in notes
    assert "relay service" in notes
    assert "Stated need: Dog" in notes


# Templates


def test_organisation_template_replaces_the_default_for_its_channel_only():
    own = TemplateText("en", "letter", "sign_off", "With best wishes,\n{agent_name}")
    assert part(draft_reply(ctx(channel="letter", templates=(own,))), "sign_off").text == (
        "With best wishes,\nAlice Archer"
    )
    assert part(draft_reply(ctx(templates=(own,))), "sign_off").text.startswith("Kind regards")


def test_template_validation():
    assert template_problems("Dear {customer_name}, by {next_update}.") == []
    problems = template_problems("Dear {name}")
    assert len(problems) == 1
    assert "Unknown placeholder {name}" in problems[0]
    assert "{customer_name}" in problems[0]
    assert template_problems("Dear {customer_name") != []
    assert template_problems("Hi {}") != []
    assert template_problems("Hi {customer_name!r}") != []
    assert template_problems("Braces {{like this}}") == []


def test_every_default_template_is_valid():
    for key, text in DEFAULT_TEMPLATES.items():
        assert template_problems(text) == [], key


def test_an_invalid_organisation_template_falls_back_to_the_default():
    broken = TemplateText("en", "any", "greeting", "Dear {name},")
    assert part(draft_reply(ctx(templates=(broken,))), "greeting").text == "Dear Priya,"
