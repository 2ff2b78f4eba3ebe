"""Consignment on the till: quality decisions, reasons, fees as typed, and what blocks the close.

The figures themselves (reconciliation per maker and product, the statement's money, the fee
allocation) are sync/consignment.py's, shared with the hub so both agree by construction; this module
holds the till's rules around them. Plain Python: no Qt, no database.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from app.domain.errors import InvalidInput
from app.domain.texts import _
from sync.consignment import (
    PAYOUT_DUE,
    PAYOUT_PAID,
    ConsignmentLine,
    MakerTerms,
    Reconciliation,
    Statement,
)
from sync.records.locations import MAKER, STALL, WRITTEN_OFF

__all__ = [
    "PAYOUT_DUE",
    "PAYOUT_PAID",
    "ConsignmentLine",
    "MakerTerms",
    "QualityOutcome",
    "Reconciliation",
    "Statement",
    "checked_reason",
    "fee_fraction",
    "hand_back_number",
    "missing_lines",
]

MAX_REASON = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class QualityOutcome(StrEnum):
    """What a manager decides for a unit on the quality hold, and where the unit goes."""

    RELEASE = "release"  # inspected and fine: back on the shelf
    BACK_TO_MAKER = "back_to_maker"
    WRITE_OFF = "write_off"

    @property
    def place(self) -> str:
        return {QualityOutcome.RELEASE: STALL, QualityOutcome.BACK_TO_MAKER: MAKER}.get(self, WRITTEN_OFF)

    @property
    def label(self) -> str:
        labels = {
            QualityOutcome.RELEASE: _("Release to sale"),
            QualityOutcome.BACK_TO_MAKER: _("Back to the maker"),
            QualityOutcome.WRITE_OFF: _("Write off"),
        }
        return labels[self]


def parse_outcome(text: str) -> QualityOutcome:
    wanted = text.strip().casefold().replace("-", "_").replace(" ", "_")
    for outcome in QualityOutcome:
        if outcome.value == wanted:
            return outcome
    raise InvalidInput(
        _("'{text}' is not a decision: use release, back_to_maker or write_off.").format(text=text.strip())
    )


def checked_reason(text: str, what: str = "") -> str:
    """A reason on one line of printable text, 1 to 200 characters, or a refusal saying what to type."""
    reason = " ".join(_CONTROL.sub(" ", text).split())
    if not reason:
        raise InvalidInput(what or _("Type the reason for the decision (e.g. 'glaze cracked')."))
    if len(reason) > MAX_REASON:
        raise InvalidInput(
            _("The reason is {length} characters long: shorten it to {limit}.").format(
                length=len(reason), limit=MAX_REASON
            )
        )
    return reason


def fee_fraction(text: str) -> str:
    """A fee typed in percent ("2", "1.5%") as the fraction records carry ("0.015")."""
    try:
        value = Decimal(text.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(_("'{text}' is not a percentage: type one such as 2 or 1.5.").format(text=text)) from None
    exponent = value.as_tuple().exponent
    if not value.is_finite() or not 0 <= value <= 100 or (isinstance(exponent, int) and exponent < -4):
        raise InvalidInput(_("A fee is between 0 and 100 percent, with at most 4 decimals."))
    return f"{(value / 100).normalize():f}"


def hand_back_number(till_code: str, sequence: int) -> str:
    """A hand-back note's number as people read it: till code, H, sequence ("A-H00003")."""
    return f"{till_code}-H{sequence:05d}"


def missing_lines(reconciliations: Sequence[Reconciliation]) -> list[ConsignmentLine]:
    """Every product of every maker with units not accounted for: what the close asks a manager to confirm."""
    return [line for found in reconciliations for line in found.missing_lines]
