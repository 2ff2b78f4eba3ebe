"""What the event page shows, read from the hub's store: each figure comes from the function the commands and
the admin API use (the close checklist, stock figures, pickup order states, open conflicts), never a copy of
their rules."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import JSON, Connection, cast, func, select, type_coerce

from sync.hub.store import pickups
from sync.hub.store.admin_reads import event_infos, event_tills
from sync.hub.store.availability import stock_figures
from sync.hub.store.event_close import EventChecklist, OpenConflict, checklist, open_conflicts
from sync.hub.store.marketplace_orders import CANCELLED, COLLECTED, PARTLY_COLLECTED, WAITING, order_state
from sync.hub.store.schema import inbox, products, tills
from sync.hub.store.till_contacts import contacts_of
from sync.protocol import EventInfo
from sync.records import RecordType

LOW_STOCK = 5
PICKUP_STATES = (WAITING, PARTLY_COLLECTED, COLLECTED, CANCELLED)


@dataclass(frozen=True, slots=True)
class SalesRow:
    """One till's sales in one hour (``hour``: "2026-06-14 15:00", UTC), or its whole day when ``hour`` is ""."""

    till_code: str
    hour: str
    sales: int
    total: int


@dataclass(frozen=True, slots=True)
class TillRow:
    """A till: its last request to the hub, and the records still to arrive: known for sure once the till has
    closed (``records_missing``), else as the till said at its last push (``records_waiting`` at ``waiting_at``)."""

    code: str
    revoked: bool
    last_contact: str | None
    last_seq_received: int
    records_missing: int | None
    records_waiting: int | None
    waiting_at: str | None


@dataclass(frozen=True, slots=True)
class StockRow:
    sku: str
    name: str
    on_hand: int
    reserved: int
    available: int

    @property
    def state(self) -> str:
        if self.available <= 0:
            return "sold out"
        return "low" if self.available <= LOW_STOCK else "ok"


@dataclass(frozen=True, slots=True)
class PickupRow:
    number: str
    customer_name: str
    state: str
    items: int
    handed_over: int


@dataclass
class EventView:
    event: EventInfo
    sales_by_till: list[SalesRow]
    sales_by_hour: list[SalesRow]
    tills: list[TillRow]
    stock: list[StockRow]
    pickup_counts: dict[str, int]
    pickups_open: list[PickupRow]
    conflicts: list[OpenConflict]
    till_codes: dict[str, str]
    close: EventChecklist
    largest_total: int = field(default=1)


def events(connection: Connection) -> list[EventInfo]:
    return event_infos(connection)


def event_view(connection: Connection, event_id: str) -> EventView | None:
    """Everything the event's page shows, or None when the hub has no such event."""
    found = event_infos(connection, event_id)
    if not found:
        return None
    close = checklist(connection, event_id)
    codes = {state.till_id: state.code for state in event_tills(connection, event_id)}
    by_till, by_hour = _sales(connection, event_id)
    view = EventView(
        event=found[0],
        sales_by_till=by_till,
        sales_by_hour=by_hour,
        tills=_tills(connection, event_id, close),
        stock=_stock(connection, event_id),
        pickup_counts={},
        pickups_open=[],
        conflicts=[item for item in open_conflicts(connection) if item.till_id in codes],
        till_codes=codes,
        close=close,
        largest_total=max([row.total for row in by_hour] + [1]),
    )
    _pickups(connection, event_id, view)
    return view


def _sales(connection: Connection, event_id: str) -> tuple[list[SalesRow], list[SalesRow]]:
    """Sums of the event's completed sales by till, and by till and hour of the sale (the till's clock, UTC).

    The database reads the two fields from each payload and sums them: the page
    refreshes every few seconds, and parsing every sale's JSON in Python on each
    refresh grows with the event.
    """
    # PostgreSQL reads the Text column as JSON through a cast; SQLite's JSON functions take the text as it is.
    as_json = type_coerce if connection.dialect.name == "sqlite" else cast
    payload = as_json(inbox.c.payload, JSON)
    hour = func.substr(payload["created_at"].as_string(), 1, 13)
    rows = connection.execute(
        select(tills.c.code, hour, func.count(), func.sum(payload["total"].as_integer()))
        .select_from(inbox.join(tills, tills.c.id == inbox.c.till_id))
        .where(
            tills.c.event_id == event_id,
            inbox.c.type == RecordType.SALE_COMPLETED.value,
            inbox.c.status != "rejected",
        )
        .group_by(tills.c.code, hour)
    ).all()
    per_till: dict[str, list[int]] = {}
    by_hour = []
    for code, stamp, count, total in sorted(rows, key=lambda row: (row[1], row[0])):
        by_hour.append(SalesRow(code, f"{stamp[:10]} {stamp[11:13]}:00", int(count), int(total or 0)))
        sums = per_till.setdefault(code, [0, 0])
        sums[0] += int(count)
        sums[1] += int(total or 0)
    by_till = [SalesRow(code, "", count, total) for code, (count, total) in sorted(per_till.items())]
    return by_till, by_hour


def _tills(connection: Connection, event_id: str, close: EventChecklist) -> list[TillRow]:
    """Each till with its last contact and the records still to arrive (TillRow)."""
    contacts = contacts_of(connection, [line.till_id for line in close.tills])
    revoked = {state.till_id: state.revoked for state in event_tills(connection, event_id)}
    rows = []
    for line in close.tills:
        contact = contacts.get(line.till_id)
        rows.append(
            TillRow(
                code=line.code,
                revoked=revoked.get(line.till_id, False),
                last_contact=contact.last_contact_at if contact else None,
                last_seq_received=line.last_seq_received,
                records_missing=line.missing if line.closed else None,
                records_waiting=contact.records_waiting if contact else None,
                waiting_at=contact.waiting_reported_at if contact else None,
            )
        )
    return rows


def _stock(connection: Connection, event_id: str) -> list[StockRow]:
    figures = stock_figures(connection, event_id)
    names = dict(
        connection.execute(
            select(products.c.sku, func.trim(products.c.name + " " + products.c.variant)).where(
                products.c.sku.in_(list(figures))
            )
        ).all()
    )
    rows = [
        StockRow(sku, names.get(sku, sku), level.on_hand, level.reserved, level.available)
        for sku, level in figures.items()
    ]
    # Sold out first, then low, then the rest: what a manager acts on is at the top.
    return sorted(rows, key=lambda row: (row.available > 0, row.available > LOW_STOCK, row.name))


def _pickups(connection: Connection, event_id: str, view: EventView) -> None:
    listed = pickups.list_pickups(connection, event_id)
    by_id = {order["order_id"]: order for order in listed}
    counts = dict.fromkeys(PICKUP_STATES, 0)
    for order in listed:
        state = order_state(order, by_id)
        counts[state] += 1
        if state in (WAITING, PARTLY_COLLECTED):
            lines = order["lines"]
            view.pickups_open.append(
                PickupRow(
                    order["number"],
                    order["customer_name"],
                    state,
                    sum(line["quantity"] for line in lines),
                    sum(min(line["handed_over"], line["quantity"]) for line in lines),
                )
            )
    view.pickup_counts = counts
