"""The manager's price rules tab under pytest-qt: a markdown typed in the dialog, saved, listed and withdrawn."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.price_rules import Markdown
from app.store.price_rules import load_price_rules
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.manager_tabs import empty_manager_tab, opened_dialog, table_rows


def test_a_markdown_added_in_the_dialog_is_listed_and_prices_the_till(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    tab, errors = empty_manager_tab(qtbot, window, lambda manager: manager.price_rules, lambda tab: tab.table)

    dialog = opened_dialog(qtbot, tab.add_markdown, lambda: tab.dialog)
    qtbot.keyClicks(dialog.name, "Candles last hour")
    dialog.target_kind.setCurrentIndex(dialog.target_kind.findData("category"))
    qtbot.keyClicks(dialog.target, "Candles")
    qtbot.keyClicks(dialog.percent_off, "150")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors))
    assert "more than 0 and at most 100" in errors[-1]
    assert dialog.isVisible(), "a refused rule keeps what was typed"

    dialog.percent_off.clear()
    qtbot.keyClicks(dialog.percent_off, "30")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    qtbot.waitUntil(lambda: len(table_rows(tab.table)) == 1)
    name, terms, _when, state, rule_id = table_rows(tab.table)[0]
    assert (name, terms, state) == ("Candles last hour", "Category Candles: 30% off", "active")
    with demo.till.uow() as uow:
        (rule,) = load_price_rules(uow.connection)
    assert isinstance(rule, Markdown) and rule.rule_id == rule_id

    tab.table.selectRow(0)
    qtbot.mouseClick(tab.withdraw, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_rows(tab.table) == [])
    tab.show_withdrawn.setChecked(True)
    qtbot.waitUntil(lambda: len(table_rows(tab.table)) == 1 and table_rows(tab.table)[0][3] == "withdrawn")
