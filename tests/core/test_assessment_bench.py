"""bench/assessment.py runs: a --quick smoke run prints every figure (not checked)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent.parent / "bench" / "assessment.py"


def test_the_assessment_benchmark_runs_quickly_and_prints_its_table():
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    for row in (
        "model load, fresh process",
        "RSS after load + a batch",
        "assess_batch",
        "model.predict_batch",
        "assess() one message, p50",
        "assess() one message, p95",
        "assess() worst repetitive text",
    ):
        assert row in done.stdout
    assert "smoke run" in done.stdout
