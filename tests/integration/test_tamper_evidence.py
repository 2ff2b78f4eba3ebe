"""Tamper evidence over the facts and the chain's length, through ``popup-pos audit verify`` on a real SQLite file.

Each case is what someone holding the store file can do: drop the
append-only triggers, then change one field of a fact, delete a fact's rows,
add a fact no entry records, or cut the newest entries off the chain.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli import main
from app.domain.cash import MovementDirection
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.cash import cash_report_document, close_session, move_cash, open_session
from app.services.catalog import import_catalog
from app.services.catalog_edit import ProductForm, add_product, edit_product
from app.services.demo import demo_pickups
from app.services.handoffs import hand_over
from app.services.pickups import PickupCard, scan_pickup
from app.services.restores import restore_backup
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.staff_admin import ResetPin, StaffChange, deactivate_staff, reset_pin
from app.store.database import backup
from printers.document import Text
from tests.conftest import DemoTill

CANDLE, COFFEE = "2000000000015", "KAF-003"
MANAGER = ManagerApproval("Alex", "1234")


@dataclass(frozen=True)
class Facts:
    sale: SaleCompleted
    return_no: str
    handoff_id: str
    movement_id: str


def verify(demo: DemoTill, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(demo.till.data_dir), "audit", "verify", *extra])
    return code, capsys.readouterr().out


def tamper(store: Path, *statements: str) -> None:
    """What anyone with the file can do: drop the guards, then write."""
    with sqlite3.connect(store) as db:
        for (trigger,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            db.execute(f"DROP TRIGGER {trigger}")
        for statement in statements:
            assert db.execute(statement).rowcount >= 1, statement


def entry_of(store: Path, subject: str) -> int:
    with sqlite3.connect(store) as db:
        return int(db.execute("SELECT seq FROM audit_log WHERE subject = ?", (subject,)).fetchone()[0])


def sell(demo: DemoTill, codes: list[str], tenders: tuple[Tender, ...]) -> SaleCompleted:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    for code in codes:
        carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    return complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())


@pytest.fixture
def facts(demo: DemoTill) -> Facts:
    """A split-tender sale of two lines, a return of one candle, a pickup handoff and a bank drop."""
    # Two coffees on line 2: its stock movement is -2.
    sale = sell(demo, [CANDLE, COFFEE, COFFEE], (Tender(TenderKind.CARD, 1000, "TRM-1"), Tender(TenderKind.CASH, 6000)))
    returned = record_return(
        RecordReturn(
            demo.cashier,
            sale.sale_id,
            (ReturnLineRequest(1, 1, "wick broken", Disposition.QUALITY_HOLD),),
            card_refund_references={0: "RF-1"},
        ),
        demo.till.uow(),
    )
    code = next(pickup.code for pickup in demo_pickups(demo.till.uow()) if pickup.number == "M-1002")
    card = scan_pickup(code, demo.till.uow())
    assert isinstance(card, PickupCard)
    handoff = hand_over(card.order_id, {line.key: line.left for line in card.lines}, demo.clerk, demo.till.uow())
    move_cash(MovementDirection.OUT, 5000, "bank drop", demo.cashier, demo.till.uow(), MANAGER)
    with sqlite3.connect(demo.till.store_path) as db:
        movement_id = db.execute("SELECT id FROM cash_movements").fetchone()[0]
    return Facts(sale, returned.return_no, handoff.handoff_id, movement_id)


def test_an_untouched_store_checks_out_fact_by_fact(
    demo: DemoTill, facts: Facts, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = verify(demo, capsys)
    assert code == 0, out
    # The demo's goods received and cash session, then the sale, the return, the handoff and the bank drop.
    assert "Audit trail intact" in out and " 6 facts match their entries" in out


def test_a_changed_sale_total_is_named_with_both_values(
    demo: DemoTill, facts: Facts, capsys: pytest.CaptureFixture[str]
) -> None:
    tamper(demo.till.store_path, f"UPDATE sales SET total = total + 50 WHERE id = '{facts.sale.sale_id}'")
    code, out = verify(demo, capsys)
    seq = entry_of(demo.till.store_path, facts.sale.sale_id)
    assert code == 1
    expected = f"sale {facts.sale.receipt_no}: total {facts.sale.total + 50} != {facts.sale.total}"
    assert f"{expected} recorded in audit entry {seq}" in out


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        # A line's own facts are in sale_line_rows, its catalog text as sold in sold_items (migration 0027).
        (
            "UPDATE sale_line_rows SET quantity = 3 WHERE line_no = 2",
            "line 2 quantity changed since audit entry {sale}",
        ),
        ("UPDATE sold_items SET name = 'Forged' WHERE sku = 'KAF-003'", "line 2 name changed since audit entry {sale}"),
        (
            "UPDATE sale_tenders SET amount = amount - 100 WHERE kind = 'card'",
            "tender amount changed since audit entry {sale}",
        ),
        ("DELETE FROM sale_line_rows WHERE line_no = 2", "line rows: 1 != 2 recorded in audit entry {sale}"),
        # A sale's stock movements are its lines read with its location (migration 0026): moving the goods
        # elsewhere, or writing a movement beside them, changes what the sale recorded.
        (
            "UPDATE sales SET stock_location = 'back room'",
            "stock movement location changed since audit entry {sale}",
        ),
        (
            "INSERT INTO stock_moves SELECT 'forged', product_id, location, kind, quantity, source_id, staff_id,"
            " created_at FROM stock_movements WHERE kind = 'sale' LIMIT 1",
            "stock movement rows: 3 != 2 recorded in audit entry {sale}",
        ),
    ],
)
def test_a_changed_line_tender_or_stock_movement_of_a_sale_is_named(
    demo: DemoTill, facts: Facts, capsys: pytest.CaptureFixture[str], statement: str, named: str
) -> None:
    tamper(demo.till.store_path, statement)
    code, out = verify(demo, capsys)
    assert code == 1
    seq = entry_of(demo.till.store_path, facts.sale.sale_id)
    assert f"sale {facts.sale.receipt_no}: " in out
    assert named.format(sale=seq) in out


def test_a_changed_return_handoff_and_cash_movement_are_each_named(
    demo: DemoTill, facts: Facts, capsys: pytest.CaptureFixture[str]
) -> None:
    store = demo.till.store_path
    tamper(
        store,
        "UPDATE returns SET refund_total = refund_total + 1000",
        "UPDATE pickup_handoffs SET quantity = quantity + 1",
        "UPDATE cash_movements SET amount = 500",
    )
    code, out = verify(demo, capsys)
    assert code == 1
    with sqlite3.connect(store) as db:
        return_id, refund = db.execute("SELECT id, refund_total FROM returns").fetchone()
        line_id = db.execute("SELECT line_id FROM pickup_handoffs").fetchone()[0]
    assert (
        f"return {facts.return_no}: refund_total {refund} != {refund - 1000} recorded in audit entry "
        f"{entry_of(store, return_id)}"
    ) in out
    assert (
        f"pickup handoff {facts.handoff_id}: handed-over line {line_id} quantity changed since audit entry "
        f"{entry_of(store, facts.handoff_id)}"
    ) in out
    assert (
        f"cash movement {facts.movement_id}: amount 500 != 5000 recorded in audit entry "
        f"{entry_of(store, facts.movement_id)}"
    ) in out


def test_a_deleted_sale_and_a_sale_with_no_entry_are_named(
    demo: DemoTill, facts: Facts, capsys: pytest.CaptureFixture[str]
) -> None:
    store = demo.till.store_path
    sale_id = facts.sale.sale_id
    tamper(
        store,
        f"DELETE FROM sale_tenders WHERE sale_id = '{sale_id}'",
        "DELETE FROM return_lines",
        "DELETE FROM return_refunds",
        "DELETE FROM stock_moves WHERE kind = 'quality_hold'",
        "DELETE FROM returns",
        f"DELETE FROM sale_line_rows WHERE sale_id = '{sale_id}'",
        f"DELETE FROM sales WHERE id = '{sale_id}'",
        "INSERT INTO cash_movements SELECT 'forged-movement', session_id, 'in', 100, 'forged', staff_id, NULL,"
        " created_at FROM cash_movements",
    )
    code, out = verify(demo, capsys)
    assert code == 1
    assert (
        f"sale {facts.sale.receipt_no}: its rows are gone from the store (recorded in audit entry "
        f"{entry_of(store, sale_id)})"
    ) in out
    assert f"return {facts.return_no}: its rows are gone from the store" in out
    assert "cash movement forged-movement: in the store, but no audit entry records it" in out


def test_deleting_the_newest_entries_leaves_their_facts_unrecorded(
    demo: DemoTill, facts: Facts, capsys: pytest.CaptureFixture[str]
) -> None:
    store = demo.till.store_path
    first = entry_of(store, facts.sale.sale_id)
    tamper(store, f"DELETE FROM audit_log WHERE seq >= {first}")
    code, out = verify(demo, capsys)
    assert code == 1
    assert f"sale {facts.sale.sale_id}: in the store, but no audit entry records it" in out
    assert f"cash movement {facts.movement_id}: in the store, but no audit entry records it" in out


def test_a_z_report_prints_the_head_that_tells_a_store_cut_short(
    demo: DemoTill, capsys: pytest.CaptureFixture[str]
) -> None:
    sell(demo, [CANDLE], (Tender(TenderKind.CASH, 2000),))
    z = close_session({2000: 10, 1000: 5}, demo.cashier, demo.till.uow())
    assert z.audit_head is not None
    with demo.till.uow() as uow:
        head = uow.audit.head()
        event = uow.tills.this_till_and_event()[1]
    assert head == z.audit_head
    printed = [block.text for block in cash_report_document(z, event).blocks if isinstance(block, Text)]
    assert f"Stand des Prüfprotokolls: {head.seq} / {head.hash[:8]}" in printed  # worded for the de_CH event
    typed = f"{head.seq}:{head.hash[:8]}"
    assert verify(demo, capsys, "--head", typed)[0] == 0

    # The Z, the sale before it and everything after cut away, facts and entries alike: a whole, shorter chain.
    open_session({2000: 10}, demo.cashier, demo.till.uow())
    tamper(
        demo.till.store_path,
        f"DELETE FROM audit_log WHERE seq > {head.seq - 3}",
        "DELETE FROM cash_session_closes",
        "DELETE FROM cash_sessions WHERE number = 2",
        "DELETE FROM sale_tenders",
        "DELETE FROM sale_line_rows",
        "DELETE FROM sales",
    )
    code, out = verify(demo, capsys)
    assert code == 0, "without a head from outside, a cut chain is a whole chain"
    code, out = verify(demo, capsys, "--head", typed)
    assert code == 1
    assert (
        f"The Z report has seen this till's audit trail up to entry {head.seq:,}; this store ends at "
        f"{head.seq - 3:,}: 3 entries are missing (truncated, rolled back or restored from an older backup)"
    ) in out
    assert verify(demo, capsys, "--head", "12:xyz")[0] == 2


def test_a_restored_backup_is_reported_as_a_restore_with_its_gap(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "saved.db"
    backup(demo.till.store_path, saved)
    with demo.till.uow() as uow:
        at_backup = uow.audit.head()
    sell(demo, [CANDLE], (Tender(TenderKind.CASH, 2000),))
    z = close_session({2000: 10}, demo.cashier, demo.till.uow())
    assert z.audit_head is not None and at_backup is not None
    demo.till.close()
    restore_backup(saved, demo.till.data_dir, now=datetime(2026, 12, 5, 10, 15, tzinfo=UTC))

    capsys.readouterr()
    code = main(
        ["--data-dir", str(demo.till.data_dir), "audit", "verify", "--head", f"{z.audit_head.seq}:{z.audit_head.hash}"]
    )
    out = capsys.readouterr().out
    missing = z.audit_head.seq - at_backup.seq
    assert code == 0, out
    assert "Note: this store was restored from a backup at " in out
    assert f"(entry {at_backup.seq + 1}); {missing} entries of the replaced store are not in this one" in out


def test_a_price_changed_behind_the_import_that_set_it_is_named(
    demo: DemoTill, capsys: pytest.CaptureFixture[str]
) -> None:
    row = "KAF-003,Coffee beans,250 g,Kafi Rösterei,reduced,27.90,\n"
    import_catalog(f"sku,name,variant,maker,tax_class,price,barcodes\n{row}".encode(), demo.manager, demo.till.uow())
    with demo.till.uow() as uow:
        entry = list(uow.audit.entries())[-1]
    assert json.loads(entry.fields.details)["prices"] == {"KAF-003": [2590, 2790]}
    assert verify(demo, capsys)[0] == 0
    tamper(demo.till.store_path, "UPDATE products SET price = 100 WHERE sku = 'KAF-003'")
    code, out = verify(demo, capsys)
    assert code == 1
    assert f"product KAF-003: price 100 != 2790 recorded in audit entry {entry.fields.seq}" in out


def test_a_price_changed_behind_the_product_editor_is_named(demo: DemoTill, capsys: pytest.CaptureFixture[str]) -> None:
    form = ProductForm("GLO-001", "Mulled wine", "Hall bar", "standard", "4.50", category="Drinks")
    saved = add_product(form, demo.manager, demo.till.uow())
    edit_product(saved.product_id, replace(form, name="Mulled wine, hot"), demo.manager, demo.till.uow())
    assert verify(demo, capsys)[0] == 0
    with demo.till.uow() as uow:
        entry = list(uow.audit.entries())[-1]
    assert entry.fields.action == "catalog.product_changed"
    tamper(demo.till.store_path, "UPDATE products SET price = 100 WHERE sku = 'GLO-001'")
    code, out = verify(demo, capsys)
    assert code == 1
    assert f"product GLO-001: price 100 != 450 recorded in audit entry {entry.fields.seq}" in out


def test_a_staff_row_changed_or_added_behind_the_till_is_named(
    demo: DemoTill, capsys: pytest.CaptureFixture[str]
) -> None:
    deactivate_staff(StaffChange(demo.clerk, by=demo.manager), demo.till.uow())
    reset_pin(ResetPin(demo.cashier, by=demo.manager, new_pin="2468"), demo.till.uow())
    assert verify(demo, capsys)[0] == 0
    with sqlite3.connect(demo.till.store_path) as db:
        manager_pin = db.execute("SELECT pin_hash FROM staff WHERE id = ?", (demo.manager,)).fetchone()[0]
    tamper(
        demo.till.store_path,
        # Sam makes himself a manager, brings Jo back, and puts his own PIN on Alex's row.
        f"UPDATE staff SET role = 'manager' WHERE id = '{demo.cashier}'",
        f"UPDATE staff SET active = 1 WHERE id = '{demo.clerk}'",
        f"UPDATE staff SET pin_hash = (SELECT pin_hash FROM staff WHERE id = '{demo.cashier}')"
        f" WHERE id = '{demo.manager}'",
        "INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES "
        f"('01a0-forged', 'Mallory', 'manager', '{manager_pin}', 1, '2026-12-05T10:00:00.000+00:00')",
    )
    code, out = verify(demo, capsys)
    assert code == 1
    assert "staff Sam: role manager != cashier recorded in audit entry" in out
    assert "staff Jo: active True != False recorded in audit entry" in out
    assert "staff Alex: the PIN is not the one audit entry" in out
    assert "staff Mallory: no audit entry added them" in out
