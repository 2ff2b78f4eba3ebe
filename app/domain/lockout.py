"""How long sign-in waits after wrong PINs typed in a row.

Four digits are only 10,000 PINs, and a till stands unattended between
customers. Four wrong PINs in a row cost nothing (fingers slip); the fifth
makes that person's sign-in wait 30 seconds, and every further wrong PIN
(typed once a wait has ended) doubles the wait, up to one hour. From the
twelfth wrong PIN on, each guess costs an hour: trying every 4-digit PIN would
take more than a year. The right PIN, or a manager resetting the PIN, clears
the count and the wait.

The wait belongs to one staff member, not to the till: while Sam waits, Alex
can still sign in (for instance to reset Sam's PIN).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from app.domain.errors import PermissionDenied
from app.domain.texts import _

FAILURES_BEFORE_WAIT = 5
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)
# Enough doublings to pass any cap we would choose, without building huge numbers.
_MAX_DOUBLINGS = 20


def wait_after(failures: int) -> timedelta:
    """The wait that ``failures`` wrong PINs in a row impose (nothing below five)."""
    if failures < FAILURES_BEFORE_WAIT:
        return timedelta(0)
    doublings = min(failures - FAILURES_BEFORE_WAIT, _MAX_DOUBLINGS)
    return min(FIRST_WAIT * (1 << doublings), LONGEST_WAIT)


def format_wait(seconds: int) -> str:
    """``0:30``, ``4:00``, ``1:00:00``: the way a countdown is read."""
    minutes, secs = divmod(max(seconds, 0), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


@dataclass(frozen=True, slots=True)
class PinLockout:
    """One staff member's wrong PINs in a row and the moment until which their sign-in waits."""

    failures: int = 0
    waits_until: datetime | None = None

    def seconds_left(self, now: datetime) -> int:
        """Whole seconds still to wait (rounded up, so a countdown never shows 0:00 while refusing)."""
        if self.waits_until is None or now >= self.waits_until:
            return 0
        return math.ceil((self.waits_until - now).total_seconds())

    def after_wrong_pin(self, now: datetime) -> PinLockout:
        failures = self.failures + 1
        wait = wait_after(failures)
        return PinLockout(failures, now + wait if wait else None)


CLEARED = PinLockout()


class SignInWaiting(PermissionDenied):
    """Sign-in refused because of too many wrong PINs; the screen counts ``seconds_left`` down."""

    def __init__(self, seconds_left: int) -> None:
        super().__init__(
            _("Too many wrong PINs: wait {wait}, or ask a manager to reset the PIN.").format(
                wait=format_wait(seconds_left)
            )
        )
        self.seconds_left = seconds_left
