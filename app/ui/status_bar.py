"""The till's status bar: event and till, staff, cash session, sync, and the printer's indicator.

It reads the store again when a write in the window says what it changed (``store_changed``), not on
a timer. The one timer left is slow and is for what changes outside the window: the command line
working on the same store (``popup-pos print retry``, ``outbox export``, a sync run from a terminal).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QPushButton, QStatusBar, QWidget

from app.services.printing import PrinterState, printer_state
from app.services.queries import CounterStatus, counter_status
from app.services.sync_status import SyncStatus, sync_status
from app.store.unit_of_work import UnitOfWork
from app.ui.worker import FACT_CHANGES, Change, StoreWorker

OUTSIDE_CHANGES_MS = 60_000
COUNTER_CHANGES = frozenset({Change.CASH, Change.EVENT})
SYNC_CHANGES = FACT_CHANGES | {Change.SYNC}
PRINTER_CHANGES = frozenset({Change.PRINT_QUEUE, Change.PRINTER})


class TillStatusBar(QStatusBar):
    counter_status_read = Signal(object)  # CounterStatus
    sync_status_read = Signal(object)  # SyncStatus
    printer_clicked = Signal()

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self.online: bool | None = None
        self.event_label = QLabel()
        self.staff_label = QLabel()
        self.session_label = QLabel(self.tr("No cash session"))
        self.sync_label = QLabel()
        self.printer_button = QPushButton()
        self.printer_button.setObjectName("printerIndicator")
        self.printer_button.setFlat(True)
        self.printer_button.setToolTip(self.tr("Open the print queue (More > Receipt printer)"))
        self.printer_button.clicked.connect(self.printer_clicked.emit)
        # Its room is kept while hidden, so the indicator appearing never moves the screen above it.
        policy = self.printer_button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.printer_button.setSizePolicy(policy)
        self.printer_button.hide()
        for widget in (self.printer_button, self.event_label, self.staff_label, self.session_label, self.sync_label):
            self.addPermanentWidget(widget)
        self._outside_timer = QTimer(self)
        self._outside_timer.setInterval(OUTSIDE_CHANGES_MS)
        self._outside_timer.timeout.connect(self.refresh)
        self._outside_timer.start()

    def stop(self) -> None:
        self._outside_timer.stop()

    @Slot()
    def refresh(self) -> None:
        self._read(COUNTER_CHANGES | SYNC_CHANGES | PRINTER_CHANGES)

    @Slot(object)
    def on_store_changed(self, changes: frozenset[Change]) -> None:
        self._read(changes)

    def _read(self, changes: frozenset[Change]) -> None:
        new_uow = self._new_uow
        if changes & COUNTER_CHANGES:
            self._worker.query(lambda: counter_status(new_uow())).success(self._show_counter)
        if changes & SYNC_CHANGES:
            self._worker.query(lambda: sync_status(new_uow())).success(self._show_sync)
        if changes & PRINTER_CHANGES:
            self._worker.query(lambda: printer_state(new_uow())).success(self._show_printer)

    def show_staff(self, name: str | None) -> None:
        self.staff_label.setText(self.tr("Staff: {0}").format(name) if name else self.tr("Locked"))

    def _show_counter(self, status: CounterStatus) -> None:
        self.event_label.setText(self.tr("{0} · till {1}").format(status.event.name, status.till_code))
        if status.event_closed:
            self.session_label.setText(self.tr("Event closed: read-only"))
        elif status.cash_session is None:
            self.session_label.setText(self.tr("No cash session"))
        else:
            self.session_label.setText(self.tr("Cash session {0} ({1})").format(*status.cash_session))
        self.counter_status_read.emit(status)

    def _show_sync(self, status: SyncStatus) -> None:
        if not status.enrolled:
            # Nothing is sent from a till that has no hub: a count of waiting records would only worry.
            text = self.tr("Standalone")
        else:
            state = self.tr("Online") if self.online else self.tr("Offline")
            text = self.tr("{0} · {1} waiting to sync").format(state, status.waiting)
            if status.needing_attention:
                text += self.tr(" · {0} need attention").format(len(status.needing_attention))
        self.sync_label.setText(text)
        self.sync_status_read.emit(status)

    def _show_printer(self, state: PrinterState) -> None:
        if not state.printer_set:
            self.printer_button.hide()
            return
        if state.in_doubt:
            text = self.tr("Printer: {0} may have printed, check").format(state.in_doubt)
        elif state.waiting and state.last_error:
            text = self.tr("Printer: not answering, {0} waiting").format(state.waiting)
        elif state.waiting:
            text = self.tr("Printer: {0} waiting").format(state.waiting)
        else:
            text = self.tr("Printer: ready")
        self.printer_button.setText(text)
        self.printer_button.setToolTip(state.last_error or self.tr("Open the print queue (More > Receipt printer)"))
        self.printer_button.setProperty("trouble", bool(state.in_doubt or state.last_error))
        self.printer_button.style().unpolish(self.printer_button)
        self.printer_button.style().polish(self.printer_button)
        self.printer_button.show()
