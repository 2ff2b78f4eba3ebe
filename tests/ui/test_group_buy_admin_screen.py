"""The manager's group buys tab under pytest-qt: a group buy opened in the dialog, listed, changed and cancelled."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.store.schema import outbox
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.manager_tabs import empty_manager_tab, opened_dialog, table_rows


def test_a_group_buy_opened_in_the_dialog_is_listed_changed_and_cancelled(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    tab, errors = empty_manager_tab(qtbot, window, lambda manager: manager.group_buys, lambda tab: tab.table)

    dialog = opened_dialog(qtbot, tab.add, lambda: tab.dialog)
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
    qtbot.waitUntil(lambda: len(table_rows(tab.table)) == 1)
    name, progress, price, sku = table_rows(tab.table)[0]
    assert (name, sku) == ("Teapot run", "ATE-001")
    assert progress.startswith("0 of 50, closes ") and "20.00" in price

    tab.table.selectRow(0)
    change = opened_dialog(qtbot, tab.change, lambda: tab.dialog)
    assert change is not dialog
    assert (change.name.text(), change.minimum.text(), change.price.text()) == ("Teapot run", "50", "20.00")
    change.minimum.clear()
    qtbot.keyClicks(change.minimum, "40")
    qtbot.mouseClick(change.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_rows(tab.table)[0][1].startswith("0 of 40, closes "))

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_rows(tab.table)[0][1] == "0 of 40: cancelled, commitments are refunded")
    with demo.till.uow() as uow:
        queued = uow.connection.execute(select(outbox.c.type).where(outbox.c.type == "group_buy.changed")).all()
    assert len(queued) == 3
    assert not errors[1:]
