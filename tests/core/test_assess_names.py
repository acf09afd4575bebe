"""The model reads no name: names someone is thanked or greeted by, and the names the case
knows, are blanked before the model scores a message; what the agent reads keeps them."""

from __future__ import annotations

import pytest

from calmdesk.core.assessment import Assessment, assess, assess_batch, load_model
from calmdesk.core.assessment.model import Prediction
from calmdesk.core.assessment.names import blank_addressed_names, blank_known_names, model_text

NAMES = ["Tom", "Aisha", "Wojciech", "Siobhan", "Kwame"]


def scores(prediction: Prediction) -> dict[str, float]:
    """Every label's score and the issue's, rounded past float noise."""
    found = {name: round(label.score, 6) for name, label in prediction.labels.items()}
    return {**found, "issue:" + prediction.issue: round(prediction.issue_confidence, 6)}


def evidence_text(assessment: Assessment) -> str:
    return " ".join(
        assessment.text[span.start : span.end]
        for item in (*assessment.indicators, *assessment.risks)
        for span in item.evidence
    )


@pytest.mark.parametrize(
    "template",
    [
        "It's gone back, thank you so much {name}.",
        "Sorry {name}, it still hasn't come and I am really fed up with waiting.",
        "Third time I have asked. Thanks {name}!",
    ],
)
def test_a_name_someone_is_thanked_or_greeted_by_changes_no_score(template: str) -> None:
    """No list needed: a capitalised name after a thank-you, an apology or a greeting, with
    punctuation after it, is not read; every name gives every label the same score, and no
    name is evidence."""
    model = load_model()
    texts = [template.format(name=name) for name in NAMES]
    predictions = [model.predict(model_text(text)) for text in texts]
    for name, text, prediction in zip(NAMES, texts, predictions, strict=True):
        assert scores(prediction) == scores(predictions[0]), name
        assessed = assess(text, model=model)
        assert name not in evidence_text(assessed)
        assert assessed.text == text


_MENTIONED = (
    "I rang twice and {name} said the refund would be back in five days. It is three weeks "
    "now and still nothing, I am so angry. {name} also promised a call back that never came."
)


def test_the_names_a_case_knows_change_no_score_anywhere_in_a_sentence() -> None:
    """A name in the middle of a sentence is read unless the case knows it: given the
    customer's or an agent's name, every name gives the same scores and none is evidence,
    and the assessment's text keeps it."""
    model = load_model()
    results = [
        assess(_MENTIONED.format(name=name), model=model, known_names=[f"{name} Morgan"])
        for name in NAMES
    ]
    predictions = [
        model.predict(model_text(_MENTIONED.format(name=name), [name])) for name in NAMES
    ]
    reference = results[0]
    assert reference.indicators, "the message must read as challenging for this to test much"
    for name, result, prediction in zip(NAMES, results, predictions, strict=True):
        assert scores(prediction) == scores(predictions[0]), name
        assert result.issue == reference.issue
        assert [(i.name, round(i.score, 6)) for i in (*result.indicators, *result.risks)] == [
            (i.name, round(i.score, 6)) for i in (*reference.indicators, *reference.risks)
        ]
        assert name not in evidence_text(result)
        assert result.text == _MENTIONED.format(name=name)
        assert result.text.count(name) == 2


def test_a_batch_takes_each_texts_own_names() -> None:
    texts = [_MENTIONED.format(name=name) for name in NAMES]
    batch = assess_batch(texts, known_names=[[name] for name in NAMES])
    alone = [assess(text, known_names=[name]) for text, name in zip(texts, NAMES, strict=True)]
    assert [a.as_dict() for a in batch] == [a.as_dict() for a in alone]
    with pytest.raises(ValueError, match="2 lists of names for 5 texts"):
        assess_batch(texts, known_names=[["Tom"], ["Aisha"]])
    with pytest.raises(TypeError):
        assess_batch(texts[:2], known_names=["Tom", "Aisha"])
    with pytest.raises(TypeError):
        assess(texts[0], known_names="Tom")


@pytest.mark.parametrize(
    ("text", "names", "blanked"),
    [
        ("Frank said it would come", ["Frank Lowe"], "      said it would come"),
        ("To be frank, it never came.", ["Frank Lowe"], "To be frank, it never came."),
        ("I was frank with Frank.", ["Frank"], "I was frank with      ."),
        ("my bill is wrong", ["Bill Hope"], "my bill is wrong"),
        ("I told Bill my bill is wrong", ["Bill Hope"], "I told      my bill is wrong"),
        ("MY BILL IS WRONG, BILL", ["Bill Hope"], "MY BILL IS WRONG, BILL"),
        # A name that is also a word opening a sentence is left there, blanked elsewhere.
        ("Hope you can help. I asked Hope.", ["Bill Hope"], "Hope you can help. I asked     ."),
        ("Will you refund me? Ask Will", ["Will Hope"], "Will you refund me? Ask     "),
        # A possessive keeps its "'s"; an apostrophe inside a name is part of it.
        ("Nadia's email and O'Connor's", ["Nadia O'Connor"], "     's email and         's"),
        ("Don't ask Don.", ["Don"], "Don't ask    ."),
        # Hyphenated names and their halves; initials and titles are not names to blank.
        ("Anne-Marie and Marie came", ["Mrs Anne-Marie J. Lee"], " " * 10 + " and       came"),
        ("G. J. Ms Lee", ["G. J."], "G. J. Ms Lee"),
        ("Łukasz rang", ["Łukasz Nowak"], "       rang"),
        ("Tomorrow, Tommy and Tom.", ["Tom"], "Tomorrow, Tommy and    ."),
    ],
)
def test_known_names_are_blanked_where_capitalised_as_a_name(
    text: str, names: list[str], blanked: str
) -> None:
    assert blank_known_names(text, names) == blanked


@pytest.mark.parametrize(
    ("text", "blanked"),
    [
        ("It's gone back, thank you so much Tom.", "It's gone back, thank you so much    ."),
        ("Sorry Priya, it still hasn't come", "Sorry      , it still hasn't come"),
        ("ok thanks Priya", "ok thanks      "),
        ("cheers Amira!", "cheers      !"),
        ("Thank you Dave Smith!\n", "Thank you           !\n"),
        ("thanks for your help Siobhan 😊", "thanks for your help         😊"),
        ("(sorry, Dave)", "(sorry,     )"),
        # Not names: words that follow a thank-you, capitals, or no punctuation after.
        ("Thanks Again!", "Thanks Again!"),
        ("Hi All, Sorry Mate, thanks Everyone.", "Hi All, Sorry Mate, thanks Everyone."),
        ("Sorry Not Sorry.", "Sorry Not Sorry."),
        ("THANKS FOR NOTHING. SORRY BUT NO.", "THANKS FOR NOTHING. SORRY BUT NO."),
        ("Thank you Tom for sorting it.", "Thank you Tom for sorting it."),
        ("I said Hello. Oh dear God!", "I said Hello. Oh dear God!"),
    ],
)
def test_names_someone_is_thanked_or_greeted_by_are_blanked(text: str, blanked: str) -> None:
    assert blank_addressed_names(text) == blanked
