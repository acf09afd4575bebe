"""Measuring the assessment engine: the metrics, the sets, and the split the training uses."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from calmdesk.core.assessment.evaluation import (
    EvaluationSet,
    LabelMetrics,
    Predicted,
    Record,
    SetUnavailable,
    evaluate,
    label_metrics,
    load_set,
    predict,
    score,
    split_folds,
    split_goemotions_dev,
)
from calmdesk.core.assessment.labels import BINARY_LABELS, EMOTIONS

REPO = Path(__file__).resolve().parent.parent.parent
SCRIPT = REPO / "scripts" / "train_assessment.py"


# ---------------------------------------------------------------- metrics


def test_precision_recall_and_f1_on_a_hand_counted_case():
    # tp: rows 0, 1; fp: rows 3, 4, 5; fn: row 2.
    truth = [True, True, True, False, False, False, False]
    predicted = [True, True, False, True, True, True, False]
    metrics = label_metrics(truth, predicted)
    assert metrics == LabelMetrics(true_positives=2, false_positives=3, false_negatives=1)
    assert metrics.support == 3
    assert metrics.predicted == 5
    assert metrics.precision == pytest.approx(2 / 5)
    assert metrics.recall == pytest.approx(2 / 3)
    # The harmonic mean of 0.4 and 0.667 (= 2tp / (2tp + fp + fn) = 4 / 8), not the mean.
    assert metrics.f1 == pytest.approx(0.5)


def test_nothing_true_and_nothing_predicted_is_zero_and_shown_as_undefined():
    metrics = label_metrics([False, False], [False, False])
    assert (metrics.precision, metrics.recall, metrics.f1) == (0.0, 0.0, 0.0)
    assert metrics.as_dict() == {
        "precision": None,
        "recall": None,
        "f1": None,
        "support": 0,
        "predicted": 0,
    }


def test_predictions_where_nothing_is_true_have_zero_precision():
    metrics = label_metrics([False, False, False], [True, False, True])
    assert metrics.as_dict()["precision"] == 0.0
    assert metrics.as_dict()["recall"] is None
    assert metrics.f1 == 0.0


def test_truth_and_predictions_must_pair_up():
    with pytest.raises(ValueError, match="length"):
        label_metrics([True], [True, False])


def _records(*rows: tuple[str | None, set[str]]) -> list[Record]:
    return [
        Record(f"r{i}", "text", issue, frozenset(labels)) for i, (issue, labels) in enumerate(rows)
    ]


def test_a_set_scores_issue_accuracy_macro_f1_and_challenging():
    records = _records(
        ("delivery", {"angry", "threat_legal"}),
        ("billing", {"frustrated"}),
        ("faulty", {"needs_access_support"}),  # a need to serve, not a challenging contact
        ("other", set()),
    )
    predictions = [
        Predicted("delivery", frozenset({"angry"})),
        Predicted("delivery", frozenset({"frustrated", "upset"})),
        Predicted("faulty", frozenset({"needs_access_support"})),
        Predicted("other", frozenset({"confused"})),
    ]
    result = score(EvaluationSet("t", records, BINARY_LABELS, True, "all"), predictions)
    assert result.count == 4
    assert result.issue_accuracy == pytest.approx(3 / 4)
    assert result.labels["angry"] == LabelMetrics(1, 0, 0)
    assert result.labels["upset"] == LabelMetrics(0, 1, 0)
    assert result.labels["threat_legal"] == LabelMetrics(0, 0, 1)
    # angry 1, frustrated 1, upset 0, confused 0, anxious 0 (no support, none predicted).
    assert result.emotion_macro_f1 == pytest.approx(2 / 5)
    # Truly challenging: rows 0 and 1. Predicted: rows 0, 1 and 3 (not row 2).
    assert result.challenging == LabelMetrics(2, 1, 0)
    assert result.challenging.f1 == pytest.approx(0.8)


def test_a_set_without_issues_measures_only_its_labels():
    records = _records((None, {"anxious"}), (None, set()))
    predictions = [
        Predicted("delivery", frozenset({"anxious", "confrontational"})),
        Predicted("other", frozenset({"confrontational"}), supported=True),
    ]
    result = score(EvaluationSet("go", records, EMOTIONS, False, "all"), predictions)
    assert result.issue_accuracy is None
    assert set(result.labels) == set(EMOTIONS)
    # Only the five emotions count towards challenging where only they are labelled.
    assert result.challenging == LabelMetrics(1, 0, 0)


def test_a_refused_or_unsupported_message_counts_and_is_counted():
    records = _records(("billing", {"angry"}), ("billing", set()))
    predictions = [Predicted(None, frozenset()), Predicted("other", frozenset(), supported=False)]
    result = score(EvaluationSet("t", records, BINARY_LABELS, True, "all"), predictions)
    assert result.issue_accuracy == 0.0
    assert result.unassessable == 1
    assert result.unsupported == 1
    assert result.labels["angry"] == LabelMetrics(0, 0, 1)


def test_the_engine_predicts_through_assess_batch_and_survives_an_empty_text():
    texts = [
        "I will take you to the small claims court over this broken washer.",
        "   ",
        "What time do you open on Saturday?",
    ]
    predicted = predict(texts)
    assert len(predicted) == 3
    assert "threat_legal" in predicted[0].labels
    assert predicted[1] == Predicted(None, frozenset())
    assert predicted[2].issue is not None


# ---------------------------------------------------------------- the split


def test_folds_are_a_seeded_partition():
    records = [Record(f"id-{n:03d}", "t", "other", frozenset()) for n in range(23)]
    folds = split_folds(records)
    assert len(folds) == 5
    assert sorted(r.key for fold in folds for r in fold) == sorted(r.key for r in records)
    assert [len(fold) for fold in folds] == [5, 5, 5, 4, 4]
    assert split_folds(list(reversed(records))) == folds


def test_later_turns_join_the_fold_of_their_conversation():
    firsts = [Record(f"c{n:02d}", "t", "other", frozenset()) for n in range(10)]
    later = [Record(f"c{n:02d}-2", "t", "other", frozenset(), group=f"c{n:02d}") for n in range(10)]
    folds = split_folds(firsts + later)
    assert [[r.key for r in fold] for fold in split_folds(firsts)] == [
        [r.key for r in fold if not r.group or r.group == r.key] for fold in folds
    ]
    for fold in folds:
        keys = {r.key for r in fold}
        assert all(r.group in keys for r in fold if r.group and r.group != r.key)


def _training_script():
    pytest.importorskip("sklearn")
    pytest.importorskip("scipy")
    spec = importlib.util.spec_from_file_location("train_assessment_under_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # Registered first: its dataclasses look their module up while being made.
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def _as_script_example(script, record: Record):
    example = script.Example(record.text, "twitter", record.issue, {}, record.key)
    if record.group and hasattr(example, "group"):
        example.group = record.group
    return example


def test_the_split_matches_the_training_scripts_split():
    script = _training_script()
    own = load_set("own", "all", REPO / "datasets", REPO.parent / "shared" / "data").records
    synthetic = [Record(f"{n * 7919 % 1000:04d}", "t", "other", frozenset()) for n in range(300)]
    if "group" in script.Example.__dataclass_fields__:
        synthetic += [
            Record(f"{first.key}-later", "t", "other", frozenset(), group=first.key)
            for first in synthetic[::7]
        ]
    for records in (own, synthetic):
        theirs = script.split_folds([_as_script_example(script, r) for r in records])
        ours = split_folds(records)
        assert [[e.key for e in fold] for fold in theirs] == [
            [r.key for r in fold] for fold in ours
        ]


def test_the_goemotions_halves_match_the_training_scripts():
    script = _training_script()
    records = [Record(f"e{n}x", "t", None, frozenset()) for n in range(200)]
    theirs = script.split_goemotions_dev([_as_script_example(script, r) for r in records])
    ours = split_goemotions_dev(records)
    assert [[e.key for e in half] for half in theirs] == [[r.key for r in half] for half in ours]
    assert 60 < len(ours[0]) < 140


# ---------------------------------------------------------------- loading the sets


def _own(datasets: Path, count: int = 12) -> None:
    datasets.mkdir(parents=True, exist_ok=True)
    lines = [
        {
            "id": f"cm-{n:04d}",
            "text": f"This is the THIRD time parcel {n} has not arrived. I am absolutely furious!",
            "channel": "email",
            "issue": "delivery",
            "indicators": ["angry"],
            "risks": [],
            "specialist": False,
        }
        for n in range(count)
    ]
    (datasets / "calmdesk_messages.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
    )


def _twitter(datasets: Path, shared: Path) -> None:
    conversations = [
        {
            "dialogContent": [
                {"client": "ann", "tweet_ID": "100", "message": "@Shop my order never came"},
                {"agent": "Shop", "tweet_ID": "101", "message": "@ann sorry, DM us"},
                {"client": "ann", "tweet_ID": "102", "message": "@Shop still nothing, useless"},
                {"client1": "bob", "tweet_ID": "103", "message": "@Shop same here"},
            ]
        }
    ]
    folder = shared / "twitter-customer-care"
    folder.mkdir(parents=True)
    (folder / "dev.json").write_text(json.dumps(conversations), encoding="utf-8")
    labels = [
        {"id": "100", "issue": "delivery", "indicators": [], "risks": [], "specialist": False},
        {
            "id": "102",
            "issue": "delivery",
            "indicators": ["frustrated"],
            "risks": [],
            "turn": 2,
            "thread": "100",
            "mood": "an unknown field",
        },
        {"id": "103", "issue": "delivery", "indicators": [], "risks": [], "turn": 3},
        {"id": "101", "issue": "other", "indicators": [], "risks": []},  # an agent's tweet
        {"id": "999", "issue": "other", "indicators": [], "risks": []},  # not in dev.json
    ]
    (datasets / "twitter_care_labels.jsonl").write_text(
        "".join(json.dumps(line) + "\n" for line in labels), encoding="utf-8"
    )


def test_twitter_labels_join_any_customer_message_by_id(tmp_path):
    datasets, shared = tmp_path / "datasets", tmp_path / "shared"
    _own(datasets)
    _twitter(datasets, shared)
    twitter = load_set("twitter", "all", datasets, shared)
    by_id = {record.key: record for record in twitter.records}
    assert set(by_id) == {"100", "102", "103"}
    assert by_id["102"].text == "@Shop still nothing, useless"
    assert by_id["102"].labels == {"frustrated"}
    assert by_id["102"].group == "100"
    assert by_id["103"].text == "@Shop same here"
    assert any("2 labelled ids" in note for note in twitter.notes)
    assert "includes training data" in twitter.part


def test_heldout_is_fold_zero_and_says_thresholds_were_tuned_on_it(tmp_path):
    datasets = tmp_path / "datasets"
    _own(datasets, count=20)
    heldout = load_set("own", "heldout", datasets, tmp_path / "missing")
    everything = load_set("own", "all", datasets, tmp_path / "missing")
    assert [r.key for r in heldout.records] == [r.key for r in split_folds(everything.records)[0]]
    assert len(heldout.records) == 4
    assert "thresholds were tuned" in heldout.part


def test_goemotions_dev_is_mapped_and_halved(tmp_path):
    folder = tmp_path / "shared" / "goemotions"
    folder.mkdir(parents=True)
    names = ["anger", "annoyance", "confusion", "fear", "joy", "neutral", "nervousness"]
    (folder / "labels.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    rows = [
        ("I hate this", "0", "c1"),
        ("meh, annoying and scary", "1,3", "c2"),
        ('so "happy" today', "4", "c3"),
        ("what?", "2", "c4"),
        ("ok", "5", "c5"),
        ("nervous", "6", "c6"),
    ]
    (folder / "dev.tsv").write_text(
        "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8"
    )
    everything = load_set("goemotions-dev", "all", tmp_path / "datasets", tmp_path / "shared")
    labels = {record.key: record.labels for record in everything.records}
    assert labels == {
        "c1": {"angry"},
        "c2": {"frustrated", "anxious"},
        "c3": frozenset(),
        "c4": {"confused"},
        "c5": frozenset(),
        "c6": {"anxious"},
    }
    assert everything.records[2].text == 'so "happy" today'
    assert everything.labels == EMOTIONS
    assert not everything.measures_issue
    heldout = load_set("goemotions-dev", "heldout", tmp_path / "datasets", tmp_path / "shared")
    assert [r.key for r in heldout.records] == [
        r.key for r in split_goemotions_dev(everything.records)[1]
    ]


@pytest.mark.parametrize("name", ["twitter", "goemotions-dev"])
def test_missing_shared_data_is_a_clear_unavailable_set(tmp_path, name):
    _own(tmp_path / "datasets")
    with pytest.raises(SetUnavailable, match="is missing"):
        load_set(name, "heldout", tmp_path / "datasets", tmp_path / "no-shared-data")


def test_missing_own_dataset_is_a_clear_unavailable_set(tmp_path):
    with pytest.raises(SetUnavailable, match=r"calmdesk_messages\.jsonl is missing"):
        load_set("own", "heldout", tmp_path, tmp_path)


def test_evaluate_runs_the_shipped_engine_over_a_set(tmp_path):
    datasets = tmp_path / "datasets"
    _own(datasets, count=6)
    result = evaluate(load_set("own", "all", datasets, tmp_path))
    assert result.count == 6
    assert result.issue_accuracy == pytest.approx(1.0)
    assert result.labels["angry"].support == 6
    assert result.labels["angry"].recall > 0.5
    assert json.loads(json.dumps(result.as_dict()))["set"] == "own"
