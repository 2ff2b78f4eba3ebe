"""The number pad: big keys, a decimal key only where the currency has one, presets in one tap, typing still works."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.ui.cart_model import Column
from app.ui.main_window import MainWindow
from app.ui.number_pad import NumberPadDialog, PadLineEdit, Preset, percent_presets
from app.ui.sell_dialogs import ChoiceDialog, PresetTextDialog
from app.ui.sell_screen import SellScreen
from tests.conftest import DemoTill
from tests.ui.conftest import scan, sign_in
from tests.ui.screen_fit import FINGER_PX, misfits

MUG = "2000000000114"  # CHF 32.00


def opened(qtbot: QtBot, pad: NumberPadDialog) -> list[str]:
    qtbot.addWidget(pad)
    answers: list[str] = []
    pad.entered.connect(answers.append)
    pad.open()
    qtbot.waitExposed(pad)
    return answers


def test_keys_type_an_amount_and_ok_gives_it(qtbot: QtBot) -> None:
    pad = NumberPadDialog("Amount", "Cash given", currency="CHF")
    answers = opened(qtbot, pad)
    for key in "12.5":
        qtbot.mouseClick(pad.digit_buttons[key], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(pad.digit_buttons["0"], Qt.MouseButton.LeftButton)
    assert pad.display.text() == "12.50"
    qtbot.mouseClick(pad.ok_button, Qt.MouseButton.LeftButton)
    assert answers == ["12.50"] and not pad.isVisible()


def test_every_key_is_a_fingertip_and_the_pad_fits_the_smallest_screen(qtbot: QtBot) -> None:
    pad = NumberPadDialog("Discount", "Discount", currency="EUR", presets=percent_presets(5, 10, 15, 20))
    opened(qtbot, pad)
    keys = pad.findChildren(QPushButton)
    assert len(keys) >= 16 and all(key.height() >= FINGER_PX for key in keys)
    assert misfits(pad, (1024, 600))[0] == []


def test_the_decimal_key_follows_the_currency(qtbot: QtBot) -> None:
    assert "." in NumberPadDialog("x", "x", currency="CHF").digit_buttons
    assert "." not in NumberPadDialog("x", "x", currency="JPY").digit_buttons
    assert "." not in NumberPadDialog("x", "x").digit_buttons  # a quantity is whole


def test_a_preset_answers_in_one_tap(qtbot: QtBot) -> None:
    pad = NumberPadDialog("Discount", "Discount", currency="CHF", presets=percent_presets(5, 10, 15, 20))
    answers = opened(qtbot, pad)
    assert [button.text() for button in pad.preset_buttons] == ["5 %", "10 %", "15 %", "20 %"]
    qtbot.mouseClick(pad.preset_buttons[2], Qt.MouseButton.LeftButton)
    assert answers == ["15%"]


def test_the_keyboard_still_types_and_enter_confirms_while_cancel_gives_nothing(qtbot: QtBot) -> None:
    pad = NumberPadDialog("Price", "New price", currency="CHF", presets=[Preset("CHF 5", "5")])
    answers = opened(qtbot, pad)
    qtbot.keyClicks(pad.display, "7,90")
    qtbot.keyClick(pad.display, Qt.Key.Key_Return)
    assert answers == ["7,90"]

    other = NumberPadDialog("Price", "New price", currency="CHF")
    other_answers = opened(qtbot, other)
    qtbot.mouseClick(other.digit_buttons["9"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(other.cancel_button, Qt.MouseButton.LeftButton)
    assert other_answers == [] and not other.isVisible()


def test_a_number_field_opens_the_pad_on_a_tap_and_takes_typing_from_a_keyboard(qtbot: QtBot) -> None:
    field = PadLineEdit("Commission", lambda: None, presets=[Preset("25 %", "25")])
    qtbot.addWidget(field)
    field.show()
    qtbot.keyClicks(field, "12")
    assert field.text() == "12" and field.pad_dialog is None
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    pad = field.pad_dialog
    assert pad is not None and pad.display.text() == "12" and "." not in pad.digit_buttons
    qtbot.mouseClick(pad.preset_buttons[0], Qt.MouseButton.LeftButton)
    assert field.text() == "25" and field.pad_dialog is None


# The sell screen's numbers and reasons, by finger


def sell_one_mug(qtbot: QtBot, window: MainWindow) -> SellScreen:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    scan(qtbot, window, MUG)
    return window.sell


def tap(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_line_discount_of_10_percent_in_two_taps(qtbot: QtBot, window: MainWindow) -> None:
    sell = sell_one_mug(qtbot, window)
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F4)
    pad = sell.input_dialog
    assert isinstance(pad, NumberPadDialog) and "%" in pad.digit_buttons
    tap(qtbot, pad.preset_buttons[1])  # 10 %
    qtbot.waitUntil(lambda: sell.total_label.text() == "CHF\xa028.80")
    assert sell.input_dialog is None


def test_quantity_and_price_come_from_the_pad_and_a_cart_discount_from_a_preset(
    qtbot: QtBot, window: MainWindow
) -> None:
    sell = sell_one_mug(qtbot, window)
    cell = sell.table.visualRect(sell.model.index(0, Column.QUANTITY)).center()
    qtbot.mouseClick(sell.table.viewport(), Qt.MouseButton.LeftButton, pos=cell)  # a tap on the quantity
    pad = sell.input_dialog
    assert isinstance(pad, NumberPadDialog) and "." not in pad.digit_buttons
    assert pad.display.text() == "1"
    tap(qtbot, pad.clear_button)
    tap(qtbot, pad.digit_buttons["3"])
    tap(qtbot, pad.ok_button)
    qtbot.waitUntil(lambda: sell.total_label.text() == "CHF\xa096.00")

    sell._on_cart_discount_clicked()
    pad = sell.input_dialog
    assert isinstance(pad, NumberPadDialog)
    tap(qtbot, pad.preset_buttons[0])  # 5 %
    qtbot.waitUntil(lambda: sell.total_label.text() == "CHF\xa091.20")


def test_void_takes_a_preset_reason_and_refuses_an_empty_one(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    sell = sell_one_mug(qtbot, window)
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F8)
    dialog = sell.input_dialog
    assert isinstance(dialog, PresetTextDialog)
    tap(qtbot, dialog.ok_button)
    assert "Tap a reason" in dialog.error.text() and dialog.isVisible()
    tap(qtbot, dialog.preset_buttons[2])  # wrong items scanned
    qtbot.waitUntil(lambda: sell.model.rowCount() == 0)
    with demo.till.uow() as uow:
        voids = [e.fields.details for e in uow.audit.entries() if e.fields.action == "cart.voided"]
    assert voids and "Wrong items scanned" in str(voids[-1])


def test_park_with_a_preset_name_and_recall_by_a_tap(qtbot: QtBot, window: MainWindow) -> None:
    sell = sell_one_mug(qtbot, window)
    first = sell.cart_id
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F6)
    dialog = sell.input_dialog
    assert isinstance(dialog, PresetTextDialog)
    tap(qtbot, dialog.preset_buttons[0])
    qtbot.waitUntil(lambda: sell.model.rowCount() == 0)
    # A window manager gives the focus back to the till when a dialog closes; offscreen Qt needs telling.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: isinstance(sell.input_dialog, ChoiceDialog))
    choice = sell.input_dialog
    assert isinstance(choice, ChoiceDialog)
    assert choice.choice_buttons[0].text().startswith("Coming back · 1 line(s)")
    tap(qtbot, choice.choice_buttons[0])
    qtbot.waitUntil(lambda: sell.cart_id == first and sell.model.rowCount() == 1)


# The manager's numbers: commission percent and cash in/out


def test_a_commission_from_a_preset_and_a_cash_drop_typed_on_the_pad(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "KAF-003", demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, 2590),)), demo.till.uow())
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    window.show_manager()
    manager = window.manager
    manager.tabs.setCurrentWidget(manager.makers)
    qtbot.waitUntil(lambda: len(manager.makers.settlements) == 1)
    manager.makers.settlement_table.selectRow(0)
    manager.makers.ask_commission()
    pad = manager.makers.commission_pad
    assert pad is not None and [b.text() for b in pad.preset_buttons] == ["15 %", "20 %", "25 %", "30 %"]
    tap(qtbot, pad.preset_buttons[1])
    qtbot.waitUntil(lambda: manager.makers.settlements[0].commission == 518)

    manager.tabs.setCurrentWidget(manager.cash)
    cash = manager.cash
    qtbot.waitUntil(lambda: cash.session is not None)
    qtbot.mouseClick(cash.move_amount, Qt.MouseButton.LeftButton)
    amount_pad = cash.move_amount.pad_dialog
    assert amount_pad is not None and "." in amount_pad.digit_buttons
    for key in "50":
        tap(qtbot, amount_pad.digit_buttons[key])
    tap(qtbot, amount_pad.ok_button)
    assert cash.move_amount.text() == "50"
