"""Long work on the store worker shown as it goes: a bar, what is happening, a Cancel where stopping is safe.

The service reports through a ``ProgressRelay`` (app/ui/worker.py), so each
report crosses from the store thread to this dialog by a queued signal; the
window goes on painting and answering while the work runs. Whether stopping
is safe is the service's to know (app/domain/progress.py): the dialog only
offers Cancel when the caller passes a token, and asks; the service stops at
its next safe point and says so, and that message lands in the message area.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import PosError
from app.domain.progress import Cancelled, CancelToken, Progress
from app.ui.messages import MessageBridge
from app.ui.worker import Change, Operation, ProgressRelay, StoreWorker

T = TypeVar("T")


class ProgressDialog(QDialog):
    def __init__(self, title: str, cancel: CancelToken | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progressDialog")
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self._cancel = cancel
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(self._on_relay_progressed)
        self.what = QLabel(title)
        self.what.setObjectName("screenTitle")
        self.what.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setMinimumHeight(44)
        self.bar.setRange(0, 0)  # busy until the first report with a total
        self.count = QLabel()
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setMinimumHeight(52)
        self.cancel_button.setToolTip(self.tr("Stop at the next safe point: nothing is left half-written"))
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.cancel_button.setVisible(cancel is not None)
        column = QVBoxLayout(self)
        column.addWidget(self.what)
        column.addWidget(self.bar)
        column.addWidget(self.count)
        column.addWidget(self.cancel_button)
        self.setMinimumWidth(420)

    @property
    def progress(self) -> Progress:
        return self.relay

    @Slot(object, object, str)
    def _on_relay_progressed(self, done: int, total: int | None, what: str) -> None:
        self.what.setText(what)
        if total is None:
            self.bar.setRange(0, 0)
            self.count.setText(f"{done:,}" if done else "")
        else:
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(min(done, total))
            self.count.setText(self.tr("{0} of {1}").format(f"{done:,}", f"{total:,}"))

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        if self._cancel is None:
            return
        self._cancel.cancel()
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Stopping…"))

    def reject(self) -> None:
        """Escape or the window's close box asks to cancel; the dialog stays until the work has stopped."""
        self._on_cancel_button_clicked()


def run_with_progress(
    worker: StoreWorker,
    messages: MessageBridge,
    parent: QWidget | None,
    title: str,
    job: Callable[[Progress, CancelToken | None], T],
    *changes: Change,
    cancel: CancelToken | None = None,
) -> Operation[T]:
    """Run ``job`` on the store worker behind a progress dialog; ``cancel`` offers a Cancel button.

    The dialog closes when the answer is in; a refusal goes to the message area (a cancel as news,
    not as an error).
    """
    dialog = ProgressDialog(title, cancel, parent)
    progress = dialog.progress

    def call() -> T:
        return job(progress, cancel)

    def close() -> None:
        dialog.accept()
        dialog.deleteLater()

    operation = worker.write(call, *changes) if changes else worker.query(call)
    operation.finished(close)

    def failed(error: PosError) -> None:
        (messages.info if isinstance(error, Cancelled) else messages.error)(str(error))

    operation.failure(failed)
    dialog.show()
    return operation
