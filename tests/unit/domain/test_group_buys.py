"""Group-buy rules at the counter: the window by the till's clock, the contact and consent, the progress."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.events import EventSettings
from app.domain.group_buys import (
    MISSED,
    REACHED,
    GroupBuy,
    check_commitment,
    normalize_contact,
    outcome,
    progress,
    progress_line,
)

DEADLINE = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)
EVENT = EventSettings("e", "Market", "CHF", "en_GB", True, 5, Decimal(10), time_zone="Europe/Zurich")
TEAPOTS = GroupBuy("g", "Teapot run", "ATE-001", 50, DEADLINE, 2000, "deposit", "CHF", 35, "open")


def test_the_window_is_open_until_the_deadline_not_at_it() -> None:
    assert TEAPOTS.is_open_at(DEADLINE - timedelta(seconds=1))
    assert not TEAPOTS.is_open_at(DEADLINE)
    with pytest.raises(RuleViolation, match="closed at"):
        check_commitment(TEAPOTS, DEADLINE, 1, "mia@example.ch", True, EVENT)


def test_the_progress_line_counts_this_tills_uncounted_commitments() -> None:
    shown = progress(TEAPOTS, 2)
    assert (shown.committed, shown.reached) == (37, False)
    assert progress_line(TEAPOTS, shown, EVENT, DEADLINE - timedelta(days=1)) == "37 of 50, closes Sunday 18:00"
    assert "closed Sunday 18:00" in progress_line(TEAPOTS, shown, EVENT, DEADLINE)


def test_the_close_decides_reached_or_missed() -> None:
    assert outcome(50, 50) == REACHED
    assert outcome(49, 50) == MISSED


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (" Mia.Keller@Example.CH ", "mia.keller@example.ch"),
        ("+41 79 555 12 34", "+41795551234"),
        ("0041 (79) 555-12-34", "+41795551234"),
        ("079 555 12 34", "0795551234"),
    ],
)
def test_a_contact_is_normalised(typed: str, kept: str) -> None:
    assert normalize_contact(typed) == kept


@pytest.mark.parametrize("typed", ["", "   ", "mia@", "@example.ch", "call me", "12345", "mia@example"])
def test_a_contact_that_is_neither_email_nor_phone_is_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_contact(typed)


def test_no_commitment_without_consent_or_with_a_bad_quantity() -> None:
    before = DEADLINE - timedelta(hours=1)
    with pytest.raises(InvalidInput, match="consent"):
        check_commitment(TEAPOTS, before, 1, "mia@example.ch", False, EVENT)
    with pytest.raises(InvalidInput, match="1 to 9999"):
        check_commitment(TEAPOTS, before, 0, "mia@example.ch", True, EVENT)
    assert check_commitment(TEAPOTS, before, 3, "Mia@example.ch", True, EVENT) == "mia@example.ch"
    closed = GroupBuy("g", "Teapot run", "ATE-001", 50, DEADLINE, 2000, "deposit", "CHF", 50, REACHED, DEADLINE)
    with pytest.raises(RuleViolation, match="is closed"):
        check_commitment(closed, before, 1, "mia@example.ch", True, EVENT)
