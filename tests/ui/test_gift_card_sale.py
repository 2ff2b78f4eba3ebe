"""Selling a gift card by taps: the Gift card key, the amount on the pad, cash, and the code on the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.number_pad import NumberPadDialog
from sync.custom_lines import GIFT_CARD_SKU
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in
from tests.ui.screen_fit import SIZES, misfits

TAP = Qt.MouseButton.LeftButton


def test_a_gift_card_sold_by_taps_shows_its_code_after_payment(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    qtbot.mouseClick(window.sell.quick_tabs.gift_card_button, TAP)
    qtbot.waitUntil(lambda: isinstance(window.sell.input_dialog, NumberPadDialog))
    pad = window.sell.input_dialog
    assert isinstance(pad, NumberPadDialog)
    for size in SIZES:
        assert misfits(pad, size)[0] == []
    for key in "50":
        qtbot.mouseClick(pad.digit_buttons[key], TAP)
    qtbot.mouseClick(pad.ok_button, TAP)
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 1)
    state = window.sell.state
    assert state is not None
    (line,) = state.priced.lines
    assert (line.line.item.sku, line.total, line.tax) == (GIFT_CARD_SKU, 5000, 0)

    qtbot.mouseClick(window.sell.pay_button, TAP)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    tender = window.sell.tender_dialog
    assert tender is not None
    qtbot.keyClicks(tender.cash_input, "50")
    qtbot.keyClick(tender.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tender.pages.currentIndex() == 1)
    with demo.till.uow() as uow:
        sale = uow.sales.header_by_receipt("A-000001")
        assert sale is not None
        ((code, amount),) = uow.vouchers.sold_on(sale.sale_id)
    assert amount == 5000
    assert tender.gift_cards_label.isVisible() and code in tender.gift_cards_label.text()
    qtbot.keyClick(tender.none_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is None and window.sell.model.rowCount() == 0)
    # The code stays on the screen after the dialog, until acknowledged: the printer may be out of paper.
    assert code in window.message_area.text()
