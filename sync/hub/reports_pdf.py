"""The hub's reports as documents: one layout (printers/document.py) shown as text or printed as an A4 PDF.

English only: the readers are the marketplace's operators. Amounts are
written in major units with the currency's own number of decimals.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from babel.numbers import get_currency_precision

from printers.document import Align, Document, DocumentKind, Row, Separator, Text
from printers.layout import TextLine, lay_out
from printers.pdf_output import render_pdf
from sync.event_figures import EventFigures
from sync.hub.store.reports import EventHeading, ZReport
from sync.maker_settlements import MakerSettlement, percent

TEXT_COLUMNS = 72
Block = Text | Row | Separator


def money(amount: int, currency: str) -> str:
    places = get_currency_precision(currency)
    return f"{Decimal(amount).scaleb(-places):.{places}f} {currency}"


def _title(heading: EventHeading, title: str) -> list[Block]:
    return [
        Text(heading.name, Align.CENTER, bold=True, large=True),
        Text(heading.place, Align.CENTER),
        Text(title, Align.CENTER, bold=True),
        Separator(),
    ]


def event_document(heading: EventHeading, figures: EventFigures) -> Document:
    """Totals, tax per rate, tenders, makers, returns and how far each till's records go."""
    cur = heading.currency
    totals = figures.totals

    def fmt(amount: int) -> str:
        return money(amount, cur)

    blocks = _title(heading, "Event report: every till's records on the hub")
    blocks += [
        Row(f"Sales ({totals.sales}, {totals.items} items)", fmt(totals.sales_total), bold=True),
        Row("  at the prices charged", fmt(totals.gross)),
        Row("  discounts", fmt(-totals.discounts)),
        # Of those, the automatic prices per rule (sync/price_figures.py): none without markdowns or bundles.
        *(Row(f"    {row.kind} {row.rule} ({row.units} items)", fmt(-row.amount)) for row in figures.automatic),
        Row("  tax in the total", fmt(totals.tax)),
        Row("  cash rounding", fmt(totals.cash_rounding)),
        Row(f"Returns ({totals.returns}, {totals.returned_items} items)", fmt(-totals.returned)),
        Row("  refunded after cash rounding", fmt(totals.refunds)),
        Row("  without a receipt", str(totals.no_receipt_returns)),
        Row("Net (sales less returns)", fmt(totals.net), bold=True),
        Row(f"Gift cards sold ({totals.gift_cards}, not sales)", fmt(totals.gift_card_amount)),
        Separator(),
        Text("Tax per rate", bold=True),
    ]
    blocks += [
        Row(f"  {percent(Decimal(rate.rate))} on {fmt(rate.total)}", fmt(rate.tax)) for rate in figures.tax_rates
    ]
    blocks.append(Text("Tenders (taken / refunded)", bold=True))
    blocks += [
        Row(
            f"  {tender.kind} ({tender.payments} / {tender.refund_count})",
            f"{fmt(tender.taken)} / {fmt(tender.refunds)}",
        )
        for tender in figures.tenders
    ]
    blocks.append(Text("Makers (sold / refunded)", bold=True))
    makers: dict[str, list[int]] = {}
    for item in figures.items:
        summed = makers.setdefault(item.maker, [0, 0, 0])
        summed[0] += item.units
        summed[1] += item.revenue
        summed[2] += item.refunds
    blocks += [
        Row(f"  {maker} ({units} units)", f"{fmt(revenue)} / {fmt(refunds)}")
        for maker, (units, revenue, refunds) in sorted(makers.items())
    ]
    if figures.reasons:
        blocks.append(Text("Returns by reason", bold=True))
        blocks += [Row(f"  {group.key} ({group.units})", fmt(group.refund)) for group in figures.reasons]
    blocks += group_buy_blocks(figures, fmt)
    blocks += [Separator(), Text("Records per till", bold=True)]
    blocks += [
        Row(
            f"  Till {till.till_code}: {till.records} sales and returns",
            f"up to {till.last_at[:16].replace('T', ' ')} UTC",
        )
        for till in figures.tills
    ]
    return Document(DocumentKind.CASH_REPORT, f"{heading.name} event report", tuple(blocks), cut=False)


def group_buy_blocks(figures: EventFigures, fmt: Callable[[int], str]) -> list[Block]:
    """Per group buy, its commitments and outcome: a second view of sales counted above (sync/group_buy_figures.py)."""
    if not figures.group_buys:
        return []
    blocks: list[Block] = [
        Separator(),
        Text("Group buys", bold=True),
        Text("Commitments are sales of their custom-amount line, already in the sales above: not added again."),
    ]
    for item in figures.group_buys:
        blocks += [
            Row(f"  {item.name} ({item.sku}): {item.outcome}", f"minimum {item.minimum}", bold=True),
            Row(f"    committed ({item.commitments} commitments, {item.units} units)", fmt(item.amount)),
            Row(f"    late, not counted ({item.late})", fmt(item.late_amount)),
            Row(
                f"    refunds due / done ({item.refunds_due} / {item.refunds_done})",
                f"{fmt(item.refunds_due_amount)} / {fmt(item.refunds_done_amount)}",
            ),
            Row("    pickup orders made", str(item.orders)),
        ]
    return blocks


def settlement_document(heading: EventHeading, settlements: Sequence[MakerSettlement], note: str) -> Document:
    cur = heading.currency

    def fmt(amount: int) -> str:
        return money(amount, cur)

    blocks = _title(heading, "Maker settlements: every till's records on the hub")
    blocks.append(Text(note))
    for settlement in settlements:
        blocks += [Separator(), Text(settlement.maker_name, bold=True)]
        for line in settlement.lines:
            blocks.append(Row(f"  {line.units_sold} x {line.name} ({line.sku})", fmt(line.revenue)))
            if line.units_returned:
                blocks.append(Row(f"    returned {line.units_returned}", fmt(-line.refunds)))
            blocks.append(Row(f"    commission {percent(line.rate)}", fmt(-line.commission)))
        blocks += [
            Row("  Net revenue", fmt(settlement.revenue - settlement.refunds)),
            Row("  Commission", fmt(-settlement.commission)),
            Row("  PAYOUT DUE", fmt(settlement.payout), bold=True),
        ]
    return Document(DocumentKind.MAKER_SETTLEMENT, f"{heading.name} settlements", tuple(blocks), cut=False)


def z_document(heading: EventHeading, reports: Sequence[ZReport]) -> Document:
    cur = heading.currency

    def fmt(amount: int) -> str:
        return money(amount, cur)

    blocks = _title(heading, "Z reports: every closed cash session pushed to the hub")
    if not reports:
        blocks.append(Text("No till has closed a cash session and pushed it yet."))
    for z in reports:
        blocks += [
            Text(f"Till {z.till_code}, session {z.session_number} ({z.number})", bold=True),
            Row("  closed", f"{z.closed_at[:16].replace('T', ' ')} UTC by {z.closed_by}"),
            Row(f"  sales ({z.sales})", fmt(z.sales_total)),
            Row("  card / voucher", f"{fmt(z.card_total)} / {fmt(z.voucher_total)}"),
            Row(f"  refunds ({z.returns})", fmt(-z.refunds_total)),
            Row("  cash expected / counted", f"{fmt(z.expected)} / {fmt(z.counted)}"),
            Row("  over (+) / short (-)", fmt(z.over_short), bold=True),
            Separator(),
        ]
    return Document(DocumentKind.CASH_REPORT, f"{heading.name} Z reports", tuple(blocks), cut=False)


def as_text(document: Document) -> str:
    lines = []
    for line in lay_out(document, TEXT_COLUMNS):
        if isinstance(line, TextLine):
            if line.align is Align.CENTER:
                lines.append(line.text.center(TEXT_COLUMNS).rstrip())
            elif line.align is Align.RIGHT:
                lines.append(line.text.rjust(TEXT_COLUMNS))
            else:
                lines.append(line.text)
    return "\n".join(lines) + "\n"


def as_pdf(document: Document) -> bytes:
    return render_pdf(document, "A4")
