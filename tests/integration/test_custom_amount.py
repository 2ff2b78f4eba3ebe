"""Selling a custom amount: the cart, the sale, its receipt, its record for the hub and the makers' settlements."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.errors import InvalidInput, NotFound
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.catalog import search_products
from app.services.custom_amount import CustomAmount, add_custom_amount, custom_amount_choices
from app.services.event_report import event_report
from app.services.printing import export_receipt_pdf
from app.services.quick_keys import quick_key_pages
from app.services.selling import CompleteSale, complete_sale
from app.services.settlements import maker_settlements
from app.store.custom_lines import HOUSE_MAKER
from app.store.outbox import OutboxStatus
from sync.records import SaleCompleted, parse_fact
from tests.conftest import DemoTill


def maker_id(demo: DemoTill, name: str) -> str:
    return next(maker.maker_id for maker in custom_amount_choices(demo.till.uow()).makers if maker.name == name)


def test_a_custom_amount_sells_prints_syncs_and_settles_with_its_maker(demo: DemoTill, tmp_path: Path) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    repair = CustomAmount("12.50", "standard", "Mug repair", maker_id(demo, "Bergkeramik"))
    add_custom_amount(cart_id, repair, demo.cashier, demo.till.uow())
    # The same amount twice is two entries, never one line of two.
    add_custom_amount(cart_id, CustomAmount("3", "reduced"), demo.cashier, demo.till.uow())
    state = add_custom_amount(cart_id, CustomAmount("3", "reduced"), demo.cashier, demo.till.uow())
    assert [(line.item.name, line.quantity, line.unit_price) for line in state.cart.lines] == [
        ("Mug repair", 1, 1250),
        ("Custom amount", 1, 300),
        ("Custom amount", 1, 300),
    ]
    assert [line.tax for line in state.priced.lines] == [94, 8, 8]  # 8.1% and 2.6% included

    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 2000),)), demo.till.uow())
    assert (sale.total, sale.change) == (1850, 150)

    pdf = export_receipt_pdf(sale.sale_id, tmp_path / "receipt.pdf", demo.till.uow())
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Mug repair" in text and "Bergkeramik" in text and "Custom amount" in text
    assert "CHF 12.50" in text

    with demo.till.uow() as uow:
        (record,) = [r for r in uow.outbox.records(OutboxStatus.WAITING) if r.type == "sale.completed"]
    fact = parse_fact(record.type, record.schema_version, json.loads(record.payload))
    assert isinstance(fact, SaleCompleted)
    assert [(line.sku, line.name, line.maker_name, line.total) for line in fact.lines] == [
        ("CUSTOM-AMOUNT.standard", "Mug repair", "Bergkeramik", 1250),
        ("CUSTOM-AMOUNT.reduced", "Custom amount", HOUSE_MAKER, 300),
        ("CUSTOM-AMOUNT.reduced", "Custom amount", HOUSE_MAKER, 300),
    ]

    settlements = {settlement.maker_name: settlement for settlement in maker_settlements(demo.till.uow())}
    assert settlements["Bergkeramik"].revenue == 1250
    assert settlements["Bergkeramik"].payout == 1250  # the demo's default commission is 0
    # Nobody made the shop's own amounts: the shop keeps them, nothing is paid out.
    assert (settlements[HOUSE_MAKER].revenue, settlements[HOUSE_MAKER].payout) == (600, 0)

    report = event_report(demo.till.uow())
    assert report.totals.sales_total == 1850
    assert {(row.maker, row.revenue) for row in report.by_product if row.sku.startswith("CUSTOM-AMOUNT.")} == {
        ("Bergkeramik", 1250),
        (HOUSE_MAKER, 600),
    }
    # A custom amount is no goods on a shelf: selling it moves no stock.
    with sqlite3.connect(demo.till.store_path) as db:
        assert db.execute("SELECT count(*) FROM stock_movements WHERE source_id = ?", (sale.sale_id,)).fetchone() == (
            0,
        )


def test_custom_amount_products_stay_out_of_search_and_quick_keys(demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    add_custom_amount(cart_id, CustomAmount("5", "standard"), demo.cashier, demo.till.uow())
    assert search_products("custom", demo.till.uow()) == []
    keys = [key.label for page in quick_key_pages(demo.till.uow()) for key in page.keys]
    assert keys and "Custom amount" not in keys


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (CustomAmount("0", "standard"), "more than zero"),
        (CustomAmount("-4", "standard"), "more than zero"),
        (CustomAmount("12.345", "standard"), "more than 2 decimals"),
        (CustomAmount("twelve", "standard"), "not an amount"),
        (CustomAmount("5", "luxury"), "not a tax class"),
        (CustomAmount("5", "standard", "x" * 201), "longer than 200"),
        (CustomAmount("5", "standard", "", "0190f000-0000-7000-8000-000000000000"), "maker is no longer"),
    ],
)
def test_a_bad_custom_amount_is_refused_and_the_cart_is_unchanged(
    demo: DemoTill, entry: CustomAmount, message: str
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    with pytest.raises((InvalidInput, NotFound), match=message):
        add_custom_amount(cart_id, entry, demo.cashier, demo.till.uow())
    assert carts.current_cart(demo.cashier, demo.till.uow()).cart.is_empty()
