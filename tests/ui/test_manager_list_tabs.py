"""What the manager's list tabs share (app/ui/manager/list_tab.py, app/ui/form_dialog.py), on the real screen:
an action on no selection says what to do first and writes nothing; a dialog is finger-sized, a scanner's
Return in a field saves nothing, and Cancel closes it with nothing saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from app.store.schema import outbox
from app.ui.form_dialog import TARGET_HEIGHT
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.manager_tabs import open_manager


def queued(demo: DemoTill) -> int:
    with demo.till.uow() as uow:
        return int(uow.connection.execute(select(func.count()).select_from(outbox)).scalar_one())


def show(qtbot: QtBot, window: MainWindow, tab: QWidget) -> None:
    window.manager.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.isVisible)


def test_an_action_on_no_selected_row_says_what_to_do_and_writes_nothing(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    open_manager(qtbot, window)
    manager = window.manager
    told: list[str] = []
    window.messages.info_shown.connect(told.append)
    before = queued(demo)
    actions = [
        (manager.price_rules, manager.price_rules.withdraw, "Select the rule to withdraw in the list first."),
        (manager.drops, manager.drops.change, "Select the drop to change in the list first."),
        (manager.group_buys, manager.group_buys.change, "Select the group buy in the list first."),
        (manager.group_buys, manager.group_buys.cancel, "Select the group buy in the list first."),
    ]
    for tab, button, message in actions:
        show(qtbot, window, tab)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert told[-1] == message
        assert tab.dialog is None, f"{button.text()} opened a dialog without a selected row"
    assert len(told) == len(actions)
    assert queued(demo) == before


def test_the_dialogs_are_finger_sized_and_save_only_on_the_save_button(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    open_manager(qtbot, window)
    manager = window.manager
    before = queued(demo)
    openers = [
        (manager.price_rules, lambda: manager.price_rules.open_dialog("bundle")),
        (manager.drops, manager.drops.open_dialog),
        (manager.group_buys, manager.group_buys.open_dialog),
    ]
    for tab, open_dialog in openers:
        show(qtbot, window, tab)
        dialog = open_dialog()
        qtbot.waitUntil(dialog.isVisible)
        buttons = dialog.findChildren(QPushButton)
        assert dialog.save_button in buttons and dialog.save_button.objectName() == "primaryAction"
        assert all(b.minimumHeight() >= TARGET_HEIGHT and not b.autoDefault() for b in buttons)
        name = dialog.name
        qtbot.keyClicks(name, "Typed by a scanner")
        with qtbot.assertNotEmitted(dialog.entered, wait=100):
            qtbot.keyClick(name, Qt.Key.Key_Return)
        assert dialog.isVisible(), "Return in a field neither saves nor closes the form"
        (cancel,) = [b for b in buttons if b.text() == "Cancel"]
        with qtbot.assertNotEmitted(dialog.entered, wait=100):
            qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda dialog=dialog: not dialog.isVisible())
        assert tab.table.rowCount() == 0
    assert queued(demo) == before
