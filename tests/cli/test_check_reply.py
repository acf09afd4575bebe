"""`calmdesk check-reply` and `calmdesk eval-replies` (issue 5): one reply or a JSON Lines file
in, findings out in input order; bad input is refused clearly, and nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from calmdesk.cli import app

runner = CliRunner()
ANGRY = "I am livid! Your courier dumped my parcel in the rain and it's ruined. Disgraceful!"


def run(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def test_one_reply_prints_each_finding_with_its_better_wording():
    result = run("check-reply", "Calm down. Company policy is no refunds.")
    assert result.exit_code == 0, result.output
    assert "provoking" in result.stdout
    assert '"Calm down"' in result.stdout
    assert "quotes_policy" in result.stdout
    assert "Better: I can hear how frustrating this is" in result.stdout
    assert "C1 3.8" in result.stdout


def test_a_good_reply_has_no_findings():
    result = run("check-reply", "Your parcel will arrive on Friday before noon.")
    assert result.exit_code == 0, result.output
    assert "No findings" in result.stdout


def test_json_output_and_the_customer_s_text_for_empathy():
    reply = "A replacement goes out today by tracked delivery."
    result = run("check-reply", "--json", "--customer", ANGRY, reply)
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    assert [f["type"] for f in findings] == ["no_empathy"]
    assert set(findings[0]) == {
        "type",
        "start",
        "end",
        "message",
        "suggestion",
        "criterion",
        "replace_start",
        "replace_end",
    }
    calm = run("check-reply", "--json", reply)
    assert json.loads(calm.stdout)["findings"] == []


def test_standard_input_and_a_public_channel():
    result = run(
        "check-reply",
        "--json",
        "--channel",
        "social_media",
        "-",
        input="Hi Jo, we've emailed jo.smith82@gmail.com today.",
    )
    assert result.exit_code == 0, result.output
    assert [f["type"] for f in json.loads(result.stdout)["findings"]] == ["public_personal_data"]
    private = run(
        "check-reply",
        "--json",
        "--channel",
        "social_media",
        "--private",
        "Hi Jo, we've emailed jo.smith82@gmail.com today.",
    )
    assert json.loads(private.stdout)["findings"] == []


def test_the_policy_and_role_give_the_authority():
    policy = "src/calmdesk/demo/policy.yaml"
    reply = "I'll refund you £80 today."
    agent = run("check-reply", "--json", "--policy", policy, "--role", "agent", reply)
    assert agent.exit_code == 0, agent.output
    assert [f["type"] for f in json.loads(agent.stdout)["findings"]] == ["above_authority"]
    leader = run("check-reply", "--json", "--policy", policy, "--role", "team_leader", reply)
    assert json.loads(leader.stdout)["findings"] == []
    alone = run("check-reply", "--role", "agent", reply)
    assert alone.exit_code == 1
    assert "--role needs --policy" in alone.output
    wrong = run("check-reply", "--policy", policy, "--role", "king", reply)
    assert wrong.exit_code == 1
    assert "Unknown role" in wrong.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["   "], "The reply is empty."),
        ([], "Give the reply to check"),
        (["--channel", "pigeon", "Hello"], "Unknown channel"),
    ],
)
def test_bad_single_input_is_one_clear_error(args, message):
    result = run("check-reply", *args)
    assert result.exit_code == 1
    assert message in result.output


def write(tmp_path: Path, lines: list[object]) -> Path:
    path = tmp_path / "replies.jsonl"
    path.write_text(
        "".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
        encoding="utf-8",
    )
    return path


def test_jsonl_writes_one_result_a_line_in_input_order(tmp_path):
    path = write(
        tmp_path,
        [
            {"id": "b", "reply": "Calm down, the parcel arrives today."},
            {"id": 7, "reply": "A new one goes out today.", "customer_text": ANGRY},
            {"id": "c", "reply": "Your order 58213394 arrives today.", "channel": "social_media"},
            {
                "id": "d",
                "reply": "I'll refund £80 today.",
                "authority": {"refund": {"max_amount": 50}},
            },
            {"id": "e", "reply": "Your parcel arrives on Friday."},
        ],
    )
    result = run("check-reply", "--jsonl", str(path))
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["b", 7, "c", "d", "e"]
    assert [[f["type"] for f in line["findings"]] for line in lines] == [
        ["provoking"],
        ["no_empathy"],
        ["public_personal_data"],
        ["above_authority"],
        [],
    ]
    first = lines[0]["findings"][0]
    assert (first["start"], first["end"]) == (0, 9)
    assert {"type", "start", "end", "message", "suggestion"} <= set(first)
    assert "Checked 5 of 5 replies" in result.stderr


def test_a_bad_line_is_an_error_of_that_line_and_the_others_are_still_checked(tmp_path):
    path = write(
        tmp_path,
        [
            {"id": "a", "reply": "Calm down, it arrives today."},
            "{not json",
            {"reply": "No id on this one."},
            "",
            {"id": "d", "reply": "Hi", "channel": "carrier pigeon"},
            {"id": "e", "reply": "Your parcel arrives on Friday before noon."},
        ],
    )
    result = run("check-reply", "--jsonl", str(path))
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(line["id"], line["line"]) for line in lines] == [
        ("a", 1),
        (None, 2),
        (None, 3),
        ("d", 5),
        ("e", 6),
    ]
    assert [f["type"] for f in lines[0]["findings"]] == ["provoking"]
    assert "error" not in lines[0]
    assert "error" not in lines[4]
    assert lines[1]["error"].startswith("The line is not valid JSON")
    assert lines[2]["error"] == "The line has no id (a string or a number)."
    assert lines[3]["error"].startswith("Unknown channel 'carrier pigeon'")
    assert all(line["findings"] == [] for line in lines[1:4])
    assert "Checked 2 of 5 replies" in result.stderr
    assert "Error on line 5 (id d): Unknown channel" in result.stderr
    assert "3 of 5 lines had an error" in result.stderr


@pytest.mark.parametrize(
    ("line", "identifier", "message"),
    [
        ({"reply": "Hello"}, None, "The line has no id"),
        ({"id": False, "reply": "Hello"}, None, "The line has no id"),
        ({"id": "x"}, "x", "The line has no reply text."),
        ({"id": "x", "reply": "Hi", "channel": "pigeon"}, "x", "Unknown channel 'pigeon'"),
        ({"id": "x", "reply": "Hi", "public": "yes"}, "x", "public must be true or false."),
        ({"id": 3, "reply": "Hi", "authority": {"refund": "lots"}}, 3, "'lots' is not"),
        ({"id": "x", "reply": "Hi", "authority": [1]}, "x", "authority must be an object."),
        ({"id": "x", "reply": "Hi", "customer_text": 5}, "x", "customer_text must be text."),
        ({"id": "x", "reply": " "}, "x", "The reply is empty."),
        ({"id": "x", "reply": "word " * 5000}, "x", "the checker reads at most 20000"),
        (["a list"], None, "The line is not a JSON object."),
    ],
)
def test_each_kind_of_unusable_line_is_reported_on_its_own_line(
    tmp_path, line, identifier, message
):
    path = write(tmp_path, [{"id": "a", "reply": "Calm down, it arrives today."}, line])
    result = run("check-reply", "--jsonl", str(path))
    assert result.exit_code == 1
    first, second = (json.loads(text) for text in result.stdout.splitlines())
    assert first["id"] == "a"
    assert [f["type"] for f in first["findings"]] == ["provoking"]
    assert second["id"] == identifier
    assert second["line"] == 2
    assert second["findings"] == []
    assert message in second["error"]
    assert "1 of 2 lines had an error" in result.stderr


def test_fields_beyond_the_contract_are_passed_through_as_triage_does(tmp_path):
    path = write(
        tmp_path,
        [
            {"id": "a", "reply": "A new kettle goes out today.", "extra": 1, "team": "care"},
            {"id": "b", "reply": "  ", "batch": [1, 2]},
        ],
    )
    result = run("check-reply", "--jsonl", str(path))
    first, second = (json.loads(text) for text in result.stdout.splitlines())
    assert first == {"extra": 1, "team": "care", "id": "a", "line": 1, "findings": []}
    assert second == {
        "batch": [1, 2],
        "id": "b",
        "line": 2,
        "findings": [],
        "error": "The reply is empty.",
    }
    assert result.exit_code == 1  # the empty reply, not the extra fields


def test_a_clean_file_exits_0_and_a_byte_order_mark_is_not_an_error(tmp_path):
    path = tmp_path / "replies.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "a", "reply": "Thanks!"}).encode())
    result = run("check-reply", "--jsonl", str(path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"id": "a", "line": 1, "findings": []}
    assert "had an error" not in result.stderr


def test_a_file_that_is_not_utf8_stops_at_once_with_nothing_on_stdout(tmp_path):
    path = tmp_path / "replies.jsonl"
    path.write_bytes(json.dumps({"id": "a", "reply": "Caf\u00e9"}).encode("latin-1") + b"\xe9\n")
    result = run("check-reply", "--jsonl", str(path))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "is not UTF-8 text (byte" in result.stderr


def test_many_bad_lines_list_the_first_twenty_on_stderr(tmp_path):
    path = write(tmp_path, ["{oops"] * 25)
    result = run("check-reply", "--jsonl", str(path))
    assert result.exit_code == 1
    assert len(result.stdout.splitlines()) == 25
    assert result.stderr.count("Error on line") == 20
    assert "and 5 more" in result.stderr
    assert "25 of 25 lines had an error" in result.stderr


def test_jsonl_and_a_text_together_or_a_missing_file_are_refused(tmp_path):
    path = write(tmp_path, [{"id": "a", "reply": "Hi"}])
    both = run("check-reply", "--jsonl", str(path), "Hello")
    assert both.exit_code == 1
    assert "not both" in both.output
    missing = run("check-reply", "--jsonl", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1
    assert "is not a file" in missing.output


# ---------------------------------------------------------------- eval-replies


def test_eval_replies_reports_precision_and_recall_per_type():
    result = run("eval-replies", "--no-twitter", "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["real"] is None
    labelled = body["labelled"]
    assert labelled["all"]["records"] >= 300
    assert labelled["all"]["records"] == labelled["dev"]["records"] + labelled["heldout"]["records"]
    # A regression guard on the replies the rules were tuned on (dev), not a claim about new
    # wording: the held-out and blind splits are measured and reported, not asserted.
    for figures in labelled["dev"]["per_type"].values():
        assert figures["precision"] >= 0.9
        assert figures["recall"] >= 0.85


def test_eval_replies_checks_real_replies_and_shows_some(tmp_path):
    conversation = {
        "agentURL": {"tweet_ID": "9", "url_utterance": "@kim Calm down. It will arrive today."},
        "dialogContent": [
            {"client": "kim", "message": "Where is my parcel?", "tweet_ID": "1"},
            {"agent": "Shop", "message": "Sorry! Could you DM us your order?", "tweet_ID": "2"},
        ],
    }
    data = tmp_path / "dev.json"
    data.write_text(json.dumps([conversation]), encoding="utf-8")
    result = run("eval-replies", "--twitter-file", str(data), "--show", "5")
    assert result.exit_code == 0, result.output
    assert "Real agent replies: 2; findings 1 (50.0 per 100)" in result.stdout
    assert "- 9 provoking: 'Calm down'" in result.stdout
    assert "customer: Where is my parcel?" in result.stdout
    as_json = json.loads(run("eval-replies", "--twitter-file", str(data), "--json").stdout)
    assert as_json["real"]["per_type"]["provoking"] == 1


def test_eval_replies_refuses_a_missing_set(tmp_path):
    result = run("eval-replies", "--set", str(tmp_path / "none.jsonl"), "--no-twitter")
    assert result.exit_code == 1
    assert "is not a file" in result.output
