"""The manager's event report as an A4 PDF: totals, bar charts and tables, through reportlab's platypus.

The report arrives already worded and formatted (amounts as text in the
event's locale); only the charts get numbers, as integer minor units, for the
length of their bars. Charts are reportlab graphics, drawn as vector paths
in the page itself, so they stay sharp when printed and need no image library.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import BarChart as ReportlabBarChart
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

# The receipts' DejaVu fonts: they carry accents, currency signs and the Swiss apostrophe (1’234.50),
# and the bundled app ships them, so a till without system fonts still prints the report.
from printers.pdf_output import BOLD, REGULAR, _register_fonts

MARGIN = 15 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN
TABLE_FONT_SIZE = 7.5
CELL_PADDING = 3.0
BAR_COLOUR = colors.HexColor("#2f6f8f")
HEADER_BACKGROUND = colors.HexColor("#e4ecf0")
ELLIPSIS = "…"


@dataclass(frozen=True, slots=True)
class ReportTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Columns from this index on hold figures: right-aligned and never shortened.
    figures_from: int = 1
    note: str = ""
    empty: str = "None."  # printed instead of a table without rows, in the report's language


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    labels: tuple[str, ...]
    # Integer minor units; the axis shows them in major units (``minor_unit`` of them make one).
    values: tuple[int, ...]
    minor_unit: int
    unit: str
    horizontal: bool = False


@dataclass(frozen=True, slots=True)
class ReportDocument:
    title: str
    subtitle: str
    summary: tuple[tuple[str, str], ...]
    charts: tuple[BarChart, ...]
    tables: tuple[ReportTable, ...]
    footer: str = ""


def render_report_pdf(report: ReportDocument) -> bytes:
    """The report as PDF bytes on A4 portrait pages, numbered in the footer."""
    _register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 5 * mm,
        title=report.title,
        author="Pop-up POS",
    )
    title = ParagraphStyle("title", fontName=BOLD, fontSize=15, leading=19, spaceAfter=2)
    subtitle = ParagraphStyle("subtitle", fontName=REGULAR, fontSize=9, leading=12, spaceAfter=8)
    story: list[Flowable] = [
        Paragraph(escape(report.title), title),
        Paragraph(escape(report.subtitle), subtitle),
        _summary(report.summary),
        Spacer(1, 6 * mm),
    ]
    for chart in report.charts:
        story += [_chart(chart), Spacer(1, 5 * mm)]
    for table in report.tables:
        story += [*_table(table), Spacer(1, 5 * mm)]

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7)
        canvas.drawRightString(A4[0] - MARGIN, MARGIN, f"{report.footer} · {doc.page}".strip(" ·"))
        canvas.restoreState()

    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _summary(pairs: Sequence[tuple[str, str]]) -> Table:
    table = Table([list(pair) for pair in pairs], colWidths=[70 * mm, 45 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTSIZE", (0, 0), (-1, -1), 9),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


def _heading(text: str) -> Paragraph:
    style = ParagraphStyle("heading", fontName=BOLD, fontSize=10.5, leading=13, spaceBefore=2, spaceAfter=3)
    return Paragraph(escape(text), style)


def _table(spec: ReportTable) -> list[Flowable]:
    heading = _heading(spec.title)
    if not spec.rows:
        empty = Paragraph(escape(spec.empty), ParagraphStyle("empty", fontName=REGULAR, fontSize=8))
        return [KeepTogether([heading, empty])]
    widths, rows = _fit([spec.headers, *spec.rows], spec.figures_from)
    table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("FONTNAME", (0, 0), (-1, 0), BOLD),
                ("FONTSIZE", (0, 0), (-1, -1), TABLE_FONT_SIZE),
                ("LEADING", (0, 0), (-1, -1), TABLE_FONT_SIZE * 1.2),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BACKGROUND),
                ("ALIGN", (spec.figures_from, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    # The heading stays with the table's first rows; a long table then runs on over the pages.
    flowables: list[Flowable] = [heading, table]
    if spec.note:
        flowables.append(Paragraph(escape(spec.note), ParagraphStyle("note", fontName=REGULAR, fontSize=7)))
    return flowables


def _fit(rows: Sequence[Sequence[str]], figures_from: int) -> tuple[list[float], list[list[str]]]:
    """Column widths that fit the page, shortening the text columns (names) rather than the figures.

    The font is monospaced, so a column's width is its longest cell in characters.
    """
    char = pdfmetrics.stringWidth("M", REGULAR, TABLE_FONT_SIZE)
    columns = len(rows[0])
    longest = [max(len(row[column]) for row in rows) for column in range(columns)]
    room = int((FRAME_WIDTH - columns * 2 * CELL_PADDING) / char)
    text_room = room - sum(longest[figures_from:])
    # Each text column gets its share of what the figures leave, and no more than it needs.
    caps = list(longest)
    text_columns = sorted(range(figures_from), key=lambda column: longest[column])
    for position, column in enumerate(text_columns):
        share = text_room // (len(text_columns) - position)
        caps[column] = max(min(longest[column], share), 4)
        text_room -= caps[column]
    fitted = [[_shorten(cell, caps[column]) for column, cell in enumerate(row)] for row in rows]
    return [caps[column] * char + 2 * CELL_PADDING + 0.5 for column in range(columns)], fitted


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + ELLIPSIS


def _chart(chart: BarChart) -> Drawing:
    count = max(len(chart.values), 1)
    top = max(max(chart.values, default=0), chart.minor_unit)
    bars: ReportlabBarChart
    if chart.horizontal:
        height = 22 * mm + count * 6 * mm
        bars = HorizontalBarChart()
        label_room = 48 * mm
        bars.x, bars.y = label_room, 12 * mm
        bars.width, bars.height = FRAME_WIDTH - label_room - 10 * mm, height - 24 * mm
        # Horizontal bars stack from the bottom up: reversed, the first category reads at the top.
        values, labels = list(reversed(chart.values)), [_shorten(label, 28) for label in reversed(chart.labels)]
    else:
        height = 75 * mm
        bars = VerticalBarChart()
        bars.x, bars.y = 18 * mm, 16 * mm
        bars.width, bars.height = FRAME_WIDTH - 22 * mm, height - 28 * mm
        values, labels = list(chart.values), list(chart.labels)
        if count > 12:
            bars.categoryAxis.labels.angle = 45
            bars.categoryAxis.labels.boxAnchor = "ne"
    drawing = Drawing(FRAME_WIDTH, height)
    drawing.add(String(0, height - 12, chart.title, fontName=BOLD, fontSize=10.5))
    bars.data = [values or [0]]
    bars.categoryAxis.categoryNames = labels or [""]
    bars.categoryAxis.labels.fontName = REGULAR
    bars.categoryAxis.labels.fontSize = 6.5 if count > 12 else 7.5
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax = top * 1.05
    bars.valueAxis.labels.fontName = REGULAR
    bars.valueAxis.labels.fontSize = 7
    # Tick positions are reportlab's (floats); shown as whole major units, they need no exact cents.
    bars.valueAxis.labelTextFormat = lambda value: f"{int(value) // chart.minor_unit:,}"
    bars.bars[0].fillColor = BAR_COLOUR
    bars.bars[0].strokeColor = None
    bars.barSpacing = 1
    drawing.add(bars)
    drawing.add(String(FRAME_WIDTH, height - 12, chart.unit, fontName=REGULAR, fontSize=8, textAnchor="end"))
    return drawing
