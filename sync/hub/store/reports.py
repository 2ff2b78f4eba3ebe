"""The hub's reports of a whole event: its figures, the makers' settlements and the tills' Z reports.

Every sale and return a till pushes leaves its narrow rows (sync/event_figures.py)
in the ``report_*`` tables, written with the rest of the push in its
transaction (``record_figures``, called from push_effects.py). A report is then a dozen
``GROUP BY`` over those few columns, on SQLite and PostgreSQL alike, with no
payload parsed: the same queries a till runs over what it pulled, so that the
two agree to the cent once everything is synced.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Connection, select

from sync.event_figures import EventFigures, event_figures
from sync.hub.store.drops import drop_figures
from sync.hub.store.errors import HubError
from sync.hub.store.event_settings import commission_rates
from sync.hub.store.group_buy_report import group_buy_section
from sync.hub.store.schema import events
from sync.maker_settlements import MakerSettlement, settle
from sync.narrow_rows import TABLES, Rows, add_rows, compacted, narrow_queries, read_source, return_rows, sale_rows
from sync.price_figures import automatic_rows
from sync.protocol import PushRecord
from sync.records import RecordType

Insert = Callable[[Connection, str, Sequence[tuple[Any, ...]]], None]

_ROWS_OF: dict[str, Callable[[dict[str, Any]], Rows]] = {
    RecordType.SALE_COMPLETED: sale_rows,
    RecordType.RETURN_RECORDED: return_rows,
}
_QUERIES = narrow_queries("report_", "event_id = ?")
RATES_NOTE = (
    "Commission: the product's rate, else its maker's, else the event's default, as set with"
    " 'popup-hub commission' or on a till (0% where none is set)."
)


@dataclass(frozen=True, slots=True)
class EventHeading:
    event_id: str
    name: str
    place: str
    currency: str


@dataclass(frozen=True, slots=True)
class ZReport:
    till_code: str
    number: str
    session_number: int
    opened_at: str
    closed_at: str
    closed_by: str
    sales: int
    sales_total: int
    card_total: int
    voucher_total: int
    returns: int
    refunds_total: int
    expected: int
    counted: int
    over_short: int


def record_figures(connection: Connection, event_id: str, records: Sequence[PushRecord], insert: Insert) -> None:
    """The narrow rows of the batch's sales and returns, in the push's transaction."""
    rows: Rows = {}
    for record in records:
        rows_of = _ROWS_OF.get(record.type)
        if rows_of is not None:
            add_rows(rows, rows_of(record.payload))
    for table, values in compacted(rows).items():
        if values:
            columns = ", ".join(("event_id", *TABLES[table]))
            insert(connection, f"report_{table} ({columns})", [(event_id, *row) for row in values])


def heading(connection: Connection, event_id: str) -> EventHeading:
    row = connection.execute(
        select(events.c.id, events.c.name, events.c.place, events.c.currency).where(events.c.id == event_id)
    ).first()
    if row is None:
        raise HubError(f"No event {event_id} on this hub: 'popup-hub event create' prints the ids of new events.")
    return EventHeading(*row)


def figures(connection: Connection, event_id: str) -> EventFigures:
    """The event's figures from every till's pushed sales and returns."""
    heading(connection, event_id)
    named = connection.dialect.paramstyle != "qmark"

    def run(query: str) -> Sequence[Sequence[Any]]:
        statement = query.replace("?", "%s") if named else query
        return connection.exec_driver_sql(statement, (event_id,) * query.count("?")).all()

    source = read_source(_QUERIES, run)
    source.automatic = _automatic_discounts(connection, event_id)
    return replace(
        event_figures(source),
        group_buys=group_buy_section(connection, event_id),
        drops=tuple(drop_figures(connection, event_id)),
    )


def _automatic_discounts(connection: Connection, event_id: str) -> list[tuple[Any, ...]]:
    """What markdowns and bundles took off, per rule, from the pushed sales that carry them (schema 2).

    Read from the payloads the inbox keeps, not from narrow rows: only the sales
    an automatic price touched hold the key, so the few that do are parsed.
    """
    named = connection.dialect.paramstyle != "qmark"
    statement = (
        "SELECT i.payload FROM inbox i JOIN tills t ON t.id = i.till_id"
        " WHERE t.event_id = ? AND i.type = ? AND i.status <> 'rejected' AND i.payload LIKE ?"
    )
    found = connection.exec_driver_sql(
        statement.replace("?", "%s") if named else statement,
        (event_id, RecordType.SALE_COMPLETED.value, '%"bundle_ids"%'),
    )
    return [row for (payload,) in found for row in automatic_rows(json.loads(payload))]


def settlements(connection: Connection, event_id: str) -> tuple[list[MakerSettlement], str]:
    """Each maker's settlement, and a note on the rates it used."""
    return settle(figures(connection, event_id).items, commission_rates(connection, event_id)), RATES_NOTE


def z_reports(connection: Connection, event_id: str) -> list[ZReport]:
    """The Z report of every cash session a till of the event closed and pushed, till by till."""
    heading(connection, event_id)
    named = connection.dialect.paramstyle != "qmark"
    statement = (
        "SELECT i.payload FROM inbox i JOIN tills t ON t.id = i.till_id"
        " WHERE t.event_id = ? AND i.type = ? AND i.status <> 'rejected'"
    )
    found = connection.exec_driver_sql(
        statement.replace("?", "%s") if named else statement, (event_id, RecordType.CASH_SESSION.value)
    )
    reports = [
        ZReport(**{name: data[name] for name in ZReport.__dataclass_fields__})
        for (payload,) in found
        for data in [json.loads(payload)]
    ]
    reports.sort(key=lambda z: (z.till_code, z.session_number))
    return reports
