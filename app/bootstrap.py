"""The one place that opens the store and wires the services for the windows and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from app.services.backups import DEFAULT_KEEP_DAYS, backup_folder, take_daily_backup
from app.store.database import STORE_FILE_NAME, migrate, open_engine
from app.store.unit_of_work import UnitOfWorkFactory


@dataclass(frozen=True)
class Till:
    """An opened, migrated store and the factory for its units of work."""

    data_dir: Path
    store_path: Path
    engine: Engine
    uow: UnitOfWorkFactory

    def close(self) -> None:
        self.engine.dispose()


def open_till(data_dir: Path, keep_backup_days: int = DEFAULT_KEEP_DAYS) -> Till:
    """Open (creating or migrating) the store in ``data_dir``, taking the daily backup when one is due."""
    store_path = data_dir / STORE_FILE_NAME
    engine = open_engine(store_path)
    migrate(engine)
    till = Till(data_dir, store_path, engine, UnitOfWorkFactory(engine))
    take_daily_backup(store_path, backup_folder(data_dir), till.uow, keep_days=keep_backup_days)
    return till
