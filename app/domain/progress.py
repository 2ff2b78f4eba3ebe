"""Long work telling how far it got, and being stopped where stopping is safe.

A service doing long work (an import, the first pull of a catalog, a report,
an export, a backup) takes an optional ``Progress`` callback and an optional
``CancelToken``. The callback gets (done, total or None when unknown, what is
happening); the screens and the command line draw it. The service checks the
token only where stopping leaves nothing half-written: before an
all-or-nothing commit, between two committed pages, before partial files take
their names.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from app.domain.errors import PosError

Progress = Callable[[int, int | None, str], None]

# How often a hot loop may report: a callback per row would cost more than the row.
REPORT_INTERVAL = 0.1


def no_progress(_done: int, _total: int | None, _what: str) -> None:
    """The callback of a caller that does not show progress."""


class Cancelled(PosError):
    """The person stopped the work; what it wrote was rolled back or removed."""


class CancelToken:
    """Set from any thread (a Cancel button, Ctrl+C); checked by the worker where stopping is safe."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self, message: str = "Stopped: nothing was changed.") -> None:
        if self._event.is_set():
            raise Cancelled(message)


class Throttled:
    """A ``Progress`` that passes a report on at most every ``interval`` seconds, and always the last one.

    The last one is the one where ``done`` reached ``total``: a bar left at 97 % looks like a hang.
    """

    def __init__(self, progress: Progress, interval: float = REPORT_INTERVAL) -> None:
        self._progress = progress
        self._interval = interval
        self._last = float("-inf")

    def __call__(self, done: int, total: int | None, what: str) -> None:
        now = time.monotonic()
        if now - self._last >= self._interval or (total is not None and done >= total):
            self._last = now
            self._progress(done, total, what)
