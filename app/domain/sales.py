"""Receipt numbers and the sale as it is written once completed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.cart import PricedCart
from app.domain.errors import InvalidInput
from app.domain.tenders import Settlement
from app.domain.texts import _

_TILL_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")
_RECEIPT = re.compile(r"^([A-Z][A-Z0-9]{0,3})-(\d{6,})$")


def check_till_code(code: str) -> str:
    code = code.strip().upper()
    if not _TILL_CODE.match(code):
        raise InvalidInput(
            _("'{code}' is not a till code: use a letter, then up to 3 letters or digits (A, B2).").format(code=code)
        )
    return code


def receipt_number(till_code: str, sequence: int) -> str:
    """The number a person reads on the receipt: till code and gap-free sequence, e.g. ``A-000123``."""
    return f"{till_code}-{sequence:06d}"


def parse_receipt_number(text: str) -> tuple[str, int]:
    match = _RECEIPT.match(text.strip().upper())
    if not match:
        raise InvalidInput(_("'{text}' is not a receipt number: it looks like A-000123.").format(text=text))
    return match.group(1), int(match.group(2))


@dataclass(frozen=True, slots=True)
class CompletedSale:
    """Everything a completed sale writes, decided before anything is written."""

    sale_id: str
    receipt_no: str
    receipt_seq: int
    till_id: str
    event_id: str
    staff_id: str
    created_at: str
    priced: PricedCart
    settlement: Settlement
    # Where the goods left the shelf: with the lines, the sale's stock movements.
    stock_location: str
    cash_session_id: str | None = None

    @property
    def currency(self) -> str:
        return self.priced.cart.currency
