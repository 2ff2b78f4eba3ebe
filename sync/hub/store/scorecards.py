"""The rows of the makers' scorecards on the hub, read once for every maker (docs/scorecards.md).

Nothing is figured twice: sales and returns come from the report's narrow rows (reports.py, written at
push time), the units delivered and found defective from the consignment's fold of the pushed
``stock.moved`` and ``return.recorded`` records (consignment.py ``placed_units``), the sell-out moments
from the stock movements as demand.py dates them (``sold_out_times``), and the demand after them from
``demand_entries`` by sync/demand_figures.py. Only products whose level is at or below zero now are
replayed for their sell-out, so the cost grows with the sold-out products, not with the sales.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from sync.custom_lines import is_gift_card_sku
from sync.demand_figures import DemandEntry, demand_by_product, sold_out_from_movements
from sync.hub.store.consignment import placed_units
from sync.hub.store.demand import movement_time
from sync.hub.store.errors import HubError
from sync.hub.store.schema import (
    demand_entries,
    events,
    inbox,
    products,
    report_return_lines,
    report_sale_lines,
    report_sales,
    stock_movements,
    tills,
)
from sync.maker_scorecards import EventSpan, MakerScorecard, ScorecardRows, scorecards
from sync.protocol import AnswerStatus
from sync.records import RecordType

_IN_CHUNK = 500
# A product's movements in the order booked, each named by its id (read from ix_stock_movements_levels alone).
_MOVEMENTS = "SELECT sku, quantity, id FROM stock_movements WHERE event_id = ? AND sku IN ({})"


def all_event_ids(connection: Connection) -> list[str]:
    """Every event on the hub, by name."""
    return [str(row.id) for row in connection.execute(select(events.c.id).order_by(events.c.name, events.c.id))]


def currency_of(connection: Connection, event_ids: Sequence[str]) -> str:
    """The events' one currency; unknown events and a mix of currencies are refused (sums would mean nothing)."""
    if not event_ids:
        raise HubError("Name an event (--event E) or ask for all of them (--all-events).")
    found = {
        str(row.id): str(row.currency)
        for row in connection.execute(select(events.c.id, events.c.currency).where(events.c.id.in_(event_ids)))
    }
    for event_id in event_ids:
        if event_id not in found:
            raise HubError(f"No event {event_id} on this hub: 'popup-hub event create' prints the ids of new events.")
    currencies = sorted(set(found.values()))
    if len(currencies) > 1:
        raise HubError(
            f"These events sell in {', '.join(currencies)}: a scorecard adds money, so ask for events of one currency."
        )
    return currencies[0]


def maker_scorecards(
    connection: Connection, event_ids: Sequence[str], maker: str | None = None
) -> dict[str, MakerScorecard]:
    """Every maker's scorecard over ``event_ids`` (or only ``maker``'s, refused if it has nothing there)."""
    ids = list(dict.fromkeys(event_ids))
    currency_of(connection, ids)
    rows = ScorecardRows(events=_spans(connection, ids))
    sold = select(
        report_sale_lines.c.event_id,
        report_sale_lines.c.maker,
        report_sale_lines.c.sku,
        func.sum(report_sale_lines.c.quantity),
        func.sum(report_sale_lines.c.total),
    ).where(report_sale_lines.c.event_id.in_(ids))
    returned = select(
        report_return_lines.c.event_id,
        report_return_lines.c.maker,
        report_return_lines.c.sku,
        func.sum(report_return_lines.c.quantity),
        func.sum(report_return_lines.c.refund),
    ).where(report_return_lines.c.event_id.in_(ids))
    reasons = select(
        report_return_lines.c.event_id,
        report_return_lines.c.maker,
        report_return_lines.c.reason,
        func.count(report_return_lines.c.record_id.distinct()),
        func.sum(report_return_lines.c.quantity),
    ).where(report_return_lines.c.event_id.in_(ids))
    if maker is not None:
        sold = sold.where(report_sale_lines.c.maker == maker)
        returned = returned.where(report_return_lines.c.maker == maker)
        reasons = reasons.where(report_return_lines.c.maker == maker)
    catalog = connection.execute(select(products.c.sku, products.c.maker, products.c.name, products.c.variant))
    maker_of: dict[str, str] = {}
    names: dict[str, str] = {}
    for sku, product_maker, name, variant in catalog:
        maker_of[str(sku)] = str(product_maker)
        names[str(sku)] = f"{name} {variant}".strip()
    line = report_sale_lines.c
    back = report_return_lines.c
    # Names from the catalog (the hub sells only its SKUs): reading the lines' own names costs a fifth more.
    rows.sold = [
        (str(e), str(m), str(s), names.get(str(s), str(s)), int(u), int(r))
        for e, m, s, u, r in connection.execute(sold.group_by(line.event_id, line.maker, line.sku))
        if not is_gift_card_sku(str(s))
    ]
    rows.returned = [
        (str(e), str(m), str(s), int(u), int(r))
        for e, m, s, u, r in connection.execute(returned.group_by(back.event_id, back.maker, back.sku))
    ]
    rows.reasons = [
        (str(e), str(m), str(r), int(c), int(u))
        for e, m, r, c, u in connection.execute(reasons.group_by(back.event_id, back.maker, back.reason))
    ]
    for _event, sold_by, sku, _name, _units, _revenue in rows.sold:
        maker_of.setdefault(sku, sold_by)
    rows.maker_of, rows.names = maker_of, names
    rows.placed = {event_id: placed_units(connection, event_id) for event_id in ids}
    rows.delivered_at = _first_deliveries(connection, ids)
    _sell_outs(connection, ids, rows, None if maker is None else {s for s, m in maker_of.items() if m == maker})
    found = scorecards(rows)
    if maker is None:
        return found
    if maker not in found:
        raise HubError(f"No sales, deliveries or demand of a maker called {maker} at these events: check the name.")
    return {maker: found[maker]}


def _spans(connection: Connection, ids: Sequence[str]) -> list[EventSpan]:
    names = {
        str(row.id): str(row.name)
        for row in connection.execute(select(events.c.id, events.c.name).where(events.c.id.in_(ids)))
    }
    spans = {
        str(row[0]): (row[1], row[2])
        for row in connection.execute(
            select(report_sales.c.event_id, func.min(report_sales.c.first_at), func.max(report_sales.c.last_at))
            .where(report_sales.c.event_id.in_(ids))
            .group_by(report_sales.c.event_id)
        )
    }
    return [EventSpan(event_id, names[event_id], *spans.get(event_id, (None, None))) for event_id in ids]


def _pushed(connection: Connection, ids: Sequence[str], record_type: str) -> list[tuple[str, str]]:
    """(event id, payload) of the events' admitted records of one type, in the order each till sent them."""
    return [
        (str(event_id), str(payload))
        for event_id, payload in connection.execute(
            select(tills.c.event_id, inbox.c.payload)
            .select_from(tills.join(inbox, inbox.c.till_id == tills.c.id))
            .where(tills.c.event_id.in_(ids), inbox.c.type == record_type, inbox.c.status != AnswerStatus.REJECTED)
            .order_by(inbox.c.till_id, inbox.c.till_seq)
        )
    ]


def _first_deliveries(connection: Connection, ids: Sequence[str]) -> dict[tuple[str, str], str]:
    """When each product was first received at each event (the ``at`` of its first receive)."""
    first: dict[tuple[str, str], str] = {}
    for event_id, payload in _pushed(connection, ids, RecordType.STOCK_MOVED.value):
        data = json.loads(payload)
        if data.get("kind") != "receive":
            continue
        for sku, _quantity in data["deltas"]:
            before = first.get((event_id, sku))
            if before is None or datetime.fromisoformat(data["at"]) < datetime.fromisoformat(before):
                first[(event_id, sku)] = str(data["at"])
    return first


def _sell_outs(connection: Connection, ids: Sequence[str], rows: ScorecardRows, skus: set[str] | None) -> None:
    """The sell-out moments of the products at or below zero now, and the demand per product after them."""
    level = func.sum(stock_movements.c.quantity)
    query = (
        select(stock_movements.c.event_id, stock_movements.c.sku)
        .where(stock_movements.c.event_id.in_(ids))
        .group_by(stock_movements.c.event_id, stock_movements.c.sku)
        .having(level <= 0)
    )
    if skus is not None:
        query = query.where(stock_movements.c.sku.in_(sorted(skus)))
    wanted: dict[str, set[str]] = {event_id: set() for event_id in ids}
    for event_id, sku in connection.execute(query):
        wanted[str(event_id)].add(str(sku))
    entries: dict[str, list[DemandEntry]] = {event_id: [] for event_id in ids}
    demanded = connection.execute(
        select(
            demand_entries.c.event_id,
            demand_entries.c.sku,
            demand_entries.c.product_name,
            demand_entries.c.item,
            demand_entries.c.quantity,
            demand_entries.c.recorded_at,
        )
        .where(demand_entries.c.event_id.in_(ids))
        .order_by(demand_entries.c.recorded_at, demand_entries.c.id)
    )
    for event_id, sku, product_name, item, quantity, recorded_at in demanded:
        if skus is not None and sku not in skus:
            continue
        entries[str(event_id)].append(DemandEntry(sku, product_name or sku or item, quantity, recorded_at))
        if sku is not None:
            wanted[str(event_id)].add(str(sku))
    sold_out: dict[tuple[str, str], str] = {}
    demand = {}
    for event_id in ids:
        times = _sold_out_times(connection, event_id, wanted[event_id])
        sold_out.update({(event_id, sku): at for sku, at in times.items()})
        demand[event_id] = demand_by_product(entries[event_id], times)
    rows.sold_out_at, rows.demand = sold_out, demand


def _sold_out_times(connection: Connection, event_id: str, skus: set[str]) -> dict[str, str]:
    """When each SKU sold out, as demand.py's ``sold_out_times`` dates it, parsing only the one record per SKU
    whose movement took the level to zero: the levels are replayed from the index alone, each movement
    named by its id, and only the deciding movements are timed (a sale by its ``created_at``)."""
    if not skus:
        return {}
    # (sku, quantity, id): the id stands for the time in the replay, and sorts the movements as booked.
    movements: list[Any] = []
    wanted = sorted(skus)
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        statement = _MOVEMENTS.format(", ".join(["?"] * len(chunk)))
        if connection.dialect.paramstyle != "qmark":
            statement = statement.replace("?", "%s")
        movements += connection.exec_driver_sql(statement, (event_id, *chunk)).all()
    movements.sort(key=lambda movement: int(movement[2]))
    deciding = sold_out_from_movements(movements)
    if not deciding:
        return {}
    # The movement's id stood for its time: the deciding movements alone are timed.
    timed = connection.execute(
        select(stock_movements.c.id, inbox.c.type, inbox.c.payload, inbox.c.received_at)
        .select_from(stock_movements.outerjoin(inbox, inbox.c.event_id == stock_movements.c.source))
        .where(stock_movements.c.id.in_(list(deciding.values())))
    )
    at = {row.id: movement_time(row) for row in timed}
    return {sku: found for sku, movement_id in deciding.items() if (found := at.get(movement_id)) is not None}
