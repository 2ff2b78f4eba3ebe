from __future__ import annotations

from printers.document import Align, Document, DocumentKind, QrCode, Row, Separator, Text
from printers.escpos_output import PrinterSettings, render_escpos
from printers.layout import QrLine, TextLine, lay_out
from tests.escpos_decode import decode


def receipt(*blocks: Text | Row | Separator | QrCode, drawer: bool = False) -> Document:
    return Document(DocumentKind.SALE_RECEIPT, "test", tuple(blocks), open_drawer=drawer)


def test_amounts_are_right_aligned_at_both_paper_widths() -> None:
    for width in (32, 48):
        lines = lay_out(receipt(Row("2 x Mug speckled", "CHF 64.00")), width)
        assert lines == [TextLine("2 x Mug speckled" + " " * (width - 16 - 9) + "CHF 64.00")]


def test_a_long_label_wraps_and_keeps_the_amount_on_its_last_line() -> None:
    lines = lay_out(receipt(Row("1 x Very long handmade ceramic teapot with bamboo handle", "CHF 89.00")), 32)
    assert all(isinstance(line, TextLine) and len(line.text) <= 32 for line in lines)
    assert lines[-1].text.endswith("CHF 89.00")  # type: ignore[union-attr]
    assert len(lines) >= 2


def test_large_text_uses_half_the_columns() -> None:
    lines = lay_out(receipt(Row("TOTAL", "CHF 112.80", large=True)), 48)
    assert lines == [TextLine("TOTAL" + " " * (24 - 5 - 10) + "CHF 112.80", large=True)]


def test_copies_are_marked_at_top_and_bottom() -> None:
    lines = lay_out(receipt(Text("hello")).as_copy(), 32)
    assert [line.text for line in lines if isinstance(line, TextLine)] == ["*** COPY ***", "hello", "*** COPY ***"]


def test_documents_survive_the_print_queue_as_json() -> None:
    original = Document(
        DocumentKind.SALE_RECEIPT,
        "Café",
        (Text("Zürich", Align.CENTER, bold=True), Row("a", "b"), Separator("="), QrCode("R1:A-000001:X", "cap")),
        open_drawer=True,
        meta={"receipt_no": "A-000001"},
    )
    assert Document.from_json(original.to_json()) == original


def test_escpos_bytes_carry_text_accents_cut_and_drawer_kick() -> None:
    document = receipt(Text("Atelier Lumière · Zürich"), Row("Total", "€ 12.90"), QrCode("R1:A-000001:X"), drawer=True)
    printout = decode(render_escpos(document, PrinterSettings(paper_width_mm=58)))
    assert "Atelier Lumière · Zürich" in printout.text or "Atelier Lumière" in printout.text
    assert any(line.endswith("€ 12.90") and len(line) == 32 for line in printout.lines)
    assert printout.commands[-2:] == ["cut", "drawer"]
    assert "qr" in printout.commands
    as_image = decode(render_escpos(document, PrinterSettings(paper_width_mm=58, qr_as_image=True)))
    assert "image" in as_image.commands and "qr" not in as_image.commands
    assert QrLine("R1:A-000001:X") in lay_out(document, 32)
