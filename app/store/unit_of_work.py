"""One business operation, one SQLite transaction.

Use as a context manager: everything done inside is rolled back unless
``commit()`` is called, so an exception can never leave half a sale behind.
"""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Generic, TypeVar

from sqlalchemy import Connection, Engine, RootTransaction

from app.store.audit import AuditRepository
from app.store.carts import CartRepository
from app.store.cash import CashRepository
from app.store.catalog import CatalogRepository
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

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._connection: Connection | None = None
        self._transaction: RootTransaction | None = None
        self._read_only = False

    def for_reading(self) -> UnitOfWork:
        """Enter as a read-only snapshot that never waits for the write lock."""
        self._read_only = True
        return self

    def __enter__(self) -> UnitOfWork:
        if self._connection is not None:
            raise RuntimeError("a unit of work is not re-entrant: make a new one per operation")
        connection = self._engine.connect()
        if self._read_only:
            connection = connection.execution_options(read_only=True)
        self._connection = connection
        self._transaction = connection.begin()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._connection is not None and self._transaction is not None
        try:
            if self._transaction.is_active:
                self._transaction.rollback()
        finally:
            self._connection.close()
            self._connection = None
            # The repositories made in it were bound to its connection.
            for name in _REPOSITORIES:
                self.__dict__.pop(name, None)
            self._transaction = None
            self._read_only = False

    @property
    def connection(self) -> Connection:
        """For the few read models that aggregate across tables (reports, settlements) in one query."""
        assert self._connection is not None, "the connection exists inside 'with uow:' only"
        return self._connection

    def checkpoint(self) -> None:
        checkpoint(self._engine)

    def commit(self) -> None:
        assert self._transaction is not None, "commit() outside 'with uow:'"
        self._transaction.commit()


def checkpoint(engine: Engine) -> None:
    """Fold the write-ahead log back into the store and truncate it (after a bulk write such as a
    100,000-product import, so the log does not stay hundreds of MB on the till's disk)."""
    raw = engine.raw_connection()
    try:
        raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        raw.close()


_REPOSITORIES = tuple(name for name, value in vars(UnitOfWork).items() if isinstance(value, _OnFirstUse))


class UnitOfWorkFactory:
    """Hands out a fresh unit of work per operation; built once in bootstrap."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.engine)
