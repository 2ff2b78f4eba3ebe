"""One business operation, one SQLite transaction.

Use as a context manager: everything done inside is rolled back unless
``commit()`` is called, so an exception can never leave half a sale behind.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

from sqlalchemy import Connection, Engine

from app.store.audit import AuditRepository
from app.store.carts import CartRepository
from app.store.cash import CashRepository
from app.store.catalog import CatalogRepository
from app.store.database import driver
from app.store.hub import HubRepository
from app.store.outbox import OutboxRepository
from app.store.pickups import PickupRepository
from app.store.print_jobs import PrintJobRepository
from app.store.quarantine import QuarantineRepository
from app.store.reports import ReportRepository
from app.store.returns import ReturnRepository
from app.store.sales import SaleRepository
from app.store.staff import StaffRepository
from app.store.stock import StockRepository
from app.store.tills import TillRepository
from app.store.vouchers import VoucherRepository

_Repository = TypeVar("_Repository")


class _OnFirstUse(Generic[_Repository]):
    """A repository made on first use inside a unit of work: an operation uses two or three of sixteen,
    and making all of them on every sale cost more than its cart's read."""

    def __init__(self, make: Callable[[Connection], _Repository]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    def __get__(self, uow: UnitOfWork, owner: type | None = None) -> _Repository:
        repository = self._make(uow.connection)
        # Kept on the instance, which wins over this (non-data) descriptor until the unit of work ends.
        uow.__dict__[self._name] = repository
        return repository


class UnitOfWork:
    tills = _OnFirstUse(TillRepository)
    catalog = _OnFirstUse(CatalogRepository)
    staff = _OnFirstUse(StaffRepository)
    carts = _OnFirstUse(CartRepository)
    sales = _OnFirstUse(SaleRepository)
    stock = _OnFirstUse(StockRepository)
    vouchers = _OnFirstUse(VoucherRepository)
    outbox = _OnFirstUse(OutboxRepository)
    audit = _OnFirstUse(AuditRepository)
    print_jobs = _OnFirstUse(PrintJobRepository)
    hub = _OnFirstUse(HubRepository)
    quarantine = _OnFirstUse(QuarantineRepository)
    pickups = _OnFirstUse(PickupRepository)
    returns = _OnFirstUse(ReturnRepository)
    reports = _OnFirstUse(ReportRepository)
    cash = _OnFirstUse(CashRepository)

    def __init__(self, engine: Engine, kept: KeptConnections | None = None) -> None:
        self._engine = engine
        self._kept = kept
        self._connection: Connection | None = None
        self._read_only = False

    def for_reading(self) -> UnitOfWork:
        """Enter as a read-only snapshot that never waits for the write lock."""
        self._read_only = True
        return self

    def __enter__(self) -> UnitOfWork:
        if self._connection is not None:
            raise RuntimeError("a unit of work is not re-entrant: make a new one per operation")
        connection = self._kept.take() if self._kept is not None else self._engine.connect()
        # For a statement through SQLAlchemy after commit(), which begins again (``_on_begin``); a kept
        # connection keeps its options between units of work: set the flag either way.
        if connection.get_execution_options().get("read_only", False) is not self._read_only:
            connection = connection.execution_options(read_only=self._read_only)
        try:
            # Begun through the driver: SQLAlchemy's transaction objects and events cost a sale about
            # 40 µs (app/store/database.py ``_on_begin`` leaves a transaction begun here alone). BEGIN
            # IMMEDIATE can fail (the write lock not had within the busy timeout): nothing is kept then.
            driver(connection).execute("BEGIN" if self._read_only else "BEGIN IMMEDIATE")
        except BaseException:
            connection.close()
            raise
        self._connection = connection
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._connection is not None
        connection = self._connection
        try:
            # Whatever transaction is open, active or not: SQLAlchemy's when a statement through it began
            # one (a failed statement leaves it inactive but open), else the driver's; a kept connection
            # must come back with none.
            if connection.in_transaction():
                connection.rollback()
            raw = driver(connection)
            if raw.in_transaction:
                raw.rollback()
        except BaseException:
            connection.close()
            raise
        finally:
            self._connection = None
            # The repositories made in it were bound to its connection.
            for name in _REPOSITORIES:
                self.__dict__.pop(name, None)
            self._read_only = False
        if self._kept is not None:
            self._kept.give_back(connection)
        else:
            connection.close()

    @property
    def connection(self) -> Connection:
        """For the few read models that aggregate across tables (reports, settlements) in one query."""
        assert self._connection is not None, "the connection exists inside 'with uow:' only"
        return self._connection

    def checkpoint(self) -> None:
        checkpoint(self._engine)

    def commit(self) -> None:
        assert self._connection is not None, "commit() outside 'with uow:'"
        raw = driver(self._connection)
        # SQLite rolls a transaction back by itself on some failures (a full disk, an I/O error): a
        # commit then must not pass for one that wrote, nor may a second commit() pass unnoticed.
        if not raw.in_transaction:
            raise RuntimeError("commit() with no transaction open: it was committed or rolled back already")
        if self._connection.in_transaction():
            # A statement through SQLAlchemy joined the transaction: its commit is the driver's.
            self._connection.commit()
        else:
            raw.commit()


def checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log back into the store and truncate it (after a bulk write such as a
    100,000-product import, so the log does not stay hundreds of MB on the till's disk)."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


_REPOSITORIES = tuple(name for name, value in vars(UnitOfWork).items() if isinstance(value, _OnFirstUse))


class _Slot:
    """A thread's idle connection. Dropped with the thread's locals when the thread ends, and closed then."""

    __slots__ = ("__weakref__", "connection")

    def __init__(self) -> None:
        self.connection: Connection | None = None

    def close(self) -> None:
        connection, self.connection = self.connection, None
        if connection is not None:
            connection.close()

    def __del__(self) -> None:
        self.close()


class KeptConnections:
    """One connection per thread, kept open between that thread's units of work.

    Taking a connection from the pool and giving it back cost each unit of work
    about 60 µs on the checkout path, more than half of what a sale's own reads
    cost; a thread (the window's store thread, a sync run's sender) uses one
    connection at a time, so it keeps it. A unit of work opened inside another
    on the same thread finds the slot empty and takes one of its own.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._local = threading.local()
        self._slots: weakref.WeakSet[_Slot] = weakref.WeakSet()
        self._lock = threading.Lock()

    def _slot(self) -> _Slot:
        slot: _Slot | None = getattr(self._local, "slot", None)
        if slot is None:
            slot = self._local.slot = _Slot()
            with self._lock:
                self._slots.add(slot)
        return slot

    def take(self) -> Connection:
        slot = self._slot()
        connection, slot.connection = slot.connection, None
        if connection is None or connection.closed or connection.invalidated:
            return self._engine.connect()
        return connection

    def give_back(self, connection: Connection) -> None:
        slot = self._slot()
        if slot.connection is None and not connection.closed and not connection.invalidated:
            slot.connection = connection
        else:
            connection.close()

    def close(self) -> None:
        """Close every thread's idle connection (the store is closing; none may be in use)."""
        with self._lock:
            slots = list(self._slots)
        for slot in slots:
            slot.close()


class UnitOfWorkFactory:
    """Hands out a fresh unit of work per operation; built once in bootstrap."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._kept = KeptConnections(engine)

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self._kept)

    def close(self) -> None:
        self._kept.close()
