"""Assessment engine speed and memory: load time, resident memory, batch rates, latency.

    python bench/assessment.py [--quick] [--messages 5000] [--runs 3]

Measures the shipped engine (`calmdesk.core.assessment`) on this machine, each figure in a
fresh Python process of its own, pinned to one core (OMP_NUM_THREADS=1 and CPU affinity
{0} where the system allows it):

- load: importing the package and `load_model()`, and the first `assess()` after it (which
  also builds the language detector), median of the runs;
- memory: VmRSS (and its peak, VmHWM) from /proc/self/status of a process that has loaded
  the model and assessed a batch of 1,000 messages;
- `assess_batch` and `model.predict_batch` messages per second over a batch of realistic
  texts, best of --runs: the project's own labelled messages (datasets/calmdesk_messages.jsonl,
  customer-service length), and, when ../shared/data is there, GoEmotions dev comments (the
  shorter texts the issue's baseline speeds were measured on); each repeated and shuffled to
  --messages;
- p50 / p95 latency of `assess()` on one message at a time (1,000 of those texts), and the
  worst time of `assess()` over texts of the greatest length it reads (100,000 characters),
  each one phrase repeated.

`--quick` is a smoke run (a few hundred messages, one run): its figures are not benchmarks.
Nothing is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _setup import machine

REPO = Path(__file__).resolve().parent.parent
OWN_MESSAGES = REPO / "datasets" / "calmdesk_messages.jsonl"
GOEMOTIONS_DEV = REPO.parent / "shared" / "data" / "goemotions" / "dev.tsv"
SEED = 3
ONE_CORE = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


# ---------------------------------------------------------------- in the measured process


# Texts of the greatest length assessed, each one phrase over and over: where a pattern that
# backtracks or a scan repeated per match would show (two took seconds before they were fixed).
WORST_CASE_PHRASES = (
    "a ",
    "x",
    "-",
    "1",
    "@",
    "never again ",
    "my lawyer will ",
    "anything else ",
    "I am furious, this is the third time, I will call my lawyer. ",
)


def pin_one_core() -> str:
    """Keep this process on CPU 0 where the system allows it; say which."""
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {0})
            return "cpu 0"
        except OSError:
            pass
    return "not pinned"


def realistic_texts(count: int, source: str = "own") -> list[str]:
    if source == "goemotions":
        with GOEMOTIONS_DEV.open(encoding="utf-8") as lines:
            pool = [line.split("\t", 1)[0] for line in lines if line.strip()]
    else:
        with OWN_MESSAGES.open(encoding="utf-8") as lines:
            pool = [json.loads(line)["text"] for line in lines if line.strip()]
    texts = (pool * (count // len(pool) + 1))[:count]
    random.Random(SEED).shuffle(texts)
    return texts


def status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    return 0


def child_load() -> dict[str, object]:
    started = time.perf_counter()
    from calmdesk.core.assessment import assess, load_model

    imported = time.perf_counter()
    load_model()
    loaded = time.perf_counter()
    assess("My order has not arrived and nobody has told me why.")
    first = time.perf_counter()
    return {
        "import_s": imported - started,
        "load_s": loaded - imported,
        "first_assess_s": first - loaded,
    }


def child_memory(messages: int) -> dict[str, object]:
    from calmdesk.core.assessment import assess_batch, load_model

    load_model()
    assess_batch(realistic_texts(messages))
    return {"rss_kb": status_kb("VmRSS"), "peak_kb": status_kb("VmHWM"), "messages": messages}


def child_rates(messages: int, runs: int, singles: int, source: str) -> dict[str, object]:
    from calmdesk.core.assessment import assess, assess_batch, load_model
    from calmdesk.core.assessment.assess import MAX_CHARACTERS

    model = load_model()
    texts = realistic_texts(messages, source)
    assess_batch(texts[:200])  # warm up: the language detector, caches, first allocations
    batch_rates, predict_rates = [], []
    for _ in range(runs):
        started = time.perf_counter()
        assess_batch(texts)
        batch_rates.append(len(texts) / (time.perf_counter() - started))
        started = time.perf_counter()
        model.predict_batch(texts)
        predict_rates.append(len(texts) / (time.perf_counter() - started))
    latencies_ms = []
    for text in texts[:singles]:
        started = time.perf_counter()
        assess(text)
        latencies_ms.append((time.perf_counter() - started) * 1000)
    latencies_ms.sort()
    worst_ms = 0.0
    for phrase in WORST_CASE_PHRASES:
        text = (phrase * (MAX_CHARACTERS // len(phrase) + 1))[:MAX_CHARACTERS]
        started = time.perf_counter()
        assess(text)
        worst_ms = max(worst_ms, (time.perf_counter() - started) * 1000)
    return {
        "messages": len(texts),
        "mean_characters": statistics.fmean(len(text) for text in texts),
        "assess_batch_per_s": max(batch_rates),
        "predict_batch_per_s": max(predict_rates),
        "p50_ms": statistics.median(latencies_ms),
        "p95_ms": latencies_ms[max(0, round(0.95 * len(latencies_ms)) - 1)],
        "singles": len(latencies_ms),
        "worst_case_ms": worst_ms,
    }


def run_child(arguments: argparse.Namespace) -> None:
    pinned = pin_one_core()
    if arguments.child == "load":
        result = child_load()
    elif arguments.child == "memory":
        result = child_memory(arguments.memory_messages)
    else:
        result = child_rates(arguments.messages, arguments.runs, arguments.singles, arguments.texts)
    result["pinned"] = pinned
    print(json.dumps(result))


# ---------------------------------------------------------------- the orchestrating process


def in_fresh_process(
    child: str, arguments: argparse.Namespace, texts: str = "own"
) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        child,
        "--texts",
        texts,
        "--messages",
        str(arguments.messages),
        "--runs",
        str(arguments.runs),
        "--singles",
        str(arguments.singles),
        "--memory-messages",
        str(arguments.memory_messages),
    ]
    done = subprocess.run(
        command, env={**os.environ, **ONE_CORE}, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"The {child} measurement failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run, not a benchmark")
    parser.add_argument("--messages", type=int, default=5000, help="batch size for the rates")
    parser.add_argument("--runs", type=int, default=3, help="rates: the best of this many")
    parser.add_argument("--singles", type=int, default=1000, help="messages timed one by one")
    parser.add_argument("--memory-messages", type=int, default=1000, help=argparse.SUPPRESS)
    parser.add_argument("--child", choices=["load", "memory", "rates"], help=argparse.SUPPRESS)
    parser.add_argument(
        "--texts", choices=["own", "goemotions"], default="own", help=argparse.SUPPRESS
    )
    arguments = parser.parse_args()
    if not OWN_MESSAGES.is_file():
        sys.exit(f"{OWN_MESSAGES} is missing: the benchmark texts come from it.")
    if arguments.child:
        run_child(arguments)
        return
    if arguments.quick:
        arguments.messages, arguments.runs = 300, 1
        arguments.singles, arguments.memory_messages = 50, 100

    loads = [in_fresh_process("load", arguments) for _ in range(arguments.runs)]
    memory = in_fresh_process("memory", arguments)
    rates = in_fresh_process("rates", arguments)
    short = in_fresh_process("rates", arguments, "goemotions") if GOEMOTIONS_DEV.is_file() else None

    def median(key: str) -> float:
        return statistics.median(load[key] for load in loads)

    print(
        f"assessment engine: {machine()}; one core ({rates['pinned']}, OMP_NUM_THREADS=1)"
        + ("  [--quick: smoke run, not a benchmark]" if arguments.quick else "")
    )
    rows = [
        (
            "model load, fresh process",
            f"{median('load_s') * 1000:8.0f} ms",
            f"median of {len(loads)}",
        ),
        ("import calmdesk.core.assessment", f"{median('import_s') * 1000:8.0f} ms", "before load"),
        (
            "first assess() after load",
            f"{median('first_assess_s') * 1000:8.0f} ms",
            "builds the language detector",
        ),
        (
            "RSS after load + a batch",
            f"{memory['rss_kb'] / 1024:8.0f} MB",
            f"peak {memory['peak_kb'] / 1024:.0f} MB, {memory['messages']} messages",
        ),
        (
            "assess_batch",
            f"{rates['assess_batch_per_s']:8,.0f} /s",
            f"best of {arguments.runs}, {rates['messages']} messages "
            f"(mean {rates['mean_characters']:.0f} characters)",
        ),
        (
            "model.predict_batch",
            f"{rates['predict_batch_per_s']:8,.0f} /s",
            f"best of {arguments.runs}, same messages",
        ),
        (
            "assess() one message, p50",
            f"{rates['p50_ms']:8.2f} ms",
            f"{rates['singles']} messages one by one",
        ),
        ("assess() one message, p95", f"{rates['p95_ms']:8.2f} ms", ""),
        (
            "assess() worst repetitive text",
            f"{rates['worst_case_ms']:8.0f} ms",
            f"the longest text read, one of {len(WORST_CASE_PHRASES)} phrases repeated",
        ),
    ]
    if short is not None:
        rows += [
            (
                "assess_batch, GoEmotions texts",
                f"{short['assess_batch_per_s']:8,.0f} /s",
                f"best of {arguments.runs}, {short['messages']} comments "
                f"(mean {short['mean_characters']:.0f} characters)",
            ),
            (
                "model.predict_batch, GoEmotions",
                f"{short['predict_batch_per_s']:8,.0f} /s",
                "same comments",
            ),
            ("assess() one comment, p50", f"{short['p50_ms']:8.2f} ms", ""),
        ]
    width = max(len(name) for name, _, _ in rows)
    for name, value, note in rows:
        print(f"  {name:{width}}  {value}   {note}".rstrip())


if __name__ == "__main__":
    main()
