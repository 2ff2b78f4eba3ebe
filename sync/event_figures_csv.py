"""The event report and the settlements as CSV, one layout for the hub and the tills (so the files compare).

Amounts are integers of minor units (as the records keep them), with the
currency in the first row; times are UTC as the records carry them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from sync.event_figures import EventFigures
from sync.maker_settlements import MakerSettlement

EVENT_HEADER = ("section", "name", "count", "amount_minor", "tax_minor", "returned_count", "returned_minor")
SETTLEMENT_HEADER = (
    "maker",
    "sku",
    "name",
    "units_sold",
    "revenue_minor",
    "units_returned",
    "refunds_minor",
    "quality_holds",
    "rate",
    "commission_minor",
    "payout_minor",
)

Line = Sequence[str | int]


def event_rows(figures: EventFigures, currency: str) -> list[Line]:
    totals = figures.totals
    rows: list[Line] = [
        ("currency", currency, "", "", "", "", ""),
        ("totals", "sales", totals.sales, totals.sales_total, totals.tax, totals.returns, totals.refunds),
        ("totals", "items", totals.items, totals.gross, "", totals.returned_items, totals.returned),
        ("totals", "discounts", "", totals.discounts, "", "", ""),
        # Included in the discounts above: what markdowns and bundles took off (sync/price_figures.py).
        ("totals", "markdowns", "", figures.markdowns, "", "", ""),
        ("totals", "bundles", "", figures.bundles, "", "", ""),
        ("totals", "cash_rounding", "", totals.cash_rounding, "", "", ""),
        ("totals", "no_receipt_returns", "", "", "", totals.no_receipt_returns, ""),
        ("totals", "net", "", totals.net, "", "", ""),
        ("totals", "gift_cards_sold", totals.gift_cards, totals.gift_card_amount, "", "", ""),
    ]
    rows += [("tax_rate", rate.rate, rate.units, rate.total, rate.tax, "", "") for rate in figures.tax_rates]
    rows += [
        ("tender", tender.kind, tender.payments, tender.taken, "", tender.refund_count, tender.refunds)
        for tender in figures.tenders
    ]
    rows += [
        ("item", f"{item.maker} / {item.sku}", item.units, item.revenue, item.tax, item.returned_units, item.refunds)
        for item in figures.items
    ]
    rows += [(row.kind, row.rule, row.units, row.amount, "", "", "") for row in figures.automatic]
    rows += [("return_reason", g.key, g.returns, "", "", g.units, g.refund) for g in figures.reasons]
    rows += [("return_disposition", g.key, g.returns, "", "", g.units, g.refund) for g in figures.dispositions]
    rows += [("till", till.till_code, till.records, "", "", "", till.last_at) for till in figures.tills]
    rows += group_buy_rows(figures)
    rows += drop_rows(figures)
    return rows


def drop_rows(figures: EventFigures) -> list[Line]:
    """Per drop: units allocated to and sold at the counter (less restocked returns), sell-through in
    percent, and seconds from the release to the sale that took the last unit (empty if not sold out)."""
    rows: list[Line] = []
    for item in figures.drops:
        key = f"{item.name} / {item.release_at}"
        through = round(item.sell_through * 100) if item.sell_through is not None else ""
        after = item.sold_out_after_seconds if item.sold_out_after_seconds is not None else ""
        rows += [
            ("drop_allocated", key, item.counter_allocation, "", "", "", ""),
            ("drop_sold", key, item.counter_sold, "", "", "", ""),
            ("drop_sell_through_percent", key, through, "", "", "", ""),
            ("drop_sold_out_after_seconds", key, after, "", "", "", ""),
        ]
    return rows


def group_buy_rows(figures: EventFigures) -> list[Line]:
    """Per group buy: committed (units, amount, commitments), late, refunds due and done, pickup orders.

    The commitments' sales are already in the sales rows above, as custom-amount
    lines: these rows show the same money per group buy and add to nothing.
    """
    rows: list[Line] = []
    for item in figures.group_buys:
        key = f"{item.name} / {item.sku} / minimum {item.minimum} / {item.outcome}"
        rows += [
            ("group_buy_committed", key, item.units, item.amount, "", item.commitments, ""),
            ("group_buy_late", key, item.late, item.late_amount, "", "", ""),
            (
                "group_buy_refunds",
                key,
                item.refunds_due,
                item.refunds_due_amount,
                "",
                item.refunds_done,
                item.refunds_done_amount,
            ),
            ("group_buy_orders", key, item.orders, "", "", "", ""),
        ]
    return rows


def settlement_rows(settlements: Iterable[MakerSettlement]) -> list[Line]:
    rows: list[Line] = []
    for settlement in settlements:
        for line in settlement.lines:
            rows.append(
                (
                    settlement.maker_name,
                    line.sku,
                    line.name,
                    line.units_sold,
                    line.revenue,
                    line.units_returned,
                    line.refunds,
                    line.quality_holds,
                    str(line.rate),
                    line.commission,
                    line.net_revenue - line.commission,
                )
            )
    return rows


def csv_text(header: Sequence[str], rows: Iterable[Line]) -> str:
    """A whole CSV file; a text cell a spreadsheet would run as a formula is quoted with a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe(cell) for cell in row])
    return out.getvalue()


def _safe(cell: str | int) -> str | int:
    if isinstance(cell, str) and cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell
