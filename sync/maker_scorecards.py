"""Maker scorecards: how each maker did at one event or across events (docs/scorecards.md).

Plain Python over rows the hub reads once for all makers (sync/hub/store/scorecards.py): the sales'
and returns' narrow rows (sync/event_figures.py), the units delivered and found defective by the
consignment's rules (sync/consignment.py), the sell-out moments and the demand after them
(sync/demand_figures.py). Counts and money stay integers; every rate is an exact ``Fraction``, rounded
only where it is shown, so a scorecard across events is exactly the sum of its events' records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from sync.consignment import Placed, PlacedUnits
from sync.demand_figures import ProductDemand

HOUR = 3600


@dataclass(frozen=True, slots=True)
class EventSpan:
    """An event's stall hours as the hub knows them: from its first sale to its last (it keeps no opening hours)."""

    event_id: str
    name: str
    first_sale_at: str | None
    last_sale_at: str | None

    @property
    def seconds(self) -> int:
        if self.first_sale_at is None or self.last_sale_at is None:
            return 0
        return seconds_between(self.first_sale_at, self.last_sale_at)


@dataclass(frozen=True, slots=True)
class ProductScore:
    """One product of the maker at one event."""

    event_id: str
    sku: str
    name: str
    delivered: int = 0
    units: int = 0
    revenue: int = 0
    returned: int = 0
    refunds: int = 0
    defective: int = 0
    # From the first delivery (else the event's first sale) to the moment the level reached 0; None: not sold out.
    sold_out_at: str | None = None
    seconds_to_sell_out: int | None = None
    asked_after: int = 0  # demand entries recorded at or after the sell-out
    units_asked_after: int = 0

    @property
    def sell_through(self) -> Fraction | None:
        return Fraction(self.units, self.delivered) if self.delivered else None


@dataclass(frozen=True, slots=True)
class ReasonCount:
    reason: str
    returns: int
    units: int


@dataclass(frozen=True, slots=True)
class MakerScorecard:
    maker: str
    events: tuple[EventSpan, ...]
    products: tuple[ProductScore, ...]
    reasons: tuple[ReasonCount, ...] = field(default=())

    def total(self, name: str) -> int:
        return sum(int(getattr(product, name)) for product in self.products)

    @property
    def units(self) -> int:
        return self.total("units")

    @property
    def revenue(self) -> int:
        return self.total("revenue")

    @property
    def delivered(self) -> int:
        return self.total("delivered")

    @property
    def sell_through(self) -> Fraction | None:
        """Units sold per unit delivered, over the products that were delivered (others were not consigned)."""
        consigned = [product for product in self.products if product.delivered]
        delivered = sum(product.delivered for product in consigned)
        return Fraction(sum(product.units for product in consigned), delivered) if delivered else None

    @property
    def return_rate(self) -> Fraction | None:
        units = self.units
        return Fraction(self.total("returned"), units) if units else None

    @property
    def defect_rate(self) -> Fraction | None:
        delivered = self.delivered
        return Fraction(self.total("defective"), delivered) if delivered else None

    @property
    def stall_seconds(self) -> int:
        return sum(event.seconds for event in self.events)

    @property
    def revenue_per_stall_hour(self) -> Fraction | None:
        """Revenue (minor units) per hour of the events' stall time; None when no event has a span."""
        seconds = self.stall_seconds
        return Fraction(self.revenue * HOUR, seconds) if seconds else None

    @property
    def sold_out(self) -> tuple[ProductScore, ...]:
        return tuple(product for product in self.products if product.seconds_to_sell_out is not None)

    @property
    def mean_seconds_to_sell_out(self) -> Fraction | None:
        times = [product.seconds_to_sell_out for product in self.sold_out if product.seconds_to_sell_out is not None]
        return Fraction(sum(times), len(times)) if times else None

    @property
    def asked_after(self) -> int:
        return self.total("asked_after")

    @property
    def units_asked_after(self) -> int:
        return self.total("units_asked_after")


def seconds_between(start: str, end: str) -> int:
    """Whole seconds from ``start`` to ``end`` (ISO times with their zones); never negative."""
    delta = datetime.fromisoformat(end) - datetime.fromisoformat(start)
    return max(0, int(delta.total_seconds()))


@dataclass(slots=True)
class ScorecardRows:
    """What the hub reads, for all makers at once; every row names its event."""

    events: Sequence[EventSpan]
    # (event_id, maker, sku, name, units, revenue)
    sold: Iterable[tuple[str, str, str, str, int, int]] = ()
    # (event_id, maker, sku, units, refunds)
    returned: Iterable[tuple[str, str, str, int, int]] = ()
    # (event_id, maker, reason, returns, units)
    reasons: Iterable[tuple[str, str, str, int, int]] = ()
    # per event: the consignment's units placed per (maker, sku) (sync/consignment.py)
    placed: Mapping[str, Placed] = field(default_factory=dict)
    # per (event_id, sku): the first delivery's time
    delivered_at: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # per (event_id, sku): when it sold out (sync/demand_figures.py sold_out_from_movements)
    sold_out_at: Mapping[tuple[str, str], str] = field(default_factory=dict)
    # per event: the demand per product with its sell-out (sync/demand_figures.py demand_by_product)
    demand: Mapping[str, Sequence[ProductDemand]] = field(default_factory=dict)
    # sku -> maker, for demand and sell-outs of products a maker never sold here
    maker_of: Mapping[str, str] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)


def scorecards(rows: ScorecardRows) -> dict[str, MakerScorecard]:
    """Every maker's scorecard over ``rows.events``: a product per event it was sold, delivered or asked for in."""
    products: dict[tuple[str, str, str], dict[str, object]] = {}

    def product(event_id: str, maker: str, sku: str) -> dict[str, object]:
        return products.setdefault((maker, event_id, sku), {"name": rows.names.get(sku, sku)})

    def add(found: dict[str, object], name: str, value: int) -> None:
        found[name] = int(found.get(name, 0)) + value  # type: ignore[call-overload]

    for event_id, maker, sku, name, units, revenue in rows.sold:
        found = product(event_id, maker, sku)
        found["name"] = name
        add(found, "units", int(units))
        add(found, "revenue", int(revenue))
    for event_id, maker, sku, units, refunds in rows.returned:
        found = product(event_id, maker, sku)
        add(found, "returned", int(units))
        add(found, "refunds", int(refunds))
    for event_id, placed in rows.placed.items():
        for (placed_by, sku), placed_units in placed.items():
            if placed_units.delivered or _defective(placed_units):
                found = product(event_id, placed_by, sku)
                add(found, "delivered", placed_units.delivered)
                add(found, "defective", _defective(placed_units))
    for event_id, demanded in rows.demand.items():
        for asked in demanded:
            asked_of = rows.maker_of.get(asked.sku or "")
            if asked.sku is None or asked_of is None or asked.sold_out_at is None or not asked.times_after:
                continue
            found = product(event_id, asked_of, asked.sku)
            add(found, "asked_after", asked.times_after)
            add(found, "units_asked_after", asked.units_after)
    starts = {event.event_id: event.first_sale_at for event in rows.events}
    for (_maker, event_id, sku), found in products.items():
        at = rows.sold_out_at.get((event_id, sku))
        start = rows.delivered_at.get((event_id, sku)) or starts.get(event_id)
        if at is not None and int(found.get("units", 0)) > 0:  # type: ignore[call-overload]
            found["sold_out_at"] = at
            found["seconds_to_sell_out"] = seconds_between(start, at) if start else None
    reasons: dict[tuple[str, str], list[int]] = {}
    for _event_id, maker, reason, returns, units in rows.reasons:
        summed = reasons.setdefault((maker, reason), [0, 0])
        summed[0] += int(returns)
        summed[1] += int(units)
    cards: dict[str, list[ProductScore]] = {}
    order = {event.event_id: index for index, event in enumerate(rows.events)}
    for (maker, event_id, sku), found in sorted(products.items(), key=lambda kept: _in_order(kept[0], order)):
        cards.setdefault(maker, []).append(ProductScore(event_id, sku, **found))  # type: ignore[arg-type]
    events = tuple(rows.events)
    return {
        maker: MakerScorecard(
            maker,
            events,
            tuple(found),
            tuple(
                sorted(
                    (ReasonCount(reason, *counts) for (who, reason), counts in reasons.items() if who == maker),
                    key=lambda group: (-group.units, group.reason),
                )
            ),
        )
        for maker, found in cards.items()
    }


def _in_order(key: tuple[str, str, str], order: Mapping[str, int]) -> tuple[str, int, str, str]:
    """Per maker, the events in the order asked for, then the SKUs."""
    maker, event_id, sku = key
    return maker, order.get(event_id, len(order)), event_id, sku


def _defective(units: PlacedUnits) -> int:
    """Units a quality decision sent back to the maker or wrote off (as ``ConsignmentLine.defective``)."""
    return units.held_to_maker + units.held_written_off


def rounded(rate: Fraction | None, places: int = 4) -> Decimal | None:
    """A rate as a decimal, rounded half up (for CSV and print; the figure itself stays exact)."""
    if rate is None:
        return None
    exact = Decimal(rate.numerator) / Decimal(rate.denominator)
    return exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent_text(rate: Fraction | None) -> str:
    """ "65.0%", or "-" when there is nothing to divide by."""
    value = rounded(rate, 3)
    return "-" if value is None else f"{value * 100:.1f}%"


def duration_text(seconds: Fraction | int | None) -> str:
    """ "3h 05m", "12m", or "-"."""
    if seconds is None:
        return "-"
    minutes = int(Fraction(seconds)) // 60
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m" if hours else f"{minutes}m"


SCORECARD_HEADER = (
    "maker",
    "event_id",
    "sku",
    "name",
    "delivered",
    "units_sold",
    "revenue",
    "returned",
    "refunds",
    "defective",
    "sell_through",
    "return_rate",
    "defect_rate",
    "sold_out_at",
    "seconds_to_sell_out",
    "asked_after_sell_out",
    "units_asked_after_sell_out",
    "stall_seconds",
    "revenue_per_stall_hour",
)


def _text(rate: Fraction | None) -> str:
    value = rounded(rate)
    return "" if value is None else f"{value}"


def scorecard_rows(card: MakerScorecard) -> list[tuple[str | int, ...]]:
    """A row per product and event, then the maker's TOTAL row: the CSV and the admin API's rows."""
    rows: list[tuple[str | int, ...]] = []
    for item in card.products:
        returned = Fraction(item.returned, item.units) if item.units else None
        defects = Fraction(item.defective, item.delivered) if item.delivered else None
        rows.append(
            (
                card.maker,
                item.event_id,
                item.sku,
                item.name,
                item.delivered,
                item.units,
                item.revenue,
                item.returned,
                item.refunds,
                item.defective,
                _text(item.sell_through),
                _text(returned),
                _text(defects),
                item.sold_out_at or "",
                "" if item.seconds_to_sell_out is None else item.seconds_to_sell_out,
                item.asked_after,
                item.units_asked_after,
                "",
                "",
            )
        )
    per_hour = rounded(card.revenue_per_stall_hour, 0)
    mean = rounded(card.mean_seconds_to_sell_out, 0)
    rows.append(
        (
            card.maker,
            " ".join(event.event_id for event in card.events),
            "TOTAL",
            "",
            card.delivered,
            card.units,
            card.revenue,
            card.total("returned"),
            card.total("refunds"),
            card.total("defective"),
            _text(card.sell_through),
            _text(card.return_rate),
            _text(card.defect_rate),
            "",
            "" if mean is None else int(mean),
            card.asked_after,
            card.units_asked_after,
            card.stall_seconds,
            "" if per_hour is None else int(per_hour),
        )
    )
    return rows
