"""Daily copies of the till's store, and putting one back.

The store is copied when it is opened and the newest copy is a day old: the
laptop at a pop-up is opened every market day, so a dead disk or a deleted
folder costs at most one day. Copies are kept two weeks by default. Taking a
copy never keeps the till from opening: a failure is logged and kept in a
setting that ``popup-pos status`` shows.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from app.domain.errors import InvalidInput, PosError, RuleViolation
from app.store.database import STORE_FILE_NAME, StoreError, backup, is_known_revision
from app.store.files import StoreFile, copy_as_is, inspect_store, replace_store, store_lock
from app.store.tills import THIS_TILL_KEY
from app.store.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)

BACKUP_FOLDER_NAME = "backups"
DEFAULT_KEEP_DAYS = 14
BACKUP_INTERVAL = timedelta(hours=24)
STATUS_KEY = "backup_status"
_STAMP = "%Y%m%dT%H%M%SZ"
_BACKUP_NAME = re.compile(r"^till-(\d{8}T\d{6}Z)\.db$")


@dataclass(frozen=True, slots=True)
class BackupStatus:
    """How the last daily backup went."""

    at: str
    ok: bool
    file: str = ""
    error: str = ""


@dataclass(frozen=True, slots=True)
class Restored:
    store: Path
    replaced: Path | None  # the store that was there before, kept as a .before-restore copy
    till_code: str
    event_name: str
    enrolled: bool


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
    """Delete the copies older than ``keep_days``, always keeping the newest one; returns what went."""
    removed = []
    for taken, path in daily_backups(folder)[1:]:
        if now - taken > timedelta(days=keep_days):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def take_daily_backup(
    store_path: Path,
    folder: Path,
    new_uow: Callable[[], UnitOfWork],
    now: datetime | None = None,
    keep_days: int = DEFAULT_KEEP_DAYS,
) -> BackupStatus | None:
    """Copy the store into ``folder`` when the newest copy is a day old; None when no copy was due.

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
        backup(store_path, target)
        prune_backups(folder, now, keep_days)
        status = BackupStatus(now.isoformat(timespec="seconds"), True, str(target))
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


def _reason(error: Exception) -> str:
    return str(error) if isinstance(error, PosError) else f"{type(error).__name__}: {error}"


def backup_status(uow: UnitOfWork) -> BackupStatus | None:
    with uow.for_reading():
        stored = uow.tills.setting(STATUS_KEY)
    return BackupStatus(**json.loads(stored)) if stored else None


def restore_backup(source: Path, data_dir: Path, force: bool = False, now: datetime | None = None) -> Restored:
    """Replace the till's store by a backup of the same till, keeping the replaced store beside it.

    Refused when the backup belongs to another till (unless ``force``) and
    while the till's window has the store open.
    """
    incoming = inspect_store(source)
    if incoming.till_id is None:
        raise InvalidInput(f"{source} holds no till (an empty store): there is nothing to restore from it.")
    if not is_known_revision(incoming.revision):
        raise InvalidInput(f"{source} was written by a newer Pop-up POS: update this one first, then restore.")
    store_path = data_dir / STORE_FILE_NAME
    try:
        current = inspect_store(store_path) if store_path.exists() else None
        damaged = False
    except StoreError:
        # A store SQLite cannot read is the usual reason to restore: it is kept aside as it is.
        current, damaged = None, True
    if current is not None and current.till_id not in (None, incoming.till_id) and not force:
        raise RuleViolation(
            f"{source} is a backup of {_describe(incoming)}, but this store is {_describe(current)}: "
            "restoring it would replace this till's records. Add --force if that is really what you want."
        )
    stamp = (now or datetime.now(UTC)).strftime(_STAMP)
    with store_lock(data_dir, "Pop-up POS has this store open: close its window, then restore."):
        replaced = data_dir / f"{STORE_FILE_NAME}.{stamp}.before-restore" if store_path.exists() else None
        if replaced is not None:
            (copy_as_is if damaged else backup)(store_path, replaced)
        replace_store(source, store_path, fold_log=not damaged)
    return Restored(store_path, replaced, incoming.till_code or "?", incoming.event_name or "?", incoming.enrolled)


def _describe(store: StoreFile) -> str:
    return f"till {store.till_code} of '{store.event_name}'"
