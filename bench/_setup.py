"""Shared start-up for the benchmarks: Django configured on a benchmark database of its own.

SQLite: bench/out/bench.sqlite3. PostgreSQL: whatever BENCH_DATABASE_URL names (never the
DATABASE_URL of a real desk, so a benchmark cannot write into one by accident).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def configure(database: str) -> str:
    OUT.mkdir(exist_ok=True)
    os.environ.setdefault("CALMDESK_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdef")
    os.environ["CALMDESK_HTTPS"] = "false"
    os.environ["CALMDESK_DATA_DIR"] = str(OUT)
    os.environ["CALMDESK_ALLOWED_HOSTS"] = "testserver,localhost"
    if database == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL")
        if not url:
            sys.exit("Set BENCH_DATABASE_URL=postgres://... to benchmark on PostgreSQL.")
        os.environ["DATABASE_URL"] = url
    elif database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{OUT / 'bench.sqlite3'}"
    else:
        sys.exit("database must be sqlite or postgres")
    os.environ["DJANGO_SETTINGS_MODULE"] = "calmdesk.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    return database


def machine() -> str:
    processor = platform.processor() or platform.machine()
    return f"{processor}, {os.cpu_count()} cores, Python {platform.python_version()}"


def summary(samples_ms: list[float]) -> str:
    ordered = sorted(samples_ms)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   (n={len(ordered)})"
