"""Texts made outside the screens: refusals in the person's language, printed documents in the event's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain import texts
from app.domain.errors import NotFound, PermissionDenied
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.domain.vouchers import new_voucher_code
from app.services import carts
from app.services.cash import cash_report_document, close_session
from app.services.demo import demo_pickups
from app.services.event_report_pdf import event_report_pdf
from app.services.handoffs import hand_over, pickup_slip
from app.services.pickups import PickupCard, scan_pickup
from app.services.receipts import load_sale_receipt
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, complete_sale
from app.services.settlements import export_settlement_pdfs
from app.services.staff import sign_in
from app.services.vouchers import voucher_balance
from printers.document import Document, QrCode, Row, Text
from tests.conftest import DemoTill

CANDLE = "2000000000015"


@pytest.fixture
def screen_language() -> Iterator[None]:
    yield
    texts.use_language(None)


def _printed(document: Document) -> str:
    lines: list[str] = [document.title]
    for block in document.blocks:
        if isinstance(block, Text):
            lines.append(block.text)
        elif isinstance(block, Row):
            lines.append(f"{block.left} | {block.right}")
        elif isinstance(block, QrCode):
            lines.append(block.caption)
    return "\n".join(lines)


def test_a_wrong_pin_is_refused_in_german_when_the_screens_are_german(demo: DemoTill, screen_language: None) -> None:
    texts.use_language("de_DE")
    with pytest.raises(PermissionDenied) as refused:
        sign_in(demo.cashier, "0000", demo.till.uow())
    assert str(refused.value) == "Falsche PIN: Versuchen Sie es erneut oder bitten Sie die Leitung, sie zurückzusetzen."


def test_an_unknown_voucher_is_refused_in_the_screen_language(demo: DemoTill, screen_language: None) -> None:
    unknown = new_voucher_code()
    texts.use_language("de")
    with pytest.raises(NotFound) as refused:
        voucher_balance(unknown, demo.till.uow())
    assert str(refused.value) == (
        f"Gutschein {unknown} ist auf dieser Kasse nicht bekannt: "
        "Prüfen Sie den Code oder synchronisieren Sie und versuchen Sie es erneut."
    )
    texts.use_language("en_GB")  # the next person reads English again
    with pytest.raises(NotFound, match=f"Voucher {unknown} is not known on this till"):
        voucher_balance(unknown, demo.till.uow())


def test_a_language_without_a_catalog_falls_back_to_english(demo: DemoTill, screen_language: None) -> None:
    texts.use_language("fr_CH")
    assert texts.language() == "en"
    with pytest.raises(PermissionDenied, match=r"^Wrong PIN: try again"):
        sign_in(demo.cashier, "0000", demo.till.uow())


def test_a_receipt_at_a_swiss_german_event_is_german_whatever_the_screen_language(
    demo: DemoTill, screen_language: None
) -> None:
    texts.use_language("en_US")
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    done = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 2000),)), demo.till.uow())
    with demo.till.uow() as uow:
        assert uow.tills.this_till_and_event()[1].locale == "de_CH"  # the demo event is at Zurich
        printed = _printed(load_sale_receipt(done.sale_id, uow))

    assert f"Beleg {done.receipt_no}" in printed
    assert "TOTAL | " in printed
    assert "\nBar | " in printed and "\nRückgeld | " in printed
    assert "MWST 8.1% auf" in printed and "(inbegriffen)" in printed
    assert f"Beleg für Rücknahmen aufbewahren · {done.receipt_no}" in printed
    assert "Danke, dass Sie lokale Hersteller unterstützen!" in printed
    for english in ("Receipt", "Change", "Cash", "VAT", "served by", "Thank you"):
        assert english not in printed
    # The screens stayed English: a refusal on this till is still read in the person's language.
    with pytest.raises(PermissionDenied, match=r"^Wrong PIN"):
        sign_in(demo.cashier, "0000", demo.till.uow())


def _pdf_text(path: Path) -> str:
    """The PDF's words, one space apart: a long German line may wrap anywhere."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def _day_with_a_return_and_a_pickup(demo: DemoTill) -> str:
    """Two candles sold, one back as defective (quality hold), Ben Frei's order handed over: the handoff's id."""
    uow = demo.till.uow
    cart_id = carts.current_cart(demo.cashier, uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, uow())
    carts.scan(cart_id, CANDLE, demo.cashier, uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 3000),)), uow())
    line = ReturnLineRequest(1, 1, "defective", Disposition.QUALITY_HOLD)
    record_return(RecordReturn(demo.cashier, sale.sale_id, (line,)), uow())
    code = next(pickup.code for pickup in demo_pickups(uow()) if pickup.number == "M-1002")
    card = scan_pickup(code, uow())
    assert isinstance(card, PickupCard)
    return hand_over(card.order_id, {line.key: line.left for line in card.lines}, demo.clerk, uow()).handoff_id


def test_the_z_report_and_the_pickup_slip_are_german_at_a_swiss_german_event_whatever_the_screen_language(
    demo: DemoTill, screen_language: None
) -> None:
    texts.use_language("en_GB")
    handoff_id = _day_with_a_return_and_a_pickup(demo)
    report = close_session({10000: 2}, demo.cashier, demo.till.uow())
    with demo.till.uow() as uow:
        event = uow.tills.this_till_and_event()[1]
    z_report = _printed(cash_report_document(report, event))
    slip = _printed(pickup_slip(handoff_id, demo.till.uow()))

    assert f"Z-Bericht {report.number}" in z_report
    assert "Kasse A · Sitzung 1" in z_report and "Abgeschlossen " in z_report
    assert "Wechselgeld zu Beginn | " in z_report and "Erwartet in der Schublade | " in z_report
    assert "Gezählt | " in z_report and "Stand des Prüfprotokolls: " in z_report
    for english in ("report", "Till", "Opened", "Closed", "Counted", "Expected", "paid by", "Audit head"):
        assert english not in z_report, english
    assert "Abholbeleg" in slip and "Bestellung M-1002 · Ben Frei" in slip
    assert " | abgeholt" in slip and "Danke, dass Sie lokale Hersteller unterstützen!" in slip
    for english in ("Pickup", "Order", "collected", "till", "Thank you"):
        assert english not in slip, english
    # The screens stayed English: a refusal on this till is still read in the person's language.
    with pytest.raises(NotFound, match=r"^No such handoff on this till"):
        pickup_slip("no-such-handoff", demo.till.uow())


def test_the_maker_statement_and_the_event_report_pdfs_are_german_at_a_swiss_german_event(
    demo: DemoTill, screen_language: None, tmp_path: Path
) -> None:
    texts.use_language("en_US")
    _day_with_a_return_and_a_pickup(demo)
    [statement] = export_settlement_pdfs(tmp_path / "statements", demo.till.uow(), maker="Atelier Lumen")
    report = event_report_pdf(tmp_path / "event.pdf", demo.till.uow())

    made = _pdf_text(statement)
    assert "Abrechnung: Atelier Lumen" in made and "AUSZUZAHLEN" in made and "Provision " in made
    assert "1 zurückgenommen, 1 in Qualitätssperre" in made
    assert "Qualitätssperre: 1 Stück, den Grund finden Sie in der Liste der Rücknahmen." in made
    for english in ("Settlement", "PAYOUT", "commission", "returned", "Quality holds", "Net revenue"):
        assert english not in made, english
    text = _pdf_text(report)
    assert "Winter Makers Market: Anlassbericht" in text and "Verkaufssumme" in text
    assert "Rücknahmen nach Grund" in text and "defekt" in text  # a listed reason, stored in English
    assert "Rücknahmen nach Verbleib" in text and "Qualitätssperre" in text
    assert "Abholungen" in text and "Abgeholt" in text and "Wartend" in text
    assert "Zahlungsarten" in text and "Bar" in text
    for english in ("event report", "Sales total", "Returns by", "defective", "quality hold", "Pickups", "Waiting"):
        assert english not in text, english
