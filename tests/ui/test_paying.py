"""Paying fast, by finger: Card in one tap, vouchers checked as they are added, Split as its own step.

Taps are counted by ``Taps.tap``: every mouse click the test makes from Pay
on goes through it, and no key is pressed after Pay.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QPushButton
from pytestqt.qtbot import QtBot

from app.services.tender_settings import set_card_reference_required
from app.services.vouchers import voucher_balance
from app.ui.main_window import MainWindow
from app.ui.number_pad import NumberPadDialog
from app.ui.tender_dialog import TenderDialog
from tests.conftest import DemoTill
from tests.ui.conftest import scan, sign_in
from tests.ui.screen_fit import misfits

MUG = "2000000000114"  # CHF 32.00


class Taps:
    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def tap(self, button: QAbstractButton) -> None:
        # A button laid out a moment ago shows with the next turn of the event loop, as on screen.
        self.qtbot.waitUntil(lambda: button.isVisible() and button.isEnabled(), timeout=1000)
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.count += 1


def pay(qtbot: QtBot, window: MainWindow, taps: Taps) -> TenderDialog:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    scan(qtbot, window, MUG)
    taps.tap(window.sell.pay_button)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    dialog = window.sell.tender_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def tenders_of_first_sale(demo: DemoTill) -> list[tuple[str, int, str]]:
    with demo.till.uow() as uow:
        sale = uow.sales.header_by_receipt("A-000001")
        assert sale is not None
        detail = uow.sales.detail(sale.sale_id)
    assert detail is not None
    return sorted((t.kind, t.amount, t.reference) for t in detail.tenders)


def test_a_one_item_cash_sale_by_taps_only_in_two_taps_from_pay_to_change(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    taps = Taps(qtbot)
    dialog = pay(qtbot, window, taps)
    quick = {button.text(): button for button in dialog.findChildren(QPushButton, "quickCash")}
    assert list(quick) == ["CHF\xa032.00", "CHF\xa035.00", "CHF\xa040.00", "CHF\xa050.00"]
    taps.tap(quick["CHF\xa050.00"])  # the customer hands over a 50
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert taps.count == 2
    assert dialog.change_label.text() == "Change: CHF\xa018.00"
    taps.tap(dialog.none_button)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is None and window.sell.model.rowCount() == 0)
    assert tenders_of_first_sale(demo) == [("cash", 3200, "")]


def test_a_card_sale_without_a_reference_in_two_taps_after_pay(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    taps = Taps(qtbot)
    dialog = pay(qtbot, window, taps)
    assert not dialog.card_page.isVisible(), "one method at a time: cash first"
    taps.tap(dialog.card_button)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    taps.tap(dialog.none_button)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is None)
    assert taps.count == 3  # Pay, Card, no receipt
    assert tenders_of_first_sale(demo) == [("card", 3200, "")]


def test_where_the_event_requires_it_the_card_asks_for_the_terminal_reference(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    set_card_reference_required(True, demo.manager, demo.till.uow())
    taps = Taps(qtbot)
    dialog = pay(qtbot, window, taps)
    taps.tap(dialog.card_button)
    assert dialog.card_page.isVisible() and dialog.pages.currentIndex() == 0
    assert "required" in dialog.card_reference.placeholderText()
    taps.tap(dialog.card_page.add_button)
    assert "terminal's reference" in dialog.error_label.text()
    assert dialog.tenders == []
    qtbot.keyClicks(dialog.card_reference, "TRM-88")
    taps.tap(dialog.card_page.add_button)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert tenders_of_first_sale(demo) == [("card", 3200, "TRM-88")]


def test_a_made_up_voucher_is_refused_as_it_is_added_and_a_real_one_shows_its_balance(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    taps = Taps(qtbot)
    dialog = pay(qtbot, window, taps)
    taps.tap(dialog.voucher_button)
    assert dialog.voucher_page.isVisible() and not dialog.cash_page.isVisible()
    qtbot.keyClicks(dialog.voucher_code, "NOPE-1")
    taps.tap(dialog.voucher_page.add_button)
    qtbot.waitUntil(lambda: "not a voucher code" in dialog.error_label.text())
    assert dialog.tenders == [] and dialog.remaining_label.text() == "Left to pay: CHF\xa032.00"

    dialog.voucher_code.clear()
    qtbot.keyClicks(dialog.voucher_code, demo.voucher)
    taps.tap(dialog.voucher_page.add_button)
    qtbot.waitUntil(lambda: len(dialog.tenders) == 1)
    assert "holds CHF\xa025.00" in dialog.voucher_page.balance.text()
    assert dialog.remaining_label.text() == "Left to pay: CHF\xa07.00"
    assert dialog.paid_label.text() == f"Paid so far: Voucher: CHF\xa025.00 ({demo.voucher})"
    assert dialog.cash_page.isVisible(), "the rest is most often cash"
    taps.tap(dialog.findChildren(QPushButton, "quickCash")[0])
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert tenders_of_first_sale(demo) == [("cash", 700, ""), ("voucher", 2500, demo.voucher)]
    assert voucher_balance(demo.voucher, demo.till.uow()).remaining == 0


def test_split_is_its_own_step_card_part_on_the_number_pad_then_cash(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    taps = Taps(qtbot)
    dialog = pay(qtbot, window, taps)
    assert not dialog.card_amount.isVisible()
    taps.tap(dialog.split_button)
    taps.tap(dialog.card_button)
    assert dialog.card_amount.isVisible(), "Split asks how much this part is"
    taps.tap(dialog.card_page.pad_button)
    pad = dialog.pad_dialog
    assert isinstance(pad, NumberPadDialog)
    for key in "20":
        taps.tap(pad.digit_buttons[key])
    taps.tap(pad.ok_button)
    assert dialog.card_amount.text() == "20"
    taps.tap(dialog.card_page.add_button)
    assert dialog.remaining_label.text() == "Left to pay: CHF\xa012.00"
    assert dialog.paid_label.text() == "Paid so far: Card: CHF\xa020.00"
    taps.tap(dialog.findChildren(QPushButton, "quickCash")[0])
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert tenders_of_first_sale(demo) == [("card", 2000, ""), ("cash", 1200, "")]


def test_the_payment_dialog_fits_a_1024_by_600_screen(qtbot: QtBot, window: MainWindow) -> None:
    dialog = pay(qtbot, window, Taps(qtbot))
    for method in (dialog.cash_button, dialog.voucher_button):
        qtbot.mouseClick(method, Qt.MouseButton.LeftButton)
        dialog.adjustSize()
        assert dialog.height() <= 560, "room for the window frame on a 600 px screen"
        assert misfits(dialog, (1024, 600))[0] == []
