"""Daily copies of the till's store, and a copy on a manager's demand (putting one back: app/services/restores.py).

The store is copied when it is opened and the newest copy is a day old: the
laptop at a pop-up is opened every market day, so a dead disk or a deleted
folder costs at most one day. Copies are kept two weeks by default. Taking a
copy never keeps the till from opening: a failure is logged and kept in a
setting that ``popup-pos status`` shows, and the window takes its copy on a
thread of its own (``DailyBackup``), so that it never waits for one.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Lock, Thread, get_native_id

from app.domain.errors import PosError
from app.domain.progress import Cancelled, CancelToken, Progress, Throttled, no_progress
from app.domain.texts import _
from app.store.database import (
    BUSY_TIMEOUT_MS,
    StoreError,
)
from app.store.tills import THIS_TILL_KEY
from app.store.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

BACKUP_FOLDER_NAME = "backups"
DEFAULT_KEEP_DAYS = 14
BACKUP_INTERVAL = timedelta(hours=24)
STATUS_KEY = "backup_status"
# Pages copied between two looks at a cancellation: 4 MB with SQLite's default page size, a few
# milliseconds of copying, so that a closing till waits no longer than that for its backup to stop.
STEP_PAGES = 1024
# How far the window's backup thread stands back for the till where a thread has a priority of its own
# (Linux): on a busy two-core laptop the window opens as fast with a backup due as without one.
BACKUP_NICENESS = 10
_STAMP = "%Y%m%dT%H%M%SZ"
_BACKUP_NAME = re.compile(r"^till-(\d{8}T\d{6}Z)\.db$")
# An unfinished copy: "till-<stamp>.db.partial", and its rollback journal when the process died writing it.
_PARTIAL_NAME = re.compile(r"^till-(\d{8}T\d{6}Z)\.db\.partial(-journal)?$")


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """How the last daily backup went."""

    at: str
    ok: bool
    file: str = ""
    error: str = ""


def backup_folder(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER_NAME


def daily_backups(folder: Path) -> list[tuple[datetime, Path]]:
    """The daily copies in ``folder``, newest first, with the time in their name (file times move when copied)."""
    found = []
    for path in folder.glob("till-*.db") if folder.is_dir() else ():
        match = _BACKUP_NAME.match(path.name)
        if match and path.is_file():
            found.append((datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC), path))
    return sorted(found, reverse=True)


def backup_is_due(folder: Path, now: datetime) -> bool:
    copies = daily_backups(folder)
    if not copies:
        return True
    newest = copies[0][0]
    # A copy "from the future" means the clock was wrong when it was taken: do not trust it.
    return newest > now or now - newest >= BACKUP_INTERVAL


def prune_backups(folder: Path, now: datetime, keep_days: int) -> list[Path]:
    """Delete the copies older than ``keep_days``, always keeping the newest one, and what a process
    killed while copying left over a day ago (no copy runs that long); returns what went."""
    removed = []
    for taken, path in daily_backups(folder)[1:]:
        if now - taken > timedelta(days=keep_days):
            path.unlink(missing_ok=True)
            removed.append(path)
    for path in folder.glob("till-*.db.partial*"):
        match = _PARTIAL_NAME.match(path.name)
        if match and now - datetime.strptime(match[1], _STAMP).replace(tzinfo=UTC) > BACKUP_INTERVAL:
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


class CopyCancelled(Exception):
    """The copy was stopped before it was whole: the till is closing."""


class Cancellation(CancelToken):
    """Stops a copy from another thread: between two steps of the copy, or at once inside its integrity check."""

    def __init__(self) -> None:
        super().__init__()
        self._lock = Lock()
        self._copy: sqlite3.Connection | None = None

    @property
    def requested(self) -> bool:
        return self.cancelled

    def cancel(self) -> None:
        with self._lock:
            super().cancel()
            if self._copy is not None:
                # A progress handler is not called inside SQLite's check of a b-tree (seconds on a large
                # copy); the interrupt flag is, and it is the one call meant for another thread.
                self._copy.interrupt()

    def stop_if_requested(self) -> None:
        if self.cancelled:
            raise CopyCancelled

    @contextmanager
    def watching(self, copy: sqlite3.Connection) -> Iterator[None]:
        """Interrupt ``copy`` when cancelled while the block runs (a cancel before it is seen between steps)."""
        with self._lock:
            self._copy = copy
        try:
            yield
        finally:
            with self._lock:
                self._copy = None


def copy_store(
    source: Path, target: Path, cancellation: Cancellation | None = None, progress: Progress = no_progress
) -> None:
    """Copy the store as it was at one moment into ``target``, while the till goes on writing to it.

    SQLite's online backup copies ``STEP_PAGES`` pages at a time, from a source
    connection that holds one read transaction from the first page to the last.
    In WAL mode that snapshot keeps no writer waiting, and the copy is of one
    moment; without it, SQLite starts the copy over after every commit of the
    till, and a busy till would keep a large store from ever being copied. The
    copy is written as "<target>.partial" and takes its name only once it has
    passed its integrity check: a copy stopped halfway (the till closing, the
    process killed, the disk full) is never taken for a backup.
    """
    cancellation = cancellation or Cancellation()
    report = Throttled(progress)

    def step(_status: int, left: int, total: int) -> None:
        cancellation.stop_if_requested()
        report(total - left, total, _("Copying the store"))

    if target.exists():
        raise StoreError(
            _("{target} already exists: choose a new file name, the backup never overwrites.").format(target=target)
        )
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        with (
            # as_uri() escapes "#", "?" and "%": raw, "shop #2/till.db" would open "shop " instead.
            closing(sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)) as src,
            closing(sqlite3.connect(partial)) as dst,
            cancellation.watching(dst),
        ):
            src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            src.execute("BEGIN")
            src.execute("SELECT count(*) FROM sqlite_schema").fetchone()  # the first read fixes the snapshot
            src.backup(dst, pages=STEP_PAGES, progress=step)
            cancellation.stop_if_requested()  # a store copied in one step is never seen between steps
            progress(0, None, _("Checking the copy"))
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            raise StoreError(_("The backup copy failed its integrity check ({check}): try again.").format(check=check))
        cancellation.stop_if_requested()
        partial.rename(target)
    except (OSError, sqlite3.Error) as error:
        if cancellation.requested:
            raise CopyCancelled from None  # the interrupted check, not a broken disk
        raise StoreError(
            _("The backup could not be written to {target}: {error}. Check the disk and try again.").format(
                target=target, error=error
            )
        ) from None
    finally:
        if partial.exists():  # a copy that did not take its name
            partial.unlink()


def take_backup(
    store_path: Path, target: Path, progress: Progress = no_progress, cancellation: Cancellation | None = None
) -> Path:
    """A copy of the store on the manager's demand (``popup-pos backup``); a cancelled copy leaves no file."""
    if target.resolve() == store_path.resolve():
        raise StoreError(_("The backup cannot overwrite the store itself: choose another file name."))
    try:
        copy_store(store_path, target, cancellation, progress)
    except CopyCancelled:
        raise Cancelled(_("Backup stopped: {name} was not written.").format(name=target.name)) from None
    return target


def take_daily_backup(
    store_path: Path,
    folder: Path,
    new_uow: Callable[[], UnitOfWork],
    now: datetime | None = None,
    keep_days: int = DEFAULT_KEEP_DAYS,
    cancellation: Cancellation | None = None,
) -> BackupStatus | None:
    """Copy the store into ``folder`` when the newest copy is a day old; None when no copy was due,
    or when it was cancelled (it is still due: the next opening takes it).

    Never raises: the till must open even when its disk is full.
    """
    now = now or datetime.now(UTC)
    try:
        with new_uow().for_reading() as uow:
            if uow.tills.setting(THIS_TILL_KEY) is None:
                return None  # nothing to lose yet: no till is set up in this store
        if not backup_is_due(folder, now):
            return None
        target = folder / f"till-{now.strftime(_STAMP)}.db"
        copy_store(store_path, target, cancellation)
        prune_backups(folder, now, keep_days)
        status = BackupStatus(now.isoformat(timespec="seconds"), True, str(target))
    except CopyCancelled:
        log.info("The daily backup of %s stopped unfinished as the till closed; the next opening takes it.", store_path)
        return None
    except Exception as error:  # whatever broke the copy, the till opens and the status says why
        status = BackupStatus(now.isoformat(timespec="seconds"), False, error=_reason(error))
        # One line, no traceback: this runs before every command and window, and the reason is all a manager needs.
        log.warning("The daily backup of %s failed: %s", store_path, status.error)
    try:
        with new_uow() as uow:
            uow.tills.set_setting(STATUS_KEY, json.dumps(asdict(status)))
            uow.commit()
    except Exception as error:  # a store that cannot take one more row still opens
        log.warning("The daily backup's status could not be saved: %s", _reason(error))
    return status


class DailyBackup:
    """``take_daily_backup`` on a thread of its own, started at once: the window opens without waiting for
    the copy (seconds on a store of 100,000 sales), and the till sells while it is taken."""

    def __init__(
        self, store_path: Path, folder: Path, new_uow: Callable[[], UnitOfWork], keep_days: int = DEFAULT_KEEP_DAYS
    ) -> None:
        self.status: BackupStatus | None = None
        self._cancellation = Cancellation()
        # A daemon, so that a process ending without closing its till is not held up by the copy,
        # which then keeps its ".partial" name: it is never taken for a backup.
        self._thread = Thread(
            target=self._run, args=(store_path, folder, new_uow, keep_days), name="daily-backup", daemon=True
        )
        self._thread.start()

    def _run(self, store_path: Path, folder: Path, new_uow: Callable[[], UnitOfWork], keep_days: int) -> None:
        if sys.platform == "linux":
            with suppress(OSError):  # a courtesy: refused, the copy runs at the till's priority all the same
                os.setpriority(os.PRIO_PROCESS, get_native_id(), BACKUP_NICENESS)
        self.status = take_daily_backup(
            store_path, folder, new_uow, keep_days=keep_days, cancellation=self._cancellation
        )

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the backup to end (``status`` then tells how it went); False if it is still running."""
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def cancel(self) -> None:
        """Stop an unfinished copy, removing its file, and wait for the thread to end."""
        self._cancellation.cancel()
        self._thread.join()


def _reason(error: Exception) -> str:
    return str(error) if isinstance(error, PosError) else f"{type(error).__name__}: {error}"


def backup_status(uow: UnitOfWork) -> BackupStatus | None:
    with uow.for_reading():
        stored = uow.tills.setting(STATUS_KEY)
    return BackupStatus(**json.loads(stored)) if stored else None
