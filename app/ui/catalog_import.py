"""The manager's catalog import from the Products tab: choose a CSV, watch it go in, read what it found.

The import is the service's (app/services/catalog.py), all or nothing: a bad
file is refused with its line-and-column reasons, a till enrolled with a hub
is refused (its catalog is the marketplace's), and a Cancel before the commit
leaves the catalog as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from app.domain.errors import InvalidInput
from app.domain.progress import CancelToken, Progress
from app.services.catalog import CatalogImported, import_catalog
from app.ui.manager.context import ManagerContext
from app.ui.progress import run_with_progress
from app.ui.worker import Change, Operation

# Formula warnings named in the message itself; the rest are counted (the command line lists them all).
WARNINGS_SHOWN = 3


def choose_catalog_file(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("CatalogImport", "Import a catalog (CSV)"),
        str(Path.home()),
        QCoreApplication.translate("CatalogImport", "Catalog CSV (*.csv *.txt);;All files (*)"),
    )
    return Path(chosen) if chosen else None


def import_catalog_file(ctx: ManagerContext, parent: QWidget, path: Path) -> Operation[CatalogImported]:
    """Import ``path`` behind a progress dialog with Cancel; the outcome goes to the message area."""
    staff_id, new_uow = ctx.staff_id, ctx.new_uow

    def job(progress: Progress, cancel: CancelToken | None) -> CatalogImported:
        try:
            data = path.read_bytes()
        except OSError as error:
            raise InvalidInput(
                QCoreApplication.translate(
                    "CatalogImport", "Cannot read {0}: {1}. Check the file and choose it again."
                ).format(path, error.strerror)
            ) from None
        return import_catalog(data, staff_id, new_uow(), progress, cancel)

    # New products change what the counter can sell and count: the stock figures read again.
    operation = run_with_progress(
        ctx.worker,
        ctx.messages,
        parent,
        QCoreApplication.translate("CatalogImport", "Importing the catalog"),
        job,
        Change.STOCK,
        cancel=CancelToken(),
    )
    return operation.success(lambda result: _show_result(ctx, result))


def _show_result(ctx: ManagerContext, result: CatalogImported) -> None:
    summary = QCoreApplication.translate(
        "CatalogImport", "Catalog imported: {0} new, {1} updated, {2} new maker(s)."
    ).format(result.created, result.updated, result.makers_created)
    if not result.warnings:
        ctx.messages.info(summary)
        return
    listed = "\n".join(f"  {warning}" for warning in result.warnings[:WARNINGS_SHOWN])
    more = len(result.warnings) - WARNINGS_SHOWN
    ctx.messages.warning(
        summary
        + "\n"
        + QCoreApplication.translate(
            "CatalogImport",
            "{0} cell(s) start like a spreadsheet formula. They were imported as typed and the CSV exports "
            "write them as text; rename them if that was not meant:",
        ).format(len(result.warnings))
        + "\n"
        + listed
        + ("\n" + QCoreApplication.translate("CatalogImport", "… and {0} more.").format(more) if more > 0 else "")
    )
