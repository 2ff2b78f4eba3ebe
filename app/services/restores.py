"""Putting a backup of the till's store back, and saying so in the restored store's audit trail.

The backup must be of the same till (unless forced), and the till's window must
not have the store open. The store it replaces is kept beside it as a
".before-restore" copy (copied as it is when SQLite cannot read it, which is the
usual reason to restore). The restored store is shorter than the one it replaced:
the ``store.restored`` entry appended to it names both heads, so that ``audit
verify`` and the hub tell a restore from a store cut short (docs/architecture.md,
"Tamper evidence").
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.domain.audit import RESTORED_ACTION, AuditHead
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.texts import _
from app.services.backups import _STAMP
from app.store.database import (
    STORE_FILE_NAME,
    StoreError,
    backup,
    current_revision,
    head_revision,
    is_known_revision,
    migrate,
    open_engine,
)
from app.store.files import StoreFile, copy_as_is, inspect_store, replace_store, store_lock
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class Restored:
    store: Path
    replaced: Path | None  # the store that was there before, kept as a .before-restore copy
    till_code: str
    event_name: str
    enrolled: bool


def restore_backup(source: Path, data_dir: Path, force: bool = False, now: datetime | None = None) -> Restored:
    """Replace the till's store by a backup of the same till, keeping the replaced store beside it.

    Refused when the backup belongs to another till (unless ``force``) and
    while the till's window has the store open.
    """
    incoming = inspect_store(source)
    if incoming.till_id is None:
        raise InvalidInput(
            _("{source} holds no till (an empty store): there is nothing to restore from it.").format(source=source)
        )
    if not is_known_revision(incoming.revision):
        raise InvalidInput(
            _("{source} was written by a newer Pop-up POS: update this one first, then restore.").format(source=source)
        )
    store_path = data_dir / STORE_FILE_NAME
    try:
        current = inspect_store(store_path) if store_path.exists() else None
        damaged = False
    except StoreError:
        # A store SQLite cannot read is the usual reason to restore: it is kept aside as it is.
        current, damaged = None, True
    if current is not None and current.till_id not in (None, incoming.till_id) and not force:
        raise RuleViolation(
            _(
                "{source} is a backup of {incoming}, but this store is {current}: restoring it would "
                "replace this till's records. Add --force if that is really what you want."
            ).format(source=source, incoming=_describe(incoming), current=_describe(current))
        )
    stamp = (now or datetime.now(UTC)).strftime(_STAMP)
    with store_lock(data_dir, _("Pop-up POS has this store open: close its window, then restore.")):
        replaced = data_dir / f"{STORE_FILE_NAME}.{stamp}.before-restore" if store_path.exists() else None
        if replaced is not None:
            (copy_as_is if damaged else backup)(store_path, replaced)
        replace_store(source, store_path, fold_log=not damaged)
        _record_restore(store_path, source, replaced)
    return Restored(store_path, replaced, incoming.till_code or "?", incoming.event_name or "?", incoming.enrolled)


def _audit_head(path: Path) -> AuditHead | None:
    """A store file's audit head, or None when it has none or cannot be read (a damaged store)."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    except sqlite3.Error:
        return None
    return AuditHead(int(row[0]), str(row[1])) if row else None


def _record_restore(store_path: Path, source: Path, replaced: Path | None) -> None:
    """Append to the restored store the entry that says so: the backup's head, the replaced store's, the gap.

    A restored store is shorter than the one it replaced; this entry is what
    tells it from one cut short, on the till (audit verify) and on the hub
    (the next push declares it).
    """
    replaced_head = _audit_head(replaced) if replaced is not None else None
    engine = open_engine(store_path)
    try:
        if current_revision(engine) != head_revision():
            migrate(engine)
        with UnitOfWork(engine) as uow:
            backup_head = uow.audit.head()
            missing = replaced_head.seq - backup_head.seq if replaced_head and backup_head else None
            uow.audit.append(
                till_id=uow.tills.this_till().till_id,
                staff_id=None,
                action=RESTORED_ACTION,
                subject=source.name,
                details={
                    "backup_head": backup_head.to_json() if backup_head else None,
                    "replaced_head": replaced_head.to_json() if replaced_head else None,
                    "missing": missing,
                },
            )
            uow.commit()
    finally:
        engine.dispose()


def _describe(store: StoreFile) -> str:
    return f"till {store.till_code} of '{store.event_name}'"
