"""The sync screen: online or not, last success, what waits and for how long, what needs a person.

Feed entries the till could not apply are listed so someone tells the
marketplace; they are kept on record and cannot be removed from here.

"Sync now" is a person waiting: it runs behind a progress dialog showing the
changes pulled (the hub does not say how many are left), with a Cancel that
stops between two pages, whose changes are kept. The window's background sync
stays silent.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.domain.progress import CancelToken, Progress
from app.services.sync_status import SyncStatus
from app.services.syncing import SyncReport, sync_once
from app.store.unit_of_work import UnitOfWork
from app.ui.messages import MessageBridge
from app.ui.progress import run_with_progress
from app.ui.record_names import record_name
from app.ui.worker import Change, Operation, StoreWorker

# What a sync round touches: the outbox's statuses, and the feed's catalog, stock levels and pickups.
SYNC_CHANGES = (Change.SYNC, Change.PICKUPS, Change.STOCK)


def describe_age(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    if seconds < 120:
        return f"{int(seconds)} s"
    if seconds < 7200:
        return f"{int(seconds // 60)} min"
    return f"{seconds / 3600:.1f} h"


class SyncDialog(QDialog):
    sync_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync with the marketplace"))
        self.resize(620, 460)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # The hub refusing this till's audit head: its store is shorter than one the hub saw.
        self.audit_refusal = QLabel()
        self.audit_refusal.setObjectName("auditRefusal")
        self.audit_refusal.setWordWrap(True)
        self.attention = QListWidget()
        self.conflicts = QListWidget()
        self.quarantine_summary = QLabel()
        self.quarantine_summary.setWordWrap(True)
        self.quarantine = QListWidget()
        self.sync_button = QPushButton(self.tr("Sync now"))
        self.sync_button.setObjectName("primaryAction")
        self.sync_button.clicked.connect(self._on_sync_clicked)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(close)
        buttons.addWidget(self.sync_button)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.audit_refusal)
        column.addWidget(QLabel(self.tr("Records needing attention (kept on the till):")))
        column.addWidget(self.attention)
        column.addWidget(QLabel(self.tr("Conflicts the hub raised (recorded, for the manager):")))
        column.addWidget(self.conflicts)
        column.addWidget(self.quarantine_summary)
        column.addWidget(self.quarantine)
        column.addLayout(buttons)

    def show_status(self, status: SyncStatus, online: bool | None) -> None:
        if not status.enrolled:
            state = self.tr("Standalone: this till is not enrolled with a hub (popup-pos enroll URL CODE).")
        else:
            state = self.tr("Online") if online else self.tr("Offline") if online is False else self.tr("Not tried yet")
            state += f" · {status.hub_url}"
        lines = [
            state,
            self.tr("Last success: {0}").format(status.last_success or "-"),
            self.tr("Waiting: {0} record(s), oldest {1}").format(
                status.waiting, describe_age(status.oldest_waiting_seconds)
            ),
        ]
        if status.last_error:
            lines.append(self.tr("Last problem: {0}").format(status.last_error))
        self.summary.setText("\n".join(lines))
        if status.audit_refusal:
            self.audit_refusal.setText(
                self.tr(
                    "The hub refused this till's audit trail: {0}. Records still sync; keep this store as it is "
                    "and tell the marketplace (popup-pos audit verify says more)."
                ).format(status.audit_refusal)
            )
        self.audit_refusal.setVisible(bool(status.audit_refusal))
        self.attention.clear()
        self.attention.addItems(
            [f"#{item.seq} {record_name(item.type)}: {item.reason}" for item in status.needing_attention]
        )
        self.conflicts.clear()
        self.conflicts.addItems([f"#{item.seq} {record_name(item.type)}: {item.reason}" for item in status.conflicts])
        self.quarantine_summary.setText(
            self.tr("%n feed entries could not be applied.", "", status.quarantined)
            + " "
            + self.tr("Tell the marketplace: these changes were skipped; the rest of the sync went on.")
        )
        self.quarantine.clear()
        self.quarantine.addItems([f"#{item.seq} {item.kind} {item.key}: {item.reason}" for item in status.quarantine])
        self.quarantine_summary.setVisible(status.quarantined > 0)
        self.quarantine.setVisible(status.quarantined > 0)
        self.sync_button.setEnabled(status.enrolled)

    @Slot()
    def _on_sync_clicked(self) -> None:
        self.sync_button.setEnabled(False)
        self.sync_requested.emit()

    def run_sync(
        self, worker: StoreWorker, messages: MessageBridge, new_uow: Callable[[], UnitOfWork], lock_file: Path
    ) -> Operation[SyncReport]:
        """One sync round behind a progress dialog with Cancel; the outcome goes to the message area."""

        def job(progress: Progress, cancel: CancelToken | None) -> SyncReport:
            return sync_once(new_uow, lock_file, progress=progress, cancel=cancel)

        self.sync_button.setEnabled(False)
        operation = run_with_progress(
            worker, messages, self, self.tr("Syncing with the marketplace"), job, *SYNC_CHANGES, cancel=CancelToken()
        )
        operation.finished(lambda: self.sync_button.setEnabled(True))
        return operation.success(lambda report: messages.info(self._describe_report(report)))

    def _describe_report(self, report: SyncReport) -> str:
        return self.tr("Synced: {0} record(s) sent, {1} change(s) pulled from the hub.").format(
            report.pushed.sent, f"{report.pulled:,}"
        )
