"""Paying with an event voucher on a till, and what is left of it on the till and on the hub."""

from __future__ import annotations

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from sync.hub.store import HubStore
from sync.hub.store.vouchers import VoucherState, list_vouchers
from tests.sync.conftest import EnrolledTill


def pay_with_voucher(till: EnrolledTill, code: str, voucher_amount: int, *skus: str) -> SaleCompleted:
    """A sale of ``skus`` paid ``voucher_amount`` by the voucher and the rest by card."""
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = None
    for sku in skus:
        state = carts.scan(cart_id, sku, till.cashier, till.till.uow())
    assert state is not None
    tenders = [Tender(TenderKind.VOUCHER, voucher_amount, code)]
    if state.priced.total > voucher_amount:
        tenders.append(Tender(TenderKind.CARD, state.priced.total - voucher_amount, "TRM-1"))
    return complete_sale(CompleteSale(cart_id, till.cashier, tuple(tenders)), till.till.uow())


def remaining(till: EnrolledTill, code: str) -> int:
    with till.till.uow() as uow:
        balance = uow.vouchers.balance(code)
    assert balance is not None
    return balance.remaining


def hub_voucher(store: HubStore, event_id: str, code: str) -> VoucherState:
    with store.engine.connect() as connection:
        [state] = [each for each in list_vouchers(connection, event_id) if each.code == code]
    return state
