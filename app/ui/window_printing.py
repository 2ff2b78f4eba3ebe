"""The main window's sales and printing: a sale's receipt, the print queue, PDF receipts, reprints, the printer.

Printing goes through the device worker (a printer may take seconds to time out); a failure leaves the job
queued, and the status bar's printer indicator says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot

from app.services.printing import export_receipt_pdf, process_print_queue, queue_sale_receipt, reprint_receipt
from app.services.queries import SaleRow, recent_sales
from app.ui.worker import Change

if TYPE_CHECKING:
    from app.services.selling import SaleCompleted
    from app.ui.main_window import MainWindow
    from app.ui.printer_settings import PrinterSettingsDialog
    from app.ui.sales_list import SalesListDialog


class WindowPrinting(QObject):
    """Handlers for the sell screen's sales and receipts, and the dialogs of sales and the printer."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.printer_dialog: PrinterSettingsDialog | None = None
        self.sales_dialog: SalesListDialog | None = None

    @Slot(object)
    def on_sale_completed(self, sale: SaleCompleted) -> None:
        window = self._window
        window.sounds.success()
        if window.customer_display is not None and window.status is not None:
            window.customer_display.show_completed(sale, window.status.event.format(sale.change))

    @Slot(str, str)
    def on_receipt_requested(self, sale_id: str, choice: str) -> None:
        from app.ui.tender_dialog import ReceiptChoice

        if choice == ReceiptChoice.PDF:
            self.save_pdf(sale_id)
            # The drawer still opens for cash when the receipt goes to PDF.
            choice = ReceiptChoice.NONE
        print_receipt = choice == ReceiptChoice.PRINT
        uow = self._window.till.uow
        # Without a printer nothing is queued (job_id None): no drawer kick, no receipt, no alarm.
        self._window.worker.write(
            lambda: queue_sale_receipt(sale_id, uow(), print_receipt), Change.PRINT_QUEUE
        ).success(lambda job_id: self.print_queued() if job_id else None)

    @Slot(str)
    def on_exchange_completed(self, return_id: str) -> None:
        from app.services.return_documents import queue_return_receipt

        uow = self._window.till.uow
        self._window.worker.write(lambda: queue_return_receipt(return_id, uow()), Change.PRINT_QUEUE).success(
            lambda _job: self.print_queued()
        )

    @Slot()
    def print_queued(self) -> None:
        """Send what waits in the print queue. A failure leaves the job queued and a job in doubt waits for a
        person: the status bar's printer indicator says so, and opens the queue; no message covers the screen."""
        uow = self._window.till.uow
        self._window.device_worker.write(lambda: process_print_queue(uow), Change.PRINT_QUEUE)

    def save_pdf(self, sale_id: str) -> None:
        window = self._window
        folder = window.till.data_dir / "receipts"
        target = window.sell.ask_pdf_target(folder / f"receipt-{sale_id[:8]}.pdf")
        if target is None:
            return
        window.worker.query(lambda: export_receipt_pdf(sale_id, target, window.till.uow())).success(
            lambda path: window.messages.info(
                QCoreApplication.translate("MainWindow", "Receipt saved as {0}").format(path)
            )
        )

    @Slot()
    def show_sales(self) -> None:
        window = self._window
        if window.staff is None:
            return
        staff_id = window.staff.staff_id
        uow = window.till.uow

        def show(sales: list[SaleRow]) -> None:
            from app.ui.sales_list import SalesListDialog

            dialog = SalesListDialog(sales, window)
            dialog.reprint_requested.connect(
                lambda receipt_no: window.worker.write(
                    lambda: reprint_receipt(receipt_no, staff_id, uow()), Change.PRINT_QUEUE
                ).success(lambda _job: self.print_queued())
            )
            dialog.pdf_requested.connect(self.save_pdf)
            self.sales_dialog = dialog
            dialog.finished.connect(lambda _result: setattr(self, "sales_dialog", None))
            dialog.open()

        window.worker.query(lambda: recent_sales(uow())).success(show)

    @Slot()
    def show_printer_settings(self) -> None:
        window = self._window
        if window.staff is None:
            return
        from app.ui.printer_settings import PrinterSettingsDialog

        dialog = PrinterSettingsDialog(
            window.till.uow, window.worker, window.device_worker, window.staff.staff_id, window
        )
        self.printer_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "printer_dialog", None))
        dialog.open()
