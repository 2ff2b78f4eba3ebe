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
    rows += [("return_reason", g.key, g.returns, "", "", g.units, g.refund) for g in figures.reasons]
    rows += [("return_disposition", g.key, g.returns, "", "", g.units, g.refund) for g in figures.dispositions]
    rows += [("till", till.till_code, till.records, "", "", "", till.last_at) for till in figures.tills]
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
