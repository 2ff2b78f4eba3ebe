"""Receipt numbers and the sale as it is written once completed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.cart import PricedCart
from app.domain.errors import InvalidInput
from app.domain.tenders import Settlement

_TILL_CODE = re.compile(r"^[A-Z][A-Z0-9]{0,3}$")
_RECEIPT = re.compile(r"^([A-Z][A-Z0-9]{0,3})-(\d{6,})$")


def check_till_code(code: str) -> str:
    code = code.strip().upper()
    if not _TILL_CODE.match(code):
        raise InvalidInput(f"'{code}' is not a till code: use a letter, then up to 3 letters or digits (A, B2).")
    return code


def receipt_number(till_code: str, sequence: int) -> str:
    """The number a person reads on the receipt: till code and gap-free sequence, e.g. ``A-000123``."""
    return f"{till_code}-{sequence:06d}"


def parse_receipt_number(text: str) -> tuple[str, int]:
    match = _RECEIPT.match(text.strip().upper())
    if not match:
        raise InvalidInput(f"'{text}' is not a receipt number: it looks like A-000123.")
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
    cash_session_id: str | None = None

    @property
    def currency(self) -> str:
        return self.priced.cart.currency

    def payload(self) -> dict[str, object]:
        """The sale as the marketplace receives it (outbox record ``sale.completed``, schema 1)."""
        return {
            "sale_id": self.sale_id,
            "receipt_no": self.receipt_no,
            "till_id": self.till_id,
            "event_id": self.event_id,
            "staff_id": self.staff_id,
            "created_at": self.created_at,
            "cash_session_id": self.cash_session_id,
            "currency": self.currency,
            "prices_include_tax": self.priced.prices_include_tax,
            "subtotal": self.priced.subtotal,
            "discount_total": self.priced.discount_total,
            "tax_total": self.priced.tax_total,
            "total": self.priced.total,
            "rounding": self.settlement.rounding,
            "change": self.settlement.change,
            "lines": [
                {
                    "line_no": number,
                    "product_id": line.line.item.product_id,
                    "sku": line.line.item.sku,
                    "name": line.line.item.name,
                    "variant": line.line.item.variant,
                    "maker_id": line.line.item.maker_id,
                    "maker_name": line.line.item.maker_name,
                    "quantity": line.line.quantity,
                    "unit_price": line.line.unit_price,
                    "discount": line.discount_total,
                    "tax_rate": str(line.line.item.tax_rate),
                    "tax": line.tax,
                    "total": line.total,
                }
                for number, line in enumerate(self.priced.lines, start=1)
            ],
            "tenders": [
                {"kind": tender.kind.value, "amount": tender.amount, "reference": tender.reference}
                for tender in self.settlement.tenders
            ],
        }
