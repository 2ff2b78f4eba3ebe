"""The counter screen driven as a person would: PIN, scanner, keys, payment."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.services.carts import parked_carts
from app.ui.cart_model import CartTableModel, Column
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.conftest import scan, sign_in
from tests.ui.counter_start import CANDLE, COFFEE, MUG, signed_in_as_sam


def test_a_wrong_pin_is_refused_and_the_right_one_opens_the_sell_screen(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window, "Sam", "9999")
    qtbot.waitUntil(lambda: "Wrong PIN" in window.sign_in.message.text())
    assert window.pages.currentWidget() is window.sign_in
    qtbot.keyClicks(window.sign_in.pad.display, "1111")
    qtbot.keyClick(window.sign_in.pad.display, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    assert "Sam" in window.status_staff.text()


def test_scan_three_items_change_a_quantity_and_pay_cash_with_change(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    signed_in_as_sam(qtbot, window)
    for code in (MUG, CANDLE, COFFEE):
        scan(qtbot, window, code)
    sell = window.sell
    assert sell.model.rowCount() == 3
    assert sell.total_label.text() == "CHF\xa070.80"

    sell.table.selectRow(1)
    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: sell.model.index(1, Column.QUANTITY).data() == "2")
    assert sell.total_label.text() == "CHF\xa083.70"

    qtbot.keyClick(sell.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: sell.tender_dialog is not None)
    dialog = sell.tender_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.cash_input, "100")
    qtbot.keyClick(dialog.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert dialog.change_label.text() == "Change: CHF\xa016.30"
    qtbot.keyClick(dialog.none_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sell.tender_dialog is None and sell.model.rowCount() == 0)

    with demo.till.uow() as uow:
        assert uow.sales.count() == 1
        sale = uow.sales.header_by_receipt("A-000001")
        assert sale is not None and (sale.total, sale.change_given) == (8370, 1630)


def test_a_split_sale_card_then_cash(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    signed_in_as_sam(qtbot, window)
    scan(qtbot, window, MUG)
    qtbot.mouseClick(window.sell.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    dialog = window.sell.tender_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.card_amount, "20")
    qtbot.keyClicks(dialog.card_reference, "TRM-5521")
    qtbot.keyClick(dialog.card_reference, Qt.Key.Key_Return)
    assert dialog.remaining_label.text() == "Left to pay: CHF\xa012.00"
    quick = [button.text() for button in dialog.findChildren(QPushButton, "quickCash")]
    assert quick[0] == "CHF\xa012.00"
    qtbot.mouseClick(dialog.findChildren(QPushButton, "quickCash")[1], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert dialog.change_label.text() == "Change: CHF\xa03.00"
    with demo.till.uow() as uow:
        sale = uow.sales.header_by_receipt("A-000001")
        assert sale is not None
        detail = uow.sales.detail(sale.sale_id)
    assert detail is not None
    assert sorted((t.kind, t.amount, t.reference) for t in detail.tenders) == [
        ("card", 2000, "TRM-5521"),
        ("cash", 1200, ""),
    ]


def test_an_unknown_barcode_shows_a_message_and_keeps_the_cart(qtbot: QtBot, window: MainWindow) -> None:
    signed_in_as_sam(qtbot, window)
    scan(qtbot, window, MUG)
    qtbot.keyClicks(window.sell.scan_field, "UNKNOWN-42")
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "No product has the code UNKNOWN-42" in window.message_area.text())
    assert window.sell.model.rowCount() == 1
    assert window.sell.scan_field.hasFocus() or window.sell.scan_field.text() == ""


def test_park_and_recall(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    signed_in_as_sam(qtbot, window)
    scan(qtbot, window, MUG)
    first = window.sell.cart_id
    window.sell.park("red hat")
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 0)
    assert [cart.label for cart in parked_carts(demo.till.uow())] == ["red hat"]
    scan(qtbot, window, CANDLE)

    window.sell.recall(first)

    qtbot.waitUntil(lambda: window.sell.cart_id == first)
    assert window.sell.model.index(0, Column.ITEM).data().startswith("Mug speckled")
    assert len(parked_carts(demo.till.uow())) == 1, "the cart in progress was parked in its place"


def test_a_large_discount_needs_a_manager_pin(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    signed_in_as_sam(qtbot, window)
    scan(qtbot, window, MUG)
    window.sell.table.selectRow(0)
    window.sell.discount_selected_line("25%")
    qtbot.waitUntil(lambda: window.sell.approval_dialog is not None)
    dialog = window.sell.approval_dialog
    assert dialog is not None and "needs a manager's approval" in dialog.reason.text()
    assert dialog.manager.currentText() == "Alex"
    qtbot.keyClicks(dialog.pad.display, "1234")
    qtbot.keyClick(dialog.pad.display, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sell.total_label.text() == "CHF\xa024.00")
    assert window.sell.model.index(0, Column.DISCOUNT).data() == "-CHF\xa08.00"
    with demo.till.uow() as uow:
        assert [
            e.fields.approved_by for e in uow.audit.entries() if e.fields.action == "cart.line_discount_approved"
        ] == [demo.manager]


def test_search_as_you_type_and_quick_keys(qtbot: QtBot, window: MainWindow) -> None:
    signed_in_as_sam(qtbot, window)
    qtbot.keyClicks(window.sell.scan_field, "midnight")
    qtbot.waitUntil(lambda: window.sell.results.isVisible())
    assert "Mug midnight blue" in window.sell.results.item(0).text()
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_Down)
    qtbot.keyClick(window.sell.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 1)

    qtbot.waitUntil(lambda: bool(window.sell.findChildren(QPushButton, "quickKey")))
    coffee = next(b for b in window.sell.findChildren(QPushButton, "quickKey") if b.text().startswith("Filter coffee"))
    qtbot.mouseClick(coffee, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 2)


def test_the_screen_locks_after_idle_time(qtbot: QtBot, demo: DemoTill) -> None:
    window = MainWindow(demo.till, idle_lock_ms=300)
    qtbot.addWidget(window)
    window.show()
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sign_in, timeout=3000)
    assert window.status_staff.text() == "Locked"
    window.close()


def test_the_cart_model_is_a_well_behaved_qt_model(qtbot: QtBot, qtmodeltester: object, window: MainWindow) -> None:
    signed_in_as_sam(qtbot, window)
    scan(qtbot, window, MUG)
    scan(qtbot, window, CANDLE)
    model: CartTableModel = window.sell.model
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_the_customer_display_follows_the_cart(qtbot: QtBot, window: MainWindow) -> None:
    signed_in_as_sam(qtbot, window)
    window.toggle_customer_display()
    display = window.customer_display
    assert display is not None
    qtbot.addWidget(display)
    scan(qtbot, window, MUG)
    qtbot.waitUntil(lambda: display.lines.count() == 1)
    assert display.total.text() == "Total CHF\xa032.00"


def test_the_dark_style_for_a_dim_hall(window: MainWindow, qapp: object) -> None:
    window.dark_style.setChecked(True)
    assert "#121417" in qapp.styleSheet()  # type: ignore[attr-defined]
    window.dark_style.setChecked(False)
    assert "#ffffff" in qapp.styleSheet()  # type: ignore[attr-defined]


def test_a_standalone_till_says_so_in_the_status_bar(qtbot: QtBot, window: MainWindow) -> None:
    # Nothing is sent from a till without a hub: no count of records waiting to sync.
    qtbot.waitUntil(lambda: window.status_sync.text() == "Standalone")
