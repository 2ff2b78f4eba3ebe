"""The CSV export against the store itself: every file is what Python's csv module writes from the stored rows,
and every amount reads back as the integer of minor units the till keeps (negatives, JPY, BHD included).

SQLite formats the lines (app/store/reports.py); these tests hold it to the csv
module's quoting and to an amount formatter of their own, on a CHF store run
through the services, with text a spreadsheet chokes on and a sale in BHD (three
decimals) and one in JPY written straight into its tables, and on a JPY store.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from app.bootstrap import Till, open_till
from app.domain.catalog import TaxClass
from app.domain.ids import new_id
from app.domain.money import currency_exponent
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.staff import Role
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import open_session
from app.services.catalog import import_catalog
from app.services.event_export import export_csv
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, complete_sale
from app.services.setup import SetUpTill, set_up_till
from app.services.staff import AddStaff, add_staff
from app.store.csv_export import ExportTable, export_query
from tests.conftest import DemoTill
from tests.integration.csv_columns import MONEY_COLUMNS
from tests.integration.small_event import run_small_event

HOSTILE_NAME = 'Mug "Big", blue'
HOSTILE_STAFF = 'Kim "KC", Jr'
BIGGEST = 999_999_999_999  # MAX_MINOR_DIGITS: the largest amount a till takes


def sell(till: Till, staff_id: str, codes: tuple[str, ...], tender: TenderKind, given: int = 0) -> str:
    cart_id = carts.current_cart(staff_id, till.uow()).cart.cart_id
    for code in codes:
        state = carts.scan(cart_id, code, staff_id, till.uow())
    paid = Tender(tender, max(given, state.priced.total), "TRM-7" if tender is TenderKind.CARD else "")
    return complete_sale(CompleteSale(cart_id, staff_id, (paid,)), till.uow()).sale_id


def catalog(*rows: tuple[str, str, str, str, str]) -> bytes:
    """A catalog file as a spreadsheet saves it (quotes where needed): sku, name, variant, maker, price."""
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["sku", "name", "variant", "maker", "category", "tax_class", "price", "barcodes"])
    writer.writerows(
        (sku, name, variant, maker, "Test", "standard", price, "") for sku, name, variant, maker, price in rows
    )
    return text.getvalue().encode()


def write_foreign_sale(store: Path, currency: str, seq: int) -> None:
    """A sale in another currency beside the CHF ones, with negative amounts, the largest amount and line breaks.

    No service makes such rows (a till sells in its event's currency, and names
    hold no control characters), but the export must write whatever the store
    holds: they go straight into the tables, which take inserts. Its lines are its stock movements, from
    a location with a line break (migration 0026).
    """
    with sqlite3.connect(store) as db:
        till_id, event_id = db.execute("SELECT id, event_id FROM tills").fetchone()
        staff_id, product_id, maker_id = db.execute(
            "SELECT s.id, p.id, p.maker_id FROM staff s, products p ORDER BY s.name, p.sku LIMIT 1"
        ).fetchone()
        sale_id, at = new_id(), "2026-12-05T23:59:59.999+00:00"
        db.execute(
            "INSERT INTO sales (id, receipt_no, receipt_seq, till_id, event_id, staff_id, cart_id, created_at,"
            " currency, prices_include_tax, subtotal, discount_total, tax_total, total, rounding, change_given,"
            " stock_location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 5, -1, ?, -1, 0, 'back\nroom, 2')",
            (sale_id, f"A-{seq}", seq, till_id, event_id, staff_id, new_id(), at, currency, BIGGEST, BIGGEST - 5),
        )
        db.executemany(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, variant, maker_id, maker_name,"
            " tax_class, tax_rate, quantity, catalog_unit_price, unit_price, line_discount, cart_discount_share,"
            " tax, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'standard', '0.1', 1, ?, ?, ?, 0, ?, ?)",
            [
                (
                    sale_id,
                    1,
                    product_id,
                    "X-1",
                    "two\nlines",
                    "cr\rhere",
                    maker_id,
                    "A, B",
                    *[BIGGEST] * 2,
                    0,
                    0,
                    BIGGEST,
                ),
                (sale_id, 2, product_id, 'X"2', "", "", maker_id, '"', -7, -7, 5, -1, -12),
            ],
        )
        db.execute(
            "INSERT INTO sale_tenders (sale_id, tender_no, kind, amount, tendered, reference)"
            " VALUES (?, 1, 'card', ?, ?, 'ref,\r\n\"x\"')",
            (sale_id, BIGGEST - 6, BIGGEST - 6),
        )


@pytest.fixture
def chf_store(demo: DemoTill) -> Path:
    """The demo event's small event (cash rounding below zero, discounts, a voucher, a return, a pickup),
    a product and a cashier with quotes and commas in their names, and a sale in BHD (3 decimals) and JPY."""
    uow = demo.till.uow
    run_small_event(demo)
    import_catalog(catalog(("ODD-001", HOSTILE_NAME, "a;b", 'Töpferei "Ost", Basel', "19.95")), demo.manager, uow())
    kim = add_staff(AddStaff(HOSTILE_STAFF, Role.CASHIER, "4321", added_by=demo.manager), uow()).staff_id
    sell(demo.till, kim, ("ODD-001", "ODD-001"), TenderKind.CASH, given=5000)
    write_foreign_sale(demo.till.store_path, "BHD", 999998)
    write_foreign_sale(demo.till.store_path, "JPY", 999999)
    return demo.till.store_path


@pytest.fixture
def jpy_store(tmp_path: Path) -> Iterator[Path]:
    """A till selling in yen (no decimals) through the services: cash with change, card, a return."""
    till = open_till(tmp_path / "yen")
    try:
        set_up_till(
            SetUpTill(
                "Tokyo Craft Fair", "T", "JPY", "ja_JP", True, 1, (TaxClass("standard", "消費税", Decimal("0.1")),)
            ),
            till.uow(),
        )
        manager = add_staff(AddStaff("Yui", Role.MANAGER, "1234"), till.uow()).staff_id
        import_catalog(
            catalog(("TEA-001", "抹茶", "40g", "宇治園", "1200"), ("BOWL-01", "Tea bowl, raku", "", "Kiln", "8800")),
            manager,
            till.uow(),
        )
        open_session({1000: 5}, manager, till.uow())
        sale_id = sell(till, manager, ("TEA-001", "BOWL-01"), TenderKind.CASH, given=10_000)
        sell(till, manager, ("TEA-001",), TenderKind.CARD)
        record_return(
            RecordReturn(manager, sale_id, (ReturnLineRequest(1, 1, "changed mind", Disposition.RESTOCK),)),
            till.uow(),
        )
        yield till.store_path
    finally:
        till.close()


@pytest.fixture(params=["chf_store", "jpy_store"])
def store(request: pytest.FixtureRequest) -> Path:
    path: Path = request.getfixturevalue(request.param)
    return path


def stored_rows(store: Path, table: ExportTable) -> tuple[list[str], list[tuple[str | int | None, ...]]]:
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        cursor = db.execute(export_query(table))
        return [column[0] for column in cursor.description], cursor.fetchall()


def major(minor: int, currency: str) -> str:
    """12.90 from 1290 CHF, 1200 from 1200 JPY, -0.001 from -1 BHD: Decimal, not the code under test."""
    return f"{Decimal(minor).scaleb(-currency_exponent(currency)):f}"


def csv_module_file(store: Path, table: ExportTable) -> bytes:
    """What the export wrote before SQLite formatted its lines: the csv module over the stored rows."""
    columns, rows = stored_rows(store, table)
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(
        [name for column in columns for name in ([column, f"{column}_minor"] if column in MONEY_COLUMNS else [column])]
    )
    for row in rows:
        values = dict(zip(columns, row, strict=True))
        out: list[str | int | None] = []
        for column, value in values.items():
            if column in MONEY_COLUMNS:
                assert isinstance(value, int) and isinstance(values["currency"], str)
                out += [major(value, values["currency"]), value]
            else:
                out.append(value)
        writer.writerow(out)
    return text.getvalue().encode("utf-8-sig")


def test_every_file_is_what_the_csv_module_writes_from_the_stored_rows(store: Path, tmp_path: Path) -> None:
    with_rows = 0
    till = open_till(store.parent)
    try:
        paths = export_csv(tmp_path / "export", till.uow())
    finally:
        till.close()
    assert [path.name for path in paths] == [f"{table.value}.csv" for table in ExportTable]
    for table, path in zip(ExportTable, paths, strict=True):
        assert path.read_bytes() == csv_module_file(store, table), table
        with_rows += bool(stored_rows(store, table)[1])
    assert with_rows == len(ExportTable), "every file has rows to compare"


def test_every_amount_reads_back_as_the_stores_minor_units(store: Path, tmp_path: Path) -> None:
    till = open_till(store.parent)
    try:
        export_csv(tmp_path / "export", till.uow())
    finally:
        till.close()
    seen: dict[str, set[str]] = {"negative": set(), "zero": set(), "positive": set()}
    for table in ExportTable:
        columns, rows = stored_rows(store, table)
        with (tmp_path / "export" / f"{table.value}.csv").open(encoding="utf-8-sig", newline="") as file:
            read = list(csv.DictReader(file))
        assert len(read) == len(rows)
        for line, row in zip(read, rows, strict=True):
            stored = dict(zip(columns, row, strict=True))
            for column in MONEY_COLUMNS & stored.keys():
                minor, currency = stored[column], str(stored["currency"])
                assert isinstance(minor, int)
                exponent = currency_exponent(currency)
                amount = Decimal(line[column])
                assert amount.as_tuple().exponent == -exponent, (table, column, line[column])
                assert amount.scaleb(exponent) == minor, (table, column, line[column], minor)
                assert int(line[f"{column}_minor"]) == minor
                seen["negative" if minor < 0 else "zero" if minor == 0 else "positive"].add(currency)
    if "CHF" in seen["positive"]:
        # Cash rounding below zero through the services, and the BHD and JPY sales written in.
        assert seen["positive"] == seen["zero"] == seen["negative"] == {"CHF", "BHD", "JPY"}
    else:
        assert seen["positive"] == seen["zero"] == {"JPY"}
