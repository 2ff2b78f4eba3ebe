"""A backup on a manager's demand from the screens, into the till's backups folder.

It is named as the daily copies are, so it counts as today's (the window takes
no second one that day) and is kept and pruned with them. Like every copy it
is whole and checked before it takes its name; a cancelled one leaves no file.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from app.domain.progress import Progress, no_progress
from app.services.backups import _STAMP, Cancellation, backup_folder, take_backup
from app.store.database import STORE_FILE_NAME


def back_up_now(
    data_dir: Path,
    progress: Progress = no_progress,
    cancellation: Cancellation | None = None,
    now: datetime | None = None,
) -> Path:
    """Copy the store of the till in ``data_dir`` into its backups folder; returns the copy's path."""
    taken = now or datetime.now(UTC)
    target = backup_folder(data_dir) / f"till-{taken.strftime(_STAMP)}.db"
    return take_backup(data_dir / STORE_FILE_NAME, target, progress, cancellation)
