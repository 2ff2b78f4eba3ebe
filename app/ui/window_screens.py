"""The main window's desks: each built the first time it is needed, signing in and locking, moving between them.

``WindowScreens`` is a base class of ``MainWindow`` (docs/screen_parts.md): the
window builds the sign-in screen, the page stack, the mode bar and the timers
named below, and this part puts the right desk on the page stack for the person
signed in. It has no text of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from app.bootstrap import Till
from app.domain.events import EventSettings
from app.domain.staff import Permission, can
from app.services.queries import CounterStatus
from app.services.staff import SignedIn
from app.ui.messages import MessageBridge
from app.ui.mode_bar import Mode, ModeBar
from app.ui.sign_in import SignInScreen
from app.ui.status_bar import TillStatusBar
from app.ui.touch import scroll_inside
from app.ui.window_printing import WindowPrinting
from app.ui.worker import StoreWorker

# The desks are imported where they are first built: the window opens on the
# sign-in screen, and their modules (with the services only they use) would hold it up.
if TYPE_CHECKING:
    from app.services.returns import PendingExchange
    from app.ui.manager_screen import ManagerScreen
    from app.ui.pickup_screen import PickupScreen
    from app.ui.returns_screen import ReturnsScreen
    from app.ui.sell_screen import SellScreen

    Desk = SellScreen | PickupScreen | ReturnsScreen | ManagerScreen

Screen = TypeVar("Screen", bound=QWidget)


class WindowScreens(QMainWindow):
    till: Till
    worker: StoreWorker
    device_worker: StoreWorker
    messages: MessageBridge
    staff: SignedIn | None
    status: CounterStatus | None
    status_bar: TillStatusBar
    printing: WindowPrinting
    sign_in: SignInScreen
    pages: QStackedWidget
    mode_bar: ModeBar
    _idle_timer: QTimer
    print_queued: Callable[[], None]
    refresh_status: Callable[[], None]
    # None until first shown: the properties below build them.
    _sell: SellScreen | None = None
    _pickup: PickupScreen | None = None
    _returns: ReturnsScreen | None = None
    _manager: ManagerScreen | None = None

    # The screens, each built the first time it is needed

    def _add_page(self, screen: Screen, *, scrolls: bool = False) -> Screen:
        """A desk built on first use goes on the page stack (inside a scroll area where a small screen needs one)."""
        if scrolls:
            scroll_inside(screen)
        self.pages.addWidget(screen)
        return screen

    def _event(self) -> EventSettings | None:
        """The event as the status bar last read it (None before its first read)."""
        return self.status.event if self.status else None

    def _event_locale(self) -> str:
        return self.status.event.locale if self.status else "en"

    @property
    def sell(self) -> SellScreen:
        if self._sell is None:
            from app.ui.sell_screen import SellScreen

            sell = self._add_page(SellScreen(self.worker, self.till.uow, self.messages))
            sell.lock_requested.connect(self.lock)
            sell.sale_completed.connect(self.printing.on_sale_completed)
            sell.receipt_requested.connect(self.printing.on_receipt_requested)
            sell.drawer_opened.connect(self.print_queued)
            sell.exchange_completed.connect(self.printing.on_exchange_completed)
            self.device_worker.store_changed.connect(sell.on_levels_pulled)
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

            self._pickup = self._add_page(PickupScreen(self.worker, self.till.uow, self.messages), scrolls=True)
            self._pickup.slip_queued.connect(self.print_queued)
        return self._pickup

    @property
    def returns(self) -> ReturnsScreen:
        if self._returns is None:
            from app.ui.returns_screen import ReturnsScreen

            returns = ReturnsScreen(self.worker, self.till.uow, self.messages, self._event_locale)
            self._returns = self._add_page(returns, scrolls=True)
            self._returns.receipt_queued.connect(self.print_queued)
            self._returns.exchange_requested.connect(self._on_returns_exchange_requested)
        return self._returns

    @property
    def manager(self) -> ManagerScreen:
        if self._manager is None:
            from app.ui.manager_screen import ManagerScreen

            manager = ManagerScreen(self.worker, self.till.uow, self.messages, self._event, self.till.data_dir)
            self._manager = self._add_page(manager)
            self._manager.print_requested.connect(self.print_queued)
            self._manager.event_closed.connect(self.refresh_status)
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

    def _show(self, built: Desk | None, desk: Callable[[], Desk], *, leaves_pickup: bool = True) -> None:
        """The desk (built by ``desk`` on first use) for the person signed in, unless it is on screen already."""
        if self.staff is None or self.pages.currentWidget() is built:
            return
        if leaves_pickup:
            self._leave_pickup()
        shown = desk()
        self.pages.setCurrentWidget(shown)
        shown.start(self.staff)

    @Slot()
    def show_sell(self) -> None:
        self._show(self._sell, lambda: self.sell)

    @Slot(object)
    def _on_returns_exchange_requested(self, pending: PendingExchange) -> None:
        self.show_sell()
        self.sell.start_exchange(pending)

    @Slot()
    def show_manager(self) -> None:
        self._show(self._manager, lambda: self.manager)

    @Slot()
    def show_returns(self) -> None:
        self._show(self._returns, lambda: self.returns)

    @Slot()
    def show_pickup(self) -> None:
        self._show(self._pickup, lambda: self.pickup, leaves_pickup=False)

    def refresh_pickup_overview(self) -> None:
        """After a sync round that reached the hub: the pickup desk on screen shows the orders it brought."""
        if self._pickup is not None and self.pages.currentWidget() is self._pickup:
            self._pickup.refresh_overview()

    @Slot()
    def open_drawer(self) -> None:
        if self.staff is None:
            return
        self.sell.open_drawer()
