"""Running service calls off the GUI thread, after Anki's QueryOp / CollectionOp.

``worker.query(job)`` reads; ``worker.write(job, Change.SALES, ...)`` writes and, once it succeeded,
tells the window what changed through ``store_changed`` (the status bar listens instead of polling).
Both return an ``Operation[T]``: ``.success(cb)`` gets the typed result, ``.failure(cb)`` is optional:
without it a refusal goes to ``unhandled_failure``, which the main window shows in its message area.
An exception that is not a ``PosError`` is logged and shown as ``UNEXPECTED``.

SQLite has one writer, so one worker thread runs every store operation in order; the answers come
back to the GUI thread through a queued signal on the worker (a QObject of the GUI thread), after
the caller has chained its callbacks.
"""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Generic, Self, TypeVar

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.domain.errors import PosError

log = logging.getLogger(__name__)

UNEXPECTED = "Something unexpected went wrong; nothing was half-written. Try again, or call a manager."

T = TypeVar("T")


class Change(StrEnum):
    """What a write touched, for whoever shows it (the status bar, the pickup desk)."""

    CART = "cart"
    SALES = "sales"
    RETURNS = "returns"
    PICKUPS = "pickups"
    STOCK = "stock"
    CASH = "cash"
    EVENT = "event"  # the event's settings, its close
    PRINT_QUEUE = "print_queue"
    PRINTER = "printer"  # the printer settings
    SYNC = "sync"  # the outbox's statuses, the feed applied
    STAFF = "staff"


# Each of these writes records for the marketplace: the outbox count changes with them.
FACT_CHANGES = frozenset({Change.SALES, Change.RETURNS, Change.PICKUPS, Change.STOCK, Change.CASH, Change.EVENT})


class Operation(Generic[T]):
    """One call to the store; its callbacks run on the GUI thread, in the order they were added."""

    def __init__(self, job: Callable[[], T], changes: frozenset[Change]) -> None:
        self.job = job
        self.changes = changes
        self._on_success: list[Callable[[T], None]] = []
        self._on_failure: list[Callable[[PosError], None]] = []
        self._on_finished: list[Callable[[], None]] = []

    def success(self, callback: Callable[[T], None]) -> Self:
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[PosError], None]) -> Self:
        """Handle the refusal here instead of in the window's message area."""
        self._on_failure.append(callback)
        return self

    def finished(self, callback: Callable[[], None]) -> Self:
        """Run once the answer is in, success or failure, before either; a failure still goes where it would."""
        self._on_finished.append(callback)
        return self

    # The first API's names, still used by dialogs written against it (approvals, sign-in, first run).
    on_success = success
    on_failure = failure

    @property
    def handles_failure(self) -> bool:
        return bool(self._on_failure)

    def deliver_finished(self) -> None:
        for callback in self._on_finished:
            callback()

    def deliver_success(self, result: T) -> None:
        for callback in self._on_success:
            callback(result)

    def deliver_failure(self, error: PosError) -> None:
        for callback in self._on_failure:
            callback(error)


class ProgressRelay(QObject):
    """A ``Progress`` (app/domain/progress.py) that a job on the store thread calls: each report reaches
    the GUI thread as a queued signal. Connect ``progressed`` to a slot of a GUI-thread object, not to a
    lambda, which Qt would run on the store thread."""

    progressed = Signal(object, object, str)  # done, total or None, what

    def __call__(self, done: int, total: int | None, what: str) -> None:
        self.progressed.emit(done, total, what)


class StoreWorker(QThread):
    """The single thread that talks to the store (the window runs a second one for devices)."""

    store_changed = Signal(object)  # frozenset[Change], after a write succeeded
    unhandled_failure = Signal(object)  # PosError of an operation without a failure handler
    _answered = Signal(object, object, object)  # Operation, result, PosError | None

    def __init__(self) -> None:
        super().__init__()
        self._jobs: queue.SimpleQueue[Operation[Any] | None] = queue.SimpleQueue()
        # Kept alive until its answer has been delivered on the GUI thread.
        self._pending: set[Operation[Any]] = set()
        self._answered.connect(self._deliver)

    def query(self, job: Callable[[], T]) -> Operation[T]:
        """A read: it never signals a change."""
        return self._queue(Operation(job, frozenset()))

    def write(self, job: Callable[[], T], *changes: Change) -> Operation[T]:
        """A write: on success, ``store_changed`` says what it touched."""
        return self._queue(Operation(job, frozenset(changes)))

    def run_op(self, job: Callable[[], Any]) -> Operation[Any]:
        """The first, untyped API, for dialogs not yet converted: a write that may have touched anything."""
        return self.write(job, *Change)

    def _queue(self, operation: Operation[T]) -> Operation[T]:
        self._pending.add(operation)
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
                self._answered.emit(operation, None, error)
            except Exception:
                log.exception("unexpected error in a store operation")
                self._answered.emit(operation, None, PosError(UNEXPECTED))
            else:
                self._answered.emit(operation, result, None)

    @Slot(object, object, object)
    def _deliver(self, operation: Operation[Any], result: object, error: PosError | None) -> None:
        self._pending.discard(operation)
        operation.deliver_finished()
        if error is None:
            operation.deliver_success(result)
            if operation.changes:
                self.store_changed.emit(operation.changes)
        elif operation.handles_failure:
            operation.deliver_failure(error)
        else:
            log.info("store operation refused without a handler of its own: %s", error)
            self.unhandled_failure.emit(error)

    def stop(self) -> None:
        self._jobs.put(None)
        self.wait(5000)
