"""Drops on the hub: set them, move allocation between online and the counter, and count the tills' sales.

A drop's whole state is fed to the event's tills as a ``drop`` change (sync/records/drops.py)
each time it changes: when set, when allocation moves, and when a push brings sales of it, so
every till learns what the others sold. A sale that takes the counter beyond its allocation is
kept (the goods have left the table) and flagged once per drop as ``drop_counter_oversold``;
a customer beyond the per-customer cap across tills is flagged once per drop and customer as
``drop_customer_over_cap`` (docs/drops.md).
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, func, select, text

from sync.drop_figures import DropFigures, sold_out_after
from sync.hub.store.conflict_log import Answer, conflict, raise_new
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import HubError
from sync.hub.store.event_settings import require_event
from sync.hub.store.feed import publish
from sync.hub.store.relay_feed import relays
from sync.hub.store.schema import (
    conflicts,
    drop_log,
    drop_returns,
    drop_sales,
    drops,
    event_customer_salts,
    now,
    products,
)
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ChangeKind, DropChanged, DropSold

OVERSOLD = "drop_counter_oversold"
OVER_CAP = "drop_customer_over_cap"


@dataclass(frozen=True, slots=True)
class DropTerms:
    """What a manager or the marketplace sets; the counts come from the tills."""

    name: str
    skus: tuple[str, ...]
    release_at: str
    online_allocation: int
    counter_allocation: int
    per_sale_cap: int | None = None
    per_customer_cap: int | None = None


@dataclass(frozen=True, slots=True)
class DropState:
    event_id: str
    change: DropChanged

    @property
    def counter_sold(self) -> int:
        return sum(self.change.counter_sold.values())


def _salt(connection: Connection, event_id: str) -> str:
    salt = connection.scalar(select(event_customer_salts.c.salt).where(event_customer_salts.c.event_id == event_id))
    if salt is None:
        salt = secrets.token_hex(32)
        connection.execute(event_customer_salts.insert().values(event_id=event_id, salt=salt))
    return str(salt)


def _sold_per_till(connection: Connection, drop_id: str) -> dict[str, int]:
    """Units sold at the counter per till, less those of its sales restocked at a returns desk (never below 0)."""
    rows = connection.execute(
        select(drop_sales.c.till_code, func.sum(drop_sales.c.units))
        .where(drop_sales.c.drop_id == drop_id)
        .group_by(drop_sales.c.till_code)
    )
    sold = {str(code): int(units) for code, units in rows}
    # A returned unit comes off the count of the till that sold it, wherever it was returned.
    returned = connection.execute(
        select(drop_sales.c.till_code, func.sum(drop_returns.c.units))
        .join(
            drop_sales,
            (drop_sales.c.drop_id == drop_returns.c.drop_id) & (drop_sales.c.sale_id == drop_returns.c.sale_id),
        )
        .where(drop_returns.c.drop_id == drop_id)
        .group_by(drop_sales.c.till_code)
    )
    for code, units in returned:
        sold[str(code)] = max(sold.get(str(code), 0) - int(units), 0)
    return sold


def _state(connection: Connection, row: Any) -> DropState:
    change = DropChanged(
        drop_id=row.drop_id,
        name=row.name,
        skus=json.loads(row.skus),
        release_at=row.release_at,
        online_allocation=row.online_allocation,
        counter_allocation=row.counter_allocation,
        per_sale_cap=row.per_sale_cap,
        per_customer_cap=row.per_customer_cap,
        customer_salt=_salt(connection, row.event_id),
        counter_sold=_sold_per_till(connection, row.drop_id),
        changed_at=row.changed_at,
    )
    return DropState(row.event_id, change)


def _publish(connection: Connection, state: DropState) -> None:
    publish(connection, state.event_id, ChangeKind.DROP.value, state.change.drop_id, state.change.to_payload())


def _checked(terms: DropTerms, drop_id: str, salt: str, changed_at: str) -> DropChanged:
    """The drop as the tills will read it: a drop they would refuse is refused here, saying why."""
    try:
        return DropChanged(
            drop_id=drop_id,
            name=terms.name,
            skus=list(terms.skus),
            release_at=terms.release_at,
            online_allocation=terms.online_allocation,
            counter_allocation=terms.counter_allocation,
            per_sale_cap=terms.per_sale_cap,
            per_customer_cap=terms.per_customer_cap,
            customer_salt=salt,
            counter_sold={},
            changed_at=changed_at,
        )
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or 'drop'}: {str(item['msg']).removeprefix('Value error, ')}"
            for item in error.errors(include_url=False)[:3]
        )
        raise HubError(f"The tills would refuse this drop: {problems}.") from None


HUB = "hub"


def _log(connection: Connection, state: DropState, changed_by: str, action: str, details: dict[str, Any]) -> None:
    connection.execute(
        drop_log.insert().values(
            event_id=state.event_id,
            drop_id=state.change.drop_id,
            at=state.change.changed_at,
            changed_by=changed_by,
            action=action,
            details=json.dumps(details, sort_keys=True),
        )
    )


def save_drop(
    connection: Connection, event_id: str, terms: DropTerms, drop_id: str | None = None, changed_by: str = HUB
) -> DropState:
    """Create a drop (``drop_id`` None) or replace one's terms; the counter's sales so far stay counted."""
    require_event(connection, event_id)
    drop_id = drop_id or str(uuid.uuid4())
    checked = _checked(terms, drop_id, _salt(connection, event_id), now())
    known = {row.sku for row in connection.execute(select(products.c.sku).where(products.c.sku.in_(checked.skus)))}
    unknown = [sku for sku in checked.skus if sku not in known]
    if unknown:
        raise HubError(f"The catalog has no product {', '.join(unknown[:5])}: import it first, or check the SKU.")
    elsewhere = _skus_in_other_drops(connection, event_id, drop_id, set(checked.skus))
    if elsewhere:
        raise HubError(
            f"{', '.join(sorted(elsewhere)[:5])} already in another drop of this event: a SKU is in one drop."
        )
    existing = connection.execute(select(drops).where(drops.c.drop_id == drop_id)).first()
    values = {
        "name": checked.name,
        "skus": json.dumps(checked.skus),
        "release_at": checked.release_at,
        "online_allocation": checked.online_allocation,
        "counter_allocation": checked.counter_allocation,
        "per_sale_cap": checked.per_sale_cap,
        "per_customer_cap": checked.per_customer_cap,
        "changed_at": checked.changed_at,
    }
    if existing is None:
        connection.execute(drops.insert().values(event_id=event_id, drop_id=drop_id, **values))
    elif existing.event_id != event_id:
        raise HubError(f"No drop {drop_id} at event {event_id}: list them with 'popup-hub drops list'.")
    else:
        connection.execute(drops.update().where(drops.c.drop_id == drop_id).values(**values))
    state = find_drop(connection, event_id, drop_id)
    _log(connection, state, changed_by, "drop.set" if existing is None else "drop.replaced", values)
    _publish(connection, state)
    return state


def _skus_in_other_drops(connection: Connection, event_id: str, drop_id: str, skus: set[str]) -> set[str]:
    taken: set[str] = set()
    for row in connection.execute(select(drops.c.skus).where(drops.c.event_id == event_id, drops.c.drop_id != drop_id)):
        taken |= set(json.loads(row.skus)) & skus
    return taken


def find_drop(connection: Connection, event_id: str, drop_id: str) -> DropState:
    row = connection.execute(select(drops).where(drops.c.drop_id == drop_id, drops.c.event_id == event_id)).first()
    if row is None:
        raise HubError(f"No drop {drop_id} at event {event_id}: list them with 'popup-hub drops list'.")
    return _state(connection, row)


def list_drops(connection: Connection, event_id: str) -> list[DropState]:
    require_event(connection, event_id)
    rows = connection.execute(select(drops).where(drops.c.event_id == event_id).order_by(drops.c.release_at))
    return [_state(connection, row) for row in rows.all()]


def move_allocation(
    connection: Connection, event_id: str, drop_id: str, to_counter: int, changed_by: str = HUB
) -> DropState:
    """Move unsold units from online to the counter (positive) or back (negative), as a manager says."""
    if to_counter == 0:
        raise HubError("Say how many units to move: a positive number to the counter, negative back online.")
    _lock(connection, event_id, drop_id)
    state = find_drop(connection, event_id, drop_id)
    change = state.change
    if to_counter > change.online_allocation:
        raise HubError(
            f"Only {change.online_allocation} unit(s) are allocated online: move at most {change.online_allocation}."
        )
    counter_left = change.counter_allocation - state.counter_sold
    if -to_counter > counter_left:
        raise HubError(
            f"Only {max(counter_left, 0)} unit(s) of the counter's allocation are unsold: "
            f"move at most {max(counter_left, 0)} back online."
        )
    connection.execute(
        drops.update()
        .where(drops.c.drop_id == drop_id)
        .values(
            online_allocation=change.online_allocation - to_counter,
            counter_allocation=change.counter_allocation + to_counter,
            changed_at=now(),
        )
    )
    moved = find_drop(connection, event_id, drop_id)
    _log(connection, moved, changed_by, "drop.moved", {"to_counter": to_counter})
    _publish(connection, moved)
    return moved


def _lock(connection: Connection, event_id: str, drop_id: str) -> None:
    if connection.dialect.name == "postgresql":
        # Two tills' pushes of one drop must see each other's sales, or an oversell would go unflagged.
        connection.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": f"drop/{event_id}/{drop_id}"})


def apply_drop_sold(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """A till's ``drop.sold``: counted once per sale; flags the counter's oversell once per drop."""
    sold = DropSold.model_validate(record.payload)
    _lock(connection, till.event_id, sold.drop_id)
    row = connection.execute(
        select(drops).where(drops.c.drop_id == sold.drop_id, drops.c.event_id == till.event_id)
    ).first()
    if row is None:
        # A venue hub copies the upstream's drops into its feed only: the upstream, which holds them, counts it.
        return unseen_drop_answer(connection) or (
            AnswerStatus.REJECTED,
            f"no drop {sold.drop_id} at this event: the till sold from a drop the hub lacks",
        )
    outside = sorted({line.sku for line in sold.lines} - set(json.loads(row.skus)))
    if outside:
        return AnswerStatus.REJECTED, f"{', '.join(outside[:5])} not in drop {row.name}: these units are no drop's"
    seen = connection.scalar(
        select(func.count()).where(drop_sales.c.drop_id == sold.drop_id, drop_sales.c.sale_id == sold.sale_id)
    )
    if seen:
        return AnswerStatus.APPLIED, "this sale's drop units were counted before"
    connection.execute(
        drop_sales.insert().values(
            event_id=till.event_id,
            drop_id=sold.drop_id,
            sale_id=sold.sale_id,
            till_code=till.code,
            units=sold.units(),
            customer=sold.customer,
            sold_at=sold.sold_at,
            record_id=record.event_id,
        )
    )
    state = _state(connection, row)
    _publish(connection, state)
    problems: list[str] = []
    raised: list[dict[str, Any]] = []
    if state.counter_sold > state.change.counter_allocation:
        over = state.counter_sold - state.change.counter_allocation
        if not _flagged(connection, OVERSOLD, sold.drop_id):
            # Once per drop: the manager sees one oversell, with the count as it stood when it happened.
            details: dict[str, Any] = {
                "allocated": state.change.counter_allocation,
                "sold": state.counter_sold,
                "over": over,
                "tills": sorted(state.change.counter_sold),
            }
            raised.append(conflict(OVERSOLD, sold.drop_id, record.event_id, till, sold.sold_at, details))
        problems.append(
            f"drop {state.change.name} is oversold at the counter: {state.counter_sold} sold of "
            f"{state.change.counter_allocation} allocated, {over} over"
        )
    cap = state.change.per_customer_cap
    if cap is not None and sold.customer is not None:
        bought = int(
            connection.scalar(
                select(func.coalesce(func.sum(drop_sales.c.units), 0)).where(
                    drop_sales.c.drop_id == sold.drop_id, drop_sales.c.customer == sold.customer
                )
            )
            or 0
        )
        subject = f"{sold.drop_id}/{sold.customer}"
        if bought > cap:
            if not _flagged(connection, OVER_CAP, subject):
                details = {"cap": cap, "bought": bought}
                raised.append(conflict(OVER_CAP, subject, record.event_id, till, sold.sold_at, details))
            problems.append(
                f"a customer has {bought} of drop {state.change.name}, beyond its cap of {cap} per customer"
            )
    if raised:
        raise_new(connection, till.event_id, raised)
    if problems:
        return AnswerStatus.CONFLICT, "recorded; " + "; ".join(problems)
    return AnswerStatus.APPLIED, None


def unseen_drop_answer(connection: Connection) -> Answer | None:
    """How a venue hub answers a sale of a drop it only relays; None on a hub that is no relay."""
    if relays(connection):
        return AnswerStatus.APPLIED, "drop held by the marketplace's hub: sent on there, which counts it"
    return None


def _flagged(connection: Connection, kind: str, subject: str) -> bool:
    return bool(connection.scalar(select(func.count()).where(conflicts.c.kind == kind, conflicts.c.subject == subject)))


def drop_figures(connection: Connection, event_id: str) -> list[DropFigures]:
    """Per drop: sold at the counter over its allocation, and release to last unit when it sold out."""
    figures = []
    for state in list_drops(connection, event_id):
        change = state.change
        sales = connection.execute(
            select(drop_sales.c.sold_at, drop_sales.c.units)
            .where(drop_sales.c.drop_id == change.drop_id)
            .order_by(drop_sales.c.sold_at)
        ).all()
        last = str(sales[-1].sold_at) if sales else None
        timeline = [(str(sale.sold_at), int(sale.units)) for sale in sales]
        sold_out = sold_out_after(change.release_at, change.counter_allocation, timeline)
        figures.append(
            DropFigures(
                drop_id=change.drop_id,
                name=change.name,
                release_at=change.release_at,
                counter_allocation=change.counter_allocation,
                online_allocation=change.online_allocation,
                counter_sold=state.counter_sold,
                last_sale_at=last,
                sold_out_after_seconds=sold_out,
            )
        )
    return figures
