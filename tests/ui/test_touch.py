"""The counter by finger: one tap on a list row, the mode bar by role, sign-in without OK, Cancel on approvals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.mode_bar import Mode
from tests.ui.conftest import person_button


def tap_digits(qtbot: QtBot, pad: QWidget, digits: str) -> int:
    taps = 0
    for digit in digits:
        key = next(b for b in pad.findChildren(QPushButton, "padKey") if b.text() == digit)
        qtbot.mouseClick(key, Qt.MouseButton.LeftButton)
        taps += 1
    return taps


def sign_in_by_taps(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> int:
    """Signs ``name`` in by tapping only; the number of taps."""
    qtbot.waitUntil(lambda: bool(window.sign_in.findChildren(QPushButton, "personButton")))
    button = person_button(window, name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked()  # the chosen name is highlighted while the PIN is typed
    with qtbot.waitSignal(window.sign_in.signed_in):
        return 1 + tap_digits(qtbot, window.sign_in.pad, pin)


def test_sign_in_takes_one_tap_and_the_pin_digits(qtbot: QtBot, window: MainWindow) -> None:
    assert sign_in_by_taps(qtbot, window, "Sam", "1111") == 5  # was 6: the name, 4 digits, OK
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    # Switching staff: Lock, then the next person's name and digits.
    qtbot.mouseClick(window.mode_bar.lock_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.sign_in
    assert 1 + sign_in_by_taps(qtbot, window, "Alex", "1234") == 6


def test_the_mode_bar_shows_manager_to_managers_only_and_every_mode_returns_to_sell(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not window.mode_bar.isVisible()  # nobody signed in
    sign_in_by_taps(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    assert window.mode_bar.visible_modes() == [Mode.SELL, Mode.RETURNS]
    qtbot.mouseClick(window.mode_bar.lock_button, Qt.MouseButton.LeftButton)
    sign_in_by_taps(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    assert window.mode_bar.visible_modes() == [Mode.SELL, Mode.PICKUP, Mode.RETURNS, Mode.MANAGER]
    screens = {
        Mode.PICKUP: lambda: window.pickup,
        Mode.RETURNS: lambda: window.returns,
        Mode.MANAGER: lambda: window.manager,
    }
    for mode, screen in screens.items():
        qtbot.mouseClick(window.mode_bar.buttons[mode], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda screen=screen: window.pages.currentWidget() is screen())
        assert window.mode_bar.buttons[mode].isChecked() and not window.mode_bar.buttons[Mode.SELL].isChecked()
        qtbot.mouseClick(window.mode_bar.buttons[Mode.SELL], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
        assert window.mode_bar.buttons[Mode.SELL].isChecked()


def test_a_single_tap_on_a_search_result_adds_it(qtbot: QtBot, window: MainWindow) -> None:
    sign_in_by_taps(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClicks(window.sell.scan_field, "midnight")
    qtbot.waitUntil(lambda: window.sell.results.isVisible())
    results = window.sell.results
    assert results.sizeHintForRow(0) >= 44
    spot = results.visualItemRect(results.item(0)).center()
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 1)


def test_a_single_tap_on_a_sales_list_row_chooses_it_for_reprint(qtbot: QtBot, window: MainWindow) -> None:
    from app.services.queries import SaleRow
    from app.ui.sales_list import SalesListDialog

    sales = [SaleRow(f"id-{n}", f"A-00000{n}", "2025-06-01T10:0{n}:00", f"CHF {n}.00") for n in range(1, 4)]
    dialog = SalesListDialog(sales, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.sales.sizeHintForRow(0) >= 44
    spot = dialog.sales.visualItemRect(dialog.sales.item(2)).center()
    with qtbot.waitSignal(dialog.reprint_requested) as reprint:
        qtbot.mouseClick(dialog.sales.viewport(), Qt.MouseButton.LeftButton, pos=spot)
        qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    assert reprint.args == ["A-000003"]


def test_cancel_on_the_approval_dialog(qtbot: QtBot, window: MainWindow) -> None:
    from app.ui.approval_dialog import ApprovalDialog

    dialog = ApprovalDialog("Needs a manager", ["Alex"], window, {"Alex": 4})
    qtbot.addWidget(dialog)
    dialog.open()
    assert dialog.cancel_button.isVisible() and dialog.cancel_button.height() >= 44
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.approval is None
    # With the manager's PIN length known, the approval goes through at the last digit.
    again = ApprovalDialog("Needs a manager", ["Alex"], window, {"Alex": 4})
    qtbot.addWidget(again)
    again.open()
    with qtbot.waitSignal(again.accepted):
        tap_digits(qtbot, again.pad, "1234")
    assert again.approval is not None and again.approval.pin == "1234"


def test_a_disabled_main_button_does_not_look_enabled(qtbot: QtBot, window: MainWindow) -> None:
    on, off = QPushButton("Pay"), QPushButton("Pay")
    for button in (on, off):
        button.setObjectName("primaryAction")
        qtbot.addWidget(button)
        button.resize(200, 60)
        button.show()
    off.setEnabled(False)
    qtbot.waitExposed(off)
    centre = QColor(on.grab().toImage().pixel(20, 30)), QColor(off.grab().toImage().pixel(20, 30))
    assert centre[0] != centre[1]
    assert centre[1].saturation() < 40  # greyed, not the bright green of the enabled one
