"""The shipped text model: safe loading, stable predictions, faithful evidence."""

from __future__ import annotations

import numpy as np
import pytest

from calmdesk.core.assessment import BINARY_LABELS, ISSUES, load_model
from calmdesk.core.assessment.model import (
    WEIGHTS_PATH,
    ModelFileError,
    TextModel,
    strongest_positive,
)

ANGRY = "This is the THIRD time my parcel has not arrived. I am absolutely furious with you!"
CALM = "Hello, could you tell me what time the shop opens on Saturday? Many thanks."
CONFUSED = "I am confused, I don't understand what this letter means or what I should do now."


@pytest.fixture(scope="module")
def model() -> TextModel:
    return load_model()


def present_labels(model: TextModel, text: str) -> set[str]:
    return {name for name, label in model.predict(text).labels.items() if label.present}


def test_weights_load_without_pickle() -> None:
    """The weights file holds only plain arrays, readable with allow_pickle=False."""
    with np.load(WEIGHTS_PATH, allow_pickle=False) as stored:
        assert all(stored[name].dtype != object for name in stored.files)
    assert TextModel.from_file(WEIGHTS_PATH).version == load_model().version


def test_load_model_is_cached(model: TextModel) -> None:
    assert load_model() is model


def test_a_missing_weights_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(ModelFileError, match="Cannot read the text model"):
        TextModel.from_file(tmp_path / "missing.npz")


def test_predictions_are_deterministic(model: TextModel) -> None:
    assert model.predict(ANGRY) == model.predict(ANGRY)
    assert model.predict_batch([ANGRY, CALM]) == model.predict_batch([ANGRY, CALM])


def test_batch_predictions_equal_single_predictions(model: TextModel) -> None:
    texts = [ANGRY, CALM, CONFUSED, ""]
    assert model.predict_batch(texts) == [model.predict(text) for text in texts]


def test_every_label_and_issue_is_named(model: TextModel) -> None:
    prediction = model.predict(ANGRY)
    assert set(prediction.labels) == set(BINARY_LABELS)
    assert prediction.issue in ISSUES
    assert 0.0 <= prediction.issue_confidence <= 1.0


def test_an_angry_complaint_about_a_late_parcel_reads_as_angry_delivery(
    model: TextModel,
) -> None:
    prediction = model.predict(ANGRY)
    assert prediction.issue == "delivery"
    assert "angry" in present_labels(model, ANGRY)


def test_a_polite_question_is_calm(model: TextModel) -> None:
    assert present_labels(model, CALM) == set()
    assert model.predict(CALM).issue == "query_request"


def test_a_customer_who_does_not_understand_reads_as_confused(model: TextModel) -> None:
    assert "confused" in present_labels(model, CONFUSED)


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_text_predicts_calm_without_evidence(model: TextModel, text: str) -> None:
    prediction = model.predict(text)
    assert not any(label.present or label.evidence for label in prediction.labels.values())


def test_evidence_spans_lie_inside_the_text_and_only_on_present_labels(model: TextModel) -> None:
    for text in (ANGRY, CALM, CONFUSED):
        for label in model.predict(text).labels.values():
            assert label.present or not label.evidence
            for span in label.evidence:
                assert 0 <= span.start < span.end <= len(text)
                assert text[span.start : span.end].strip()


def test_removing_the_evidence_lowers_the_score(model: TextModel) -> None:
    """The evidence is what drove the decision: blanking those words lowers the score."""
    for text in (ANGRY, CONFUSED):
        for name, label in model.predict(text).labels.items():
            if not label.present:
                continue
            assert label.evidence
            blanked = list(text)
            for span in label.evidence:
                blanked[span.start : span.end] = " " * (span.end - span.start)
            assert model.predict("".join(blanked)).labels[name].score < label.score


def test_evidence_of_anger_covers_the_angry_word(model: TextModel) -> None:
    evidence = model.predict(ANGRY).labels["angry"].evidence
    assert "furious" in [ANGRY[span.start : span.end] for span in evidence]


# ---------------------------------------------------------------- the challenging head

MIXED_TEXTS = [
    "Thanks, could you tell me your opening hours on Saturday?",
    "This is the THIRD time my parcel has not arrived. I am furious!",
    "I'm really worried, I have not received my order and I'm not sure what to do?",
    "ok",
    "My new toaster sparked when I switched it on.",
    "Why does nobody ever answer the phone, this is ridiculous",
    "Can I change the delivery address on order 12345?",
]
EMOTION_COLUMNS = [BINARY_LABELS.index(name) for name in ("angry", "frustrated", "upset",
                                                          "confused", "anxious")]  # fmt: skip
INDICATOR_COLUMNS = list(range(9))


def test_the_shipped_model_has_a_challenging_head(model: TextModel) -> None:
    assert model.challenging is not None
    assert model.challenging_scores(MIXED_TEXTS) is not None


def test_the_head_settles_the_emotions(model: TextModel) -> None:
    """Read as calm: no emotion. Read as challenging: at least one indicator."""
    head = model.challenging_scores(MIXED_TEXTS)
    _, present = model.decide(MIXED_TEXTS)
    threshold = model.challenging[2]
    assert (head >= threshold).any(), "some texts must read as challenging"
    assert (head < threshold).any(), "some texts must read as calm"
    for row, score in enumerate(head):
        if score < threshold:
            assert not present[row, EMOTION_COLUMNS].any(), MIXED_TEXTS[row]
        else:
            assert present[row, INDICATOR_COLUMNS].any(), MIXED_TEXTS[row]


def test_decide_and_predict_agree(model: TextModel) -> None:
    _, present = model.decide(MIXED_TEXTS)
    for row, prediction in enumerate(model.predict_batch(MIXED_TEXTS)):
        shown = [prediction.labels[name].present for name in BINARY_LABELS]
        assert shown == present[row].tolist()


def test_a_weights_file_without_the_head_still_loads_and_decides_by_thresholds(
    model: TextModel, tmp_path
) -> None:
    older = TextModel(
        version="text-linear-old",
        featuriser=model.featuriser,
        weights=model.weights,
        bias=model.bias,
        thresholds=model.thresholds,
    )
    path = tmp_path / "older.npz"
    older.save(path)
    reloaded = TextModel.from_file(path)
    assert reloaded.challenging is None
    assert reloaded.challenging_scores(MIXED_TEXTS) is None
    scores = reloaded.raw_scores(MIXED_TEXTS)[1]
    _, present = reloaded.decide(MIXED_TEXTS)
    assert (present == (scores >= reloaded.thresholds)).all()


@pytest.mark.parametrize("seed", range(20))
def test_the_strongest_features_are_those_a_full_stable_sort_gives(seed: int) -> None:
    """Evidence is built from the strongest positive features, ties in feature order; the
    quick search for them must choose exactly what sorting every feature chooses."""
    rng = np.random.default_rng(seed)
    size = int(rng.integers(0, 60))
    # Few distinct values, so ties, zeros and negatives are common.
    pushes = rng.choice(np.array([-0.5, 0.0, 0.25, 0.5, 1.0], np.float32), size)
    for limit in (1, 2, 4, 7):
        order = np.argsort(-pushes, kind="stable")[:limit]
        expected = [int(i) for i in order if pushes[i] > 0]
        assert strongest_positive(pushes, limit).tolist() == expected
