"""The till store's Alembic migrations: where they are, a demo store moved to a revision, and raw rows read back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command
from alembic.config import Config

from tests.conftest import DemoTill


def migrations_folder() -> Path:
    import app.store.migrations

    return Path(app.store.migrations.__file__).parent


def migrate(demo: DemoTill, revision: str, downgrade: bool = False) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    with demo.till.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if downgrade else command.upgrade)(config, revision)


def rows(demo: DemoTill, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(demo.till.store_path) as db:
        return db.execute(sql).fetchall()
