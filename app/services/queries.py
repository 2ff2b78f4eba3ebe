"""Read-only queries for the screens: plain rows, no domain objects, no writes."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.events import EventSettings
from app.store.tills import EVENT_CLOSED_KEY
from app.store.unit_of_work import UnitOfWork


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
    # When it was sold, written in the event's locale and time zone.
    sold_at: str = ""


def recent_sales(uow: UnitOfWork, limit: int = 100) -> list[SaleRow]:
    """The till's latest sales, newest first, for the sales list (reprints, later returns)."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        return [
            SaleRow(
                header.sale_id,
                header.receipt_no,
                header.created_at,
                event.format(header.total),
                event.format_datetime(header.created_at),
            )
            for header in uow.sales.latest(limit)
        ]
