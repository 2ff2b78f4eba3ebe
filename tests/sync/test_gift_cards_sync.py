"""A gift card sold at one till's counter, over real HTTP on SQLite and PostgreSQL: spent on another till after
both synced, and counted once by the hub as gift card money, never as sales."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.event_report import event_wide_figures
from app.services.gift_cards import add_gift_card
from app.services.selling import CompleteSale, complete_sale
from app.services.vouchers import voucher_for_payment
from sync.custom_lines import GIFT_CARD_SKU
from sync.hub.cli import main as hub_main
from sync.hub.store import reports as hub_reports
from sync.hub.store.schema import products, stock_locations, stock_movements, stock_reservations
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sync
from tests.sync.voucher_payments import hub_voucher, pay_with_voucher, remaining

MUG = "BER-003"  # CHF 32.00
CANDLE = "ATE-001"  # CHF 12.90


def test_a_gift_card_sold_on_a_is_spent_on_b_and_the_hub_counts_it_as_gift_card_money(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    till_b = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B")
    try:
        for sku in (MUG, CANDLE):
            hub.hub.store.set_stock(hub.event_id, sku, 10)
        sync(till_a)
        sync(till_b)
        cart_id = carts.current_cart(till_a.cashier, till_a.till.uow()).cart.cart_id
        add_gift_card(cart_id, "40", till_a.cashier, till_a.till.uow())
        carts.scan(cart_id, MUG, till_a.cashier, till_a.till.uow())
        sold = complete_sale(CompleteSale(cart_id, till_a.cashier, (Tender(TenderKind.CASH, 7200),)), till_a.till.uow())
        (card,) = sold.gift_cards
        sync(till_a)
        sync(till_b)

        assert voucher_for_payment(card.code, till_b.till.uow()).remaining == 4000
        pay_with_voucher(till_b, card.code, 1290, CANDLE)
        sync(till_b)
        sync(till_a)
        assert remaining(till_a, card.code) == 4000 - 1290
        state = hub_voucher(hub.hub.store, hub.event_id, card.code)
        assert (state.issued, state.spent, state.issued_by) == (4000, 1290, "A")

        with hub.hub.store.engine.connect() as connection:
            on_hub = hub_reports.figures(connection, hub.event_id)
            # No stock, location or reservation row for a card: it is no goods on a shelf.
            for table in (products, stock_movements, stock_locations, stock_reservations):
                found = connection.execute(select(func.count()).where(table.c.sku == GIFT_CARD_SKU)).scalar()
                assert found == 0, table.name
        # Sales are the mug and the candle the card paid for; the card itself is gift card money, once.
        assert (on_hub.totals.gift_cards, on_hub.totals.gift_card_amount) == (1, 4000)
        assert (on_hub.totals.sales, on_hub.totals.sales_total) == (2, 3200 + 1290)
        assert GIFT_CARD_SKU not in {item.sku for item in on_hub.items}
        assert sum(rate.total for rate in on_hub.tax_rates) == 3200 + 1290
        db = ["--db", hub.hub.store.engine.url.render_as_string(hide_password=False)]
        assert hub_main([*db, "report", "event", "--event", hub.event_id]) == 0
        text = capsys.readouterr().out
        assert "Sales (2, 2 items)" in text and "Gift cards sold (1, not sales)" in text
        # Both tills, synced, agree with the hub to the cent.
        for till in (till_a, till_b):
            figures, _currency = event_wide_figures(till.till.uow())
            assert figures.totals == on_hub.totals
    finally:
        till_b.till.close()
