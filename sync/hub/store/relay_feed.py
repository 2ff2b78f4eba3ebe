"""The upstream's feed taken in at a venue hub (docs/relay.md): copied into the venue's own feed for its tills,
and applied where the venue must judge its tills' records as the upstream would.

A venue hub answers its tills' pushes alone, often with the upstream away, so it keeps its own copy of what
those answers depend on: the catalog (a sale of an unknown SKU is refused), the pickup orders with their
cancellations and the units they hold (a handoff at a venue desk names one), and the stock the upstream has
(a sale below zero is a conflict). The upstream is a border like any other: each entry is checked against
its contract first, and one that breaks it is logged and left out, never retried forever.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from sqlalchemy import Connection, select

from sync.hub.store.availability import lock_skus, publish_levels, release_order, reserve_order, stock_figures
from sync.hub.store.feed import publish_many
from sync.hub.store.relay_link import acknowledged_marks
from sync.hub.store.schema import (
    inbox,
    now,
    pickup_handoffs,
    pickup_orders,
    products,
    relay_link,
    stock_movements,
    tills,
)
from sync.hub.store.stock_levels import add_movements
from sync.protocol import AnswerStatus, ChangesPage
from sync.records import ContractError, PickupOrderChanged, ProductChanged, RecordType, StockLevelChanged, parse_change

log = logging.getLogger(__name__)

# The answer to a handoff of an order the venue has not pulled yet: the upstream, which knows every order,
# judges it when it is forwarded; the venue records it once the order comes down.
HANDED_OVER_UNSEEN = "order not known at the venue hub yet: sent on to the marketplace's hub, which checks it"
UPSTREAM = "upstream"  # the source of the stock movements that bring the venue to the upstream's level


def relays(connection: Connection) -> bool:
    """Whether this hub is a venue hub relaying to an upstream."""
    return connection.execute(select(relay_link.c.id)).first() is not None


def take_page(connection: Connection, event_id: str, page: ChangesPage) -> None:
    """An upstream feed page taken in and the upstream cursor moved, in one transaction."""
    if page.resync:
        connection.execute(relay_link.update().values(feed_cursor=""))
        return
    copied: list[tuple[str, str, str]] = []
    levels: dict[str, StockLevelChanged] = {}
    for change in page.changes:
        try:
            parsed = parse_change(change.kind, change.key, change.data)
        except ContractError as error:
            log.warning("relay: an upstream feed entry is left out (%s)", error)
            continue
        if isinstance(parsed, StockLevelChanged):
            levels[change.key] = parsed  # the venue feeds its own level of the SKU instead (_take_levels)
            continue
        if isinstance(parsed, ProductChanged):
            _take_product(connection, parsed)
        elif isinstance(parsed, PickupOrderChanged) and not _take_order(connection, event_id, change.key, parsed):
            continue
        copied.append((change.kind, change.key, json.dumps(change.data)))
    if copied:
        publish_many(connection, event_id, copied)
    if levels:
        _take_levels(connection, event_id, levels)
    connection.execute(relay_link.update().values(feed_cursor=page.next_cursor))


def _take_product(connection: Connection, product: ProductChanged) -> None:
    connection.execute(products.delete().where(products.c.sku == product.sku))
    connection.execute(products.insert().values(**product.model_dump()))


def _take_order(connection: Connection, event_id: str, order_id: str, order: PickupOrderChanged) -> bool:
    """The venue's copy of an upstream order: new ones hold their units here too, a cancellation gives them
    back. False when the entry cannot be taken (its number is another order's here)."""
    lines = [line.model_dump() for line in order.lines]
    values = {
        "number": order.number,
        "customer_name": order.customer_name,
        "notes": order.notes,
        "lines": json.dumps(lines),
        "member_order_ids": json.dumps(order.member_order_ids),
    }
    clash = connection.scalar(
        select(pickup_orders.c.id).where(
            pickup_orders.c.event_id == event_id, pickup_orders.c.number == order.number, pickup_orders.c.id != order_id
        )
    )
    if clash is not None:
        log.warning(
            "relay: upstream order %s is left out: its number %s is another order's here", order_id, order.number
        )
        return False
    known = connection.execute(select(pickup_orders.c.cancelled_at).where(pickup_orders.c.id == order_id)).first()
    if known is None:
        connection.execute(
            pickup_orders.insert().values(
                id=order_id,
                event_id=event_id,
                # Only the upstream signs codes, so only it needs the expiry (pickups.py pickup_code).
                expires_at="",
                created_at=now(),
                cancelled_at=now() if order.cancelled else None,
                **values,
            )
        )
        if not order.cancelled:
            reserve_order(connection, event_id, order_id, _still_held(connection, order_id, lines))
        return True
    connection.execute(pickup_orders.update().where(pickup_orders.c.id == order_id).values(**values))
    if order.cancelled and known.cancelled_at is None:
        release_order(connection, event_id, order_id)
        connection.execute(pickup_orders.update().where(pickup_orders.c.id == order_id).values(cancelled_at=now()))
    return True


def _still_held(connection: Connection, order_id: str, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The order's lines less what venue desks handed over before the order came down (answered
    ``HANDED_OVER_UNSEEN``): those handoffs are recorded here now, so a second one is caught."""
    handed: dict[str, int] = {}
    rows = connection.execute(
        select(inbox.c.event_id, inbox.c.till_id, inbox.c.payload).where(
            inbox.c.type == RecordType.PICKUP_HANDED_OFF.value, inbox.c.reason == HANDED_OVER_UNSEEN
        )
    )
    for row in rows:
        payload = json.loads(row.payload)
        whole = payload.get("whole_order") and payload.get("order_id") == order_id
        given = lines if whole else [line for line in payload.get("lines", []) if line.get("order_id") == order_id]
        code = connection.scalar(select(tills.c.code).where(tills.c.id == row.till_id))
        for line in given:
            handed[line["line_id"]] = handed.get(line["line_id"], 0) + int(line["quantity"])
            connection.execute(
                pickup_handoffs.insert().values(
                    record_id=row.event_id,
                    order_id=order_id,
                    line_id=line["line_id"],
                    quantity=int(line["quantity"]),
                    till_id=row.till_id,
                    till_code=code,
                    staff_name=str(payload.get("staff_name", "")),
                    at=str(payload.get("at") or now()),
                )
            )
    return [
        {**line, "quantity": line["quantity"] - handed.get(line["line_id"], 0)}
        for line in lines
        if line["quantity"] > handed.get(line["line_id"], 0)
    ]


def _take_levels(connection: Connection, event_id: str, levels: dict[str, StockLevelChanged]) -> None:
    """Bring the venue's stock on hand to the upstream's, plus what the venue's tills moved that the upstream
    has not acknowledged yet; then feed the venue's own levels (its reservations included) to its tills."""
    skus = sorted(levels)
    lock_skus(connection, event_id, skus)
    waiting = _unforwarded_movements(connection, event_id, skus)
    current = stock_figures(connection, event_id, skus)
    moved: dict[str, int] = {}
    for sku in skus:
        upstream = levels[sku]
        on_hand = upstream.on_hand if upstream.on_hand is not None else upstream.level
        change = on_hand + waiting.get(sku, 0) - current[sku].on_hand
        if change:
            moved[sku] = change
    if moved:
        connection.execute(
            stock_movements.insert(),
            [
                {"event_id": event_id, "sku": sku, "quantity": change, "source": UPSTREAM}
                for sku, change in moved.items()
            ],
        )
        add_movements(connection, event_id, moved.items())
    publish_levels(connection, event_id, skus, moved)


def _unforwarded_movements(connection: Connection, event_id: str, skus: list[str]) -> dict[str, int]:
    """Per SKU, the stock the venue's tills moved in records the upstream has not acknowledged."""
    marks = acknowledged_marks(connection)
    rows = connection.execute(
        select(stock_movements.c.sku, stock_movements.c.quantity, inbox.c.till_id, inbox.c.till_seq)
        .select_from(stock_movements.join(inbox, inbox.c.event_id == stock_movements.c.source))
        .where(stock_movements.c.event_id == event_id, stock_movements.c.sku.in_(skus))
    )
    waiting: dict[str, int] = {}
    for row in rows:
        if row.till_seq > marks.get(row.till_id, 0):
            waiting[row.sku] = waiting.get(row.sku, 0) + int(row.quantity)
    return waiting


def unseen_answer(connection: Connection) -> tuple[AnswerStatus, str] | None:
    """How a venue hub answers a handoff of an order it has not pulled yet; None on a hub that is no relay."""
    return (AnswerStatus.APPLIED, HANDED_OVER_UNSEEN) if relays(connection) else None
