"""Read-only queries for the screens: plain rows, no domain objects, no writes."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.events import EventSettings
from app.store.tills import EVENT_CLOSED_KEY
from app.store.unit_of_work import UnitOfWork

MAX_QUICK_KEYS = 60


@dataclass(frozen=True, slots=True)
class QuickKey:
    product_id: str
    label: str
    price: str
    group: str


def quick_keys(uow: UnitOfWork) -> list[QuickKey]:
    """The event's products without a barcode, grouped by category (or maker when uncategorised)."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        products = uow.catalog.without_barcode(MAX_QUICK_KEYS)
    return [
        QuickKey(
            product.item.product_id,
            f"{product.item.name} {product.item.variant}".strip(),
            event.format(product.item.unit_price),
            product.category or product.item.maker_name,
        )
        for product in products
    ]


@dataclass(frozen=True, slots=True)
class CounterStatus:
    event: EventSettings
    till_code: str
    # The open cash session's number and who opened it, or None.
    cash_session: tuple[int, str] | None = None
    event_closed: bool = False


def counter_status(uow: UnitOfWork) -> CounterStatus:
    with uow.for_reading():
        till, event = uow.tills.this_till_and_event()
        session = uow.cash.open_session(till.till_id)
        return CounterStatus(
            event,
            till.code,
            (session.number, session.opened_by) if session else None,
            uow.tills.setting(EVENT_CLOSED_KEY) is not None,
        )


@dataclass(frozen=True, slots=True)
class SaleRow:
    sale_id: str
    receipt_no: str
    created_at: str
    total: str


def recent_sales(uow: UnitOfWork, limit: int = 100) -> list[SaleRow]:
    """The till's latest sales, newest first, for the sales list (reprints, later returns)."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        return [
            SaleRow(header.sale_id, header.receipt_no, header.created_at, event.format(header.total))
            for header in uow.sales.latest(limit)
        ]
