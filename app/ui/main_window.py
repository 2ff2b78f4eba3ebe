"""The till's main window: sign-in, sell and pickup screens, the message banner, the status bar, auto-lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.bootstrap import Till
from app.domain.errors import RuleViolation
from app.domain.staff import Permission, can
from app.services.printing import (
    PrintOutcome,
    export_receipt_pdf,
    print_jobs,
    process_print_queue,
    queue_sale_receipt,
    reprint_receipt,
)
from app.services.queries import CounterStatus, SaleRow, counter_status, recent_sales
from app.services.staff import SignedIn
from app.services.syncing import SyncRefused, SyncStatus, sync_once, sync_status
from app.ui.messages import MessageBridge
from app.ui.sign_in import SignInScreen
from app.ui.styles import style_sheet
from app.ui.worker import StoreWorker

# The other screens and dialogs are imported where they are first built: the window opens on the
# sign-in screen, and their modules (with the services only they use) would hold it up.
if TYPE_CHECKING:
    from app.services.returns import PendingExchange
    from app.services.selling import SaleCompleted
    from app.ui.customer_display import CustomerDisplay
    from app.ui.manager_screen import ManagerScreen
    from app.ui.pickup_screen import PickupScreen
    from app.ui.printer_settings import PrinterSettingsDialog
    from app.ui.returns_screen import ReturnsScreen
    from app.ui.sales_list import SalesListDialog
    from app.ui.sell_screen import SellScreen
    from app.ui.sync_dialog import SyncDialog

DEFAULT_IDLE_LOCK_MS = 2 * 60 * 1000
BANNER_MS = 8000
STATUS_REFRESH_MS = 5000
PRINT_RETRY_MS = 30_000
SYNC_INTERVAL_MS = 20_000


class MainWindow(QMainWindow):
    def __init__(self, till: Till, idle_lock_ms: int = DEFAULT_IDLE_LOCK_MS) -> None:
        super().__init__()
        self.till = till
        self.worker = StoreWorker()
        self.worker.start()
        # Printers can take seconds to time out: they get their own thread, so a
        # dead printer never delays the next scan.
        self.device_worker = StoreWorker()
        self.device_worker.start()
        self.messages = MessageBridge()
        self.staff: SignedIn | None = None
        self.status: CounterStatus | None = None

        self.banner = QLabel()
        self.banner.setObjectName("errorBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._banner_timer = QTimer(self)
        self._banner_timer.setSingleShot(True)
        self._banner_timer.timeout.connect(self.banner.hide)
        self.messages.error_shown.connect(self._on_messages_error_shown)
        self.messages.info_shown.connect(self._on_messages_info_shown)

        self.sign_in = SignInScreen(self.worker, till.uow)
        self.sign_in.signed_in.connect(self._on_sign_in_signed_in)
        # The other screens are built the first time they are needed (the properties below): the sell
        # screen once the sign-in screen shows the staff, the others when first opened.
        self._sell: SellScreen | None = None
        self._pickup: PickupScreen | None = None
        self._returns: ReturnsScreen | None = None
        self._manager: ManagerScreen | None = None
        self._sell_builder = QTimer(self)  # started by eventFilter
        self._sell_builder.setSingleShot(True)
        self._sell_builder.timeout.connect(lambda: self.sell)  # reading the property builds the screen
        self.pages = QStackedWidget()
        self.pages.addWidget(self.sign_in)
        central = QWidget()
        column = QVBoxLayout(central)
        column.addWidget(self.banner)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.status_event = QLabel()
        self.status_staff = QLabel()
        self.status_session = QLabel(self.tr("No cash session"))
        self.status_sync = QLabel()
        for label in (self.status_event, self.status_staff, self.status_session, self.status_sync):
            self.statusBar().addPermanentWidget(label)

        self.customer_display: CustomerDisplay | None = None
        self.printer_dialog: PrinterSettingsDialog | None = None
        self.sales_dialog: SalesListDialog | None = None
        menu = self.menuBar().addMenu(self.tr("&Till"))
        for title, key, handler in (
            (self.tr("Sell"), "Ctrl+S", self.show_sell),
            (self.tr("Pickup desk"), "Ctrl+U", self.show_pickup),
            (self.tr("Returns desk"), "Ctrl+T", self.show_returns),
            (self.tr("Cash, stock count, settlements, close"), "Ctrl+M", self.show_manager),
            (self.tr("Sales and reprints"), "Ctrl+R", self.show_sales),
            (self.tr("Receipt printer"), "Ctrl+P", self.show_printer_settings),
            (self.tr("Sync with the marketplace"), "Ctrl+Y", self.show_sync),
            (self.tr("Open the cash drawer"), "Ctrl+D", self.open_drawer),
            (self.tr("Customer display"), "F10", self.toggle_customer_display),
            (self.tr("Lock / switch staff"), "F11", self.lock),
        ):
            action = menu.addAction(title)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
            action.triggered.connect(handler)
        settings = menu.addAction(self.tr("Settings (first-run steps)…"))
        settings.triggered.connect(self.show_settings)
        self.dark_style = menu.addAction(self.tr("Dark style"))
        self.dark_style.setCheckable(True)
        self.dark_style.toggled.connect(self._on_dark_style_toggled)
        self.online: bool | None = None
        self.sync_dialog: SyncDialog | None = None
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._sync_timer.timeout.connect(self.sync_now)
        self._sync_timer.start()
        # Jobs that may have printed, as last told: the banner speaks when a new one appears, not every retry.
        self._jobs_in_doubt = 0
        self._print_retry_timer = QTimer(self)
        self._print_retry_timer.setInterval(PRINT_RETRY_MS)
        self._print_retry_timer.timeout.connect(self.print_queued)
        self._print_retry_timer.start()

        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(idle_lock_ms)
        self._idle_timer.timeout.connect(self.lock)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        self.setWindowTitle(self.tr("Pop-up POS"))
        self.resize(1280, 800)
        # The staff first: the sign-in screen is what the till opens on.
        self.lock()
        self.refresh_status()

    # The screens, each built the first time it is needed

    @property
    def sell(self) -> SellScreen:
        if self._sell is None:
            from app.ui.sell_screen import SellScreen

            sell = SellScreen(self.worker, self.till.uow, self.messages)
            sell.lock_requested.connect(self.lock)
            sell.sale_completed.connect(self._on_sell_sale_completed)
            sell.receipt_requested.connect(self._on_sell_receipt_requested)
            sell.drawer_opened.connect(self.print_queued)
            sell.exchange_completed.connect(self._on_sell_exchange_completed)
            self.pages.addWidget(sell)
            self._sell = sell
        return self._sell

    @property
    def ready_to_sell(self) -> bool:
        """The sell screen is built: signing in goes straight to selling."""
        return self._sell is not None

    @property
    def pickup(self) -> PickupScreen:
        if self._pickup is None:
            from app.ui.pickup_screen import PickupScreen

            pickup = PickupScreen(self.worker, self.till.uow, self.messages)
            pickup.slip_queued.connect(self.print_queued)
            pickup.sell_requested.connect(self.show_sell)
            pickup.lock_requested.connect(self.lock)
            self.pages.addWidget(pickup)
            self._pickup = pickup
        return self._pickup

    @property
    def returns(self) -> ReturnsScreen:
        if self._returns is None:
            from app.ui.returns_screen import ReturnsScreen

            returns = ReturnsScreen(
                self.worker, self.till.uow, self.messages, lambda: self.status.event.locale if self.status else "en"
            )
            returns.receipt_queued.connect(self.print_queued)
            returns.exchange_requested.connect(self._on_returns_exchange_requested)
            self.pages.addWidget(returns)
            self._returns = returns
        return self._returns

    @property
    def manager(self) -> ManagerScreen:
        if self._manager is None:
            from app.ui.manager_screen import ManagerScreen

            manager = ManagerScreen(
                self.worker,
                self.till.uow,
                self.messages,
                lambda: self.status.event if self.status else None,
                self.till.data_dir,
            )
            manager.print_requested.connect(self.print_queued)
            manager.event_closed.connect(self.refresh_status)
            self.pages.addWidget(manager)
            self._manager = manager
        return self._manager

    def _leave_pickup(self) -> None:
        # The desk turns its camera off and drops its order when another screen takes over (unless never opened).
        if self._pickup is not None:
            self._pickup.stop()

    # Locking and signing in

    @Slot()
    def lock(self) -> None:
        self.staff = None
        self._leave_pickup()
        if self._returns is not None:
            self._returns.clear()
        self._idle_timer.stop()
        self.status_staff.setText(self.tr("Locked"))
        self.pages.setCurrentWidget(self.sign_in)
        self.sign_in.reload()

    @Slot(object)
    def _on_sign_in_signed_in(self, staff: SignedIn) -> None:
        self.staff = staff
        self.status_staff.setText(self.tr("Staff: {0}").format(staff.name))
        self._idle_timer.start()
        if can(staff.role, Permission.SELL):
            self.show_sell()
        else:
            self.show_pickup()

    @Slot()
    def show_sell(self) -> None:
        if self.staff is None or self.pages.currentWidget() is self._sell:
            return
        self._leave_pickup()
        self.pages.setCurrentWidget(self.sell)
        self.sell.start(self.staff)

    @Slot(object)
    def _on_returns_exchange_requested(self, pending: PendingExchange) -> None:
        self.show_sell()
        self.sell.start_exchange(pending)

    @Slot(str)
    def _on_sell_exchange_completed(self, return_id: str) -> None:
        from app.services.returns import queue_return_receipt

        self.worker.run_op(lambda: queue_return_receipt(return_id, self.till.uow())).on_success(
            lambda _job: self.print_queued()
        ).on_failure(lambda error: self.messages.error(str(error)))

    @Slot()
    def show_manager(self) -> None:
        if self.staff is None or self.pages.currentWidget() is self._manager:
            return
        self._leave_pickup()
        self.pages.setCurrentWidget(self.manager)
        self.manager.start(self.staff)

    @Slot()
    def show_returns(self) -> None:
        if self.staff is None or self.pages.currentWidget() is self._returns:
            return
        self._leave_pickup()
        self.pages.setCurrentWidget(self.returns)
        self.returns.start(self.staff)

    @Slot()
    def show_pickup(self) -> None:
        if self.staff is None or self.pages.currentWidget() is self._pickup:
            return
        self.pages.setCurrentWidget(self.pickup)
        self.pickup.start(self.staff)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Any key or touch while someone is signed in keeps the till unlocked.
        if self.staff is not None and event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._idle_timer.start()
        elif self._sell is None and event.type() == QEvent.Type.Paint and watched.objectName() == "personButton":
            # The sign-in screen is on screen with the staff: the sell screen is built while a PIN is typed.
            self._sell_builder.start()
        return super().eventFilter(watched, event)

    # Messages and status

    @Slot(str)
    def _on_messages_error_shown(self, text: str) -> None:
        self.banner.setProperty("kind", "error")
        self._show_banner(text)

    @Slot(str)
    def _on_messages_info_shown(self, text: str) -> None:
        self.banner.setProperty("kind", "info")
        self._show_banner(text)

    def _show_banner(self, text: str) -> None:
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.setText(text)
        self.banner.show()
        self._banner_timer.start(BANNER_MS)

    @Slot()
    def refresh_status(self) -> None:
        self.worker.run_op(lambda: counter_status(self.till.uow())).on_success(self._show_status)
        self.worker.run_op(lambda: sync_status(self.till.uow())).on_success(self._show_sync_status)

    def _show_sync_status(self, status: SyncStatus) -> None:
        if not status.enrolled:
            text = self.tr("Standalone · {0} waiting to sync").format(status.waiting)
        else:
            state = self.tr("Online") if self.online else self.tr("Offline")
            text = self.tr("{0} · {1} waiting to sync").format(state, status.waiting)
        if status.needing_attention:
            text += self.tr(" · {0} need attention").format(len(status.needing_attention))
        self.status_sync.setText(text)
        if self.sync_dialog is not None:
            self.sync_dialog.show_status(status, self.online)

    @Slot()
    def sync_now(self) -> None:
        """One sync round on the device thread; the network is never on the path of a sale."""

        def done(online: bool) -> None:
            self.online = online
            self.refresh_status()
            if online and self._pickup is not None and self.pages.currentWidget() is self._pickup:
                self._pickup.refresh_overview()

        def attempt() -> bool:
            try:
                sync_once(self.till.uow, self.till.data_dir / "sync.lock")
            except SyncRefused:
                return False
            except RuleViolation:
                return False  # not enrolled: a standalone till
            return True

        self.device_worker.run_op(attempt).on_success(done)

    @Slot()
    def show_sync(self) -> None:
        from app.ui.sync_dialog import SyncDialog

        dialog = SyncDialog(self)
        dialog.sync_requested.connect(self.sync_now)
        self.sync_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "sync_dialog", None))
        dialog.open()
        self.refresh_status()

    def _show_status(self, status: CounterStatus) -> None:
        self.status = status
        self.status_event.setText(self.tr("{0} · till {1}").format(status.event.name, status.till_code))
        if status.event_closed:
            self.status_session.setText(self.tr("Event closed: read-only"))
        elif status.cash_session is None:
            self.status_session.setText(self.tr("No cash session"))
        else:
            self.status_session.setText(self.tr("Cash session {0} ({1})").format(*status.cash_session))
        if self.windowTitle() == self.tr("Pop-up POS"):
            self.setWindowTitle(self.tr("Pop-up POS: {0}, till {1}").format(status.event.name, status.till_code))

    # Sales, receipts, customer display

    @Slot(object)
    def _on_sell_sale_completed(self, sale: SaleCompleted) -> None:
        if self.customer_display is not None and self.status is not None:
            self.customer_display.show_completed(sale, self.status.event.format(sale.change))
        self.refresh_status()

    @Slot(str, str)
    def _on_sell_receipt_requested(self, sale_id: str, choice: str) -> None:
        from app.ui.tender_dialog import ReceiptChoice

        if choice == ReceiptChoice.PDF:
            self.save_pdf(sale_id)
            # The drawer still opens for cash when the receipt goes to PDF.
            choice = ReceiptChoice.NONE
        print_receipt = choice == ReceiptChoice.PRINT
        self.worker.run_op(lambda: queue_sale_receipt(sale_id, self.till.uow(), print_receipt)).on_success(
            lambda job_id: self.print_queued() if job_id else None
        ).on_failure(lambda error: self.messages.error(str(error)))

    @Slot()
    def print_queued(self) -> None:
        """Send what waits in the print queue; a failure leaves it queued, and a job in doubt waits for a
        person: either gets a banner."""

        def send() -> tuple[list[PrintOutcome], int]:
            return process_print_queue(self.till.uow), len(print_jobs(self.till.uow(), "sending"))

        def done(result: tuple[list[PrintOutcome], int]) -> None:
            outcomes, in_doubt = result
            failed = [outcome for outcome in outcomes if not outcome.printed]
            if failed and not failed[0].in_doubt:
                self.messages.error(self.tr("Receipt kept in the print queue: {0}").format(failed[0].error))
            elif in_doubt > self._jobs_in_doubt:
                self.messages.error(
                    self.tr(
                        "A receipt may have printed, or not: check the paper, then open Till > Receipt printer "
                        "to print it again or confirm it."
                    )
                )
            self._jobs_in_doubt = in_doubt

        self.device_worker.run_op(send).on_success(done)

    def save_pdf(self, sale_id: str) -> None:
        folder = self.till.data_dir / "receipts"
        target = self.sell.ask_pdf_target(folder / f"receipt-{sale_id[:8]}.pdf")
        if target is None:
            return
        self.worker.run_op(lambda: export_receipt_pdf(sale_id, target, self.till.uow())).on_success(
            lambda path: self.messages.info(self.tr("Receipt saved as {0}").format(path))
        ).on_failure(lambda error: self.messages.error(str(error)))

    @Slot()
    def show_sales(self) -> None:
        if self.staff is None:
            return
        staff_id = self.staff.staff_id

        def show(sales: list[SaleRow]) -> None:
            from app.ui.sales_list import SalesListDialog

            dialog = SalesListDialog(sales, self)
            dialog.reprint_requested.connect(
                lambda receipt_no: (
                    self.worker.run_op(lambda: reprint_receipt(receipt_no, staff_id, self.till.uow()))
                    .on_success(lambda _job: self.print_queued())
                    .on_failure(lambda e: self.messages.error(str(e)))
                )
            )
            dialog.pdf_requested.connect(self.save_pdf)
            self.sales_dialog = dialog
            dialog.finished.connect(lambda _result: setattr(self, "sales_dialog", None))
            dialog.open()

        self.worker.run_op(lambda: recent_sales(self.till.uow())).on_success(show)

    @Slot()
    def show_printer_settings(self) -> None:
        if self.staff is None:
            return
        from app.ui.printer_settings import PrinterSettingsDialog

        dialog = PrinterSettingsDialog(self.till.uow, self.worker, self.device_worker, self.staff.staff_id, self)
        self.printer_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "printer_dialog", None))
        dialog.open()

    @Slot()
    def show_settings(self) -> None:
        """Every first-run step again: event, hub, staff, printer, float (a manager's job)."""
        if self.staff is None or not can(self.staff.role, Permission.MANAGE_STAFF):
            self.messages.error(self.tr("Settings are for a manager: sign in as a manager."))
            return
        from app.ui.first_run import run_first_run_wizard

        if run_first_run_wizard(self, self.till):
            self.refresh_status()

    @Slot()
    def open_drawer(self) -> None:
        if self.staff is None:
            return
        self.sell.open_drawer()

    @Slot(bool)
    def _on_dark_style_toggled(self, dark: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(style_sheet("dark" if dark else "light"))

    @Slot()
    def toggle_customer_display(self) -> None:
        if self.customer_display is None:
            from app.ui.customer_display import CustomerDisplay

            name = self.status.event.name if self.status else ""
            self.customer_display = CustomerDisplay(name)
            self.sell.cart_changed.connect(self.customer_display.show_cart)
            screens = QGuiApplication.screens()
            if len(screens) > 1:
                self.customer_display.move(screens[1].geometry().topLeft())
            if self.sell.state is not None:
                self.customer_display.show_cart(self.sell.state)
            self.customer_display.show()
        else:
            self.customer_display.setVisible(not self.customer_display.isVisible())

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802
        self._status_timer.stop()
        self._print_retry_timer.stop()
        self._sync_timer.stop()
        self.worker.stop()
        self.device_worker.stop()
        if self.customer_display is not None:
            self.customer_display.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)  # type: ignore[arg-type]
