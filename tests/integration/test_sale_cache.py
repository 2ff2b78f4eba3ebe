"""A sale never acts on a stale view of who sells, at which event, under which settings.

The checkout path keeps no cache: it reads the staff member, the till, its event
and the event's closing in one query inside the sale's own write transaction.
These tests pin what any cache added later must keep: a change made by another
unit of work, or by another process on the same store file, after a first sale
has warmed whatever there is to warm, is seen by the very next sale.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.domain.errors import NotFound, PermissionDenied, RuleViolation
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.store.tills import EVENT_CLOSED_KEY
from tests.conftest import DemoTill

CANDLE = "2000000000015"  # CHF 12.90, VAT 8.1% included in the demo event


def candle_cart(demo: DemoTill) -> str:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    return cart_id


def pay(demo: DemoTill, cart_id: str, cash: int = 2000) -> SaleCompleted:
    return complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, cash),)), demo.till.uow())


def in_another_process(store: Path, statement: str, *parameters: object) -> None:
    """Run one write through plain sqlite3 in a separate Python process, as another program on the till would."""
    script = (
        "import sqlite3, sys\n"
        "db = sqlite3.connect(sys.argv[1])\n"
        "with db:\n"
        "    db.execute(sys.argv[2], sys.argv[3:])\n"
        "db.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(store), statement, *map(str, parameters)], check=True)


def sales_count(store: Path) -> int:
    with sqlite3.connect(store) as db:
        return int(db.execute("SELECT count(*) FROM sales").fetchone()[0])


# The change comes between the last scan and the payment, so that the sale itself must see it.


def test_a_staff_member_deactivated_by_another_process_cannot_complete_the_next_sale(demo: DemoTill) -> None:
    pay(demo, candle_cart(demo))
    cart_id = candle_cart(demo)
    in_another_process(demo.till.store_path, "UPDATE staff SET active = 0 WHERE id = ?", demo.cashier)

    with pytest.raises(NotFound, match="not active"):
        pay(demo, cart_id)
    assert sales_count(demo.till.store_path) == 1


def test_a_role_changed_by_another_process_is_checked_on_the_next_sale(demo: DemoTill) -> None:
    pay(demo, candle_cart(demo))
    cart_id = candle_cart(demo)
    in_another_process(demo.till.store_path, "UPDATE staff SET role = 'pickup_clerk' WHERE id = ?", demo.cashier)

    with pytest.raises(PermissionDenied, match="may not sell"):
        pay(demo, cart_id)
    assert sales_count(demo.till.store_path) == 1


def test_an_event_closed_in_another_unit_of_work_takes_no_next_sale(demo: DemoTill) -> None:
    pay(demo, candle_cart(demo))
    cart_id = candle_cart(demo)
    with demo.till.uow() as uow:
        uow.tills.set_setting(EVENT_CLOSED_KEY, "2026-12-06T18:00:00.000+00:00")
        uow.commit()

    # Shown in the event's zone (the demo is in Zurich) and locale.
    with pytest.raises(RuleViolation, match=r"closed on 06\.12\.26, 19:00"):
        pay(demo, cart_id)
    assert sales_count(demo.till.store_path) == 1


def test_event_settings_changed_by_another_process_price_the_next_sale(demo: DemoTill) -> None:
    assert pay(demo, candle_cart(demo)).total == 1290
    cart_id = candle_cart(demo)
    # Prices become net of tax: the candle's 8.1% VAT (CHF 1.04) now comes on top.
    in_another_process(demo.till.store_path, "UPDATE events SET prices_include_tax = 0, cash_rounding_step = 1")

    done = pay(demo, cart_id, cash=1399)
    assert (done.total, done.rounding, done.change) == (1394, 0, 5)
