"""The labelled replies (issue 5 "Evaluation") stay valid: the validator passes on the file and
catches each kind of broken record."""

from __future__ import annotations

import json
import runpy
from pathlib import Path

import pytest

DATASETS = Path(__file__).resolve().parent.parent / "datasets"


@pytest.fixture(scope="module")
def validator():
    return runpy.run_path(str(DATASETS / "check_replies.py"))


def test_the_labelled_replies_pass_their_validator_with_full_coverage(validator, capsys):
    assert validator["main"]([]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "replies_labelled.jsonl" in out


def test_every_type_is_well_covered_and_there_are_enough_good_replies(validator):
    errors, counts = validator["check_file"](DATASETS / "replies_labelled.jsonl")
    assert errors == []
    assert counts["records"] >= 300
    assert counts["clean"] >= 80
    assert all(counts["per_type"][kind] >= 25 for kind in validator["FINDING_TYPES"])
    assert len(counts["channels"]) >= 6


def test_the_validator_knows_the_checker_s_finding_types(validator):
    from calmdesk.core.replies import FINDING_TYPES, MISSING_PART_TYPES

    assert tuple(validator["FINDING_TYPES"]) == FINDING_TYPES
    assert set(validator["MISSING_PART_TYPES"]) == set(MISSING_PART_TYPES)


GOOD = {
    "id": "x1",
    "reply": "Please calm down.",
    "channel": "email",
    "public": False,
    "findings": [{"type": "provoking", "start": 7, "end": 16}],
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"findings": [{"type": "rude", "start": 7, "end": 16}]}, "unknown type"),
        ({"findings": [{"type": "provoking", "start": 7, "end": 40}]}, "outside the reply"),
        ({"findings": [{"type": "provoking", "start": 7, "end": 7}]}, "must not be empty"),
        ({"findings": [{"type": "provoking", "start": 6, "end": 16}]}, "white space"),
        ({"findings": [{"type": "no_next_step", "start": 3, "end": 3}]}, "empty at the end"),
        ({"findings": [{"type": "jargon", "start": 7, "end": 16}]}, "customer's text"),
        ({"findings": [{"type": "public_personal_data", "start": 7, "end": 16}]}, "public"),
        ({"findings": [{"type": "above_authority", "start": 7, "end": 16}]}, "authority"),
        ({"channel": "pigeon"}, "unknown channel"),
        ({"reply": "  "}, "empty reply"),
        ({"public": "yes"}, "must be bool"),
        ({"authority": {"refund": {"allowed": True, "max_amount": "lots"}}}, "number or null"),
        ({"authority": {"pony": {"allowed": True}}}, "unknown remedy"),
        ({"split": "test"}, "unknown split"),
        ({"colour": "blue"}, "unknown fields"),
    ],
)
def test_the_validator_rejects_a_broken_record(validator, change, problem):
    assert validator["check_record"](GOOD) == []
    errors = validator["check_record"]({**GOOD, **change})
    assert any(problem in error for error in errors), errors


def test_duplicates_and_bad_json_fail_the_file(validator, tmp_path):
    path = tmp_path / "replies.jsonl"
    path.write_text(json.dumps(GOOD) + "\n" + json.dumps(GOOD) + "\n{not json\n")
    errors, counts = validator["check_file"](path, coverage=False)
    assert counts["records"] == 2
    assert any("duplicate id" in error for error in errors)
    assert any(":3: not JSON" in error for error in errors)
    errors, _ = validator["check_file"](path, coverage=True)
    assert any("fewer than 300" in error for error in errors)


# ---------------------------------------------------------------- the blind batch


def test_the_blind_batch_passes_its_validator_with_its_own_coverage(validator, capsys):
    """replies_blind.jsonl (issue 5 "Evaluation"): written and labelled before the checker ran
    on it; at least 120 replies, 35 with no finding and 8 findings of every type."""
    path = DATASETS / "replies_blind.jsonl"
    assert validator["main"]([str(path)]) == 0, capsys.readouterr().err
    errors, counts = validator["check_file"](path)
    assert errors == []
    assert counts["records"] >= 120
    assert counts["clean"] >= 35
    assert all(counts["per_type"][kind] >= 8 for kind in validator["FINDING_TYPES"])
    assert counts["splits"] == {"blind": counts["records"]}
    assert len(counts["channels"]) >= 6


def test_the_blind_batch_shares_no_reply_or_id_with_the_labelled_set(validator):
    def read(name):
        return [json.loads(line) for line in (DATASETS / name).read_text().splitlines() if line]

    labelled, blind = read("replies_labelled.jsonl"), read("replies_blind.jsonl")
    assert not {r["id"] for r in labelled} & {r["id"] for r in blind}
    assert not {r["reply"] for r in labelled} & {r["reply"] for r in blind}
    assert all(r["id"].startswith("n") for r in blind)


def test_a_blind_file_must_not_mix_in_dev_or_heldout_replies(validator, tmp_path):
    path = tmp_path / "blind.jsonl"
    other = {**GOOD, "id": "x2", "reply": "Please calm down now."}
    path.write_text(json.dumps({**GOOD, "split": "blind"}) + "\n" + json.dumps(other) + "\n")
    errors, _ = validator["check_file"](path, coverage=True)
    assert any("blind replies go in a file of their own" in error for error in errors)
    assert any("fewer than 120" in error for error in errors)  # the blind minimums apply
    assert validator["check_record"]({**GOOD, "split": "blind"}) == []


@pytest.mark.parametrize(
    ("name", "batch"),
    [("replies_blind4_second.jsonl", "e"), ("replies_blind7_second.jsonl", "j")],
)
def test_a_second_labelling_fits_the_replies_of_its_batch(validator, name, batch):
    """replies_blind*_second.jsonl (ids and findings only) label exactly one batch's replies,
    each finding of a known type inside its reply, missing parts at the end."""

    def read(name):
        return [json.loads(line) for line in (DATASETS / name).read_text().splitlines() if line]

    replies = {r["id"]: r["reply"] for r in read("replies_labelled.jsonl")}
    replies |= {r["id"]: r["reply"] for r in read("replies_blind.jsonl")}
    second = read(name)
    assert [r["id"] for r in second] == [f"{batch}{n:03d}" for n in range(1, 201)]
    for record in second:
        assert set(record) == {"id", "findings"}
        reply = replies[record["id"]]
        for finding in record["findings"]:
            assert finding["type"] in validator["FINDING_TYPES"]
            assert 0 <= finding["start"] <= finding["end"] <= len(reply)
            if finding["type"] in validator["MISSING_PART_TYPES"]:
                assert finding["start"] == finding["end"] == len(reply)
            else:
                assert reply[finding["start"] : finding["end"]].strip()
