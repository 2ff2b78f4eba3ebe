"""Opening the till's SQLite store: pragmas, transactions, migrations, backup.

Nothing is lost (docs/architecture.md): WAL with ``synchronous=FULL``
so a committed sale survives a power cut, foreign keys on, and every write
transaction opened with ``BEGIN IMMEDIATE`` so two writers queue on the lock
instead of failing halfway through with "database is locked".
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Connection, Engine, create_engine, event

from app.domain.errors import PosError
from app.domain.texts import _

if TYPE_CHECKING:
    from alembic.config import Config

STORE_FILE_NAME = "till.db"
BUSY_TIMEOUT_MS = 10_000
_MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(PosError):
    """The store cannot be opened, migrated or copied."""


def open_engine(path: Path) -> Engine:
    """An engine on the store file at ``path`` (created when missing), not yet migrated."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            _("Cannot create the data folder {parent}: {strerror}. Choose another --data-dir.").format(
                parent=path.parent, strerror=error.strerror
            )
        ) from None
    # URL.create, not "sqlite:///{path}": a URL string would read "%20" in a folder name as a space.
    engine = create_engine(URL.create("sqlite", database=str(path)))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event issue BEGIN itself (the pysqlite driver's
    # own deferred BEGIN would take the write lock too late).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_begin(connection: Connection) -> None:
    raw = driver(connection)
    if raw.in_transaction:
        # A unit of work began it through the driver (app/store/unit_of_work.py): SQLAlchemy joins it.
        return
    # A reader must not queue behind the write lock (WAL lets it read a snapshot).
    read_only = connection.get_execution_options().get("read_only", False)
    raw.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")


def driver(connection: Connection) -> sqlite3.Connection:
    """The sqlite3 connection under a SQLAlchemy one, inside the same transaction.

    The checkout path writes about a dozen statements per sale; through the
    driver each costs a few microseconds instead of SQLAlchemy's ~50, which is
    what keeps a sale near the speed of a hand-written script.
    """
    raw = connection.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


# Alembic is imported by the functions that run it, not with this module: it costs the window's start
# about a quarter of a second, and a store already at the newest revision never needs it (app/bootstrap.py).
def _alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Bring the store to the newest schema; a no-op when it is already there."""
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def is_known_revision(revision: str) -> bool:
    """True when this version of the app can open (and if need be migrate) a store at ``revision``."""
    from alembic.script import ScriptDirectory

    return any(
        script.revision == revision for script in ScriptDirectory.from_config(_alembic_config()).walk_revisions()
    )


def backup(source: Path, target: Path) -> int:
    """Copy the store consistently while the app may be writing to it.

    Uses SQLite's online backup, which copies a snapshot page by page; returns
    the number of pages copied.
    """
    if target.resolve() == source.resolve():
        raise StoreError(_("The backup cannot overwrite the store itself: choose another file name."))
    if target.exists():
        raise StoreError(
            _("{target} already exists: choose a new file name, the backup never overwrites.").format(target=target)
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        partial.unlink(missing_ok=True)
        with (
            # as_uri() escapes "#", "?" and "%": raw, "shop #2/till.db" would open "shop " instead.
            closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(partial)) as dst,
        ):
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.backup(dst)
            pages = int(dst.execute("PRAGMA page_count").fetchone()[0])
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            partial.unlink(missing_ok=True)
            raise StoreError(_("The backup copy failed its integrity check ({check}): try again.").format(check=check))
        partial.rename(target)
    except (OSError, sqlite3.Error) as error:
        raise StoreError(
            _("The backup could not be written to {target}: {error}. Check the disk and try again.").format(
                target=target, error=error
            )
        ) from None
    return pages
