"""Selling gift cards at the counter on a real till: vouchers, records, receipt, reports, settlements, returns."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain import texts
from app.domain.cart import Discount, DiscountKind
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import close_session, x_report
from app.services.catalog import search_products
from app.services.event_report import event_report
from app.services.gift_cards import add_gift_card
from app.services.printing import export_receipt_pdf
from app.services.quick_keys import quick_key_pages
from app.services.return_lookup import find_sale
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.settlements import maker_settlements
from app.services.stock import on_hand
from app.services.vouchers import voucher_balance
from app.store.custom_lines import HOUSE_MAKER
from app.store.outbox import OutboxStatus
from sync.custom_lines import GIFT_CARD_SKU, custom_sku
from sync.records import SaleCompleted as SaleRecord
from sync.records import parse_fact
from tests.conftest import DemoTill

MUG = "BER-003"  # CHF 32.00, standard rate 8.1% included


def new_cart(demo: DemoTill) -> str:
    return carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id


def gift_card_and_mug(demo: DemoTill) -> str:
    cart_id = new_cart(demo)
    add_gift_card(cart_id, "50", demo.cashier, demo.till.uow())
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    return cart_id


def sell_cash(demo: DemoTill, cart_id: str, given: int) -> SaleCompleted:
    return complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, given),)), demo.till.uow())


def waiting(demo: DemoTill, record_type: str) -> list[dict[str, object]]:
    with demo.till.uow() as uow:
        return [json.loads(r.payload) for r in uow.outbox.records(OutboxStatus.WAITING) if r.type == record_type]


def test_a_gift_card_sold_with_a_mug_is_a_voucher_not_revenue(demo: DemoTill, tmp_path: Path) -> None:
    mugs = on_hand(MUG, demo.till.uow())
    expected_before = x_report(demo.till.uow()).expected
    sale = sell_cash(demo, gift_card_and_mug(demo), 10000)
    assert (sale.total, sale.change) == (8200, 1800)
    (card,) = sale.gift_cards
    assert card.amount == 5000

    balance = voucher_balance(card.code, demo.till.uow())
    assert (balance.issued, balance.remaining, balance.currency) == (5000, 5000, "CHF")
    (issued,) = [record for record in waiting(demo, "voucher.issued") if record["code"] != demo.voucher]
    assert (issued["code"], issued["amount"], issued["currency"]) == (card.code, 5000, "CHF")
    fact = parse_fact("sale.completed", 1, waiting(demo, "sale.completed")[0])
    assert isinstance(fact, SaleRecord)
    card_line = fact.lines[0]
    assert (card_line.sku, card_line.tax, card_line.total) == (GIFT_CARD_SKU, 0, 5000)
    assert Decimal(card_line.tax_rate) == 0
    assert fact.tax_total == fact.lines[1].tax > 0  # only the mug is taxed

    # The card moves no stock; the mug does.
    assert on_hand(MUG, demo.till.uow()) == mugs - 1
    with sqlite3.connect(demo.till.store_path) as db:
        moved = db.execute("SELECT count(*) FROM stock_movements WHERE source_id = ?", (sale.sale_id,)).fetchone()
    assert moved == (1,)

    pdf = export_receipt_pdf(sale.sale_id, tmp_path / "receipt.pdf", demo.till.uow())
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert card.code in text and "CHF 50.00" in text
    assert "Bergkeramik" in text and HOUSE_MAKER not in text  # the card is nobody's make

    report = event_report(demo.till.uow())
    assert (report.totals.sales_total, report.totals.gross) == (3200, 3200)
    assert (report.totals.gift_cards, report.totals.gift_card_amount) == (1, 5000)
    assert GIFT_CARD_SKU not in {item.sku for item in report.by_product}
    assert sum(rate.total for rate in report.tax_rates) == 3200
    assert {tender.kind: tender.taken for tender in report.tenders} == {"cash": 8200}

    settled = {line.sku for settlement in maker_settlements(demo.till.uow()) for line in settlement.lines}
    assert settled == {MUG}
    # The cash for the card is in the drawer.
    assert x_report(demo.till.uow()).expected == expected_before + 8200


def test_the_gift_card_product_stays_out_of_search_and_quick_keys(demo: DemoTill) -> None:
    state = add_gift_card(new_cart(demo), "30", demo.cashier, demo.till.uow())
    for typed in ("gift", "custom", GIFT_CARD_SKU):
        assert search_products(typed, demo.till.uow()) == []
    keys = {key.product_id for page in quick_key_pages(demo.till.uow()) for key in page.keys}
    assert keys and state.cart.lines[0].item.product_id not in keys


def test_two_cards_on_one_line_are_two_codes_and_a_reprint_shows_both(demo: DemoTill, tmp_path: Path) -> None:
    cart_id = new_cart(demo)
    state = add_gift_card(cart_id, "25", demo.cashier, demo.till.uow())
    carts.set_quantity(cart_id, state.cart.lines[0].line_id, 2, demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, 5000, "A1"),)), demo.till.uow())
    codes = [card.code for card in sale.gift_cards]
    assert len(set(codes)) == 2 and [card.amount for card in sale.gift_cards] == [2500, 2500]
    assert {str(record["code"]) for record in waiting(demo, "voucher.issued")} == {demo.voucher, *codes}
    pdf = export_receipt_pdf(sale.sale_id, tmp_path / "again.pdf", demo.till.uow())
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert all(code in text for code in codes)
    made_by = texts.for_locale("de_CH").gettext("Made by: {makers}").partition("{")[0]
    assert HOUSE_MAKER not in text and made_by not in text


def test_a_gift_card_is_not_paid_with_a_voucher_nor_discounted(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    state = add_gift_card(cart_id, "20", demo.cashier, demo.till.uow())
    line_id = state.cart.lines[0].line_id
    with pytest.raises(InvalidInput, match="no discount"):
        carts.discount_line(
            cart_id, line_id, Discount(DiscountKind.PERCENT, Decimal(10)), demo.cashier, demo.till.uow()
        )
    with pytest.raises(RuleViolation, match="cannot be paid with a voucher"):
        complete_sale(
            CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.VOUCHER, 2000, demo.voucher),)), demo.till.uow()
        )
    assert voucher_balance(demo.voucher, demo.till.uow()).spent == 0
    assert [record["code"] for record in waiting(demo, "voucher.issued")] == [demo.voucher]


def test_a_cart_discount_leaves_the_gift_card_at_full_value(demo: DemoTill) -> None:
    cart_id = gift_card_and_mug(demo)
    state = carts.discount_cart(cart_id, Discount(DiscountKind.PERCENT, Decimal(10)), demo.cashier, demo.till.uow())
    card, mug = state.priced.lines
    assert (card.discount_total, card.total, mug.discount_total) == (0, 5000, 320)


def test_a_gift_card_line_is_not_refunded(demo: DemoTill) -> None:
    sale = sell_cash(demo, gift_card_and_mug(demo), 10000)
    (card,) = sale.gift_cards
    found = find_sale(sale.receipt_no, demo.till.uow())
    assert [(line.sku, line.returnable) for line in found.lines] == [(GIFT_CARD_SKU, 0), ("BER-003", 1)]
    request = RecordReturn(demo.cashier, sale.sale_id, (ReturnLineRequest(1, 1, "changed mind", Disposition.RESTOCK),))
    with pytest.raises(RuleViolation, match=f"credit stays on the card {card.code}"):
        record_return(request, demo.till.uow())
    # The mug still comes back as usual.
    mug_back = RecordReturn(demo.cashier, sale.sale_id, (ReturnLineRequest(2, 1, "changed mind", Disposition.RESTOCK),))
    assert record_return(mug_back, demo.till.uow()).refund_total == 3200


def test_no_cash_session_writes_no_card_and_no_sale(demo: DemoTill) -> None:
    close_session({10000: 1}, demo.cashier, demo.till.uow())
    cart_id = gift_card_and_mug(demo)
    with pytest.raises(RuleViolation):
        sell_cash(demo, cart_id, 10000)
    with sqlite3.connect(demo.till.store_path) as db:
        assert db.execute("SELECT count(*) FROM vouchers WHERE sale_id IS NOT NULL").fetchone() == (0,)
        assert db.execute("SELECT count(*) FROM sales").fetchone() == (0,)
    assert [record["code"] for record in waiting(demo, "voucher.issued")] == [demo.voucher]


def test_a_bad_amount_is_refused_and_the_gift_card_name_is_kept_from_tax_classes(demo: DemoTill) -> None:
    cart_id = new_cart(demo)
    for typed in ("0", "-5", "lots"):
        with pytest.raises(InvalidInput):
            add_gift_card(cart_id, typed, demo.cashier, demo.till.uow())
    assert carts.current_cart(demo.cashier, demo.till.uow()).cart.is_empty()
    with pytest.raises(ValueError, match="kept for gift cards"):
        custom_sku("GIFT-CARD")
