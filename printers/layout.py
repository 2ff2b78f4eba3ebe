"""Laying a document out in fixed-width columns: the one place that decides how a receipt looks.

Thermal printers print 32 characters a line on 58 mm paper and 48 on 80 mm
(font A). Both the ESC/POS and the PDF outputs print these lines, so a receipt
looks the same on paper and in the PDF.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace

from printers.document import Align, Document, Logo, QrCode, Row, Separator, Text

COLUMNS_BY_PAPER_MM = {58: 32, 80: 48}
COPY_MARK = "*** COPY ***"  # a copy whose builder gave none in its own language (Document.as_copy)


def columns_for(paper_width_mm: int) -> int:
    return COLUMNS_BY_PAPER_MM.get(paper_width_mm, 48)


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    large: bool = False


@dataclass(frozen=True, slots=True)
class QrLine:
    data: str


@dataclass(frozen=True, slots=True)
class LogoLine:
    path: str


Line = TextLine | QrLine | LogoLine


# Babel separates "CHF" from the amount with no-break spaces, which many
# thermal printers' code pages lack: print plain spaces.
_PLAIN_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, replace_whitespace=False) or [""]


def _row(row: Row, width: int) -> list[TextLine]:
    # Large text prints twice as wide, so half as many characters fit.
    usable = width // 2 if row.large else width
    right = row.right
    lines = _wrap(row.left, max(1, usable - len(right) - 1))
    last = lines[-1]
    if len(last) + 1 + len(right) > usable:
        body = [TextLine(line, bold=row.bold, large=row.large) for line in lines]
        return [*body, TextLine(right.rjust(usable), bold=row.bold, large=row.large)]
    body = [TextLine(line, bold=row.bold, large=row.large) for line in lines[:-1]]
    return [*body, TextLine(last + " " * (usable - len(last) - len(right)) + right, bold=row.bold, large=row.large)]


def _plain(document: Document) -> Document:
    blocks = []
    for block in document.blocks:
        if isinstance(block, Text):
            block = Text(block.text.translate(_PLAIN_SPACES), block.align, block.bold, block.large)
        elif isinstance(block, Row):
            block = Row(
                block.left.translate(_PLAIN_SPACES), block.right.translate(_PLAIN_SPACES), block.bold, block.large
            )
        blocks.append(block)
    return replace(document, blocks=tuple(blocks))


def lay_out(document: Document, width: int) -> list[Line]:
    document = _plain(document)
    lines: list[Line] = []
    copy_mark = document.meta.get("copy_mark", COPY_MARK)
    if document.copy:
        lines.append(TextLine(copy_mark, Align.CENTER, bold=True))
    for block in document.blocks:
        match block:
            case Text():
                usable = width // 2 if block.large else width
                lines.extend(TextLine(part, block.align, block.bold, block.large) for part in _wrap(block.text, usable))
            case Row():
                lines.extend(_row(block, width))
            case Separator():
                lines.append(TextLine(block.char * width))
            case QrCode():
                lines.append(QrLine(block.data))
                if block.caption:
                    lines.extend(TextLine(part, Align.CENTER) for part in _wrap(block.caption, width))
            case Logo():
                lines.append(LogoLine(block.path))
    if document.copy:
        lines.append(TextLine(copy_mark, Align.CENTER, bold=True))
    return lines
