"""The manager's screens under pytest-qt: a blind close of the drawer, and an event that will not close too early."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import current_session
from app.services.selling import CompleteSale, complete_sale
from app.services.stock import on_hand
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.manager_tabs import open_manager


def test_the_event_will_not_close_while_a_cash_session_is_open(qtbot: QtBot, window: MainWindow) -> None:
    open_manager(qtbot, window)
    manager = window.manager
    errors: list[str] = []
    window.messages.error_shown.connect(errors.append)
    manager.tabs.setCurrentWidget(manager.close_tab)
    qtbot.waitUntil(lambda: manager.close_tab.checklist is not None)
    assert "✘ Every cash session closed" in manager.close_tab.checks.text()
    qtbot.mouseClick(manager.close_tab.close_event_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("Close the open cash session" in text for text in errors))
    assert "cannot be closed yet" in errors[-1]
    assert manager.close_tab.checklist is not None and manager.close_tab.checklist.closed_at is None


def test_a_blind_close_shows_the_over_short_only_after_the_count(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    open_manager(qtbot, window)
    manager = window.manager
    qtbot.waitUntil(lambda: manager.cash.session is not None and bool(manager.cash.close_grid.spins))
    assert manager.cash.session_box.isVisible() and not manager.cash.open_box.isVisible()
    assert "200.00" not in manager.cash.report_view.toPlainText()  # nothing expected is shown before the count
    manager.cash.close_grid.spins[10000].setValue(1)
    manager.cash.close_grid.spins[5000].setValue(1)
    manager.cash.close_grid.spins[2000].setValue(2)
    manager.cash.close_grid.spins[500].setValue(1)
    manager.cash.close_grid.spins[200].setValue(1)  # 197.00: three francs short of the 200.00 float
    assert manager.cash.close_grid.total.text().replace("\xa0", " ") == "Counted: CHF 197.00"
    qtbot.mouseClick(manager.cash.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager.cash.close_confirmation is not None)  # the last look (tests/ui/test_last_look.py)
    qtbot.mouseClick(manager.cash.close_confirmation.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager.cash.last_report is not None)
    text = manager.cash.report_view.toPlainText()
    assert "Z-Bericht A-Z0001" in text and "FEHLBETRAG" in text  # the report is in the de_CH event's language
    assert manager.cash.last_report is not None and manager.cash.last_report.over_short == -300
    assert current_session(demo.till.uow()) is None
    qtbot.waitUntil(lambda: manager.cash.open_box.isVisible())


def test_a_maker_commission_set_on_the_settlements_tab_changes_the_payout(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "KAF-003", demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CARD, 2590, "T-1"),)), demo.till.uow())
    open_manager(qtbot, window)
    manager = window.manager
    manager.tabs.setCurrentWidget(manager.makers)
    qtbot.waitUntil(lambda: len(manager.makers.settlements) == 1)
    assert manager.makers.settlement_table.item(0, 6).text() == "CHF\xa025.90"
    manager.makers.set_commission("20", "Kaffee Kollektiv")
    qtbot.waitUntil(lambda: manager.makers.settlements[0].commission == 518)
    assert manager.makers.settlement_table.item(0, 6).text() == "CHF\xa020.72"


def test_a_stock_count_on_the_screen_typed_and_scanned_then_posted(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    open_manager(qtbot, window)
    manager = window.manager
    manager.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: manager.count.count_location.count() > 0)
    assert manager.count.count_location.currentText() == "stall"
    manager.count.start_count()
    qtbot.waitUntil(lambda: manager.count.count_id is not None)
    qtbot.keyClicks(manager.count.count_field, "ATE-001=10")
    qtbot.keyClick(manager.count.count_field, Qt.Key.Key_Return)
    qtbot.keyClicks(manager.count.count_field, "2000000000015")  # one more by scanning
    qtbot.keyClick(manager.count.count_field, Qt.Key.Key_Return)

    def row_of(sku: str) -> list[str]:
        for row in range(manager.count.sheet.rowCount()):
            item = manager.count.sheet.item(row, 0)
            if item is not None and item.text() == sku:
                return [cell.text() for column in range(5) if (cell := manager.count.sheet.item(row, column))]
        return []

    qtbot.waitUntil(lambda: row_of("ATE-001")[3:] == ["11", "-1"])
    infos: list[str] = []
    window.messages.info_shown.connect(infos.append)
    manager.count.post_count()
    qtbot.waitUntil(lambda: "Count posted: 1 product(s) adjusted." in infos)
    assert on_hand("2000000000015", demo.till.uow()) == 11
