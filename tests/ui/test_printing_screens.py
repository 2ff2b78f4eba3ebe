"""Receipts from the counter screen and the printer settings dialog, with a loopback network printer."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.services.printer_settings import printer_settings, save_printer_settings
from app.services.printing import print_jobs
from app.ui.main_window import MainWindow
from app.ui.printer_settings import PrinterSettingsDialog
from printers.escpos_output import PrinterSettings
from tests.conftest import DemoTill
from tests.printer_server import LoopbackPrinter, free_port
from tests.ui.conftest import paid_in_cash, scan, sign_in


def network_printer(demo: DemoTill, port: int) -> None:
    save_printer_settings(
        PrinterSettings(kind="network", address="127.0.0.1", port=port), demo.manager, demo.till.uow()
    )


def ring_up_a_mug(qtbot: QtBot, window: MainWindow) -> None:
    """Sam signs in and scans one speckled mug (BER-003, CHF 32.00)."""
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.sell.state is not None)
    scan(qtbot, window, "BER-003")


def printer_dialog(qtbot: QtBot, window: MainWindow, name: str, pin: str) -> PrinterSettingsDialog:
    sign_in(qtbot, window, name, pin)
    qtbot.waitUntil(lambda: window.staff is not None)
    window.show_printer_settings()
    dialog = window.printer_dialog
    assert dialog is not None
    return dialog


def test_print_receipt_after_a_cash_sale(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, printer: LoopbackPrinter
) -> None:
    network_printer(demo, printer.port)
    ring_up_a_mug(qtbot, window)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_F12)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    dialog = window.sell.tender_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.cash_input, "50")
    qtbot.keyClick(dialog.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1)
    qtbot.keyClick(dialog, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    printout = printer.printouts()[0]
    assert "Beleg A-000001" in printout.text  # the demo event is at Zurich (de_CH): its receipts are German
    assert printout.commands[-2:] == ["cut", "drawer"]
    qtbot.waitUntil(lambda: [job.status for job in print_jobs(demo.till.uow())] == ["printed"])


def test_a_dead_printer_shows_in_the_status_bar_and_keeps_the_job(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    network_printer(demo, free_port())
    ring_up_a_mug(qtbot, window)
    dialog = paid_in_cash(qtbot, window, 3200)
    qtbot.keyClick(dialog, Qt.Key.Key_P)
    indicator = window.status_bar.printer_button
    qtbot.waitUntil(lambda: indicator.text() == "Printer: not answering, 1 waiting", timeout=8000)
    assert [job.status for job in print_jobs(demo.till.uow())] == ["queued"]
    assert window.message_area.texts() == [], "printer trouble is the status bar's, not a message over the screen"
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.printer_dialog is not None and window.printer_dialog.jobs.count() == 1)
    with demo.till.uow() as uow:
        assert uow.sales.count() == 1


def test_printer_settings_dialog_saves_and_prints_a_test_page(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, printer: LoopbackPrinter
) -> None:
    dialog = printer_dialog(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: dialog.kind.currentText() == "none")
    dialog.kind.setCurrentText("network")
    qtbot.keyClicks(dialog.address, "127.0.0.1")
    dialog.port.setValue(printer.port)
    dialog.paper.setCurrentText("58 mm")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.message.text() == "Saved.")
    assert printer_settings(demo.till.uow()) == PrinterSettings(
        kind="network", address="127.0.0.1", port=printer.port, paper_width_mm=58
    )
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)
    text = printer.printouts()[0].text
    # In the event's language (the demo is de_CH), as every document.
    assert "Testseite" in text and "é è à ü ö ä ß ñ ç" in text and "€ £ CHF" in text
    qtbot.waitUntil(lambda: "printed" in dialog.last_job.text())


def test_a_cashier_cannot_change_the_printer(qtbot: QtBot, window: MainWindow) -> None:
    dialog = printer_dialog(qtbot, window, "Sam", "1111")
    dialog.kind.setCurrentText("file")
    qtbot.keyClicks(dialog.address, "/tmp/printer")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "may not" in dialog.message.text())


def test_reprint_from_the_sales_list_is_marked_copy(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, printer: LoopbackPrinter
) -> None:
    network_printer(demo, printer.port)
    ring_up_a_mug(qtbot, window)
    dialog = paid_in_cash(qtbot, window, 3200)
    qtbot.keyClick(dialog.none_button, Qt.Key.Key_Return)  # no receipt: only the drawer opens
    qtbot.waitUntil(lambda: len(printer.jobs) == 1, timeout=5000)

    window.show_sales()
    qtbot.waitUntil(lambda: window.sales_dialog is not None)
    sales = window.sales_dialog
    assert sales is not None and sales.sales.count() == 1
    assert sales.sales.item(0).text().startswith("A-000001")
    qtbot.mouseClick(
        next(b for b in sales.findChildren(QPushButton) if b.text() == "Reprint (copy)"), Qt.MouseButton.LeftButton
    )
    qtbot.waitUntil(lambda: len(printer.jobs) == 2, timeout=5000)
    copy = printer.printouts()[1]
    assert copy.lines[0].strip() == "*** KOPIE ***" and "Beleg A-000001" in copy.text  # the de_CH event's language
    assert "drawer" not in copy.commands
