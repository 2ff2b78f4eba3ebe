"""One business operation, one SQLite transaction.

Use as a context manager: everything done inside is rolled back unless
``commit()`` is called, so an exception can never leave half a sale behind.
"""

from __future__ import annotations

from types import TracebackType

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


class UnitOfWork:
    tills: TillRepository
    catalog: CatalogRepository
    staff: StaffRepository
    carts: CartRepository
    sales: SaleRepository
    stock: StockRepository
    vouchers: VoucherRepository
    outbox: OutboxRepository
    audit: AuditRepository
    print_jobs: PrintJobRepository
    hub: HubRepository
    quarantine: QuarantineRepository
    pickups: PickupRepository
    returns: ReturnRepository
    reports: ReportRepository
    cash: CashRepository

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
        self.tills = TillRepository(connection)
        self.catalog = CatalogRepository(connection)
        self.staff = StaffRepository(connection)
        self.carts = CartRepository(connection)
        self.sales = SaleRepository(connection)
        self.stock = StockRepository(connection)
        self.vouchers = VoucherRepository(connection)
        self.outbox = OutboxRepository(connection)
        self.audit = AuditRepository(connection)
        self.print_jobs = PrintJobRepository(connection)
        self.hub = HubRepository(connection)
        self.quarantine = QuarantineRepository(connection)
        self.pickups = PickupRepository(connection)
        self.returns = ReturnRepository(connection)
        self.reports = ReportRepository(connection)
        self.cash = CashRepository(connection)
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


class UnitOfWorkFactory:
    """Hands out a fresh unit of work per operation; built once in bootstrap."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __call__(self) -> UnitOfWork:
        return UnitOfWork(self.engine)
