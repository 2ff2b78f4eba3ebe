"""Quick keys, custom amounts and the Products tab, driven by taps as a person would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from app.domain.quick_keys import COLOURS
from app.ui.main_window import MainWindow
from app.ui.number_pad import NumberPadDialog
from tests.conftest import DemoTill
from tests.ui.conftest import scan, sign_in
from tests.ui.screen_fit import SIZES, misfits

TAP = Qt.MouseButton.LeftButton
# The mode bar, the manager's tab bar, the message area and the status bar around a tab.
CHROME_HEIGHT = 140


def signed_in(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> None:
    sign_in(qtbot, window, name, pin)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)


def open_products(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.manager)
    window.manager.tabs.setCurrentWidget(window.manager.products)
    qtbot.waitUntil(lambda: window.manager.products.tax_class.count() > 0)


def quick_key(window: MainWindow, label: str) -> QPushButton:
    return next(b for b in window.sell.findChildren(QPushButton, "quickKey") if b.text().startswith(label))


def add_mulled_wine(qtbot: QtBot, window: MainWindow) -> None:
    editor = window.manager.products
    qtbot.mouseClick(editor.new_button, TAP)
    for name, text in (
        ("sku", "GLO-001"),
        ("name", "Mulled wine"),
        ("maker", "Hall bar"),
        ("category", "Drinks"),
        ("barcodes", "4006381333931"),
    ):
        qtbot.keyClicks(editor.fields[name], text)
    editor.tax_class.setCurrentText("reduced")
    qtbot.mouseClick(editor.price_pad, TAP)
    pad = next(d for d in editor.findChildren(NumberPadDialog) if d.isVisible())
    for key in "4.50":
        qtbot.mouseClick(pad.digit_buttons[key], TAP)
    qtbot.mouseClick(pad.ok_button, TAP)
    assert editor.fields["price"].text() == "4.50"
    qtbot.mouseClick(editor.save_button, TAP)
    qtbot.waitUntil(lambda: editor.product_id is not None and editor.place_button.isEnabled())


def test_a_custom_amount_sale_by_taps(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    signed_in(qtbot, window, "Sam", "1111")
    panel = window.sell.quick_tabs
    qtbot.mouseClick(panel.custom_button, TAP)
    qtbot.waitUntil(lambda: panel.dialog is not None and panel.dialog.isVisible())
    dialog = panel.dialog
    assert dialog is not None
    for size in SIZES:
        assert misfits(dialog, size)[0] == []
    qtbot.mouseClick(dialog.pad_button, TAP)
    qtbot.waitUntil(lambda: dialog.pad is not None and dialog.pad.isVisible())
    pad = dialog.pad
    assert pad is not None
    for key in "12.50":
        qtbot.mouseClick(pad.digit_buttons[key], TAP)
    qtbot.mouseClick(pad.ok_button, TAP)
    assert dialog.amount.text() == "12.50"
    qtbot.mouseClick(dialog.tax_buttons["reduced"], TAP)
    dialog.maker.setCurrentIndex(dialog.maker.findText("Bergkeramik"))
    qtbot.keyClicks(dialog.note, "Gift wrapping")
    qtbot.mouseClick(dialog.add_button, TAP)
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 1)
    (line,) = window.sell.state.cart.lines
    assert (line.item.name, line.item.maker_name, line.item.tax_class, line.unit_price) == (
        "Gift wrapping",
        "Bergkeramik",
        "reduced",
        1250,
    )

    qtbot.mouseClick(window.sell.pay_button, TAP)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    tender = window.sell.tender_dialog
    assert tender is not None
    qtbot.keyClicks(tender.cash_input, "20")
    qtbot.keyClick(tender.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tender.pages.currentIndex() == 1)
    qtbot.keyClick(tender.none_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is None and window.sell.model.rowCount() == 0)
    with demo.till.uow() as uow:
        sale = uow.sales.header_by_receipt("A-000001")
        assert sale is not None and (sale.total, sale.change_given) == (1250, 750)


def test_a_product_added_in_the_app_sells_by_quick_key_and_barcode(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window, "Alex", "1234")
    open_products(qtbot, window)
    add_mulled_wine(qtbot, window)
    editor = window.manager.products
    assert editor.page.text() == "Drinks"
    qtbot.mouseClick(editor.colour_buttons["orange"], TAP)
    qtbot.mouseClick(editor.place_button, TAP)
    qtbot.waitUntil(lambda: editor.remove_button.isEnabled())

    window.show_sell()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.waitUntil(
        lambda: any(b.text().startswith("Mulled wine") for b in window.sell.findChildren(QPushButton, "quickKey"))
    )
    key = quick_key(window, "Mulled wine")
    assert key.property("colour") == "orange" and COLOURS["orange"] in key.styleSheet()
    window.sell.quick_tabs.tabs.setCurrentIndex(
        next(
            i for i in range(window.sell.quick_tabs.tabs.count()) if window.sell.quick_tabs.tabs.tabText(i) == "Drinks"
        )
    )
    qtbot.mouseClick(key, TAP)
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 1)
    scan(qtbot, window, "4006381333931")
    (line,) = window.sell.state.cart.lines
    assert (line.item.sku, line.quantity, line.unit_price) == ("GLO-001", 2, 450)


def test_a_manager_moves_a_key_to_another_page_and_colour(qtbot: QtBot, window: MainWindow) -> None:
    signed_in(qtbot, window, "Alex", "1234")
    open_products(qtbot, window)
    editor = window.manager.products
    qtbot.keyClicks(editor.search, "filter coffee")
    qtbot.waitUntil(lambda: editor.results.count() > 0 and "Filter coffee" in editor.results.item(0).text())
    qtbot.mouseClick(editor.results.viewport(), TAP, pos=editor.results.visualItemRect(editor.results.item(0)).center())
    qtbot.waitUntil(lambda: editor.place_button.isEnabled())
    editor.page.clear()
    qtbot.keyClicks(editor.page, "Hot drinks")
    qtbot.mouseClick(editor.colour_buttons["teal"], TAP)
    qtbot.mouseClick(editor.place_button, TAP)
    qtbot.waitUntil(lambda: editor.remove_button.isEnabled())
    # The tab fits the smallest screen under the window's bars, with finger-sized controls.
    hint = editor.minimumSizeHint()
    assert hint.width() <= 1024 and hint.height() <= 600 - CHROME_HEIGHT
    touchable = [w for kind in (QPushButton, QLineEdit, QComboBox, QSpinBox) for w in editor.findChildren(kind)]
    touchable = [w for w in touchable if w.isVisible() and not isinstance(w.parentWidget(), (QSpinBox, QComboBox))]
    assert touchable and all(w.height() >= 44 for w in touchable)

    window.show_sell()
    tabs = window.sell.quick_tabs.tabs
    qtbot.waitUntil(lambda: "Hot drinks" in [tabs.tabText(i) for i in range(tabs.count())])
    page = tabs.widget(next(i for i in range(tabs.count()) if tabs.tabText(i) == "Hot drinks"))
    (moved,) = page.findChildren(QPushButton, "quickKey")
    assert moved.text().startswith("Filter coffee") and moved.property("colour") == "teal"


def test_a_cashier_cannot_edit_products(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    signed_in(qtbot, window, "Sam", "1111")
    errors: list[str] = []
    window.messages.error_shown.connect(errors.append)
    open_products(qtbot, window)
    add_attempt = window.manager.products
    qtbot.keyClicks(add_attempt.fields["sku"], "GLO-001")
    qtbot.keyClicks(add_attempt.fields["name"], "Mulled wine")
    qtbot.keyClicks(add_attempt.fields["maker"], "Hall bar")
    qtbot.keyClicks(add_attempt.fields["price"], "4.50")
    qtbot.mouseClick(add_attempt.save_button, TAP)
    qtbot.waitUntil(lambda: bool(errors))
    assert add_attempt.product_id is None
    with demo.till.uow() as uow:
        assert uow.catalog.by_code("GLO-001") is None
