"""The till's main window: the mode bar, sign-in and the screens, the message area, the status bar, auto-lock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from app.bootstrap import Till
from app.domain.errors import PosError, RuleViolation
from app.domain.staff import Permission, can
from app.services.queries import CounterStatus
from app.services.staff import SignedIn
from app.services.sync_status import SyncStatus
from app.services.till_preferences import set_sounds_on, sounds_on
from app.ui.message_area import MessageArea
from app.ui.messages import MessageBridge
from app.ui.mode_bar import Mode, ModeBar
from app.ui.sign_in import SignInScreen
from app.ui.sounds import Sounds
from app.ui.status_bar import TillStatusBar
from app.ui.styles import style_sheet
from app.ui.touch import scroll_inside
from app.ui.window_actions import build_actions
from app.ui.window_printing import WindowPrinting
from app.ui.worker import Change, StoreWorker

# The other screens and dialogs are imported where they are first built: the window opens on the
# sign-in screen, and their modules (with the services only they use) would hold it up.
if TYPE_CHECKING:
    from app.services.returns import PendingExchange
    from app.ui.customer_display import CustomerDisplay
    from app.ui.manager_screen import ManagerScreen
    from app.ui.pickup_screen import PickupScreen
    from app.ui.printer_settings import PrinterSettingsDialog
    from app.ui.returns_screen import ReturnsScreen
    from app.ui.sales_list import SalesListDialog
    from app.ui.sell_screen import SellScreen
    from app.ui.sync_dialog import SyncDialog

DEFAULT_IDLE_LOCK_MS = 2 * 60 * 1000
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

        # Its height is kept whether a message shows or not: the screen below never moves.
        self.message_area = MessageArea()
        self.messages.shown.connect(self.message_area.show_message)
        self.sounds = Sounds(self)
        # A failed scan or operation is heard as well as read: the person may be looking at the goods.
        self.messages.error_shown.connect(self.sounds.error)
        self.status_bar = TillStatusBar(self.worker, till.uow)
        self.setStatusBar(self.status_bar)
        # The one hook for refusals no screen handles itself, and for what a write changed.
        for worker in (self.worker, self.device_worker):
            worker.unhandled_failure.connect(self._on_worker_unhandled_failure)
            worker.store_changed.connect(self.status_bar.on_store_changed)
        self.status_bar.counter_status_read.connect(self._on_status_bar_counter_status_read)
        self.status_bar.sync_status_read.connect(self._on_status_bar_sync_status_read)
        self.status_bar.printer_clicked.connect(self.show_printer_settings)

        self.printing = WindowPrinting(self)
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
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        self.window_actions = build_actions(
            self,
            {
                "sell": self.show_sell,
                "pickup": self.show_pickup,
                "returns": self.show_returns,
                "manager": self.show_manager,
                "sales": self.show_sales,
                "printer": self.show_printer_settings,
                "sync": self.show_sync,
                "drawer": self.open_drawer,
                "customer_display": self.toggle_customer_display,
                "lock": self.lock,
                "settings": self.show_settings,
            },
        )
        self.mode_bar = ModeBar(self.window_actions.more)
        self.mode_bar.mode_chosen.connect(self._on_mode_bar_mode_chosen)
        self.mode_bar.lock_requested.connect(self.lock)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(6, 6, 6, 0)
        column.addWidget(self.mode_bar)
        column.addWidget(self.message_area)
        column.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        # The labels under their first names, as the tests and the sync screen's test read them.
        self.status_event = self.status_bar.event_label
        self.status_staff = self.status_bar.staff_label
        self.status_session = self.status_bar.session_label
        self.status_sync = self.status_bar.sync_label

        self.customer_display: CustomerDisplay | None = None
        self.dark_style = self.window_actions.dark_style
        self.dark_style.toggled.connect(self._on_dark_style_toggled)
        self.window_actions.sounds.toggled.connect(self._on_sounds_toggled)
        self.window_actions.kiosk.toggled.connect(self._on_kiosk_toggled)
        self.worker.query(lambda: sounds_on(till.uow())).success(self._show_sounds_setting)
        self.online: bool | None = None
        self.sync_dialog: SyncDialog | None = None
        self._sync_timer = QTimer(self)
        self._sync_timer.setInterval(SYNC_INTERVAL_MS)
        self._sync_timer.timeout.connect(self.sync_now)
        self._sync_timer.start()
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

        self.setWindowTitle(self.tr("Pop-up POS"))
        self.resize(1280, 800)
        # The counter's screen is the till's: the window takes all of it (Ctrl+Shift+F for full screen, a kiosk).
        self.setWindowState(Qt.WindowState.WindowMaximized)
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
            sell.sale_completed.connect(self.printing.on_sale_completed)
            sell.receipt_requested.connect(self.printing.on_receipt_requested)
            sell.drawer_opened.connect(self.print_queued)
            sell.exchange_completed.connect(self.printing.on_exchange_completed)
            self.device_worker.store_changed.connect(sell.on_levels_pulled)
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
            scroll_inside(pickup)
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
            scroll_inside(returns)
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
        self.status_bar.show_staff(None)
        self.mode_bar.show_role(None)
        self.pages.setCurrentWidget(self.sign_in)
        self.sign_in.reload()

    @Slot(object)
    def _on_sign_in_signed_in(self, staff: SignedIn) -> None:
        self.staff = staff
        self.status_bar.show_staff(staff.name)
        self.mode_bar.show_role(staff.role)
        self._idle_timer.start()
        if can(staff.role, Permission.SELL):
            self.show_sell()
        else:
            self.show_pickup()

    @Slot(str)
    def _on_mode_bar_mode_chosen(self, mode: str) -> None:
        {
            Mode.SELL: self.show_sell,
            Mode.PICKUP: self.show_pickup,
            Mode.RETURNS: self.show_returns,
            Mode.MANAGER: self.show_manager,
        }[Mode(mode)]()

    @Slot(int)
    def _on_pages_current_changed(self, _index: int) -> None:
        current = self.pages.currentWidget()
        screens = {
            Mode.SELL: self._sell,
            Mode.PICKUP: self._pickup,
            Mode.RETURNS: self._returns,
            Mode.MANAGER: self._manager,
        }
        self.mode_bar.show_current(next((mode.value for mode, screen in screens.items() if screen is current), None))

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

    @Slot(object)
    def _on_worker_unhandled_failure(self, error: PosError) -> None:
        self.messages.error(str(error))

    @Slot()
    def refresh_status(self) -> None:
        self.status_bar.refresh()

    @Slot(object)
    def _on_status_bar_sync_status_read(self, status: SyncStatus) -> None:
        if self.sync_dialog is not None:
            self.sync_dialog.show_status(status, self.online)

    @Slot()
    def sync_now(self) -> None:
        """One sync round on the device thread; the network is never on the path of a sale."""

        def done(online: bool) -> None:
            self.online = self.status_bar.online = online
            if online and self._pickup is not None and self.pages.currentWidget() is self._pickup:
                self._pickup.refresh_overview()

        def attempt() -> bool:
            # The sync client and the wire contracts load on the device thread with the first round,
            # not with the window (a third of its start).
            from app.services.syncing import SyncRefused, sync_once

            try:
                sync_once(self.till.uow, self.till.data_dir / "sync.lock")
            except SyncRefused:
                return False
            except RuleViolation:
                return False  # not enrolled: a standalone till
            return True

        # A round moves outbox records and applies the feed (catalog, stock, pickups): the status bar reads again.
        self.device_worker.write(attempt, Change.SYNC, Change.PICKUPS, Change.STOCK).success(done)

    @Slot()
    def show_sync(self) -> None:
        from app.ui.sync_dialog import SyncDialog

        dialog = SyncDialog(self)
        dialog.sync_requested.connect(self._on_sync_dialog_sync_requested)
        self.sync_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "sync_dialog", None))
        dialog.open()
        self.refresh_status()

    @Slot()
    def _on_sync_dialog_sync_requested(self) -> None:
        """A person's "Sync now": the same round as the timer's, shown with its progress and a Cancel."""
        if self.sync_dialog is not None:
            lock_file = self.till.data_dir / "sync.lock"
            operation = self.sync_dialog.run_sync(self.device_worker, self.messages, self.till.uow, lock_file)
            operation.success(lambda _report: self._set_online(True))

    def _set_online(self, online: bool) -> None:
        self.online = self.status_bar.online = online

    @Slot(object)
    def _on_status_bar_counter_status_read(self, status: CounterStatus) -> None:
        self.status = status
        if self.windowTitle() == self.tr("Pop-up POS"):
            self.setWindowTitle(self.tr("Pop-up POS: {0}, till {1}").format(status.event.name, status.till_code))

    # Sales, receipts and the printer: app/ui/window_printing.py

    @Slot()
    def print_queued(self) -> None:
        self.printing.print_queued()

    @Slot()
    def show_sales(self) -> None:
        self.printing.show_sales()

    @Slot()
    def show_printer_settings(self) -> None:
        self.printing.show_printer_settings()

    @property
    def printer_dialog(self) -> PrinterSettingsDialog | None:
        return self.printing.printer_dialog

    @property
    def sales_dialog(self) -> SalesListDialog | None:
        return self.printing.sales_dialog

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

    def _show_sounds_setting(self, on: bool) -> None:
        self.window_actions.sounds.blockSignals(True)
        self.window_actions.sounds.setChecked(on)
        self.window_actions.sounds.blockSignals(False)
        self.sounds.enabled = on

    @Slot(bool)
    def _on_sounds_toggled(self, on: bool) -> None:
        self.sounds.enabled = on
        self.worker.write(lambda: set_sounds_on(on, self.till.uow()))

    @Slot(bool)
    def _on_kiosk_toggled(self, kiosk: bool) -> None:
        if kiosk:
            self.showFullScreen()
        else:
            self.showMaximized()

    @Slot()
    def toggle_customer_display(self) -> None:
        if self.customer_display is None:
            from app.ui.customer_display import CustomerDisplay

            name = self.status.event.name if self.status else ""
            self.customer_display = CustomerDisplay(name)
            self.sell.cart_changed.connect(self.customer_display.show_cart)
            if self.sell.state is not None:
                self.customer_display.show_cart(self.sell.state)
            self.customer_display.present()
        else:
            self.customer_display.setVisible(not self.customer_display.isVisible())

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802
        self.status_bar.stop()
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
