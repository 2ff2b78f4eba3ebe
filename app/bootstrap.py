"""The one place that opens the store and wires the services for the windows and the command line."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.services.backups import DEFAULT_KEEP_DAYS, DailyBackup, backup_folder, take_daily_backup
from app.store.database import STORE_FILE_NAME, migrate, open_engine
from app.store.unit_of_work import UnitOfWorkFactory
from sync import revisions

MIGRATION_FILES = Path(__file__).parent / "store" / "migrations" / "versions"


@dataclass(frozen=True)
class Till:
    """An opened, migrated store and the factory for its units of work."""

    data_dir: Path
    store_path: Path
    engine: Engine
    uow: UnitOfWorkFactory
    backup: DailyBackup | None = None  # the daily backup taken beside the window, when opened for one

    def close(self) -> None:
        if self.backup is not None:
            # A copy still under way stops and its file goes: the backup stays due for the next opening.
            self.backup.cancel()
        self.uow.close()
        self.engine.dispose()


def open_till(data_dir: Path, keep_backup_days: int = DEFAULT_KEEP_DAYS, backup_in_background: bool = False) -> Till:
    """Open (creating or migrating) the store in ``data_dir``, taking the daily backup when one is due.

    With ``backup_in_background`` (the window) the backup is taken on a thread of its own and this
    returns at once; otherwise (a command) it returns once the backup is taken.
    """
    store_path = data_dir / STORE_FILE_NAME
    engine = open_engine(store_path)
    if stored_revision(engine) != newest_revision():
        migrate(engine)
    uow = UnitOfWorkFactory(engine)
    if backup_in_background:
        return Till(
            data_dir, store_path, engine, uow, DailyBackup(store_path, backup_folder(data_dir), uow, keep_backup_days)
        )
    take_daily_backup(store_path, backup_folder(data_dir), uow, keep_days=keep_backup_days)
    return Till(data_dir, store_path, engine, uow)


def newest_revision() -> str:
    """The revision the newest migration brings a store to, from the files' names alone."""
    return revisions.newest_revision(MIGRATION_FILES)


def stored_revision(engine: Engine) -> str | None:
    """The store's schema revision, read in plain SQL: a store already at the newest needs no Alembic run."""
    raw = engine.raw_connection()
    try:
        row = raw.cursor().execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:  # no such table: a new store
        row = None
    finally:
        raw.close()
    return None if row is None else str(row[0])
