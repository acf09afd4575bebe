"""`calmdesk demo` stops its background worker however it is stopped, and reaps it."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from calmdesk.demo.background import background_process, stop_process


def _gone(pid: int) -> bool:
    """No such process, not even a defunct one waiting to be reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state == "X"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return predicate()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the worker")
def test_sigterm_to_the_demo_stops_and_reaps_its_worker(tmp_path):
    environ = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("CALMDESK_", "DJANGO_", "DATABASE_URL"))
    }
    environ |= {"CALMDESK_DATA_DIR": str(tmp_path / "var"), "PYTHONUNBUFFERED": "1"}
    output = tmp_path / "demo.out"
    with output.open("w") as sink:
        demo = subprocess.Popen(
            [sys.executable, "-m", "calmdesk", "demo", "--port", str(_free_port())],
            cwd=tmp_path,
            env=environ,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    worker = None
    try:
        assert _wait_for(lambda: "Serving calmdesk on" in output.read_text(), 90), (
            output.read_text()
        )
        found = re.search(r"Background worker started \(process (\d+)\)", output.read_text())
        assert found, output.read_text()
        worker = int(found.group(1))
        assert not _gone(worker)
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=20)
        assert _wait_for(lambda: _gone(worker), 2), f"worker {worker} still there"
        assert "Stopping the background worker" in output.read_text()
    finally:
        for pid in (demo.pid, worker):
            if pid is not None and not _gone(pid):
                os.kill(pid, signal.SIGKILL)
        demo.wait(timeout=5)


def test_a_process_that_ignores_sigterm_is_killed_after_the_grace_and_reaped():
    stubborn = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
            "print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert stubborn.stdout.readline() == "ready\n"
    started = time.monotonic()
    assert stop_process(stubborn, grace=0.5) == -signal.SIGKILL
    assert time.monotonic() - started < 5
    assert _gone(stubborn.pid)


def _serve_until(stop: signal.Signals, stopped: list[int]) -> subprocess.Popen:
    """Stand-in for the demo: a background process, then a signal while "serving"."""
    with background_process(
        [sys.executable, "-c", "import time; time.sleep(60)"],
        on_stop=lambda process: stopped.append(process.pid),
    ) as process:
        try:
            os.kill(os.getpid(), stop)
            time.sleep(5)  # interrupted by the signal at once
        except BaseException as unwinding:
            unwinding.add_note(str(process.pid))
            raise
    return process


@pytest.mark.parametrize(
    ("stop", "unwinds_with"),
    [(signal.SIGTERM, SystemExit), (signal.SIGHUP, SystemExit), (signal.SIGINT, KeyboardInterrupt)],
)
def test_a_stop_signal_unwinds_and_stops_the_process_and_the_handlers_are_put_back(
    stop, unwinds_with
):
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGHUP)}
    stopped: list[int] = []
    started = time.monotonic()
    # Python's own Ctrl+C handler, whatever an earlier in-process test (a worker) left.
    interrupt = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(unwinds_with) as unwound:
            _serve_until(stop, stopped)
    finally:
        signal.signal(signal.SIGINT, interrupt)
    assert time.monotonic() - started < 4
    pid = int(unwound.value.__notes__[0])
    assert stopped == [pid]
    assert _gone(pid)
    if unwinds_with is SystemExit:
        assert unwound.value.code == 128 + stop
    assert {sig: signal.getsignal(sig) for sig in before} == before
