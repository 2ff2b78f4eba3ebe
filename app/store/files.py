"""The store as a file: what a backup holds, swapping a restored copy in, and the lock the window holds.

These work on the SQLite file itself, below SQLAlchemy, because they run on
stores that are not opened (a backup on a USB stick) or must not be (the
store being replaced).
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from app.domain.texts import _
from app.store.database import BUSY_TIMEOUT_MS, StoreError, backup
from app.store.hub import HUB_URL
from app.store.tills import THIS_TILL_KEY

LOCK_FILE_NAME = "popup-pos.lock"


@dataclass(frozen=True, slots=True)
class StoreFile:
    """What a store file says about itself, read without changing it."""

    path: Path
    till_id: str | None
    till_code: str | None
    event_name: str | None
    revision: str
    enrolled: bool


_SETTING = "SELECT value FROM settings WHERE key = ?"
_EVENT_NAME = "SELECT events.name FROM events JOIN tills ON tills.event_id = events.id WHERE tills.id = ?"


def _one(connection: sqlite3.Connection, query: str, *params: str) -> str | None:
    try:
        row = connection.execute(query, params).fetchone()
    except sqlite3.OperationalError:
        # A table missing: a store from before it existed, or not a till store at all.
        return None
    return None if row is None else row[0]


def inspect_store(path: Path) -> StoreFile:
    """Read a store file's till, event and schema revision; raise StoreError when it is not a sound store."""
    not_a_store = _(
        "{path} is not a Pop-up POS store: choose a file written by 'popup-pos backup' or a daily backup."
    ).format(path=path)
    if not path.exists():
        raise StoreError(_("{path} does not exist: check the file name.").format(path=path))
    if not path.is_file():
        raise StoreError(not_a_store)
    try:
        # Read-only, so that looking at a backup never changes it (nor its modification time).
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as connection:
            connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            check = connection.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StoreError(
                    _("{path} is damaged ({check}): choose an older backup.").format(path=path, check=check)
                )
            till_id = _one(connection, _SETTING, THIS_TILL_KEY)
            till_code = _one(connection, "SELECT code FROM tills WHERE id = ?", till_id) if till_id else None
            event_name = _one(connection, _EVENT_NAME, till_id) if till_id else None
            revision = _one(connection, "SELECT version_num FROM alembic_version")
            enrolled = _one(connection, _SETTING, HUB_URL) is not None
    except sqlite3.DatabaseError:
        raise StoreError(not_a_store) from None
    if revision is None:
        raise StoreError(not_a_store)
    return StoreFile(path, till_id, till_code, event_name, revision, enrolled)


def replace_store(source: Path, store_path: Path, fold_log: bool = True) -> None:
    """Put a consistent copy of ``source`` in place of the store; the caller holds the store's lock.

    The copy is made and checked next to the store first, so the swap itself is
    one rename: a crash leaves either the old store or the new one, never half
    of each. ``fold_log=False`` is for a damaged store, which SQLite cannot open
    to fold its log in (the caller keeps a raw copy of it).
    """
    incoming = store_path.with_name(store_path.name + ".restoring")
    incoming.unlink(missing_ok=True)
    backup(source, incoming)
    try:
        if fold_log and store_path.exists():
            # Fold the old store's write-ahead log into it and let SQLite remove it: a
            # leftover -wal file would otherwise be replayed onto the restored store.
            with closing(sqlite3.connect(store_path)) as old:
                old.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                old.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for suffix in ("-wal", "-shm"):
            store_path.with_name(store_path.name + suffix).unlink(missing_ok=True)
        incoming.replace(store_path)
    except (OSError, sqlite3.Error) as error:
        incoming.unlink(missing_ok=True)
        raise StoreError(
            _("The store could not be replaced: {error}. Check the disk, then try again.").format(error=error)
        ) from None


def copy_as_is(store_path: Path, target: Path) -> None:
    """Copy a store's files byte for byte (its log too): for a store too damaged for SQLite's backup."""
    try:
        shutil.copy2(store_path, target)
        log = store_path.with_name(store_path.name + "-wal")
        if log.exists():
            shutil.copy2(log, target.with_name(target.name + "-wal"))
    except OSError as error:
        raise StoreError(
            _("The damaged store could not be copied aside: {strerror}. Check the disk.").format(
                strerror=error.strerror
            )
        ) from None


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    # Windows keeps a region locked past close() until the system gets round to it;
    # flock locks go with the file descriptor.
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


@contextmanager
def store_lock(data_dir: Path, busy_message: str) -> Iterator[None]:
    """Hold the data folder's lock for the block, or raise StoreError(busy_message) at once."""
    with exclusive_lock(data_dir / LOCK_FILE_NAME, busy_message):
        yield


@contextmanager
def exclusive_lock(lock_file: Path, busy_message: str) -> Iterator[None]:
    """Hold an OS lock on ``lock_file`` for the block, or raise StoreError(busy_message) at once.

    The operating system drops the lock when the process ends, even killed, so
    a crash never leaves a till locked out of its own store.
    """
    try:
        lock_file.parent.mkdir(parents=True, exist_ok=True)
        handle = lock_file.open("a+b")
    except OSError as error:
        raise StoreError(
            _("Cannot use the data folder {parent}: {strerror}.").format(
                parent=lock_file.parent, strerror=error.strerror
            )
        ) from None
    with handle:
        if not _try_lock(handle):
            raise StoreError(busy_message)
        try:
            yield
        finally:
            _unlock(handle)
