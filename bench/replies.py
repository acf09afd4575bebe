"""Reply checker speed (issue 5 "Figures to reach": check a 1,000-character reply in under 20 ms
median).

    python bench/replies.py [--runs 2000]

Times `check_reply` on 1,000-character replies built from the project's own labelled replies
(datasets/replies_labelled.jsonl, joined and cut at 1,000 characters, so every rule has real
wording to read), with the fullest context: an upset customer who is not a specialist, a
public reply and an agent's authority, so every rule runs. Prints the median, p95 and worst
time over --runs checks (after a warm-up), and the same for the labelled replies at their own
length, and the worst time over replies of the greatest length made of one phrase repeated.
Pure Python: no database. Nothing is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from calmdesk.core.replies import ReplyContext, check_reply
from calmdesk.core.replies.checker import MAX_REPLY_CHARS

ROOT = Path(__file__).resolve().parent.parent
LABELLED = ROOT / "datasets" / "replies_labelled.jsonl"
AUTHORITY = {
    "refund": {"max_amount": 50},
    "credit_note": {"max_amount": 75},
    "goodwill_gesture": {"max_amount": 10},
    "replacement": {"max_amount": 150},
    "alternative_product": {"max_amount": 100},
    "repair": True,
}


WORST_CASE_PHRASES = (
    "a ",
    "x",
    "-",
    ". ",
    "£",
    "@a ",
    "anything else ",
    "our policy is that ",
    "it will be looked into ",
    "Is there anything else I can do, you must calm down our policy is no refunds ",
)


def replies_of(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line)["reply"] for line in lines if line.strip()]


def thousand_character_replies(replies: list[str], count: int) -> list[str]:
    """`count` different 1,000-character replies, each a run of labelled replies."""
    out = []
    for first in range(count):
        text, index = "", first
        while len(text) < 1000:
            text += replies[index % len(replies)] + " "
            index += 1
        out.append(text[:1000])
    return out


def timings(texts: list[str], context: ReplyContext, runs: int) -> list[float]:
    for text in texts[:50]:
        check_reply(text, context)  # warm-up: compiled patterns, caches
    result = []
    for run in range(runs):
        text = texts[run % len(texts)]
        start = time.perf_counter()
        check_reply(text, context)
        result.append((time.perf_counter() - start) * 1000)
    return result


def report(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label}: median {statistics.median(ordered):.2f} ms, p95 {p95:.2f} ms, "
        f"worst {ordered[-1]:.2f} ms over {len(ordered)} checks"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000, help="Checks to time (default 2000).")
    args = parser.parse_args()
    replies = replies_of(LABELLED)
    context = ReplyContext.build(
        indicators=("angry", "upset"),
        customer_is_specialist=False,
        public=True,
        authority=AUTHORITY,
        currency="GBP",
    )
    long_replies = thousand_character_replies(replies, 200)
    assert all(len(text) == 1000 for text in long_replies)
    report("1,000-character reply", timings(long_replies, context, args.runs))
    average = statistics.mean(len(text) for text in replies)
    report(f"labelled reply (mean {average:.0f} characters)", timings(replies, context, args.runs))
    # The longest reply the checker reads, made of one phrase over and over with no full stop:
    # where a pattern that backtracks would show (one such took minutes before it was fixed).
    worst = 0.0
    for phrase in WORST_CASE_PHRASES:
        text = (phrase * (MAX_REPLY_CHARS // len(phrase) + 1))[:MAX_REPLY_CHARS]
        started = time.perf_counter()
        check_reply(text, context)
        worst = max(worst, (time.perf_counter() - started) * 1000)
    print(
        f"worst of {len(WORST_CASE_PHRASES)} repetitive {MAX_REPLY_CHARS:,}-character replies: "
        f"{worst:.0f} ms"
    )


if __name__ == "__main__":
    main()
