"""A completed sale as a till sends it, for the record tests."""

from __future__ import annotations

from typing import Any

from sync.records import TillIdentity

TILL = TillIdentity(
    till_id="0190a1b2-0000-7000-8000-000000000001", event_id="0190a1b2-0000-7000-8000-0000000000e1", till_code="A"
)


def a_sale() -> dict[str, Any]:
    line = {
        "line_no": 1,
        "product_id": "0190a1b2-0000-7000-8000-0000000000p1".replace("p", "a"),
        "sku": "MUG-1",
        "name": "Espresso cup",
        "variant": "celadon",
        "maker_id": "0190a1b2-0000-7000-8000-0000000000b1",
        "maker_name": "Clay & Co",
        "quantity": 2,
        "unit_price": 1850,
        "discount": 100,
        "tax_rate": "0.081",
        "tax": 262,
        "total": 3600,
    }
    return {
        "sale_id": "0190a1b2-0000-7000-8000-0000000000c1",
        "receipt_no": "A-000042",
        "till_id": TILL.till_id,
        "event_id": TILL.event_id,
        "staff_id": "0190a1b2-0000-7000-8000-0000000000d1",
        "created_at": "2026-12-05T14:00:00.000+00:00",
        "cash_session_id": None,
        "currency": "CHF",
        "prices_include_tax": True,
        "subtotal": 3700,
        "discount_total": 100,
        "tax_total": 262,
        "total": 3600,
        "rounding": 0,
        "change": 400,
        "lines": [line],
        "tenders": [{"kind": "cash", "amount": 3600, "reference": ""}],
    }
