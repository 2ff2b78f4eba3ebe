"""Catalog import through the command line and the service, on a real store."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.domain.catalog import CatalogImportError
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.catalog import find_product, import_catalog
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill

HEADER = "sku,name,variant,maker,tax_class,price,barcodes\n"


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
