"""What the counter may still sell of each SKU: on hand less what paid pickup orders still have to collect.

Reservations are movements like stock itself (the ``stock_reservations`` table):
a pickup order's line reserves its quantity when the order is created; a
handoff releases what it hands over (on hand falls by as much, so available
stays), and a cancellation, a no-show's included, releases what is left. The
tills are fed ``available`` as the level; docs/stock_view.md tells the whole rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select, text

from sync.hub.store.feed import publish_many
from sync.hub.store.schema import stock_levels, stock_reservations
from sync.hub.store.stock_levels import on_hand_levels
from sync.hub.store.webhook_outbox import Happened, enqueue_stock, stock_crossings

# Bound values per statement, well under SQLite's and PostgreSQL's limits.
_CHUNK = 500
# (order id, line id) of a pickup order's line.
LineKey = tuple[str, str]


@dataclass(frozen=True, slots=True)
class StockFigures:
    on_hand: int
    reserved: int

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


def level_change(figures: StockFigures) -> str:
    """The data of a ``stock_level`` change: the level a till sells from is what is available."""
    return level_data(figures.on_hand, figures.reserved)


def level_data(on_hand: int, reserved: int) -> str:
    """``level_change`` of these figures, without a StockFigures made for each SKU of a push."""
    return f'{{"level": {on_hand - reserved}, "on_hand": {on_hand}, "reserved": {reserved}}}'


def _chunks(values: Iterable[Any]) -> list[list[Any]]:
    ordered = list(values)
    return [ordered[start : start + _CHUNK] for start in range(0, len(ordered), _CHUNK)]


def reserved_levels(connection: Connection, event_id: str, skus: Iterable[str]) -> dict[str, int]:
    """What open pickup orders of the event still hold of each SKU (0 when nothing).

    Through the driver, as a push reads its levels (stock_levels.py): a push asks for hundreds of SKUs, and SQLAlchemy's
    work on each bound value would cost more than the database's.
    """
    wanted = sorted(set(skus))
    reserved = dict.fromkeys(wanted, 0)
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    for chunk in _chunks(wanted):
        statement = (
            f"SELECT sku, sum(quantity) FROM stock_reservations WHERE event_id = {mark}"
            f" AND sku IN ({', '.join([mark] * len(chunk))}) GROUP BY sku"
        )
        reserved.update(
            (sku, int(quantity)) for sku, quantity in connection.exec_driver_sql(statement, (event_id, *chunk))
        )
    return reserved


def stock_figures(connection: Connection, event_id: str, skus: Iterable[str] | None = None) -> dict[str, StockFigures]:
    """On hand and reserved of ``skus`` (every SKU the event has stock or reservations of when None)."""
    if skus is None:
        known = select(stock_levels.c.sku).where(stock_levels.c.event_id == event_id)
        held = select(stock_reservations.c.sku).where(stock_reservations.c.event_id == event_id).distinct()
        skus = set(connection.scalars(known)) | set(connection.scalars(held))
    wanted = sorted(set(skus))
    # The running sums of the movements (stock_levels.py): as quick at the end of an event as at its start.
    on_hand = on_hand_levels(connection, event_id, wanted)
    reserved = reserved_levels(connection, event_id, wanted)
    return {sku: StockFigures(on_hand[sku], reserved[sku]) for sku in wanted}


def lock_skus(connection: Connection, event_id: str, skus: Iterable[str]) -> None:
    """On PostgreSQL, the locks a push takes on the SKUs it moves (push.py), in the same sorted order, so
    that a level published here and one published by a push are computed one after the other."""
    if connection.dialect.name == "postgresql":
        keys = [f"{event_id}/{sku}" for sku in sorted(set(skus))]
        if keys:
            # One statement, not one a SKU (a push moves hundreds): unnest scans the array in its order, so the
            # locks are taken in the sorted order, one after the other, and two pushes never wait in a cycle.
            connection.execute(
                text("SELECT pg_advisory_xact_lock(hashtext(key)) FROM unnest(CAST(:keys AS text[])) AS locked(key)"),
                {"keys": keys},
            )


def publish_levels(connection: Connection, event_id: str, skus: Iterable[str], moved: Mapping[str, int]) -> None:
    """Feed the tills the levels of ``skus`` as they are now in this transaction; ``moved`` is how much the
    change moved each one's available level, for the stock webhooks (webhook_outbox.py)."""
    figures = stock_figures(connection, event_id, skus)
    publish_many(connection, event_id, [("stock_level", sku, level_change(each)) for sku, each in figures.items()])
    enqueue_stock(
        connection,
        event_id,
        {sku: each.available - moved.get(sku, 0) for sku, each in figures.items()},
        {sku: (each.on_hand, each.reserved) for sku, each in figures.items()},
    )


def reserve_order(connection: Connection, event_id: str, order_id: str, lines: Sequence[dict[str, Any]]) -> None:
    """Hold every line of a new paid pickup order; publish the SKUs' levels after it."""
    if not lines:
        return
    skus = {str(line["sku"]) for line in lines}
    lock_skus(connection, event_id, skus)
    connection.execute(
        stock_reservations.insert(),
        [
            {
                "event_id": event_id,
                "sku": line["sku"],
                "order_id": order_id,
                "line_id": line["line_id"],
                "quantity": int(line["quantity"]),
                "source": "created",
            }
            for line in lines
        ],
    )
    taken: dict[str, int] = {}
    for line in lines:
        taken[str(line["sku"])] = taken.get(str(line["sku"]), 0) - int(line["quantity"])
    publish_levels(connection, event_id, skus, taken)


def outstanding(connection: Connection, keys: Iterable[LineKey]) -> dict[LineKey, int]:
    """What each order line still holds (0 for a line that holds nothing)."""
    wanted = sorted(set(keys))
    held = dict.fromkeys(wanted, 0)
    for chunk in _chunks({order_id for order_id, _line in wanted}):
        for row in connection.execute(
            select(
                stock_reservations.c.order_id,
                stock_reservations.c.line_id,
                func.sum(stock_reservations.c.quantity).label("quantity"),
            )
            .where(stock_reservations.c.order_id.in_(chunk))
            .group_by(stock_reservations.c.order_id, stock_reservations.c.line_id)
        ):
            key = (row.order_id, row.line_id)
            if key in held:
                held[key] = int(row.quantity)
    return held


def release_order(connection: Connection, event_id: str, order_id: str) -> None:
    """Give back what a cancelled order still held (a no-show's whole order, or the rest of a partial
    handoff); publish the SKUs' levels after it."""
    rows = connection.execute(
        select(
            stock_reservations.c.sku,
            stock_reservations.c.line_id,
            func.sum(stock_reservations.c.quantity).label("quantity"),
        )
        .where(stock_reservations.c.order_id == order_id)
        .group_by(stock_reservations.c.sku, stock_reservations.c.line_id)
    ).all()
    held = [row for row in rows if row.quantity > 0]
    if not held:
        return
    lock_skus(connection, event_id, {row.sku for row in held})
    connection.execute(
        stock_reservations.insert(),
        [
            {
                "event_id": event_id,
                "sku": row.sku,
                "order_id": order_id,
                "line_id": row.line_id,
                "quantity": -int(row.quantity),
                "source": "cancelled",
            }
            for row in held
        ],
    )
    given_back: dict[str, int] = {}
    for row in held:
        given_back[row.sku] = given_back.get(row.sku, 0) + int(row.quantity)
    publish_levels(connection, event_id, given_back, given_back)


class BatchLevels:
    """A push's running levels: each record's movements in till order, and what handoffs release.

    A sale that takes a SKU's available level below zero is an oversell (the
    push raises its conflict); a handoff takes its units from its own
    reservation first, so it oversells only what it hands over beyond it.
    """

    def __init__(self, on_hand: dict[str, int], reserved: dict[str, int], held: dict[LineKey, int]) -> None:
        self.on_hand = on_hand
        self.reserved = reserved
        self._held = held
        self._released: list[tuple[str, str, str, int]] = []
        self._available_before = {sku: on_hand[sku] - reserved[sku] for sku in on_hand}

    @classmethod
    def load(
        cls,
        connection: Connection,
        event_id: str,
        on_hand: dict[str, int],
        handoffs: Iterable[list[dict[str, Any]]],
    ) -> BatchLevels:
        keys = [(line["order_id"], line["line_id"]) for lines in handoffs for line in lines]
        return cls(
            on_hand, reserved_levels(connection, event_id, on_hand), outstanding(connection, keys) if keys else {}
        )

    def apply(self, movements: Iterable[tuple[str, int]], handed: list[dict[str, Any]] | None) -> list[str]:
        """Apply one record's movements (``handed``: its handoff lines, in the same order); the SKUs it oversold."""
        oversold: list[str] = []
        lines = handed or []
        for index, (sku, quantity) in enumerate(movements):
            line = lines[index] if index < len(lines) else None
            self.on_hand[sku] += quantity
            beyond = -quantity
            if line is not None and quantity < 0:
                key = (line["order_id"], line["line_id"])
                release = min(-quantity, max(self._held.get(key, 0), 0))
                if release:
                    self._held[key] -= release
                    self.reserved[sku] -= release
                    self._released.append((sku, key[0], key[1], release))
                beyond = -quantity - release
            if beyond > 0 and self.available(sku) < 0:
                oversold.append(sku)
        return oversold

    def available(self, sku: str) -> int:
        return self.on_hand[sku] - self.reserved[sku]

    def details(self, sku: str) -> dict[str, int]:
        """The conflict's figures: ``level`` stays what it always meant, the units on hand."""
        return {"level": self.on_hand[sku], "reserved": self.reserved[sku], "available": self.available(sku)}

    def oversold_reason(self, skus: list[str]) -> str:
        """The answer's words; where pickup orders hold units, it says so."""
        named = [
            f"{sku} ({self.reserved[sku]} reserved for pickup orders)" if self.reserved[sku] > 0 else sku
            for sku in skus
        ]
        return "recorded; stock went below zero for " + ", ".join(named)

    def crossings(self) -> list[Happened]:
        """The batch's stock.low and stock.sold_out webhooks: the SKUs its movements took past either line."""
        return stock_crossings(
            self._available_before, {sku: (self.on_hand[sku], self.reserved[sku]) for sku in self.on_hand}
        )

    def write(self, connection: Connection, event_id: str) -> None:
        """The releases of the batch's handoffs, and the levels of its SKUs for the tills."""
        if self._released:
            connection.execute(
                stock_reservations.insert(),
                [
                    {
                        "event_id": event_id,
                        "sku": sku,
                        "order_id": order_id,
                        "line_id": line_id,
                        "quantity": -quantity,
                        "source": "handed_over",
                    }
                    for sku, order_id, line_id, quantity in self._released
                ],
            )
        on_hand, reserved = self.on_hand, self.reserved
        publish_many(
            connection,
            event_id,
            [("stock_level", sku, level_data(on_hand[sku], reserved[sku])) for sku in sorted(on_hand)],
        )
