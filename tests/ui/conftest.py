"""Screens under pytest-qt against a real demo store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.styles import style_sheet
from app.ui.tender_dialog import TenderDialog
from tests.conftest import DemoTill


@pytest.fixture
def window(qtbot: QtBot, demo: DemoTill, qapp: object) -> Iterator[MainWindow]:
    qapp.setStyleSheet(style_sheet("light"))  # type: ignore[attr-defined]
    main = MainWindow(demo.till, idle_lock_ms=60_000)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


def person_button(window: MainWindow, name: str) -> QPushButton:
    for button in window.sign_in.findChildren(QPushButton, "personButton"):
        if button.text().startswith(name):
            return button
    raise AssertionError(f"no button for {name}")


def sign_in(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> None:
    qtbot.waitUntil(lambda: bool(window.sign_in.findChildren(QPushButton, "personButton")))
    qtbot.mouseClick(person_button(window, name), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(window.sign_in.pad.display, pin)
    qtbot.keyClick(window.sign_in.pad.display, Qt.Key.Key_Return)


def paid_in_cash(qtbot: QtBot, window: MainWindow, amount: int) -> TenderDialog:
    """The cart paid with Pay and ``amount`` in cash: the payment dialog on its receipt page."""
    qtbot.mouseClick(window.sell.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    dialog = window.sell.tender_dialog
    assert dialog is not None
    dialog.pay_cash_and_complete(amount)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    return dialog


def scan(qtbot: QtBot, window: MainWindow, code: str) -> None:
    """A USB scanner: the code typed at full speed, then Enter."""
    rows = window.sell.model.rowCount()
    quantity = sum(line.quantity for line in window.sell.state.cart.lines) if window.sell.state else 0
    qtbot.keyClicks(window.sell.scan_field, code)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            window.sell.state is not None
            and (
                window.sell.model.rowCount() > rows
                or sum(line.quantity for line in window.sell.state.cart.lines) > quantity
            )
        )
    )
