"""What each maker sold, got back and is owed after the pop-up's commission, for the hub and every till alike.

Revenue is what customers paid for the maker's lines (tax included as sold,
after discounts); refunds of returned lines come off it; the commission is a
rate on what remains, per item (sync/event_figures.py ItemFigures), rounded
half up per item. Which rate applies is the caller's (``rate_of``): the
product's, else the maker's, else the event's default.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sync.event_figures import ItemFigures


@dataclass(frozen=True, slots=True)
class SettlementLine:
    sku: str
    name: str
    units_sold: int
    revenue: int
    units_returned: int
    refunds: int
    quality_holds: int
    rate: Decimal
    commission: int

    @property
    def net_revenue(self) -> int:
        return self.revenue - self.refunds


@dataclass(frozen=True, slots=True)
class MakerSettlement:
    maker_name: str
    lines: tuple[SettlementLine, ...]

    @property
    def units_sold(self) -> int:
        return sum(line.units_sold for line in self.lines)

    @property
    def revenue(self) -> int:
        return sum(line.revenue for line in self.lines)

    @property
    def units_returned(self) -> int:
        return sum(line.units_returned for line in self.lines)

    @property
    def refunds(self) -> int:
        return sum(line.refunds for line in self.lines)

    @property
    def quality_holds(self) -> int:
        return sum(line.quality_holds for line in self.lines)

    @property
    def commission(self) -> int:
        return sum(line.commission for line in self.lines)

    @property
    def payout(self) -> int:
        return self.revenue - self.refunds - self.commission


def commission(net: int, rate: Decimal) -> int:
    return int((Decimal(net) * rate).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def settle(items: Iterable[ItemFigures], rate_of: Callable[[str, str], Decimal]) -> list[MakerSettlement]:
    """One settlement per maker, its lines by SKU; ``rate_of(maker, sku)`` is the commission as a fraction."""
    by_maker: dict[str, list[SettlementLine]] = {}
    for item in sorted(items, key=lambda item: (item.maker, item.sku)):
        rate = rate_of(item.maker, item.sku)
        by_maker.setdefault(item.maker, []).append(
            SettlementLine(
                item.sku,
                item.name,
                item.units,
                item.revenue,
                item.returned_units,
                item.refunds,
                item.quality_holds,
                rate,
                commission(item.revenue - item.refunds, rate),
            )
        )
    return [MakerSettlement(maker, tuple(lines)) for maker, lines in by_maker.items()]


def percent(rate: Decimal) -> str:
    """A rate as people read it: 0.125 is "12.5%"."""
    return f"{(rate * 100).normalize():f}%"
