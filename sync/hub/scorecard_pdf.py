"""A maker's scorecard as text and as a one-page A4 PDF with small bar charts (docs/scorecards.md).

English, like the hub's other reports (sync/hub/reports_pdf.py): the readers are the marketplace's
operators and the makers they send it to. The charts are reportlab graphics drawn on the page.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from sync.hub.reports_pdf import money
from sync.maker_scorecards import MakerScorecard, ProductScore, duration_text, percent_text, rounded

CHART_PRODUCTS = 8
REGULAR, BOLD = "Helvetica", "Helvetica-Bold"


def summary_lines(card: MakerScorecard, currency: str) -> list[tuple[str, str]]:
    """The scorecard's headline figures, label and value: the same on the page and in the text."""
    per_hour = rounded(card.revenue_per_stall_hour, 0)
    return [
        ("Units sold", str(card.units)),
        ("Revenue", money(card.revenue, currency)),
        ("Delivered", str(card.delivered)),
        ("Sell-through (sold / delivered)", percent_text(card.sell_through)),
        ("Returned by customers", f"{card.total('returned')} ({percent_text(card.return_rate)} of units sold)"),
        ("Defective (quality decisions)", f"{card.total('defective')} ({percent_text(card.defect_rate)} of delivered)"),
        ("Stall hours (first to last sale)", f"{card.stall_seconds / 3600:.1f} h"),
        ("Revenue per stall hour", "-" if per_hour is None else money(int(per_hour), currency)),
        (
            "Products sold out",
            f"{len(card.sold_out)} (mean {duration_text(card.mean_seconds_to_sell_out)} to sell out)",
        ),
        ("Asked for after sell-out", f"{card.asked_after} times, {card.units_asked_after} units"),
    ]


def _product_lines(card: MakerScorecard, currency: str) -> list[str]:
    """A line per product and event; across events each names its event."""
    names = {event.event_id: event.name for event in card.events}
    several = len(card.events) > 1
    return [
        f"{names.get(item.event_id, item.event_id)}: {_product_line(item, currency)}"
        if several
        else _product_line(item, currency)
        for item in card.products
    ]


def _product_line(item: ProductScore, currency: str) -> str:
    out = f", sold out after {duration_text(item.seconds_to_sell_out)}" if item.sold_out_at else ""
    asked = f", asked for {item.asked_after} more times after" if item.asked_after else ""
    through = percent_text(item.sell_through)
    return (
        f"{item.sku} {item.name}: {item.units} sold of {item.delivered} delivered ({through}),"
        f" {money(item.revenue, currency)}, {item.returned} returned{out}{asked}"
    )


def scorecard_text(card: MakerScorecard, currency: str, event_names: Sequence[str]) -> str:
    lines = [f"Scorecard: {card.maker}", f"Events: {', '.join(event_names)}", ""]
    width = max(len(label) for label, _ in summary_lines(card, currency))
    lines += [f"{label:<{width}}  {value}" for label, value in summary_lines(card, currency)]
    if card.reasons:
        lines += ["", "Return reasons:"]
        lines += [f"  {group.reason}: {group.units} units in {group.returns} returns" for group in card.reasons]
    lines += ["", "Products:"]
    lines += [f"  {line}" for line in _product_lines(card, currency)]
    return "\n".join(lines) + "\n"


def _bars(title: str, labels: list[str], values: list[float], width: float, height: float, fmt: str) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 10, title, fontName=BOLD, fontSize=9))
    if not values:
        drawing.add(String(0, height - 26, "nothing to show", fontName=REGULAR, fontSize=8))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = 70, 4
    chart.width, chart.height = width - 110, height - 24
    chart.data = [values]
    chart.bars[0].fillColor = colors.HexColor("#4a7a9c")
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.reverseDirection = True
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visible = False
    chart.barLabelFormat = fmt
    chart.barLabels.fontName = REGULAR
    chart.barLabels.fontSize = 7
    chart.barLabels.nudge = 10
    drawing.add(chart)
    return drawing


def _by_product(card: MakerScorecard) -> dict[str, list[int]]:
    """Per SKU over the events: units sold, delivered."""
    summed: dict[str, list[int]] = {}
    for item in card.products:
        before = summed.setdefault(item.sku, [0, 0])
        before[0] += item.units
        before[1] += item.delivered
    return summed


def scorecard_pdf(card: MakerScorecard, currency: str, event_names: Sequence[str]) -> bytes:
    """One A4 page: the headline figures, units sold and sell-through per product, return reasons, products."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.setTitle(f"Scorecard {card.maker}")
    width, height = A4
    left, y = 18 * mm, height - 20 * mm
    canvas.setFont(BOLD, 16)
    canvas.drawString(left, y, f"Maker scorecard: {card.maker}")
    y -= 6 * mm
    canvas.setFont(REGULAR, 9)
    canvas.drawString(left, y, f"Events: {', '.join(event_names)}"[:120])
    y -= 9 * mm
    for label, value in summary_lines(card, currency):
        canvas.setFont(REGULAR, 10)
        canvas.drawString(left, y, label)
        canvas.setFont(BOLD, 10)
        canvas.drawRightString(left + 120 * mm, y, value)
        y -= 5.2 * mm
    summed = sorted(_by_product(card).items(), key=lambda item: (-item[1][0], item[0]))[:CHART_PRODUCTS]
    chart_width, chart_height = (width - 2 * left) / 2, 58 * mm
    y -= chart_height + 2 * mm
    units = _bars(
        "Units sold", [sku for sku, _ in summed], [float(u) for _, (u, _d) in summed], chart_width, chart_height, "%d"
    )
    through = [(sku, 100.0 * u / d) for sku, (u, d) in summed if d]
    through_chart = _bars(
        "Sell-through %",
        [sku for sku, _ in through],
        [value for _, value in through],
        chart_width,
        chart_height,
        "%.0f%%",
    )
    renderPDF.draw(units, canvas, left, y)
    renderPDF.draw(through_chart, canvas, left + chart_width, y)
    y -= 8 * mm
    if card.reasons:
        canvas.setFont(BOLD, 10)
        canvas.drawString(left, y, "Return reasons")
        y -= 5 * mm
        canvas.setFont(REGULAR, 9)
        for group in card.reasons[:5]:
            canvas.drawString(left + 4 * mm, y, f"{group.reason}: {group.units} units in {group.returns} returns")
            y -= 4.5 * mm
        y -= 2 * mm
    canvas.setFont(BOLD, 10)
    canvas.drawString(left, y, "Products")
    y -= 5 * mm
    canvas.setFont(REGULAR, 8)
    for line in _product_lines(card, currency):
        if y < 15 * mm:
            canvas.drawString(left + 4 * mm, y, "... and more: the CSV lists every product.")
            break
        for part, text in enumerate(textwrap.wrap(line, 115)):
            canvas.drawString(left + (4 if part == 0 else 8) * mm, y, text)
            y -= 4.2 * mm
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
