"""The manager's group buys tab under pytest-qt: a group buy opened in the dialog, listed, changed and cancelled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.schema import outbox
from app.ui.main_window import MainWindow
from app.ui.manager.group_buys_tab import GroupBuysTab
from tests.conftest import DemoTill
from tests.ui.test_manager_screen import open_manager


def group_buys_tab(qtbot: QtBot, window: MainWindow) -> GroupBuysTab:
    open_manager(qtbot, window)
    tab = window.manager.group_buys
    window.manager.tabs.setCurrentWidget(tab)
    return tab


def rows(tab: GroupBuysTab) -> list[list[str]]:
    return [
        [cell.text() if (cell := tab.table.item(row, column)) else "" for column in range(tab.table.columnCount())]
        for row in range(tab.table.rowCount())
    ]


def test_a_group_buy_opened_in_the_dialog_is_listed_changed_and_cancelled(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    tab = group_buys_tab(qtbot, window)
    errors: list[str] = []
    window.messages.error_shown.connect(errors.append)
    assert rows(tab) == []

    qtbot.mouseClick(tab.add, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.deadline.text(), "a deadline three days ahead is proposed"
    qtbot.keyClicks(dialog.name, "Teapot run")
    qtbot.keyClicks(dialog.sku, "ATE-001")
    qtbot.keyClicks(dialog.minimum, "50")
    qtbot.keyClicks(dialog.price, "0")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors))
    assert "more than 0" in errors[-1]
    assert dialog.isVisible(), "a refused group buy keeps what was typed"

    dialog.price.clear()
    qtbot.keyClicks(dialog.price, "20.00")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: len(rows(tab)) == 1)
    name, progress, price, sku = rows(tab)[0]
    assert (name, sku) == ("Teapot run", "ATE-001")
    assert progress.startswith("0 of 50, closes ") and "20.00" in price

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.change, Qt.MouseButton.LeftButton)
    change = tab.dialog
    assert change is not None and change is not dialog
    qtbot.waitUntil(change.isVisible)
    assert (change.name.text(), change.minimum.text(), change.price.text()) == ("Teapot run", "50", "20.00")
    change.minimum.clear()
    qtbot.keyClicks(change.minimum, "40")
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(tab)[0][1].startswith("0 of 40, closes "))

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: rows(tab)[0][1] == "0 of 40: cancelled, commitments are refunded")
    with demo.till.uow() as uow:
        queued = uow.connection.execute(select(outbox.c.type).where(outbox.c.type == "group_buy.changed")).all()
    assert len(queued) == 3
    assert not errors[1:]
