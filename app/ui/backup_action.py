"""The manager's "Back up now": a whole copy of the store into the backups folder, shown as it goes.

The copy runs on the store worker behind a progress dialog; Cancel stops it
between two steps or inside its integrity check, and a stopped copy leaves no
file (app/services/backups.py). The daily backup stays on its silent thread.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.progress import CancelToken, Progress
from app.services.backup_now import back_up_now
from app.services.backups import Cancellation
from app.ui.manager.context import ManagerContext
from app.ui.progress import run_with_progress
from app.ui.worker import Operation


def back_up_with_progress(ctx: ManagerContext, parent: QWidget) -> Operation[Path]:
    data_dir = ctx.data_dir
    # The copy's own token: it can also interrupt SQLite's integrity check of the copy at once.
    cancellation = Cancellation()

    def job(progress: Progress, _cancel: CancelToken | None) -> Path:
        return back_up_now(data_dir, progress, cancellation)

    operation = run_with_progress(
        ctx.worker,
        ctx.messages,
        parent,
        QCoreApplication.translate("BackupAction", "Backing up the till"),
        job,
        cancel=cancellation,
    )
    return operation.success(
        lambda path: ctx.messages.info(
            QCoreApplication.translate(
                "BackupAction",
                "Backup written to {0} (whole, integrity checked). Copy it to a USB stick to keep it off this laptop.",
            ).format(path)
        )
    )
