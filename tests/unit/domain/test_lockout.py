"""The wait after wrong PINs in a row: none for four, 30 s at five, doubling after, capped at an hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import PermissionDenied
from app.domain.lockout import (
    CLEARED,
    LONGEST_WAIT,
    PinLockout,
    SignInWaiting,
    format_wait,
    wait_after,
)

NOON = datetime(2025, 6, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("failures", "seconds"),
    [(0, 0), (1, 0), (4, 0), (5, 30), (6, 60), (7, 120), (8, 240), (11, 1920), (12, 3600), (13, 3600), (10**6, 3600)],
)
def test_the_wait_for_each_count_of_wrong_pins(failures: int, seconds: int) -> None:
    assert wait_after(failures) == timedelta(seconds=seconds)


@given(st.integers(min_value=0, max_value=10_000))
def test_the_wait_never_shrinks_with_one_more_wrong_pin_and_never_passes_the_cap(failures: int) -> None:
    assert wait_after(failures) <= wait_after(failures + 1) <= LONGEST_WAIT


def test_the_fifth_wrong_pin_starts_a_wait_that_counts_down_to_nothing() -> None:
    lockout = CLEARED
    for _ in range(4):
        lockout = lockout.after_wrong_pin(NOON)
        assert lockout.waits_until is None and lockout.seconds_left(NOON) == 0
    lockout = lockout.after_wrong_pin(NOON)
    assert lockout == PinLockout(5, NOON + timedelta(seconds=30))
    assert lockout.seconds_left(NOON) == 30
    assert lockout.seconds_left(NOON + timedelta(seconds=29, milliseconds=1)) == 1  # rounded up, never 0 early
    assert lockout.seconds_left(NOON + timedelta(seconds=30)) == 0
    assert lockout.seconds_left(NOON + timedelta(days=1)) == 0


def test_a_wrong_pin_after_the_wait_doubles_it() -> None:
    lockout = PinLockout(5, NOON + timedelta(seconds=30))
    later = NOON + timedelta(seconds=31)
    assert lockout.after_wrong_pin(later) == PinLockout(6, later + timedelta(seconds=60))


@pytest.mark.parametrize(
    ("seconds", "text"), [(30, "0:30"), (5, "0:05"), (60, "1:00"), (599, "9:59"), (3600, "1:00:00"), (-3, "0:00")]
)
def test_a_wait_reads_like_a_countdown(seconds: int, text: str) -> None:
    assert format_wait(seconds) == text


def test_the_refusal_says_how_long_and_what_to_do() -> None:
    error = SignInWaiting(30)
    assert isinstance(error, PermissionDenied)
    assert error.seconds_left == 30
    assert str(error) == "Too many wrong PINs: wait 0:30, or ask a manager to reset the PIN."
