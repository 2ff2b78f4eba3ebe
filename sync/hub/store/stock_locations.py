"""Where the event's units are, per location, beside the sellable level the counter sees.

``stock_movements`` is the event's sellable level (its running sums, stock_levels.py, feed it
to the tills): the stall and the tills count, the quality hold does not, and
what went back to the maker or was written off has left the event. So a
stock.moved record moves that level only when it crosses that line: stall to
quality hold is -q, back is +q, stall to till:B is nothing, stall to maker is -q.

Every stock.moved record also lands here as signed quantities per location
(a transfer as -q where it left and +q where it went), so that the hub can say
where each unit is (``popup-hub stock locations``). Items a return put on the
quality hold or wrote off are read from the returns in the inbox. A sale or a
handoff does not say which shelf it came from: the stall's units are what is
sellable less what the other sellable places hold, so the stall's own units are
never kept here (a delivery to the stall, the most frequent record, writes no
row; rows a hub kept for the stall before are not read either).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from sync.custom_lines import is_custom_sku
from sync.hub.store.enrollment import require_event
from sync.hub.store.schema import inbox, stock_levels, stock_locations, tills
from sync.protocol import AnswerStatus
from sync.records import RecordType
from sync.records.locations import QUALITY_HOLD, STALL, WRITTEN_OFF, is_sellable

# (location, sku, signed quantity)
Placed = tuple[str, str, int]


def fold(payload: Mapping[str, Any]) -> tuple[list[tuple[str, int]], list[Placed]]:
    """A stock.moved payload (already through its contract) as sellable movements and units per location
    (the stall's left out: by_location derives them)."""
    source: str = payload["location"]
    target: str | None = payload.get("to_location")
    deltas = [(str(sku), int(quantity)) for sku, quantity in payload["deltas"]]
    if target is None:
        # A receive, count, write-off, or a transfer of the older shape: signed units at one place.
        sellable = deltas if is_sellable(source) else []
        return sellable, [] if source == STALL else [(source, sku, quantity) for sku, quantity in deltas]
    crossing = int(is_sellable(target)) - int(is_sellable(source))
    placed = [] if source == STALL else [(source, sku, -quantity) for sku, quantity in deltas]
    if target != STALL:
        placed += [(target, sku, quantity) for sku, quantity in deltas]
    return [(sku, crossing * quantity) for sku, quantity in deltas if crossing], placed


@dataclass(frozen=True, slots=True)
class LocatedStock:
    sku: str
    sellable: int
    # Location -> units there; the stall always, the other places where units went.
    places: dict[str, int] = field(default_factory=dict)


def by_location(connection: Connection, event_id: str, skus: Sequence[str] = ()) -> list[LocatedStock]:
    """Each product with stock or movements at the event: its sellable level and its units per location."""
    require_event(connection, event_id)
    # The running sums of the movements (stock_levels.py), not the movements summed again.
    levels_query = select(stock_levels.c.sku, stock_levels.c.on_hand).where(stock_levels.c.event_id == event_id)
    placed_query = (
        select(stock_locations.c.sku, stock_locations.c.location, func.sum(stock_locations.c.quantity))
        .where(stock_locations.c.event_id == event_id)
        .group_by(stock_locations.c.sku, stock_locations.c.location)
    )
    if skus:
        levels_query = levels_query.where(stock_levels.c.sku.in_(skus))
        placed_query = placed_query.where(stock_locations.c.sku.in_(skus))
    levels = {sku: int(level) for sku, level in connection.execute(levels_query)}
    places: dict[str, dict[str, int]] = {}
    for sku, location, quantity in connection.execute(placed_query):
        places.setdefault(sku, {})[location] = int(quantity)
    for (sku, location), quantity in _set_apart_by_returns(connection, event_id).items():
        if not skus or sku in skus:
            at_sku = places.setdefault(sku, {})
            at_sku[location] = at_sku.get(location, 0) + quantity
    located = []
    for sku in sorted(set(levels) | set(places)):
        here = {location: units for location, units in places.get(sku, {}).items() if location != STALL}
        elsewhere_sellable = sum(units for location, units in here.items() if is_sellable(location))
        sellable = levels.get(sku, 0)
        located.append(LocatedStock(sku, sellable, {STALL: sellable - elsewhere_sellable, **here}))
    return located


# A return's disposition -> where the item went (a restocked one is back in the sellable level).
_RETURNED_TO = {"quality_hold": QUALITY_HOLD, "write_off": WRITTEN_OFF}


def _set_apart_by_returns(connection: Connection, event_id: str) -> dict[tuple[str, str], int]:
    """Units the event's returns put on the quality hold or wrote off, per (sku, location).

    Read from the returns kept in the inbox (rare records), so that the listing
    shows them beside what the tills moved there by transfer.
    """
    returns = (
        select(inbox.c.payload)
        .select_from(inbox.join(tills, tills.c.id == inbox.c.till_id))
        .where(
            tills.c.event_id == event_id,
            inbox.c.type == RecordType.RETURN_RECORDED,
            inbox.c.status != AnswerStatus.REJECTED,
        )
    )
    set_apart: dict[tuple[str, str], int] = {}
    for payload in connection.scalars(returns):
        for line in json.loads(payload)["lines"]:
            location = _RETURNED_TO.get(line["disposition"])
            if location is not None and not is_custom_sku(line["sku"]):
                key = (line["sku"], location)
                set_apart[key] = set_apart.get(key, 0) + int(line["quantity"])
    return set_apart
