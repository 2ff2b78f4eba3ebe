"""Timestamps as the store keeps them: UTC, ISO 8601, to the millisecond.

``now`` is the one clock of the till's rules that depend on the moment (a drop's
release, docs/drops.md); ``set_clock`` replaces it, for a test that has to be at
13:59 and then at 14:00, and ``set_clock(None)`` puts the real one back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

_source: Callable[[], datetime] | None = None


def set_clock(source: Callable[[], datetime] | None) -> None:
    """Read the time from ``source`` (aware datetimes) from now on; None: the system clock."""
    global _source
    _source = source


def now() -> datetime:
    return _source() if _source is not None else datetime.now(UTC)


def now_iso() -> str:
    return now().astimezone(UTC).isoformat(timespec="milliseconds")
