"""The till's main window: sign-in and sell screens, the message banner, the status bar, auto-lock."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.bootstrap import Till
from app.services.queries import CounterStatus, counter_status
from app.services.selling import SaleCompleted
from app.services.staff import SignedIn
from app.ui.customer_display import CustomerDisplay
from app.ui.messages import MessageBridge
from app.ui.sell_screen import SellScreen
from app.ui.sign_in import SignInScreen
from app.ui.worker import StoreWorker

DEFAULT_IDLE_LOCK_MS = 2 * 60 * 1000
BANNER_MS = 8000
STATUS_REFRESH_MS = 5000


class MainWindow(QMainWindow):
    def __init__(self, till: Till, idle_lock_ms: int = DEFAULT_IDLE_LOCK_MS) -> None:
        super().__init__()
        self.till = till
        self.worker = StoreWorker()
        self.worker.start()
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
        self.sell = SellScreen(self.worker, till.uow, self.messages)
        self.sell.lock_requested.connect(self.lock)
        self.sell.sale_completed.connect(self._on_sell_sale_completed)
        self.sell.receipt_requested.connect(self._on_sell_receipt_requested)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.sign_in)
        self.pages.addWidget(self.sell)
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
        QShortcut(QKeySequence(Qt.Key.Key_F10), self, self.toggle_customer_display)

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
        self.refresh_status()
        self.lock()

    # Locking and signing in

    @Slot()
    def lock(self) -> None:
        self.staff = None
        self._idle_timer.stop()
        self.status_staff.setText(self.tr("Locked"))
        self.pages.setCurrentWidget(self.sign_in)
        self.sign_in.reload()

    @Slot(object)
    def _on_sign_in_signed_in(self, staff: SignedIn) -> None:
        self.staff = staff
        self.status_staff.setText(self.tr("Staff: {0}").format(staff.name))
        self.pages.setCurrentWidget(self.sell)
        self.sell.start(staff)
        self._idle_timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        # Any key or touch while someone is signed in keeps the till unlocked.
        if self.staff is not None and event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress):
            self._idle_timer.start()
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

    def _show_status(self, status: CounterStatus) -> None:
        self.status = status
        self.status_event.setText(self.tr("{0} · till {1}").format(status.event.name, status.till_code))
        # Sync with the marketplace is not built yet: the till is honestly offline.
        sync = self.tr("Offline · {0} waiting to sync").format(status.waiting_to_sync)
        if status.needing_attention:
            sync += self.tr(" · {0} need attention").format(status.needing_attention)
        self.status_sync.setText(sync)
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
        if choice != "none":
            self.messages.info(
                self.tr("Receipt printing and PDF receipts are not set up on this till yet; the sale is saved.")
            )

    @Slot()
    def toggle_customer_display(self) -> None:
        if self.customer_display is None:
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
        self.worker.stop()
        if self.customer_display is not None:
            self.customer_display.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)  # type: ignore[arg-type]
