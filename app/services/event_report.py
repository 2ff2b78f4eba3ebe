"""The manager's event report: what sold, when, by whom, how it was paid, what came back, what is still to collect.

Figures come from the till's facts (sales, returns, handoffs), aggregated by
the store in SQL, read in one snapshot. The same report feeds the manager's
screen and the A4 PDF (event_report_pdf.py); the CSV export for a spreadsheet is
in event_export.py.

Hours and times are the event's, in its locale and time zone (as the
receipts print them), not UTC as the store keeps timestamps.

The report covers the whole event as far as this till has synced: its own
sales and returns and those pulled from every other till, added up by the
rules the hub's report uses too (sync/event_figures.py), so both agree to the
cent once everything is synced. ``reach`` says up to when each till's records
go. Only the staff figures are this till's own (other tills' staff are not
known here). Pickups count the handoffs of every till pulled so far.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from babel.dates import format_datetime

from app.domain.dates import zone
from app.domain.events import EventSettings
from app.domain.money import currency_exponent
from app.domain.pickups import HandedOff, PickupOrder, PickupState, collected_quantities, order_state
from app.services.counter_prices import rule_names_in
from app.services.demand import demand_figures_in
from app.services.pickups import WHOLE_ORDER_LINE
from app.services.receipts import TENDER_LABELS
from app.services.returns import REFUND_LABELS
from app.store.drop_figures import drop_section
from app.store.group_buy_figures import group_buy_section
from app.store.reports import HourRow, StaffFigures
from app.store.unit_of_work import UnitOfWork
from sync.demand_figures import ProductDemand
from sync.drop_figures import DropFigures
from sync.event_figures import (
    EventFigures,
    ItemFigures,
    ReturnGroup,
    TaxRateFigures,
    TenderFigures,
    TillReach,
    event_figures,
)
from sync.event_figures import Totals as ReportTotals
from sync.group_buy_figures import GroupBuyFigures
from sync.price_figures import RULE_JOINER, AutomaticAmounts, AutomaticDiscount

MAKERS_IN_CHART = 12
KIND_LABELS = {**TENDER_LABELS, **REFUND_LABELS}


@dataclass(frozen=True, slots=True)
class HourFigures:
    start: datetime  # wall-clock time of the event's zone, naive
    label: str
    sales: int
    total: int


@dataclass(frozen=True, slots=True)
class MakerFigures:
    maker: str
    products: int
    units: int
    revenue: int
    tax: int
    returned_units: int
    refunds: int

    @property
    def net(self) -> int:
        return self.revenue - self.refunds


@dataclass(frozen=True, slots=True)
class OutstandingPickup:
    number: str
    customer_name: str
    state: PickupState
    items_left: int


@dataclass(frozen=True, slots=True)
class ClerkFigures:
    name: str
    handoffs: int
    items: int


@dataclass(frozen=True, slots=True)
class PickupFigures:
    """Marketplace orders to collect at the event.

    A group-buy leader's order holds no lines of its own, so only its members
    are counted: an item is never counted twice.
    """

    orders: Mapping[PickupState, int]
    items_ordered: int
    items_handed_over: int
    items_outstanding: int
    handoffs: int
    # Whole orders handed over on a manager's approval before this till had pulled them.
    unpulled_handoffs: int
    outstanding: tuple[OutstandingPickup, ...]
    clerks: tuple[ClerkFigures, ...]


@dataclass(frozen=True, slots=True)
class TillRecords:
    """How far one till's records go in this report; this till's own go up to now."""

    till_code: str
    this_till: bool
    records: int
    last_at: datetime | None


@dataclass(frozen=True, slots=True)
class EventReport(AutomaticAmounts):
    event: EventSettings
    till_code: str
    generated_at: datetime
    first_sale_at: datetime | None
    last_sale_at: datetime | None
    # Minor units in one major unit (100 for CHF, 1 for JPY): charts draw major units.
    minor_unit: int
    totals: ReportTotals
    tax_rates: tuple[TaxRateFigures, ...]
    reach: tuple[TillRecords, ...]
    by_hour: tuple[HourFigures, ...]
    by_product: tuple[ItemFigures, ...]
    by_maker: tuple[MakerFigures, ...]
    tenders: tuple[TenderFigures, ...]
    staff: tuple[StaffFigures, ...]
    returns_by_reason: tuple[ReturnGroup, ...]
    returns_by_disposition: tuple[ReturnGroup, ...]
    pickups: PickupFigures
    # What markdowns and bundles took off, per rule (in ``totals.discounts``), and the rules' names by id.
    automatic: tuple[AutomaticDiscount, ...] = ()
    rule_names: Mapping[str, str] = field(default_factory=dict)
    # What customers asked for at this till, per product, with its sell-out (docs/demand.md).
    demand: tuple[ProductDemand, ...] = ()
    # Group-buy commitments per group buy: sales already counted above, never added again (docs/group_buys.md).
    group_buys: tuple[GroupBuyFigures, ...] = ()
    # Per drop: sold at the counter over its allocation, and release to last unit (docs/drops.md).
    drops: tuple[DropFigures, ...] = ()

    def rule_name(self, rule: str) -> str:
        """A rule's name, or each name of bundles sharing lines ("b-1+b-2"); its id where the till has no name."""
        return " + ".join(self.rule_names.get(part, part) for part in rule.split(RULE_JOINER))


def event_report(uow: UnitOfWork) -> EventReport:
    """Every figure of the event's report, read in one snapshot of the store."""
    with uow.for_reading():
        till, event = uow.tills.this_till_and_event()
        own, pulled = uow.reports.event_sources(till.code)
        hours = uow.reports.sales_by_hour(zone(event.time_zone))
        pulled_hours = uow.reports.pulled_hours(zone(event.time_zone))
        staff = uow.reports.staff()
        orders = uow.pickups.orders()
        handoffs = uow.pickups.handoffs()
        figures = event_figures(own, pulled)
        rule_names = rule_names_in(uow) if figures.automatic else {}
        demand = demand_figures_in(uow)
        group_buys = group_buy_section(uow.connection)
        drops = drop_section(uow.connection, till.code)
    by_product = tuple(sorted(figures.items, key=lambda p: (-p.revenue, -p.units, p.sku)))
    return EventReport(
        event=event,
        till_code=till.code,
        generated_at=datetime.now(UTC),
        first_sale_at=datetime.fromisoformat(figures.first_sale_at) if figures.first_sale_at else None,
        last_sale_at=datetime.fromisoformat(figures.last_sale_at) if figures.last_sale_at else None,
        minor_unit=10 ** currency_exponent(event.currency),
        totals=figures.totals,
        tax_rates=figures.tax_rates,
        reach=_reach(till.code, figures.tills),
        by_hour=_hours(_added_hours(hours, pulled_hours), event.locale),
        by_product=by_product,
        by_maker=_makers(by_product),
        tenders=figures.tenders,
        staff=tuple(staff),
        returns_by_reason=figures.reasons,
        returns_by_disposition=figures.dispositions,
        pickups=_pickups(orders, handoffs),
        automatic=figures.automatic,
        rule_names=rule_names,
        demand=demand,
        group_buys=group_buys,
        drops=drops,
    )


def event_wide_figures(uow: UnitOfWork) -> tuple[EventFigures, str]:
    """The figures of every till's records this till has, and the event's currency (for the CSV export)."""
    with uow.for_reading():
        till, event = uow.tills.this_till_and_event()
        figures = event_figures(*uow.reports.event_sources(till.code))
        group_buys, drops = group_buy_section(uow.connection), drop_section(uow.connection, till.code)
        return replace(figures, group_buys=group_buys, drops=drops), event.currency


def _reach(this_till: str, tills: Iterable[TillReach]) -> tuple[TillRecords, ...]:
    """This till first (its records go up to now), then each other till whose records reached this one."""
    reach = {
        till.till_code: TillRecords(till.till_code, till.till_code == this_till, till.records, _at(till.last_at))
        for till in tills
    }
    own = reach.pop(this_till, TillRecords(this_till, True, 0, None))
    return (own, *sorted(reach.values(), key=lambda till: till.till_code))


def _at(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _added_hours(own: list[HourRow], pulled: Mapping[str, tuple[int, int]]) -> list[HourRow]:
    hours = dict(pulled)
    for row in own:
        sales, total = hours.get(row.hour, (0, 0))
        hours[row.hour] = (sales + row.sales, total + row.total)
    return [HourRow(hour, sales, total) for hour, (sales, total) in sorted(hours.items())]


def _hours(rows: list[HourRow], locale: str) -> tuple[HourFigures, ...]:
    """Each hour with sales, and the quiet hours between them on the same day (a gap the chart should show)."""
    found = {datetime.strptime(row.hour, "%Y-%m-%d %H"): (row.sales, row.total) for row in rows}
    if not found:
        return ()
    several_days = len({start.date() for start in found}) > 1
    hours: list[HourFigures] = []
    for day in sorted({start.date() for start in found}):
        busy = sorted(start.hour for start in found if start.date() == day)
        for hour in range(busy[0], busy[-1] + 1):
            start = datetime(day.year, day.month, day.day, hour)
            label = format_datetime(start, "EEE HH:mm", locale=locale) if several_days else f"{hour:02d}:00"
            hours.append(HourFigures(start, label, *found.get(start, (0, 0))))
    return tuple(hours)


def _makers(products: Iterable[ItemFigures]) -> tuple[MakerFigures, ...]:
    by_maker: dict[str, list[ItemFigures]] = {}
    for product in products:
        by_maker.setdefault(product.maker, []).append(product)
    makers = [
        MakerFigures(
            maker,
            products=len(sold),
            units=sum(p.units for p in sold),
            revenue=sum(p.revenue for p in sold),
            tax=sum(p.tax for p in sold),
            returned_units=sum(p.returned_units for p in sold),
            refunds=sum(p.refunds for p in sold),
        )
        for maker, sold in by_maker.items()
    ]
    makers.sort(key=lambda maker: (-maker.revenue, maker.maker))
    return tuple(makers)


def _pickups(orders: list[PickupOrder], handoffs: list[HandedOff]) -> PickupFigures:
    collected = collected_quantities(handoffs)
    counts = dict.fromkeys(PickupState, 0)
    ordered = outstanding_items = 0
    outstanding: list[OutstandingPickup] = []
    for order in orders:
        if order.member_order_ids:
            continue
        state = order_state([order], collected)
        counts[state] += 1
        if order.cancelled:
            continue
        ordered += sum(line.quantity for line in order.lines)
        left = sum(max(line.quantity - collected.get((order.order_id, line.line_id), 0), 0) for line in order.lines)
        outstanding_items += left
        if left:
            outstanding.append(OutstandingPickup(order.number, order.customer_name, state, left))
    clerks: dict[str, tuple[set[str], int]] = {}
    for handed in handoffs:
        ids, items = clerks.get(handed.staff_name, (set(), 0))
        clerks[handed.staff_name] = (ids | {handed.handoff_id}, items + handed.quantity)
    return PickupFigures(
        orders=counts,
        items_ordered=ordered,
        items_handed_over=sum(handed.quantity for handed in handoffs),
        items_outstanding=outstanding_items,
        handoffs=len({handed.handoff_id for handed in handoffs}),
        unpulled_handoffs=len({h.handoff_id for h in handoffs if h.line_id == WHOLE_ORDER_LINE}),
        outstanding=tuple(outstanding),
        clerks=tuple(
            ClerkFigures(name, len(ids), items) for name, (ids, items) in sorted(clerks.items(), key=lambda c: c[0])
        ),
    )
