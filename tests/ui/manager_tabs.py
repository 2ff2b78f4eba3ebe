"""Reaching a tab of the manager's screen under pytest-qt, opening its dialogs and reading its table."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QTableWidget, QWidget
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.manager.consignment_tab import ConsignmentTab
from app.ui.manager_screen import ManagerScreen
from tests.ui.conftest import sign_in

Tab = TypeVar("Tab", bound=QWidget)
Dialog = TypeVar("Dialog", bound=QWidget)


def open_manager(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.manager)


def manager_tab(qtbot: QtBot, window: MainWindow, pick: Callable[[ManagerScreen], Tab]) -> Tab:
    """The manager's screen opened by Alex (manager), on the tab ``pick`` names."""
    open_manager(qtbot, window)
    tab = pick(window.manager)
    window.manager.tabs.setCurrentWidget(tab)
    return tab


def consignment_tab(qtbot: QtBot, window: MainWindow) -> ConsignmentTab:
    open_manager(qtbot, window)
    tab = window.manager.consignment
    window.manager.tabs.setCurrentWidget(tab)
    return tab


def empty_manager_tab(
    qtbot: QtBot, window: MainWindow, pick: Callable[[ManagerScreen], Tab], table: Callable[[Tab], QTableWidget]
) -> tuple[Tab, list[str]]:
    """A tab whose table shows nothing yet, and the errors the window shows from now on."""
    tab = manager_tab(qtbot, window, pick)
    errors = errors_shown(window)
    assert table_rows(table(tab)) == []
    return tab, errors


def table_rows(table: QTableWidget) -> list[list[str]]:
    """Every row's texts, an empty cell as ""."""
    return [
        [cell.text() if (cell := table.item(row, column)) else "" for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def errors_shown(window: MainWindow) -> list[str]:
    """The errors the window shows from now on, in order."""
    errors: list[str] = []
    window.messages.error_shown.connect(errors.append)
    return errors


def opened_dialog(qtbot: QtBot, button: QAbstractButton, dialog: Callable[[], Dialog | None]) -> Dialog:
    """Tap ``button`` and wait for the dialog it opens."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    opened = dialog()
    assert opened is not None
    qtbot.waitUntil(opened.isVisible)
    return opened
