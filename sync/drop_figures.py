"""Drops in the event report, one definition for the hub and the tills (docs/drops.md).

Per drop: the units sold at the counter (less those restocked at a returns
desk) over the counter's allocation (sell-through), and the time from the
release to the sale that took the last unit of the allocation. The hub reads
its own tables (sync/hub/store/drops.py); a till reads its own sales and the
other tills' it pulled (app/store/drop_figures.py). Plain Python over plain rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class DropFigures:
    """A drop in the event report: sell-through at the counter and the time from release to the last unit."""

    drop_id: str
    name: str
    release_at: str
    counter_allocation: int
    online_allocation: int
    counter_sold: int
    last_sale_at: str | None
    sold_out_after_seconds: int | None

    @property
    def sell_through(self) -> float | None:
        return self.counter_sold / self.counter_allocation if self.counter_allocation else None


def sold_out_after(release_at: str, allocation: int, sales: Iterable[tuple[str, int]]) -> int | None:
    """Seconds from the release to the sale that took the last unit of ``allocation``; None if not sold out.

    ``sales`` are (ISO time with its zone, units), in any order; what came after the last unit was oversold.
    """
    if allocation <= 0:
        return None
    counted = 0
    for sold_at, units in sorted(sales, key=lambda sale: datetime.fromisoformat(sale[0])):
        counted += units
        if counted >= allocation:
            seconds = (datetime.fromisoformat(sold_at) - datetime.fromisoformat(release_at)).total_seconds()
            return max(int(seconds), 0)
    return None
