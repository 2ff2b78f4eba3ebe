"""The figures of a whole event, defined once for the hub and every till (docs/event_reports.md).

A sale or return pushed by a till becomes a few narrow rows (``sale_rows``,
``return_rows``): the hub writes them at push time, a till writes them for the
records it pulls from other tills. Both read their rows back with the same
queries (``narrow_queries``), a till adds its own sales read from its own
tables in the same shapes, and ``event_figures`` turns any number of such
sources into one ``EventFigures``. Settlements per maker are ``settle`` over
the same per-item figures. So the hub's report and a synced till's agree to
the cent by construction, not by two sets of rules kept alike.

Plain Python: no database driver, no web stack, no app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sync.custom_lines import is_gift_card_sku
from sync.drop_figures import DropFigures
from sync.group_buy_figures import GroupBuyFigures
from sync.price_figures import BUNDLE, MARKDOWN, AutomaticDiscount, summed_automatic

# The columns of the narrow tables, in order: one row per return and returned line; sales are summed per
# till, their lines per item (maker, SKU, name, tax rate), tenders and refunds per kind, over the records
# written together (``compacted``: a push, or one pulled sale), since no report asks which sale it was.
SALE_COLUMNS = ("till_code", "sales", "gross", "discounts", "tax", "total", "rounding", "first_at", "last_at")
SALE_LINE_COLUMNS = ("maker", "sku", "name", "tax_rate", "quantity", "discount", "tax", "total")
TENDER_COLUMNS = ("kind", "payments", "amount")
RETURN_COLUMNS = ("record_id", "till_code", "created_at", "refund_total", "no_receipt")
RETURN_LINE_COLUMNS = ("record_id", "maker", "sku", "quantity", "refund", "reason", "disposition")
REFUND_COLUMNS = ("kind", "refunds", "amount")
# How many leading columns of a summed table are its key.
_SUMMED_KEYS = {"sale_lines": 4, "tenders": 1, "refunds": 1}
TABLES = {
    "sales": SALE_COLUMNS,
    "sale_lines": SALE_LINE_COLUMNS,
    "tenders": TENDER_COLUMNS,
    "returns": RETURN_COLUMNS,
    "return_lines": RETURN_LINE_COLUMNS,
    "refunds": REFUND_COLUMNS,
}

Rows = dict[str, list[tuple[Any, ...]]]


def till_code_of(number: str) -> str:
    """The till that numbered a receipt or return ("B-000012", "B-R00003"): tills are checked to number their own."""
    return number.partition("-")[0]


def sale_rows(payload: Mapping[str, Any]) -> Rows:
    """The narrow rows of one ``sale.completed`` payload (sync/records/facts.py SaleCompleted)."""
    return {
        "sales": [
            (
                till_code_of(str(payload["receipt_no"])),
                1,
                int(payload["subtotal"]),
                int(payload["discount_total"]),
                int(payload["tax_total"]),
                int(payload["total"]),
                int(payload["rounding"]),
                str(payload["created_at"]),
                str(payload["created_at"]),
            )
        ],
        "sale_lines": [
            (
                str(line["maker_name"]),
                str(line["sku"]),
                f"{line['name']} {line.get('variant', '')}".strip(),
                str(line["tax_rate"]),
                int(line["quantity"]),
                int(line["discount"]),
                int(line["tax"]),
                int(line["total"]),
            )
            for line in payload["lines"]
        ],
        "tenders": [(str(tender["kind"]), 1, int(tender["amount"])) for tender in payload["tenders"]],
    }


def return_rows(payload: Mapping[str, Any]) -> Rows:
    """The narrow rows of one ``return.recorded`` payload (sync/records/facts.py ReturnRecorded)."""
    record_id = str(payload["return_id"])
    return {
        "returns": [
            (
                record_id,
                till_code_of(str(payload["return_no"])),
                str(payload["created_at"]),
                int(payload["refund_total"]),
                1 if payload["no_receipt"] else 0,
            )
        ],
        "return_lines": [
            (
                record_id,
                str(line["maker"]),
                str(line["sku"]),
                int(line["quantity"]),
                int(line["refund"]),
                str(line["reason"]),
                str(line["disposition"]),
            )
            for line in payload["lines"]
        ],
        "refunds": [(str(refund["kind"]), 1, int(refund["amount"])) for refund in payload["refunds"]],
    }


def add_rows(into: Rows, rows: Rows) -> None:
    for table, found in rows.items():
        into.setdefault(table, []).extend(found)


def compacted(rows: Rows) -> Rows:
    """``rows`` with the sale lines, tenders and refunds of the same key summed into one row each."""
    written = dict(rows)
    for table, width in _SUMMED_KEYS.items():
        if table in rows:
            written[table] = [(*key, *sums) for key, sums in _summed(rows[table], width).items()]
    if "sales" in rows:
        times: dict[str, tuple[str, str]] = {}
        for till_code, *_sums, first_at, last_at in rows["sales"]:
            before = times.get(till_code, (first_at, last_at))
            times[till_code] = (min(before[0], first_at), max(before[1], last_at))
        written["sales"] = [
            (till_code, *sums, *times[till_code])
            for (till_code,), sums in _summed([row[:7] for row in rows["sales"]], 1).items()
        ]
    return written


# What each source answers, query by query: the same shapes from the narrow tables and from a till's own.
@dataclass(slots=True)
class SourceFigures:
    # (till_code, count, gross, discounts, total, tax, rounding, first_at, last_at) per till
    sales: list[tuple[Any, ...]] = field(default_factory=list)
    # (till_code, count, refund_total, no_receipt, last_at) per till
    returns: list[tuple[Any, ...]] = field(default_factory=list)
    # (maker, sku, tax_rate, name, units, revenue, discounts, tax)
    lines: list[tuple[Any, ...]] = field(default_factory=list)
    tenders: list[tuple[Any, ...]] = field(default_factory=list)  # (kind, count, amount)
    refunds: list[tuple[Any, ...]] = field(default_factory=list)  # (kind, count, amount)
    returned: list[tuple[Any, ...]] = field(default_factory=list)  # (maker, sku, units, refunds, held)
    reasons: list[tuple[Any, ...]] = field(default_factory=list)  # (reason, returns, units, refund)
    dispositions: list[tuple[Any, ...]] = field(default_factory=list)  # (disposition, returns, units, refund)
    # (kind, rule, lines, units, amount): markdowns and bundles (sync/price_figures.py), read apart from the rest
    automatic: list[tuple[Any, ...]] = field(default_factory=list)


# The index that answers the lines' GROUP BY in its own order, with every column it sums (no sort, no
# table lookup): the one big table of a report (a row per item per push) is read as one index scan.
COVERING_INDEXES = {"sale_lines": ("maker", "sku", "tax_rate", "name", "quantity", "discount", "tax", "total")}


def narrow_queries(prefix: str, scope: str) -> dict[str, str]:
    """The queries over the narrow tables named ``prefix`` + table, each row kept by the condition ``scope``.

    Plain SQL that SQLite and PostgreSQL both run; the lines group in the
    order of their covering index (``COVERING_INDEXES``).
    """
    sales, lines, tenders = f"{prefix}sales", f"{prefix}sale_lines", f"{prefix}tenders"
    returns, returned, refunds = f"{prefix}returns", f"{prefix}return_lines", f"{prefix}refunds"
    return {
        "sales": "SELECT till_code, sum(sales), sum(gross), sum(discounts), sum(total), sum(tax), sum(rounding),"
        f" min(first_at), max(last_at) FROM {sales} WHERE {scope} GROUP BY till_code",
        "returns": "SELECT till_code, count(*), sum(refund_total), sum(no_receipt), max(created_at)"
        f" FROM {returns} WHERE {scope} GROUP BY till_code",
        "lines": "SELECT maker, sku, tax_rate, max(name), sum(quantity), sum(total), sum(discount), sum(tax)"
        f" FROM {lines} WHERE {scope} GROUP BY maker, sku, tax_rate",
        "tenders": f"SELECT kind, sum(payments), sum(amount) FROM {tenders} WHERE {scope} GROUP BY kind",
        "refunds": f"SELECT kind, sum(refunds), sum(amount) FROM {refunds} WHERE {scope} GROUP BY kind",
        "returned": "SELECT maker, sku, sum(quantity), sum(refund),"
        " sum(CASE WHEN disposition = 'quality_hold' THEN quantity ELSE 0 END)"
        f" FROM {returned} WHERE {scope} GROUP BY maker, sku",
        "reasons": f"SELECT reason, count(DISTINCT record_id), sum(quantity), sum(refund) FROM {returned}"
        f" WHERE {scope} GROUP BY reason",
        "dispositions": f"SELECT disposition, count(DISTINCT record_id), sum(quantity), sum(refund) FROM {returned}"
        f" WHERE {scope} GROUP BY disposition",
    }


def read_source(queries: Mapping[str, str], run: Callable[[str], Sequence[Sequence[Any]]]) -> SourceFigures:
    """Every query of ``narrow_queries`` through ``run`` (which binds the scope's parameters)."""
    found = SourceFigures()
    for name, query in queries.items():
        setattr(found, name, [tuple(row) for row in run(query)])
    return found


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
class EventFigures:
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

    @property
    def markdowns(self) -> int:
        return sum(row.amount for row in self.automatic if row.kind == MARKDOWN)

    @property
    def bundles(self) -> int:
        return sum(row.amount for row in self.automatic if row.kind == BUNDLE)


def _summed(rows: Iterable[tuple[Any, ...]], key_width: int) -> dict[tuple[Any, ...], list[int]]:
    summed: dict[tuple[Any, ...], list[int]] = {}
    for row in rows:
        values = [int(value or 0) for value in row[key_width:]]
        before = summed.setdefault(tuple(row[:key_width]), [0] * len(values))
        for index, value in enumerate(values):
            before[index] += value
    return summed


def _groups(rows: Iterable[tuple[Any, ...]]) -> tuple[ReturnGroup, ...]:
    groups = [ReturnGroup(str(key[0]), *values) for key, values in _summed(rows, 1).items()]
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
    sold = _summed([(maker, sku, *sums) for maker, sku, _rate, _name, *sums in lines], 2)
    returned = _summed(_all(sources, "returned"), 2)
    items = [
        ItemFigures(maker, sku, names.get((maker, sku), sku), *sold.get((maker, sku), [0, 0, 0, 0]), *back)
        for (maker, sku) in sold.keys() | returned.keys()
        for back in [returned.get((maker, sku), [0, 0, 0])]
    ]
    items.sort(key=lambda item: (item.maker, item.sku))
    taken = _summed(_all(sources, "tenders"), 1)
    paid_back = _summed(_all(sources, "refunds"), 1)
    tenders = [
        TenderFigures(kind, *taken.get((kind,), [0, 0]), *paid_back.get((kind,), [0, 0]))
        for (kind,) in taken.keys() | paid_back.keys()
    ]
    tenders.sort(key=lambda tender: (-tender.taken, tender.kind))
    by_rate = _summed([(rate, units, total, tax) for _m, _s, rate, _n, units, total, _d, tax in lines], 1)
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
