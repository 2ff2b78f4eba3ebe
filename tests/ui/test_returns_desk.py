"""The returns desk driven as a person would: scan the receipt QR, return a line with a cash refund, then again."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.receipts import receipt_qr
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.services.stock import on_hand
from app.store.print_jobs import PrintJob
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.conftest import scan, sign_in

CANDLE, COFFEE = "2000000000015", "KAF-003"


def test_a_receipt_scanned_one_line_back_to_stock_with_cash_then_refused_twice(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    carts.scan(cart_id, COFFEE, demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5000),)), demo.till.uow())
    candles = on_hand(CANDLE, demo.till.uow())

    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.returns)
    desk = window.returns
    qtbot.keyClicks(desk.scan_field, receipt_qr(sale.receipt_no, sale.sale_id))
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.sale is not None)
    assert desk.title.text().startswith(f"Receipt {sale.receipt_no}")
    assert desk.lines.rowCount() == 2 and desk.lines.item(0, 0).text() == "Beeswax taper candle pair"

    infos: list[str] = []
    window.messages.instruction_shown.connect(infos.append)
    spin = desk.quantity_spin(0)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    desk.reason_box(0).setCurrentText("wrong colour")
    qtbot.mouseClick(desk.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.confirmation is not None)  # the last look: the refund before it is paid
    qtbot.mouseClick(desk.confirmation.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("Return A-R00001 recorded" in text for text in infos))
    assert "Give CHF\xa012.90 in cash from the drawer." in infos[-1]

    assert on_hand(CANDLE, demo.till.uow()) == candles + 1

    def receipt_jobs() -> list[PrintJob]:
        with demo.till.uow() as uow:
            return [job for job in uow.print_jobs.jobs() if job.kind == "return_receipt"]

    # The receipt is queued by its own operation on the worker, after the return's message.
    qtbot.waitUntil(lambda: len(receipt_jobs()) == 1)
    with demo.till.uow() as uow:
        [record] = [r for r in uow.outbox.records() if r.type == "return.recorded"]
        assert json.loads(record.payload)["lines"][0]["reason"] == "wrong colour"
    [job] = receipt_jobs()
    assert json.loads(job.document)["open_drawer"] is True  # the drawer opens for the cash refund

    errors: list[str] = []
    window.messages.error_shown.connect(errors.append)
    qtbot.keyClicks(desk.scan_field, sale.receipt_no)
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.sale is not None)
    assert desk.lines.item(0, 3).text() == "1"  # already returned
    desk.quantity_spin(0).setValue(1)
    qtbot.mouseClick(desk.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("already returned in full" in text for text in errors))

    desk.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: desk.returns_list.rowCount() == 1)
    assert [desk.returns_list.item(0, column).text() for column in (1, 3, 4)] == [
        sale.receipt_no,
        "wrong colour",
        "restock",
    ]


def test_an_exchange_the_coffee_back_for_three_candles_paying_the_difference(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, COFFEE, demo.cashier, demo.till.uow())
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 3000),)), demo.till.uow())

    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.returns)
    desk = window.returns
    qtbot.keyClicks(desk.scan_field, sale.receipt_no)
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.sale is not None)
    desk.quantity_spin(0).setValue(1)
    desk.reason_box(0).setCurrentText("wrong roast")
    qtbot.mouseClick(desk.exchange_button, Qt.MouseButton.LeftButton)

    sell = window.sell
    qtbot.waitUntil(lambda: window.pages.currentWidget() is sell and sell.exchange is not None)
    assert "CHF\xa025.90 credit from receipt A-000001" in sell.exchange_label.text()
    for _ in range(3):
        scan(qtbot, window, CANDLE)
    qtbot.mouseClick(sell.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sell.tender_dialog is not None)
    dialog = sell.tender_dialog
    assert dialog is not None and dialog.total == 3870 - 2590  # only the difference is paid
    qtbot.keyClicks(dialog.cash_input, "20")
    qtbot.keyClick(dialog.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    assert dialog.change_label.text() == "Change: CHF\xa07.20"
    qtbot.keyClick(dialog.none_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sell.tender_dialog is None and sell.exchange is None)

    with demo.till.uow() as uow:
        types = [r.type for r in uow.outbox.records()]
        assert types[-3:] == ["voucher.issued", "return.recorded", "sale.completed"]
        exchanged = uow.sales.header_by_receipt("A-000002")
        assert exchanged is not None and exchanged.total == 3870

    def return_receipts() -> list[str]:
        with demo.till.uow() as uow:
            return [job.kind for job in uow.print_jobs.jobs() if job.kind == "return_receipt"]

    # The return receipt is queued by the worker's next write, after the exchange's own: waited for, not raced.
    qtbot.waitUntil(lambda: return_receipts() == ["return_receipt"])
