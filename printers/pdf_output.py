"""PDF output through reportlab: the receipt on an 80 mm roll, or on A4 with the same content.

Both print the same laid-out lines as the thermal printer (monospace, so the
columns hold), in DejaVu fonts that carry accents and currency signs.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from printers.document import Align, Document
from printers.layout import LogoLine, QrLine, TextLine, lay_out
from printers.texts import _

FONT_FOLDERS = (Path("/usr/share/fonts/truetype/dejavu"), Path(__file__).resolve().parents[1] / "resources" / "fonts")
REGULAR, BOLD = "PopupMono", "PopupMono-Bold"
ROLL_WIDTH = 80 * mm
ROLL_COLUMNS = 48
QR_SIZE = 34 * mm


class PdfFontsMissing(Exception):
    """The fonts that carry accents and currency signs are not installed."""


def _register_fonts() -> None:
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for folder in FONT_FOLDERS:
        regular, bold = folder / "DejaVuSansMono.ttf", folder / "DejaVuSansMono-Bold.ttf"
        if regular.is_file() and bold.is_file():
            pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
            pdfmetrics.registerFont(TTFont(BOLD, str(bold)))
            return
    raise PdfFontsMissing(_("PDF receipts need the DejaVu fonts: install fonts-dejavu-core (Debian) and try again."))


def render_pdf(document: Document, paper: str = "80mm") -> bytes:
    """The document as PDF bytes, on an 80 mm roll ("80mm") or an A4 page ("A4")."""
    _register_fonts()
    lines = lay_out(document, ROLL_COLUMNS)
    if paper == "A4":
        page_width, page_height = A4
        font_size = 11.0
        margin = 25 * mm
    else:
        font_size = 7.2
        margin = 4 * mm
        page_width = ROLL_WIDTH
        page_height = 2 * margin + sum(
            QR_SIZE + 2 * mm
            if isinstance(line, QrLine)
            else font_size * (2.6 if isinstance(line, TextLine) and line.large else 1.3)
            for line in lines
        )
    text_width = pdfmetrics.stringWidth("M" * ROLL_COLUMNS, REGULAR, font_size)
    left = (page_width - text_width) / 2
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(page_width, page_height))
    canvas.setTitle(document.title)
    y = page_height - margin
    for line in lines:
        if isinstance(line, TextLine):
            size = font_size * 2 if line.large else font_size
            y -= size * 1.3
            if y < margin:
                canvas.showPage()
                y = page_height - margin - size * 1.3
            canvas.setFont(BOLD if line.bold else REGULAR, size)
            if line.align is Align.CENTER:
                canvas.drawCentredString(page_width / 2, y, line.text.strip())
            elif line.align is Align.RIGHT:
                canvas.drawRightString(left + text_width, y, line.text)
            else:
                canvas.drawString(left, y, line.text)
        elif isinstance(line, QrLine):
            y -= QR_SIZE + 2 * mm
            widget = QrCodeWidget(line.data, barLevel="M")
            x0, y0, x1, y1 = widget.getBounds()
            drawing = Drawing(QR_SIZE, QR_SIZE, transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0])
            drawing.add(widget)
            renderPDF.draw(drawing, canvas, (page_width - QR_SIZE) / 2, y)
        elif isinstance(line, LogoLine) and Path(line.path).is_file():
            y -= 20 * mm
            canvas.drawImage(line.path, (page_width - 40 * mm) / 2, y, 40 * mm, 18 * mm, preserveAspectRatio=True)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class PdfPrinter:
    """Writes each document as a PDF file into a folder (when there is no printer at all)."""

    def __init__(self, folder: Path, paper: str = "80mm") -> None:
        self.folder = folder
        self.paper = paper

    def print_document(self, document: Document) -> Path:
        self.folder.mkdir(parents=True, exist_ok=True)
        name = document.meta.get("file_name") or document.title
        target = self.folder / f"{_safe(name)}{'-copy' if document.copy else ''}.pdf"
        target.write_bytes(render_pdf(document, self.paper))
        return target


def _safe(name: str) -> str:
    return "".join(char if char.isalnum() or char in "-_" else "-" for char in name).strip("-") or "document"
