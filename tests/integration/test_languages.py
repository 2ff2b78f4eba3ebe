"""Texts made outside the screens: refusals in the person's language, printed documents in the event's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.domain import texts
from app.domain.errors import NotFound, PermissionDenied
from app.domain.tenders import Tender, TenderKind
from app.domain.vouchers import new_voucher_code
from app.services import carts
from app.services.receipts import load_sale_receipt
from app.services.selling import CompleteSale, complete_sale
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
