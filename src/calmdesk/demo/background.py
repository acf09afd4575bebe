"""The demo's background worker: started beside the web server, stopped and reaped with it.

`calmdesk demo` serves in the foreground and runs `calmdesk worker` as a child process. Ctrl+C
(SIGINT) already unwinds the server; SIGTERM (what `kill`, systemd, Docker and process managers
send) and SIGHUP (the terminal closed) would end the demo at once, leaving the worker running
on its own or, once it stopped, a defunct entry nobody reaped. While the worker runs, those
signals instead unwind the server the same way, and the worker is asked to stop (SIGTERM: it
finishes the task in hand), waited for, killed if it does not stop in time, and reaped.
"""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import Any

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)
)
GRACE_SECONDS = 15.0


class StopRequested(SystemExit):
    """A stop signal arrived: unwind, stopping the worker on the way out."""


def _raise_stop(signum: int, _frame: FrameType | None) -> None:
    raise StopRequested(128 + signum)  # the exit status a shell reports for that signal


def stop_process(process: subprocess.Popen[Any], grace: float = GRACE_SECONDS) -> int:
    """Ask the process to stop, wait up to `grace` seconds, then kill it; always reap it.
    Returns its exit status."""
    if process.poll() is None:
        process.terminate()
        try:
            return process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
    return process.wait()


@contextmanager
def background_process(
    command: Sequence[str],
    *,
    grace: float = GRACE_SECONDS,
    on_stop: Callable[[subprocess.Popen[Any]], None] | None = None,
) -> Iterator[subprocess.Popen[Any]]:
    """Run `command` in the background for the body of the `with`; on leaving it, however it
    is left (return, exception, Ctrl+C or a stop signal), stop and reap the process. Installs
    the stop-signal handlers (main thread only) and puts the previous ones back afterwards."""
    previous = {sig: signal.getsignal(sig) for sig in STOP_SIGNALS}
    process = subprocess.Popen(list(command))
    try:
        for sig in STOP_SIGNALS:
            signal.signal(sig, _raise_stop)
        yield process
    finally:
        # A second signal while stopping must not cut the clean-up short.
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
        try:
            if on_stop is not None and process.poll() is None:
                on_stop(process)
            stop_process(process, grace)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler if handler is not None else signal.SIG_DFL)
