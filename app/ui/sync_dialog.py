"""The sync screen: online or not, last success, what waits and for how long, what needs a person.

Feed entries the till could not apply are listed so someone tells the
marketplace; they are kept on record and cannot be removed from here.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QVBoxLayout, QWidget

from app.services.syncing import SyncStatus


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
        self.attention.clear()
        self.attention.addItems([f"#{item.seq} {item.type}: {item.reason}" for item in status.needing_attention])
        self.conflicts.clear()
        self.conflicts.addItems([f"#{item.seq} {item.type}: {item.reason}" for item in status.conflicts])
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
