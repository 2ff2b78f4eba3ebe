"""Micro-drops at the counter: is the drop open, what is left of the counter's allocation, the caps.

Plain rules on plain values; the service (app/services/drops.py) reads the
drop as the hub fed it and what this till sold, and asks these. Each refusal
says what happened and what to do, in the event's time zone (docs/drops.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain.errors import RuleViolation
from app.domain.texts import _


@dataclass(frozen=True, slots=True)
class Drop:
    drop_id: str
    name: str
    skus: frozenset[str]
    release_at: datetime
    online_allocation: int
    counter_allocation: int
    per_sale_cap: int | None
    per_customer_cap: int | None

    def is_open_at(self, moment: datetime) -> bool:
        """Open from the release moment on (included): 14:00:00 sells, 13:59:59 does not."""
        return moment >= self.release_at


def counter_left(drop: Drop, sold_here: int, sold_elsewhere: Mapping[str, int]) -> int:
    """What the counter may still sell event-wide as this till knows it: never below zero."""
    return max(drop.counter_allocation - sold_here - sum(sold_elsewhere.values()), 0)


def units_in(drop: Drop, lines: Iterable[tuple[str, int]]) -> int:
    """How many units of ``drop`` the (sku, quantity) lines hold."""
    return sum(quantity for sku, quantity in lines if sku in drop.skus)


def not_open_yet(drop: Drop, moment: datetime, opens_at_text: str) -> str | None:
    """The refusal before the release ("Drop Mugs opens at 14:00"), or None once it is open."""
    if drop.is_open_at(moment):
        return None
    return _("Drop {name} opens at {time}").format(name=drop.name, time=opens_at_text)


def check_per_sale(drop: Drop, units: int) -> None:
    if drop.per_sale_cap is not None and units > drop.per_sale_cap:
        raise RuleViolation(
            _("At most {cap} per sale of drop {name}: lower the quantity to {cap}.").format(
                cap=drop.per_sale_cap, name=drop.name
            )
        )


def check_counter_left(drop: Drop, units: int, left: int) -> None:
    if units > left:
        if left <= 0:
            raise RuleViolation(
                _("Drop {name} is sold out at the counter: take the item off the sale.").format(name=drop.name)
            )
        raise RuleViolation(
            _("Only {left} left of drop {name} at the counter: lower the quantity to {left}.").format(
                left=left, name=drop.name
            )
        )


def check_per_customer(drop: Drop, units: int, bought_before: int) -> None:
    """The customer's earlier units of this drop (on this till) plus these must stay within the cap."""
    cap = drop.per_customer_cap
    if cap is None or bought_before + units <= cap:
        return
    if bought_before >= cap:
        raise RuleViolation(
            _("This customer already has {bought} of drop {name}: the limit is {cap} per customer.").format(
                bought=bought_before, name=drop.name, cap=cap
            )
        )
    raise RuleViolation(
        _("This customer already has {bought} of drop {name}: at most {more} more (limit {cap} per customer).").format(
            bought=bought_before, name=drop.name, more=cap - bought_before, cap=cap
        )
    )


def needs_customer(drop: Drop) -> bool:
    return drop.per_customer_cap is not None


def sell_through(sold: int, allocated: int) -> float | None:
    """Sold over allocated (0.0 to 1.0 and beyond when oversold); None with nothing allocated."""
    return sold / allocated if allocated > 0 else None
