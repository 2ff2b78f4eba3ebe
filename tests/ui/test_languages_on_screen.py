"""Labels the services make (role names, return reasons, job states) follow the screen language, as the screens' own
texts do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.domain.receipts import receipt_qr
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.printing import reprint_receipt
from app.services.selling import CompleteSale, complete_sale
from app.ui.application import install_translator, uninstall_translator
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in


def _people(qtbot: QtBot, window: MainWindow) -> list[str]:
    qtbot.waitUntil(lambda: bool(window.sign_in.findChildren(QPushButton, "personButton")))  # read off the GUI thread
    return sorted(button.text() for button in window.sign_in.findChildren(QPushButton, "personButton"))


def test_role_names_on_the_sign_in_buttons_are_german_under_german(
    qtbot: QtBot, qapp: QApplication, demo: DemoTill
) -> None:
    translator = install_translator(qapp, "de")
    assert translator is not None
    try:
        window = MainWindow(demo.till)
        qtbot.addWidget(window)
        assert _people(qtbot, window) == ["Alex\nLeitung", "Jo\nAbholtheke", "Sam\nKassierer/in"]
        window.close()
    finally:
        uninstall_translator(qapp, translator)
    window = MainWindow(demo.till)
    qtbot.addWidget(window)
    assert _people(qtbot, window) == ["Alex\nmanager", "Jo\npickup clerk", "Sam\ncashier"]


def test_return_reasons_printer_kinds_and_job_states_are_german_under_german_and_stored_in_english(
    qtbot: QtBot, qapp: QApplication, demo: DemoTill
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, "2000000000015", demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 2000),)), demo.till.uow())
    reprint_receipt(sale.receipt_no, demo.cashier, demo.till.uow())  # a job for the queue, waiting: no printer yet
    translator = install_translator(qapp, "de")
    assert translator is not None
    try:
        window = MainWindow(demo.till, idle_lock_ms=60_000)
        qtbot.addWidget(window)
        window.show()
        sign_in(qtbot, window, "Sam", "1111")
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
        qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.returns)
        desk = window.returns
        qtbot.keyClicks(desk.scan_field, receipt_qr(sale.receipt_no, sale.sale_id))
        qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: desk.sale is not None)
        reasons = desk.reason_box(0)
        assert [reasons.itemText(i) for i in range(reasons.count())] == [
            "anders entschieden",
            "falsche Größe",
            "defekt",
            "beim Transport beschädigt",
            "nicht wie beschrieben",
            "Geschenk",
        ]
        reasons.setCurrentIndex(2)
        assert desk.reason(0) == "defective"  # the record keeps the English code, whoever chose it
        reasons.setCurrentText("Farbe gefällt nicht")
        assert desk.reason(0) == "Farbe gefällt nicht"  # a typed reason is kept as typed

        window.show_printer_settings()
        dialog = window.printer_dialog
        assert dialog is not None
        kinds = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
        assert kinds == ["Netzwerk", "USB", "seriell", "Datei", "kein Drucker"]
        qtbot.waitUntil(lambda: dialog.jobs.count() == 1)
        assert "· in der Warteschlange" in dialog.jobs.item(0).text()
        window.close()
    finally:
        uninstall_translator(qapp, translator)
