"""The cash drawer: counting by denomination, and what the drawer should hold, line by line.

The expected amount is never stored as a running balance: it is worked out
from the session's facts (float, cash taken, change given, cash refunds,
movements), so the over/short explains itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput
from app.domain.texts import N_, _

# Coins and notes in minor units, per currency; other currencies count as a single amount.
DENOMINATIONS: dict[str, tuple[int, ...]] = {
    "CHF": (5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 100000),
    "EUR": (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000),
    "GBP": (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000),
    "USD": (1, 5, 10, 25, 100, 500, 1000, 2000, 5000, 10000),
    "JPY": (1, 5, 10, 50, 100, 500, 1000, 2000, 5000, 10000),
}
MAX_PIECES = 100_000


class MovementDirection(StrEnum):
    IN = "in"
    OUT = "out"


def denominations(currency: str) -> tuple[int, ...]:
    """The coins and notes a drawer of this currency holds; (1,) counts minor units directly."""
    return DENOMINATIONS.get(currency.upper(), (1,))


def count_total(counts: Mapping[int, int], currency: str) -> int:
    """The amount a count by denomination makes, refusing what a drawer cannot hold."""
    allowed = set(denominations(currency))
    total = 0
    for value, pieces in counts.items():
        if value not in allowed:
            raise InvalidInput(
                _("{value} is not a {currency} coin or note in minor units: count by the drawer's slots.").format(
                    value=value, currency=currency
                )
            )
        if not 0 <= pieces <= MAX_PIECES:
            raise InvalidInput(_("A count is a whole number of coins or notes, zero or more."))
        total += value * pieces
    return total


@dataclass(frozen=True, slots=True)
class ExpectedCash:
    """What the drawer should hold: float + cash taken − change given − cash refunds + cash in − cash out."""

    float_amount: int
    cash_taken: int
    change_given: int
    cash_refunds: int
    cash_in: int
    cash_out: int

    @property
    def total(self) -> int:
        return (
            self.float_amount + self.cash_taken - self.change_given - self.cash_refunds + self.cash_in - self.cash_out
        )

    def lines(self) -> list[tuple[str, int]]:
        """The explanation, one signed amount per line, ending with the expected total.

        The labels are stored English in the Z report and translated where shown or printed (``_(label)``).
        """
        return [
            (N_("Opening float"), self.float_amount),
            (N_("Cash taken from customers"), self.cash_taken),
            (N_("Change given"), -self.change_given),
            (N_("Cash refunds"), -self.cash_refunds),
            (N_("Cash in"), self.cash_in),
            (N_("Cash out (bank drops, petty cash)"), -self.cash_out),
            (N_("Expected in the drawer"), self.total),
        ]


def over_short(counted: int, expected: ExpectedCash) -> int:
    """Positive when the drawer holds more than expected (over), negative when it holds less (short)."""
    return counted - expected.total
