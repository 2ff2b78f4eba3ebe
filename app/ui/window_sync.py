"""The main window's sync: a round every 20 seconds on the device thread, and the sync dialog a person opens.

The network is never on the path of a sale: a round runs on the device worker, and what it changed
(records sent, the feed applied) reaches the screens as a store change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot

from app.domain.errors import RuleViolation
from app.services.sync_status import SyncStatus
from app.ui.worker import Change

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow
    from app.ui.sync_dialog import SyncDialog

SYNC_INTERVAL_MS = 20_000


class WindowSync(QObject):
    """The timer's rounds, whether the hub answered the last one, and the sync dialog while it is open."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.online: bool | None = None
        self.dialog: SyncDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(SYNC_INTERVAL_MS)
        self._timer.timeout.connect(self.sync_now)
        self._timer.start()
        window.status_bar.sync_status_read.connect(self._on_status_bar_sync_status_read)

    def stop(self) -> None:
        self._timer.stop()

    @Slot(object)
    def _on_status_bar_sync_status_read(self, status: SyncStatus) -> None:
        if self.dialog is not None:
            self.dialog.show_status(status, self.online)

    @Slot()
    def sync_now(self) -> None:
        """One sync round on the device thread; the network is never on the path of a sale."""
        window = self._window
        till = window.till

        def done(online: bool) -> None:
            self._set_online(online)
            window.refresh_pickup_overview()

        def attempt() -> bool:
            # The sync client and the wire contracts load on the device thread with the first round,
            # not with the window (a third of its start).
            from app.services.syncing import SyncRefused, sync_once

            try:
                sync_once(till.uow, till.data_dir / "sync.lock")
            except SyncRefused:
                return False
            except RuleViolation:
                return False  # not enrolled: a standalone till
            return True

        # A round moves outbox records and applies the feed (catalog, stock, pickups): the status bar reads again.
        window.device_worker.write(attempt, Change.SYNC, Change.PICKUPS, Change.STOCK).success(done)

    @Slot()
    def show_dialog(self) -> None:
        from app.ui.sync_dialog import SyncDialog

        dialog = SyncDialog(self._window)
        dialog.sync_requested.connect(self._on_dialog_sync_requested)
        self.dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "dialog", None))
        dialog.open()
        self._window.refresh_status()

    @Slot()
    def _on_dialog_sync_requested(self) -> None:
        """A person's "Sync now": the same round as the timer's, shown with its progress and a Cancel."""
        if self.dialog is not None:
            window = self._window
            lock_file = window.till.data_dir / "sync.lock"
            operation = self.dialog.run_sync(window.device_worker, window.messages, window.till.uow, lock_file)
            operation.success(lambda _report: self._set_online(True))

    def _set_online(self, online: bool) -> None:
        self.online = self._window.status_bar.online = online
