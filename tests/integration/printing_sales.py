"""A demo till that prints to a network printer, and a sale paid in cash unless told otherwise."""

from __future__ import annotations

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.printer_settings import save_printer_settings
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from printers.escpos_output import PrinterSettings
from tests.conftest import DemoTill


def use_network_printer(demo: DemoTill, port: int, width: int = 80) -> None:
    settings = PrinterSettings(kind="network", address="127.0.0.1", port=port, paper_width_mm=width)
    save_printer_settings(settings, demo.manager, demo.till.uow())


def sell(demo: DemoTill, *codes: str, tenders: tuple[Tender, ...] | None = None) -> SaleCompleted:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    state = None
    for code in codes:
        state = carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    assert state is not None
    paid = tenders or (Tender(TenderKind.CASH, state.priced.total + 1000),)
    return complete_sale(CompleteSale(cart_id, demo.cashier, paid), demo.till.uow())
