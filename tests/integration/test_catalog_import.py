"""Catalog import through the command line and the service, on a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.cli import main
from app.domain.catalog import CatalogImportError
from app.domain.errors import NotFound
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.catalog import find_product, import_catalog
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill

HEADER = "sku,name,variant,maker,tax_class,price,barcodes\n"
# The files and problems the hub's import is checked against too; the demo event prices in CHF.
BAD_FILES = Path(__file__).resolve().parents[1] / "data" / "catalog_bad"
EXPECTED: dict[str, list[list[int | str]]] = json.loads((BAD_FILES / "expected.json").read_text(encoding="utf-8"))


def run_cli(demo: DemoTill, *args: str) -> int:
    return main(["--data-dir", str(demo.till.data_dir), *args])


def test_a_file_with_one_bad_row_imports_nothing_and_exits_non_zero(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "catalog.csv"
    csv.write_text(HEADER + "NEW-1,Lamp,,Lichtwerk,standard,49.00,\nNEW-2,Shade,,Lichtwerk,standard,4.999,\n")
    with demo.till.uow() as uow:
        before = uow.catalog.product_count()

    assert run_cli(demo, "catalog", "import", str(csv)) == 2

    err = capsys.readouterr().err
    assert "line 3: bad price" in err
    assert "The catalog was not imported" in err
    with demo.till.uow() as uow:
        assert uow.catalog.product_count() == before
        assert "Lichtwerk" not in {maker.name for maker in uow.catalog.makers()}


def test_a_good_file_imports_and_reports_counts(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "catalog.csv"
    csv.write_text(
        HEADER
        + "NEW-1,Lamp,brass,Lichtwerk,standard,49.00,96385074\n"
        + "ATE-001,Beeswax taper candle,pair,Atelier Lumen,standard,13.50,2000000000015\n"
    )
    assert run_cli(demo, "catalog", "import", str(csv)) == 0
    assert "1 new, 1 updated, 1 new maker(s)" in capsys.readouterr().out
    assert find_product("96385074", demo.till.uow()).item.name == "Lamp"


def test_a_barcode_owned_by_another_product_is_refused(demo: DemoTill) -> None:
    data = (HEADER + "NEW-1,Lamp,,Lichtwerk,standard,49.00,2000000000015\n").encode()
    with pytest.raises(CatalogImportError, match="barcode 2000000000015 already belongs to product ATE-001"):
        import_catalog(data, demo.manager, demo.till.uow())


def test_a_cashier_may_not_import(demo: DemoTill) -> None:
    with pytest.raises(Exception, match="may not manage catalog"):
        import_catalog((HEADER + "NEW-1,Lamp,,L,standard,1.00,\n").encode(), demo.cashier, demo.till.uow())


def test_reimport_changes_prices_but_past_sales_keep_theirs(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "ATE-001", demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 1290),)), demo.till.uow())

    new_row = "ATE-001,Beeswax candle (new name),pair,Atelier Lumen,reduced,15.00,2000000000015\n"
    result = import_catalog((HEADER + new_row).encode(), demo.manager, demo.till.uow())

    assert (result.created, result.updated) == (0, 1)
    assert find_product("2000000000015", demo.till.uow()).item.unit_price == 1500
    with demo.till.uow() as uow:
        detail = uow.sales.detail(sale.sale_id)
    assert detail is not None
    line = detail.lines[0]
    assert (line.name, line.unit_price, line.tax_rate, line.total) == ("Beeswax taper candle", 1290, "0.081", 1290)


def test_an_unreadable_file_gets_a_clear_message(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(demo, "catalog", "import", str(tmp_path / "missing.csv")) == 2
    assert "Cannot read" in capsys.readouterr().err
    latin = tmp_path / "latin.csv"
    latin.write_bytes((HEADER + "A,Crème,,M,standard,1.00,\n").encode("latin-1"))
    assert run_cli(demo, "catalog", "import", str(latin)) == 2
    assert "save it as 'CSV UTF-8'" in capsys.readouterr().err


def test_every_problem_in_the_file_is_listed_with_its_line_and_nothing_changes(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "catalog.csv"
    csv.write_text(
        HEADER
        + "ATE-001,Beeswax taper candle,pair,Atelier Lumen,standard,99.00,2000000000015\n"  # 2: a good update
        + "NEW-1,Lamp,,Lichtwerk,standard,49.999,\n"  # 3
        + "NEW-2,Shade,,Lichtwerk,luxury,9.00,\n"  # 4
        + 'NEW-3,"Bulb,\nwarm",,Lichtwerk,standard,3.00,4006381333932\n'  # 5-6
        + "NEW-4,Cord,,Lichtwerk,standard,5.00,96385074\n"  # 7
        + "NEW-5,Plug,,Lichtwerk,standard,5.00,96385074\n"  # 8
    )
    assert run_cli(demo, "catalog", "import", str(csv)) == 2

    err = capsys.readouterr().err
    assert "The catalog was not imported: 4 problem(s)" in err
    for expected in (
        "line 3: bad price: '49.999' has more than 2 decimals",
        "line 4: unknown tax class 'luxury' (known: reduced, standard)",
        "line 5: bad barcode: '4006381333932' is not a valid EAN-13 barcode (wrong check digit)",
        "line 8: duplicate barcode 96385074 (also on line 7)",
    ):
        assert expected in err
    assert "Traceback" not in err
    assert find_product("ATE-001", demo.till.uow()).item.unit_price == 1290, "the good row was not applied either"
    with pytest.raises(NotFound):
        find_product("NEW-4", demo.till.uow())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "line 1: the file is empty"),
        (b"sku,name,maker,price\nA,B,C,1.00\n", "line 1: missing column(s): tax_class"),
        (HEADER.encode() + b"A-1," + b"x" * 200_000 + b",,M,standard,1.00,\n", "line 2: the file cannot be read"),
        (HEADER.encode() + b"A-1,Mug,,M,standard,1e3,\n", "line 2: bad price: '1e3' is not an amount"),
    ],
)
def test_files_that_are_not_a_catalog_get_a_message_and_exit_2(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    csv = tmp_path / "catalog.csv"
    csv.write_bytes(content)
    assert run_cli(demo, "catalog", "import", str(csv)) == 2
    assert message in capsys.readouterr().err


def test_a_file_saved_with_old_mac_line_ends_imports(
    demo: DemoTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv = tmp_path / "catalog.csv"
    csv.write_bytes((HEADER + "NEW-1,Lamp,,Lichtwerk,standard,49.00,96385074\n").replace("\n", "\r").encode())
    assert run_cli(demo, "catalog", "import", str(csv)) == 0, capsys.readouterr().err
    assert find_product("96385074", demo.till.uow()).item.unit_price == 4900


def test_reimport_moves_a_product_to_its_new_barcodes(demo: DemoTill) -> None:
    row = "ATE-001,Beeswax taper candle,pair,Atelier Lumen,standard,12.90,036000291452\n"
    import_catalog((HEADER + row).encode(), demo.manager, demo.till.uow())
    assert find_product("0036000291452", demo.till.uow()).item.sku == "ATE-001"
    assert find_product("036000291452", demo.till.uow()).item.sku == "ATE-001", "found by its UPC-A form too"
    with pytest.raises(NotFound):
        find_product("2000000000015", demo.till.uow())
    # The old barcode is free again for another product.
    other = "NEW-1,Candle stub,,Atelier Lumen,standard,2.00,2000000000015\n"
    import_catalog((HEADER + other).encode(), demo.manager, demo.till.uow())
    assert find_product("2000000000015", demo.till.uow()).item.sku == "NEW-1"


def test_an_import_is_audited(demo: DemoTill) -> None:
    import_catalog((HEADER + "NEW-1,Lamp,,Lichtwerk,standard,49.00,\n").encode(), demo.manager, demo.till.uow())
    with demo.till.uow() as uow:
        last = list(uow.audit.entries())[-1]
    assert (last.fields.action, last.fields.staff_id) == ("catalog.imported", demo.manager)
    details = json.loads(last.fields.details)
    assert {key: details[key] for key in ("created", "makers_created", "updated")} == {
        "created": 1,
        "makers_created": 1,
        "updated": 0,
    }
    # A new product's price is no change; the instant names the rows the import wrote.
    assert details["prices"] == {} and details["at"]


def test_a_semicolon_separated_file_from_a_european_excel_imports(demo: DemoTill) -> None:
    data = "sku;name;variant;maker;tax_class;price;barcodes\r\nNEW-1;Lamp, brass;;Lichtwerk;standard;49,50;96385074\r\n"
    assert import_catalog(data.encode(), demo.manager, demo.till.uow()).created == 1
    item = find_product("96385074", demo.till.uow()).item
    assert (item.name, item.unit_price) == ("Lamp, brass", 4950)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_shared_bad_file_is_refused_by_the_till_with_its_lines_and_writes_nothing(
    demo: DemoTill, name: str
) -> None:
    def snapshot() -> tuple[object, ...]:
        with demo.till.uow() as uow:
            return uow.catalog.all_products(), uow.catalog.makers(), len(list(uow.audit.entries()))

    before = snapshot()

    with pytest.raises(CatalogImportError) as caught:
        import_catalog((BAD_FILES / name).read_bytes(), demo.manager, demo.till.uow())

    assert [[error.line, error.message] for error in caught.value.errors] == EXPECTED[name]
    assert snapshot() == before
