"""Background operations whose refusals are shown without a handler of their own, the status bar that follows
the store's changes instead of polling it, the message area that never moves the screen nor hides an
instruction, and a till without a printer that sells without a printer message."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.services.printer_settings import save_printer_settings
from app.services.printing import print_jobs
from app.services.return_lookup import find_sale
from app.ui import message_area
from app.ui.main_window import MainWindow
from app.ui.messages import Importance
from app.ui.status_bar import OUTSIDE_CHANGES_MS
from app.ui.worker import UNEXPECTED, Change
from printers.escpos_output import PrinterSettings
from tests.conftest import DemoTill
from tests.printer_server import free_port
from tests.ui.conftest import paid_in_cash, scan, sign_in


def settle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until both workers have answered everything asked of them so far (each runs its jobs in order)."""
    answered: list[None] = []
    for worker in (window.worker, window.device_worker):
        worker.query(lambda: None).success(answered.append)
    qtbot.waitUntil(lambda: len(answered) == 2)


def test_a_refusal_without_a_failure_handler_is_shown_in_the_message_area(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    results: list[object] = []
    window.worker.query(lambda: find_sale("A-999999", demo.till.uow())).success(results.append)
    qtbot.waitUntil(lambda: "A-999999" in window.message_area.text())
    assert results == []
    assert window.message_area.current() is not None
    assert window.message_area.current().importance is Importance.ERROR  # type: ignore[union-attr]


def test_an_unexpected_exception_is_logged_and_shown_as_the_unexpected_text(
    qtbot: QtBot, window: MainWindow, caplog: pytest.LogCaptureFixture
) -> None:
    def broken() -> int:
        return int("not a number")

    window.device_worker.query(broken)
    qtbot.waitUntil(lambda: window.message_area.text() == UNEXPECTED)
    assert any("unexpected error in a store operation" in record.message for record in caplog.records)


def test_a_failure_handler_takes_the_refusal_instead_of_the_message_area(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    handled: list[str] = []
    window.worker.query(lambda: find_sale("A-999999", demo.till.uow())).failure(lambda e: handled.append(str(e)))
    qtbot.waitUntil(lambda: len(handled) == 1)
    settle(qtbot, window)
    assert "A-999999" in handled[0]
    assert window.message_area.texts() == []


def test_a_cash_close_changes_the_status_bar_through_store_changed_and_its_over_short_stays_until_ok(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(message_area.SHOWN_MS, Importance.ERROR, 300)
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.waitUntil(lambda: window.status_session.text().startswith("Cash session 1"))
    window.show_manager()
    manager = window.manager
    qtbot.waitUntil(lambda: manager.cash.session is not None and bool(manager.cash.close_grid.spins))
    manager.cash.close_grid.spins[10000].setValue(2)
    qtbot.mouseClick(manager.cash.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: manager.cash.close_confirmation is not None)  # the last look (tests/ui/test_last_look.py)
    with qtbot.waitSignal(window.worker.store_changed, check_params_cb=lambda c: Change.CASH in c, timeout=5000):
        qtbot.mouseClick(manager.cash.close_confirmation.confirm_button, Qt.MouseButton.LeftButton)
    # Well before the slow timer for outside changes: the write itself said the cash changed.
    assert OUTSIDE_CHANGES_MS >= 60_000
    qtbot.waitUntil(lambda: window.status_session.text() == "No cash session", timeout=3000)

    qtbot.waitUntil(lambda: "A-Z0001" in window.message_area.text())
    over_short = window.message_area.text()
    window.messages.error("The scanner read half a code: scan it again.")
    assert window.message_area.text() == over_short, "an error never hides an instruction"
    assert window.message_area.more_label.text() == "+1 more"
    qtbot.wait(700)  # longer than an error stays
    assert window.message_area.text() == over_short, "an instruction stays until OK"
    assert window.message_area.ok_button.height() >= 44
    qtbot.mouseClick(window.message_area.ok_button, Qt.MouseButton.LeftButton)
    assert window.message_area.text() == "The scanner read half a code: scan it again."
    qtbot.waitUntil(lambda: window.message_area.texts() == [])


def test_messages_stack_by_importance_and_nothing_moves(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.sell.state is not None)
    pay = window.sell.pay_button

    def where() -> tuple[QPoint, int, int]:
        return pay.mapTo(window, QPoint(0, 0)), pay.width(), pay.height()

    before = where()
    window.messages.info("Receipt saved.")
    window.messages.warning("Paper is low.")
    window.messages.instruction("Give CHF 12.90 in cash from the drawer.")
    window.messages.error("No product has the code X.")
    qtbot.wait(50)
    area = window.message_area
    assert area.texts() == [
        "Give CHF 12.90 in cash from the drawer.",
        "No product has the code X.",
        "Paper is low.",
        "Receipt saved.",
    ]
    assert area.property("kind") == "instruction" and area.ok_button.isVisible()
    assert where() == before, "a message never pushes the screen down"
    for _ in range(4):
        area.acknowledge()
    assert area.texts() == [] and not area.ok_button.isVisible()
    qtbot.wait(50)
    assert where() == before


def pay_cash(qtbot: QtBot, window: MainWindow, print_receipt: bool) -> None:
    scan(qtbot, window, "BER-003")
    dialog = paid_in_cash(qtbot, window, 5000)
    if print_receipt:
        qtbot.keyClick(dialog, Qt.Key.Key_P)
    else:
        qtbot.keyClick(dialog.none_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is None)


def test_a_till_without_a_printer_sells_cash_with_no_print_job_and_no_printer_message(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.sell.state is not None)
    shown: list[str] = []
    window.messages.shown.connect(lambda _importance, text: shown.append(text))

    pay_cash(qtbot, window, print_receipt=True)
    pay_cash(qtbot, window, print_receipt=False)  # no receipt: a cash sale would still kick the drawer
    settle(qtbot, window)
    window.print_queued()  # what the 30-s retry does
    settle(qtbot, window)

    with demo.till.uow() as uow:
        assert uow.sales.count() == 2
    assert print_jobs(demo.till.uow()) == [], "no receipt and no drawer kick queued"
    assert not any("print" in text.lower() for text in shown), shown
    assert window.message_area.texts() == []
    assert window.status_bar.printer_button.isHidden()


def test_the_pickup_slip_follows_whether_a_printer_is_set(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    sign_in(qtbot, window, "Jo", "2222")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pickup)
    desk = window.pickup
    settle(qtbot, window)
    assert (desk.print_slip.isEnabled(), desk.print_slip.isChecked()) == (False, False)

    settings = PrinterSettings(kind="network", address="127.0.0.1", port=free_port())
    window.worker.write(lambda: save_printer_settings(settings, demo.manager, demo.till.uow()), Change.PRINTER)
    qtbot.waitUntil(lambda: desk.print_slip.isEnabled() and desk.print_slip.isChecked())
    qtbot.waitUntil(lambda: window.status_bar.printer_button.text() == "Printer: ready")


def test_information_fades_by_itself_and_an_error_after_it_is_shown_first(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(message_area.SHOWN_MS, Importance.INFO, 100)
    window.messages.info("Receipt saved as receipt.pdf")
    qtbot.wait(20)
    window.messages.error("Cannot write the file: choose another folder.")
    assert window.message_area.text() == "Cannot write the file: choose another folder."
    window.message_area.acknowledge()
    assert window.message_area.text() == "Receipt saved as receipt.pdf"
    qtbot.waitUntil(lambda: window.message_area.texts() == [], timeout=3000)
