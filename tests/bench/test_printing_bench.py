"""Rendering a 30-line receipt to ESC/POS bytes (goal < 5 ms) and to PDF (goal < 50 ms)."""

from __future__ import annotations

from printers.document import Align, Document, DocumentKind, QrCode, Row, Separator, Text
from printers.escpos_output import PrinterSettings, render_escpos
from printers.pdf_output import render_pdf
from tests.bench.conftest import measure, report


def thirty_line_receipt() -> Document:
    blocks: list[Text | Row | Separator | QrCode] = [
        Text("Winter Makers Market", Align.CENTER, bold=True, large=True),
        Text("Receipt A-000123 · 05.12.26 14:02 · Sam", Align.CENTER),
        Separator(),
    ]
    for number in range(30):
        blocks.append(Row(f"{number % 3 + 1} x Handmade item number {number} from Atelier Lumière", "CHF 12.90"))
    blocks += [
        Separator(),
        Row("TOTAL", "CHF 387.00", bold=True, large=True),
        QrCode("R1:A-000123:01A20F78-CBAD-7308-9199-AB8EA6ED362F"),
    ]
    return Document(DocumentKind.SALE_RECEIPT, "receipt A-000123", tuple(blocks), open_drawer=True)


def test_render_receipt() -> None:
    document = thirty_line_receipt()
    settings = PrinterSettings(kind="network", address="127.0.0.1")
    report(
        "30-line receipt -> ESC/POS bytes",
        measure(lambda: render_escpos(document, settings), rounds=200),
        "goal < 5 ms",
    )
    report("30-line receipt -> PDF (80 mm)", measure(lambda: render_pdf(document), rounds=100), "goal < 50 ms")
