"""A group buy as the hub publishes it, for the record tests."""

from __future__ import annotations

from typing import Any

GROUP_BUY_ID = "0190a1b2-0000-7000-8000-000000000c01"


GROUP_BUY: dict[str, Any] = {
    "group_buy_id": GROUP_BUY_ID,
    "name": "Teapot run",
    "sku": "ATE-001",
    "minimum": 50,
    "deadline": "2026-12-06T18:00:00+01:00",
    "price": 2000,
    "payment": "deposit",
    "currency": "CHF",
    "committed": 37,
    "state": "open",
    "closed_at": None,
    "changed_at": "2026-12-05T14:00:00+01:00",
}
