"""The manager's goods-in tab under pytest-qt: a maker's delivery scanned, corrected and received; a transfer."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QPushButton, QScrollArea
from pytestqt.qtbot import QtBot

from app.services.stock import on_hand
from app.ui.main_window import MainWindow
from app.ui.manager.goods_in_tab import GoodsInTab
from tests.conftest import DemoTill
from tests.ui.manager_tabs import open_manager, table_rows
from tests.ui.screen_fit import SIZES, fit_window


def goods_in_tab(qtbot: QtBot, window: MainWindow) -> GoodsInTab:
    open_manager(qtbot, window)
    tab = window.manager.goods_in
    window.manager.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.maker.count() > 0)
    return tab


def scan(qtbot: QtBot, tab: GoodsInTab, entry: str) -> None:
    """A scanner (or a person typing): the code, then Enter."""
    qtbot.keyClicks(tab.scan_field, entry)
    qtbot.keyClick(tab.scan_field, Qt.Key.Key_Return)


def test_a_makers_delivery_is_scanned_corrected_and_received(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    tab = goods_in_tab(qtbot, window)
    errors: list[str] = []
    infos: list[str] = []
    window.messages.error_shown.connect(errors.append)
    window.messages.info_shown.connect(infos.append)
    tab.maker.setCurrentText("Bergkeramik")
    qtbot.keyClicks(tab.note, "LS-2026-0412")

    scan(qtbot, tab, "2000000000114")  # BER-003 by its barcode
    qtbot.waitUntil(lambda: table_rows(tab.table) == [["BER-003", "Mug speckled", "1", ""]])
    scan(qtbot, tab, "2000000000114")
    qtbot.waitUntil(lambda: table_rows(tab.table)[0][2] == "2")
    scan(qtbot, tab, "BER-001=5")
    qtbot.waitUntil(lambda: len(table_rows(tab.table)) == 2)
    scan(qtbot, tab, "ATE-001")  # another maker's product
    qtbot.waitUntil(lambda: bool(errors))
    assert "made by Atelier Lumen, not Bergkeramik" in errors[-1]
    assert len(table_rows(tab.table)) == 2, "a refused code never joins the list"

    # The mug's quantity corrected on the number pad, by finger; the cup taken out of the list.
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.quantity_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.quantity_pad is not None and tab.quantity_pad.isVisible())
    assert tab.quantity_pad is not None
    twelve = next(button for button in tab.quantity_pad.findChildren(QPushButton) if button.text() == "12")
    qtbot.mouseClick(twelve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: table_rows(tab.table)[0][2] == "12")
    tab.table.selectRow(1)
    qtbot.mouseClick(tab.remove_button, Qt.MouseButton.LeftButton)
    assert [row[0] for row in table_rows(tab.table)] == ["BER-003"]

    qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Delivery note LS-2026-0412 of Bergkeramik received: 12 unit(s)." in infos)
    # The list now shows the stock with the delivery in it: the demo's 12 and these 12.
    assert table_rows(tab.table) == [["BER-003", "Mug speckled", "12", "24"]]
    assert tab.note.text() == "", "the next delivery has its own note"
    assert on_hand("BER-003", demo.till.uow()) == 24
    assert on_hand("BER-001", demo.till.uow()) == 12


def test_stock_moved_to_the_quality_hold_on_the_screen(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    tab = goods_in_tab(qtbot, window)
    infos: list[str] = []
    window.messages.info_shown.connect(infos.append)
    qtbot.mouseClick(tab.transfer_mode, Qt.MouseButton.LeftButton)
    assert tab.confirm_button.text() == "Move the stock"
    assert (tab.from_place.currentText(), tab.to_place.currentText()) == ("stall", "quality_hold")
    scan(qtbot, tab, "ATE-001=3")
    qtbot.waitUntil(lambda: len(table_rows(tab.table)) == 1)
    qtbot.mouseClick(tab.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Moved 3 unit(s) from stall to quality_hold." in infos)
    assert table_rows(tab.table) == [["ATE-001", "Beeswax taper candle pair", "3", "3"]]
    assert on_hand("ATE-001", demo.till.uow()) == 9


def test_the_goods_in_tab_fits_every_screen_in_both_modes(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    tab = goods_in_tab(qtbot, window)
    scan(qtbot, tab, "ATE-003=4")  # the first maker on the list is Atelier Lumen
    qtbot.waitUntil(lambda: len(table_rows(tab.table)) == 1)
    for mode in (tab.receive_mode, tab.transfer_mode):
        qtbot.mouseClick(mode, Qt.MouseButton.LeftButton)
        for size in SIZES:
            found, checked = fit_window(qtbot, window, size)
            assert checked > 0
            assert found == [], f"{mode.text()} at {size}: {found}"
            # Confirming needs no scrolling: the button is wholly in view.
            scroll = tab.findChild(QScrollArea)
            assert scroll is not None
            view = scroll.viewport()
            button = QRect(tab.confirm_button.mapTo(view, QPoint(0, 0)), tab.confirm_button.size())
            assert view.rect().contains(button), f"{mode.text()} at {size}: confirm at {button} in {view.rect()}"
