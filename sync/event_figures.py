"""The figures of a whole event, defined once for the hub and every till (docs/event_reports.md).

The hub and a till read the narrow rows of the event's sales and returns
(sync/narrow_rows.py) into ``SourceFigures``, a till adds its own sales read
from its own tables in the same shapes, and ``event_figures`` turns any number
of such sources into one ``EventFigures``. Settlements per maker are ``settle``
over the same per-item figures. So the hub's report and a synced till's agree
to the cent by construction, not by two sets of rules kept alike.

Plain Python: no database driver, no web stack, no app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sync.custom_lines import is_gift_card_sku
from sync.drop_figures import DropFigures
from sync.group_buy_figures import GroupBuyFigures

# The narrow rows' names stay importable from here (``__all__``): the till's migration 0018, the hub's 0012
# and the till's store (app/store/pulled_figures.py, reports.py) import them from this module.
from sync.narrow_rows import (
    COVERING_INDEXES,
    TABLES,
    Rows,
    SourceFigures,
    add_rows,
    compacted,
    narrow_queries,
    read_source,
    return_rows,
    sale_rows,
    summed,
)
from sync.price_figures import AutomaticAmounts, AutomaticDiscount, summed_automatic

__all__ = [
    "COVERING_INDEXES",
    "TABLES",
    "EventFigures",
    "ItemFigures",
    "ReturnGroup",
    "Rows",
    "SourceFigures",
    "TaxRateFigures",
    "TenderFigures",
    "TillReach",
    "Totals",
    "add_rows",
    "compacted",
    "event_figures",
    "narrow_queries",
    "read_source",
    "return_rows",
    "sale_rows",
]


@dataclass(frozen=True, slots=True)
class Totals:
    sales: int
    items: int
    gross: int  # at the prices charged, before discounts
    discounts: int
    sales_total: int  # what customers owed: gross less discounts (tax included or added, as the event says)
    tax: int
    cash_rounding: int
    returns: int
    returned_items: int
    returned: int  # the value of the returned lines
    refunds: int  # what was paid back: the returned value after cash rounding
    no_receipt_returns: int
    # Gift cards sold (sync/custom_lines.py): money taken for later, so in none of the sales figures above.
    gift_cards: int = 0
    gift_card_amount: int = 0

    @property
    def net(self) -> int:
        """Sales less what came back."""
        return self.sales_total - self.returned

    @property
    def average_sale(self) -> int:
        if not self.sales:
            return 0
        return int((Decimal(self.sales_total) / self.sales).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class TaxRateFigures:
    rate: str  # as the lines carry it, "0.081"
    units: int
    total: int  # the lines' totals at this rate
    tax: int


@dataclass(frozen=True, slots=True)
class TenderFigures:
    kind: str
    payments: int
    taken: int
    refund_count: int
    refunds: int

    @property
    def net(self) -> int:
        return self.taken - self.refunds


@dataclass(frozen=True, slots=True)
class ItemFigures:
    """One SKU as sold for one maker (a product moved to another maker counts for each)."""

    maker: str
    sku: str
    name: str
    units: int
    revenue: int
    discounts: int
    tax: int
    returned_units: int
    refunds: int
    quality_holds: int


@dataclass(frozen=True, slots=True)
class ReturnGroup:
    """Returns grouped by reason or by disposition."""

    key: str
    returns: int
    units: int
    refund: int


@dataclass(frozen=True, slots=True)
class TillReach:
    """How far one till's records go: its sales and returns counted here, and the time of its last."""

    till_code: str
    records: int
    last_at: str


@dataclass(frozen=True, slots=True)
class EventFigures(AutomaticAmounts):
    totals: Totals
    first_sale_at: str | None
    last_sale_at: str | None
    tax_rates: tuple[TaxRateFigures, ...]
    tenders: tuple[TenderFigures, ...]
    items: tuple[ItemFigures, ...]
    reasons: tuple[ReturnGroup, ...]
    dispositions: tuple[ReturnGroup, ...]
    tills: tuple[TillReach, ...]
    # What markdowns and bundles took off, per rule; included in ``totals.discounts`` (docs/pricing_rules.md).
    automatic: tuple[AutomaticDiscount, ...] = ()
    # Group-buy commitments per group buy: the same sales again, never added to a total (sync/group_buy_figures.py).
    group_buys: tuple[GroupBuyFigures, ...] = ()
    # Per drop: sold at the counter over its allocation, and release to last unit (sync/drop_figures.py).
    drops: tuple[DropFigures, ...] = ()


def _groups(rows: Iterable[tuple[Any, ...]]) -> tuple[ReturnGroup, ...]:
    groups = [ReturnGroup(str(key[0]), *values) for key, values in summed(rows, 1).items()]
    groups.sort(key=lambda group: (-group.refund, group.key))
    return tuple(groups)


def event_figures(*sources: SourceFigures) -> EventFigures:
    """The figures of every source together: disjoint records (the hub's, or a till's own and pulled)."""
    per_till = _all(sources, "sales")
    sales = [sum(int(row[index] or 0) for row in per_till) for index in range(1, 7)]
    firsts = [str(row[7]) for row in per_till if row[7]]
    lasts = [str(row[8]) for row in per_till if row[8]]
    returns = [sum(int(row[index] or 0) for row in _all(sources, "returns")) for index in range(1, 4)]
    lines = [line for line in _all(sources, "lines") if not is_gift_card_sku(str(line[1]))]
    # A gift card line is untaxed and takes no discount: its total is what the sale's gross and total hold of it.
    cards = [
        (int(line[4] or 0), int(line[5] or 0)) for line in _all(sources, "lines") if is_gift_card_sku(str(line[1]))
    ]
    card_units, card_amount = sum(units for units, _total in cards), sum(total for _units, total in cards)
    names: dict[tuple[str, str], str] = {}
    for maker, sku, _rate, name, *_sums in lines:
        names.setdefault((str(maker), str(sku)), str(name))
    sold = summed([(maker, sku, *sums) for maker, sku, _rate, _name, *sums in lines], 2)
    returned = summed(_all(sources, "returned"), 2)
    items = [
        ItemFigures(maker, sku, names.get((maker, sku), sku), *sold.get((maker, sku), [0, 0, 0, 0]), *back)
        for (maker, sku) in sold.keys() | returned.keys()
        for back in [returned.get((maker, sku), [0, 0, 0])]
    ]
    items.sort(key=lambda item: (item.maker, item.sku))
    taken = summed(_all(sources, "tenders"), 1)
    paid_back = summed(_all(sources, "refunds"), 1)
    tenders = [
        TenderFigures(kind, *taken.get((kind,), [0, 0]), *paid_back.get((kind,), [0, 0]))
        for (kind,) in taken.keys() | paid_back.keys()
    ]
    tenders.sort(key=lambda tender: (-tender.taken, tender.kind))
    by_rate = summed([(rate, units, total, tax) for _m, _s, rate, _n, units, total, _d, tax in lines], 1)
    rates = [TaxRateFigures(str(rate), *values) for (rate,), values in by_rate.items()]
    rates.sort(key=lambda rate: Decimal(rate.rate))
    reach: dict[str, TillReach] = {}
    records = [(row[0], row[1], row[8]) for row in per_till] + [(r[0], r[1], r[4]) for r in _all(sources, "returns")]
    for code, count, last_at in records:
        if not count:
            continue
        before = reach.get(str(code))
        reach[str(code)] = TillReach(
            str(code),
            int(count) + (before.records if before else 0),
            max(str(last_at), before.last_at if before else ""),
        )
    totals = Totals(
        sales=sales[0],
        items=sum(item.units for item in items),
        gross=sales[1] - card_amount,
        discounts=sales[2],
        sales_total=sales[3] - card_amount,
        tax=sales[4],
        cash_rounding=sales[5],
        returns=returns[0],
        returned_items=sum(item.returned_units for item in items),
        returned=sum(item.refunds for item in items),
        refunds=returns[1],
        no_receipt_returns=returns[2],
        gift_cards=card_units,
        gift_card_amount=card_amount,
    )
    return EventFigures(
        totals=totals,
        first_sale_at=min(firsts) if firsts else None,
        last_sale_at=max(lasts) if lasts else None,
        tax_rates=tuple(rates),
        tenders=tuple(tenders),
        items=tuple(items),
        reasons=_groups(_all(sources, "reasons")),
        dispositions=_groups(_all(sources, "dispositions")),
        tills=tuple(sorted(reach.values(), key=lambda till: till.till_code)),
        automatic=summed_automatic(_all(sources, "automatic")),
    )


def _all(sources: Iterable[SourceFigures], name: str) -> list[tuple[Any, ...]]:
    return [row for source in sources for row in getattr(source, name)]
