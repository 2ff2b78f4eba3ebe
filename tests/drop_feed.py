"""A drop as the hub's feed gives it, stored on a till through the real feed path (store_pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.services.feed_pages import store_pages
from app.store.unit_of_work import UnitOfWork
from sync.protocol import Change, ChangesPage

MUGS_DROP = "0193a0b0-0000-7000-8000-00000000d001"
SALT = "5a" * 32
# 14:00 in Zurich on the event's day (winter: UTC+1).
RELEASE = "2026-12-05T14:00:00+01:00"


def drop_entry(**overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "drop_id": MUGS_DROP,
        "name": "Mugs",
        "skus": ["BER-003", "BER-004"],
        "release_at": RELEASE,
        "online_allocation": 30,
        "counter_allocation": 10,
        "per_sale_cap": 2,
        "per_customer_cap": 2,
        "customer_salt": SALT,
        "counter_sold": {},
        "changed_at": "2026-12-01T09:00:00+00:00",
    }
    entry.update(overrides)
    return entry


def feed_drop(new_uow: Callable[[], UnitOfWork], seq: int = 1, **overrides: Any) -> None:
    entry = drop_entry(**overrides)
    change = Change(seq=seq, kind="drop", key=entry["drop_id"], data=entry)
    store_pages(new_uow, [ChangesPage(changes=[change], next_cursor=f"0.{seq}", more=False)])
