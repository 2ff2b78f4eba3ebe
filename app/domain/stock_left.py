"""What the counter may still sell of a product, event-wide, and what the event does when a sale goes beyond it.

The level comes from the hub (what is available: on hand less what paid pickup
orders hold) less this till's own sales it has not sent yet; docs/stock_view.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

# At or under this many left, the counter says how many ("3 left"); above it, nothing.
FEW_LEFT = 5


class StockState(StrEnum):
    FEW_LEFT = "few_left"
    LAST_ONE = "last_one"
    SOLD_OUT = "sold_out"


def stock_state(left: int | None) -> StockState | None:
    """What the counter shows of a product: nothing when plenty is left or the hub never sent a level."""
    if left is None or left > FEW_LEFT:
        return None
    if left <= 0:
        return StockState.SOLD_OUT
    return StockState.LAST_ONE if left == 1 else StockState.FEW_LEFT


class OversellPolicy(StrEnum):
    """Selling beyond what is left: the sale goes on with a warning, or a manager's PIN approves it."""

    WARN = "warn"
    MANAGER = "manager"


def parse_policy(value: str | None) -> OversellPolicy:
    """The stored setting; anything unknown (or no setting) is the default, a warning."""
    try:
        return OversellPolicy(value or OversellPolicy.WARN)
    except ValueError:
        return OversellPolicy.WARN


@dataclass(frozen=True, slots=True)
class Oversold:
    sku: str
    name: str
    quantity: int
    left: int


def oversold(lines: Iterable[tuple[str, str, int]], left: Mapping[str, int]) -> list[Oversold]:
    """The products of (sku, name, quantity) lines wanted beyond what is left; a product on two lines counts once."""
    wanted: dict[str, int] = {}
    names: dict[str, str] = {}
    for sku, name, quantity in lines:
        wanted[sku] = wanted.get(sku, 0) + quantity
        names.setdefault(sku, name)
    return [
        Oversold(sku, names[sku], quantity, left[sku])
        for sku, quantity in wanted.items()
        if sku in left and quantity > left[sku]
    ]
