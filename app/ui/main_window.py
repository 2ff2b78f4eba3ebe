"""The till's main window: the mode bar, sign-in and the screens, the message area, the status bar, auto-lock.

Its parts (docs/screen_parts.md): the desks and moving between them are app/ui/window_screens.py (a base
class); printing, sync and preferences are objects it holds (app/ui/window_printing.py, window_sync.py,
window_preferences.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Slot
from PySide6.QtWidgets import QApplication, QStackedWidget, QVBoxLayout, QWidget

from app.bootstrap import Till
from app.domain.errors import PosError
from app.domain.staff import Permission, can
from app.services.queries import CounterStatus
from app.services.staff import SignedIn
from app.ui.message_area import MessageArea
from app.ui.messages import MessageBridge
from app.ui.mode_bar import ModeBar
from app.ui.sign_in import SignInScreen
from app.ui.sounds import Sounds
from app.ui.status_bar import TillStatusBar
from app.ui.window_actions import build_actions
from app.ui.window_preferences import WindowPreferences
from app.ui.window_printing import WindowPrinting
from app.ui.window_screens import WindowScreens
from app.ui.window_sync import WindowSync
from app.ui.worker import StoreWorker

# The other screens and dialogs are imported where they are first built: the window opens on the
# sign-in screen, and their modules (with the services only they use) would hold it up.
if TYPE_CHECKING:
    from app.ui.customer_display import CustomerDisplay
    from app.ui.printer_settings import PrinterSettingsDialog
    from app.ui.sales_list import SalesListDialog
    from app.ui.sync_dialog import SyncDialog

DEFAULT_IDLE_LOCK_MS = 2 * 60 * 1000
PRINT_RETRY_MS = 30_000


class MainWindow(WindowScreens):
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
        self.status_bar.printer_clicked.connect(self.show_printer_settings)

        self.printing = WindowPrinting(self)
        self.sign_in = SignInScreen(self.worker, till.uow)
        self.sign_in.signed_in.connect(self._on_sign_in_signed_in)
        # The desks are built the first time they are needed (app/ui/window_screens.py): the sell
        # screen once the sign-in screen shows the staff, the others when first opened.
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

        self.dark_style = self.window_actions.dark_style
        self.preferences = WindowPreferences(self)
        self.syncing = WindowSync(self)
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

    # Sync: app/ui/window_sync.py

    @property
    def online(self) -> bool | None:
        return self.syncing.online

    @property
    def sync_dialog(self) -> SyncDialog | None:
        return self.syncing.dialog

    @Slot()
    def sync_now(self) -> None:
        self.syncing.sync_now()

    @Slot()
    def show_sync(self) -> None:
        self.syncing.show_dialog()

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

    # Style, sounds, kiosk and the customer display: app/ui/window_preferences.py

    @property
    def customer_display(self) -> CustomerDisplay | None:
        return self.preferences.customer_display

    @Slot()
    def toggle_customer_display(self) -> None:
        self.preferences.toggle_customer_display()

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802
        self.status_bar.stop()
        self._print_retry_timer.stop()
        self.syncing.stop()
        self.worker.stop()
        self.device_worker.stop()
        self.preferences.close()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        super().closeEvent(event)  # type: ignore[arg-type]
