"""Running service calls off the GUI thread, Anki-style: ``worker.run(fn).on_success(cb).on_failure(cb)``.

SQLite has one writer, so one worker thread runs every store operation in
order; results come back to the GUI thread through a queued signal on the
``Operation`` object, which lives in the GUI thread.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.domain.errors import PosError

log = logging.getLogger(__name__)

UNEXPECTED = "Something unexpected went wrong; nothing was half-written. Try again, or call a manager."


class Operation(QObject):
    """One call to the store; its callbacks run on the GUI thread."""

    _succeeded = Signal(object)
    _failed = Signal(object)
    finished = Signal()

    def __init__(self, job: Callable[[], Any]) -> None:
        super().__init__()
        self.job = job
        self._on_success: list[Callable[[Any], None]] = []
        self._on_failure: list[Callable[[PosError], None]] = []
        self._succeeded.connect(self._deliver_success)
        self._failed.connect(self._deliver_failure)

    def on_success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success.append(callback)
        return self

    def on_failure(self, callback: Callable[[PosError], None]) -> Operation:
        self._on_failure.append(callback)
        return self

    @Slot(object)
    def _deliver_success(self, result: object) -> None:
        for callback in self._on_success:
            callback(result)
        self.finished.emit()

    @Slot(object)
    def _deliver_failure(self, error: PosError) -> None:
        for callback in self._on_failure:
            callback(error)
        self.finished.emit()


class StoreWorker(QThread):
    """The single thread that talks to the store."""

    failed = Signal(object)  # every PosError, for the message bridge

    def __init__(self) -> None:
        super().__init__()
        self._jobs: queue.SimpleQueue[Operation | None] = queue.SimpleQueue()
        self._pending: set[Operation] = set()

    def run_op(self, job: Callable[[], Any]) -> Operation:
        operation = Operation(job)
        # Kept alive until its answer has been delivered on the GUI thread.
        self._pending.add(operation)
        operation.finished.connect(lambda: self._pending.discard(operation))
        self._jobs.put(operation)
        return operation

    def run(self) -> None:
        while True:
            operation = self._jobs.get()
            if operation is None:
                return
            try:
                result = operation.job()
            except PosError as error:
                operation._failed.emit(error)
            except Exception:
                log.exception("unexpected error in a store operation")
                operation._failed.emit(PosError(UNEXPECTED))
            else:
                operation._succeeded.emit(result)

    def stop(self) -> None:
        self._jobs.put(None)
        self.wait(5000)
