"""A manager's drop from a till (``drop.set``) and drop units given back at a returns desk (``drop.returned``).

A ``drop.set`` carries the definition only: the hub keeps counting the tills'
sales and stays the one that moves allocation between online and the counter
(drops.py). Of two definitions of one drop the later ``changed_at`` (then
``change_id``) wins, under the drop's lock; an older one arriving late is kept
in the inbox and changes nothing. A moved allocation stamps the drop with the
hub's time, so a definition made before the move does not undo it.

A ``drop.returned`` counts the restocked units once per return and drop; they
come off the sold count of the till that sold them (docs/drops.md).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from sync.hub.store.conflict_log import Answer
from sync.hub.store.drops import _lock, _log, _publish, _salt, _skus_in_other_drops, _state
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.relay_feed import relays
from sync.hub.store.schema import drop_returns, drops, products
from sync.protocol import AnswerStatus, PushRecord
from sync.records import DropReturned, DropSet, parse_fact


def _later(row: Any, change: DropSet) -> bool:
    return (datetime.fromisoformat(row.changed_at), row.change_id or "") < change.order()


def _definition(change: DropSet) -> dict[str, Any]:
    return {
        "name": change.name,
        "skus": json.dumps(change.skus),
        "release_at": change.release_at,
        "online_allocation": change.online_allocation,
        "counter_allocation": change.counter_allocation,
        "per_sale_cap": change.per_sale_cap,
        "per_customer_cap": change.per_customer_cap,
        "changed_at": change.changed_at,
        "change_id": change.change_id,
    }


def keep_drop(connection: Connection, event_id: str, change: DropSet, changed_by: str) -> Answer:
    """Apply a manager's definition if it is the latest of its drop; the answer for the till."""
    _lock(connection, event_id, change.drop_id)
    row = connection.execute(select(drops).where(drops.c.drop_id == change.drop_id).with_for_update()).first()
    if row is None and relays(connection):
        # A venue hub holds no drops: the upstream it forwards the record to keeps it.
        return AnswerStatus.APPLIED, "forwarded: the upstream hub keeps drops"
    if row is not None and row.event_id != event_id:
        return AnswerStatus.REJECTED, f"the drop {change.drop_id} belongs to another event"
    if row is not None and not _later(row, change):
        return AnswerStatus.APPLIED, f"kept for the books: a later definition of drop {row.name} is in force"
    known = {r.sku for r in connection.execute(select(products.c.sku).where(products.c.sku.in_(change.skus)))}
    unknown = [sku for sku in change.skus if sku not in known]
    if unknown:
        return AnswerStatus.REJECTED, f"the catalog has no product {', '.join(unknown[:5])}"
    elsewhere = _skus_in_other_drops(connection, event_id, change.drop_id, set(change.skus))
    if elsewhere:
        return AnswerStatus.REJECTED, f"{', '.join(sorted(elsewhere)[:5])} already in another drop of this event"
    values = _definition(change)
    if row is None:
        _salt(connection, event_id)
        connection.execute(drops.insert().values(event_id=event_id, drop_id=change.drop_id, **values))
    else:
        connection.execute(drops.update().where(drops.c.drop_id == change.drop_id).values(**values))
    state = _state(connection, connection.execute(select(drops).where(drops.c.drop_id == change.drop_id)).one())
    action = "drop.set" if row is None else "drop.replaced"
    _log(connection, state, changed_by, action, {**values, "skus": change.skus})
    _publish(connection, state)
    return AnswerStatus.APPLIED, None


def apply_drop_set(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    change = parse_fact(record.type, record.schema_version, record.payload)
    if not isinstance(change, DropSet):
        raise TypeError(f"{record.type} is not a drop definition")
    return keep_drop(connection, till.event_id, change, f"till {till.code}: {change.changed_by}")


def apply_drop_returned(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """Restocked units of a drop, counted once per return; the drop is fed again with its new count."""
    returned = parse_fact(record.type, record.schema_version, record.payload)
    if not isinstance(returned, DropReturned):
        raise TypeError(f"{record.type} is not a drop return")
    _lock(connection, till.event_id, returned.drop_id)
    row = connection.execute(
        select(drops).where(drops.c.drop_id == returned.drop_id, drops.c.event_id == till.event_id)
    ).first()
    if row is None:
        if relays(connection):
            return AnswerStatus.APPLIED, "drop held by the marketplace's hub: sent on there, which counts it"
        return AnswerStatus.REJECTED, f"no drop {returned.drop_id} at this event"
    outside = sorted({line.sku for line in returned.lines} - set(json.loads(row.skus)))
    if outside:
        return AnswerStatus.REJECTED, f"{', '.join(outside[:5])} not in drop {row.name}: these units are no drop's"
    seen = connection.scalar(
        select(func.count()).where(
            drop_returns.c.drop_id == returned.drop_id, drop_returns.c.return_id == returned.return_id
        )
    )
    if seen:
        return AnswerStatus.APPLIED, "this return's drop units were counted before"
    connection.execute(
        drop_returns.insert().values(
            event_id=till.event_id,
            drop_id=returned.drop_id,
            return_id=returned.return_id,
            sale_id=returned.sale_id,
            till_code=till.code,
            units=returned.units(),
            returned_at=returned.returned_at,
            record_id=record.event_id,
        )
    )
    _publish(connection, _state(connection, row))
    return AnswerStatus.APPLIED, None
