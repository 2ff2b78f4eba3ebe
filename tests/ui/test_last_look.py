"""A last look before the irreversible: the refund per tender before it is paid, the count before the Z report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot

from app.domain.receipts import receipt_qr
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import current_session
from app.services.selling import CompleteSale, complete_sale
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in

CANDLE, COFFEE = "2000000000015", "KAF-003"  # 12.90, 25.90


def return_count(demo: DemoTill) -> int:
    with demo.till.uow() as uow:
        return len(uow.returns.recent(50))


def test_f12_shows_the_refund_per_tender_before_it_is_paid(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CANDLE, demo.cashier, demo.till.uow())
    carts.scan(cart_id, COFFEE, demo.cashier, demo.till.uow())
    tenders = (Tender(TenderKind.CARD, 2000, "TRM-9"), Tender(TenderKind.CASH, 2000))
    sale = complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow())

    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.returns)
    desk = window.returns
    qtbot.keyClicks(desk.scan_field, receipt_qr(sale.receipt_no, sale.sale_id))
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: desk.sale is not None)
    desk.quantity_spin(1).setValue(1)  # the coffee, 25.90
    qtbot.keyClicks(desk.card_fields[0], "RF-1")

    qtbot.keyClick(desk.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: desk.confirmation is not None and desk.confirmation.isVisible())
    look = desk.confirmation
    assert look is not None
    # 25.90 shared by what each paid; the cash share rounds to 0.05, as record_return rounds it.
    assert look.question.text() == "Refund CHF\xa025.91 to the customer?"
    lines = look.details.text().split("\n")
    assert [line.split(":")[0] for line in lines] == ["Card", "Cash"]
    assert "(TRM-9)" in lines[0]
    assert look.back_button.isDefault(), "Enter never pays out by accident"

    qtbot.mouseClick(look.back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.confirmation is None)
    assert return_count(demo) == 0, "Back changes nothing"
    # A window manager gives the focus back to the till when a dialog closes; offscreen Qt needs telling.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)

    infos: list[str] = []
    window.messages.instruction_shown.connect(infos.append)
    qtbot.keyClick(desk.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: desk.confirmation is not None and desk.confirmation.isVisible())
    shown = desk.confirmation.details.text()
    qtbot.mouseClick(desk.confirmation.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("recorded" in text for text in infos))
    with demo.till.uow() as uow:
        [row] = uow.returns.recent(50)
        written = uow.returns.refunds(row.return_id)
    assert sum(refund.amount for refund in written) == 2591
    for refund in written:
        amount = f"CHF\xa0{refund.amount // 100}.{refund.amount % 100:02d}"
        assert f"{refund.kind.capitalize()}: {amount}" in shown, "the last look showed what was paid"


def test_a_blind_close_asks_before_numbering_and_the_result_stays(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    window.show_manager()
    cash = window.manager.cash
    qtbot.waitUntil(lambda: cash.session is not None and bool(cash.close_grid.spins))
    cash.close_grid.spins[10000].setValue(1)
    cash.close_grid.spins[5000].setValue(1)
    cash.close_grid.spins[2000].setValue(2)
    cash.close_grid.spins[500].setValue(1)
    cash.close_grid.spins[200].setValue(1)
    qtbot.mouseClick(cash.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cash.close_confirmation is not None and cash.close_confirmation.isVisible())
    look = cash.close_confirmation
    assert look is not None
    assert look.question.text() == "Close session 1 with CHF\xa0197.00 counted?"
    assert "1 × CHF\xa0100.00" in look.details.text()

    qtbot.mouseClick(look.back_button, Qt.MouseButton.LeftButton)
    qtbot.wait(200)
    assert current_session(demo.till.uow()) is not None and cash.last_report is None, "nothing numbered"
    # The focus came back to the count, and the tab scrolled to it: the person scrolls back to the button.
    scroller = cash.findChild(QScrollArea)
    assert scroller is not None
    scroller.ensureWidgetVisible(cash.close_button)

    qtbot.mouseClick(cash.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cash.close_confirmation is not None and cash.close_confirmation.isVisible())
    qtbot.mouseClick(cash.close_confirmation.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: cash.result_panel.isVisible())
    assert cash.result_panel.heading.text() == "Session 1 closed: Z report A-Z0001"
    assert "Over/short: CHF\xa03.00 short" in cash.result_panel.body.text()
    assert current_session(demo.till.uow()) is None
    qtbot.wait(1000)
    assert cash.result_panel.isVisible(), "the result stays until it is dismissed"
    assert cash.result_panel.done_button.height() >= 44
    qtbot.mouseClick(cash.result_panel.done_button, Qt.MouseButton.LeftButton)
    assert not cash.result_panel.isVisible()
