"""Opening the hub's database: SQLite tuned for one writer at a time, or PostgreSQL; migrated on open."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect

from sync.revisions import newest_revision

MIGRATIONS = Path(__file__).parent.parent / "migrations"


def open_hub_engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        def on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA busy_timeout = 10000")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.close()

        def on_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        event.listen(engine, "connect", on_connect)
        event.listen(engine, "begin", on_begin)
    migrate_hub(engine)
    return engine


def migrate_hub(engine: Engine) -> None:
    """Bring the hub's database to the newest schema (Alembic); a no-op when it is there already.

    A database at the newest migration file's revision is left without importing Alembic (sync/revisions.py):
    every ``popup-hub`` command and every hub process opens one.
    """
    if stored_revision(engine) == newest_revision(MIGRATIONS / "versions"):
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def stored_revision(engine: Engine) -> str | None:
    """The database's Alembic revision; None for a database Alembic has not touched yet."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    return None if revision is None else str(revision)
