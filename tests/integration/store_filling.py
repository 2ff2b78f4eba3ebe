"""Filling a demo store with sales and measuring it: rounds of random sales, the hub's answers to every
waiting record, and the bytes the file uses."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.store.outbox import OutboxStatus
from app.store.unit_of_work import UnitOfWork
from tests.conftest import DemoTill

CODES = ("BER-003", "2000000000015", "KAF-003", "HOL-001", "FIL-003", "ATE-002", "BER-001", "HOL-003")
ANSWERED_AT = "2026-12-05T18:00:00.000+00:00"


def used_bytes(store: Path) -> int:
    """The file's pages less the free ones, which SQLite fills before it grows the file."""
    with sqlite3.connect(store) as db:
        pages, free, size = (
            db.execute(f"PRAGMA {name}").fetchone()[0] for name in ("page_count", "freelist_count", "page_size")
        )
    return int((pages - free) * size)


def sell_round(demo: DemoTill, sales: int, rng: random.Random) -> None:
    for _ in range(sales):
        cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
        for code in rng.choices(CODES, k=rng.choice((1, 2, 2, 3, 3, 4, 5, 6))):
            state = carts.scan(cart_id, code, demo.cashier, demo.till.uow())
        total = state.priced.total
        tender = Tender(TenderKind.CARD, total, "TRM-1") if rng.random() < 0.5 else Tender(TenderKind.CASH, total + 500)
        complete_sale(CompleteSale(cart_id, demo.cashier, (tender,)), demo.till.uow())


def acknowledge(uow: UnitOfWork, answers: dict[str, str] | None = None) -> dict[str, dict[str, Any]]:
    """Answer every waiting record (applied unless told otherwise); returns their payloads as they were sent."""
    with uow:
        waiting = uow.outbox.records(OutboxStatus.WAITING)
        uow.outbox.record_answers(
            [(record.record_id, (answers or {}).get(record.record_id, "applied"), None) for record in waiting],
            ANSWERED_AT,
        )
        uow.commit()
    return {record.record_id: json.loads(record.payload) for record in waiting}
