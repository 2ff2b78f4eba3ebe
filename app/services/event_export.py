"""The event's records as CSV files for a spreadsheet (sales, lines, tenders, returns, stock movements), and the
event report's figures and the settlements as CSV in the hub's layout (sync/event_figures_csv.py)."""

from __future__ import annotations

import codecs
from pathlib import Path

from app.domain.errors import InvalidInput
from app.domain.progress import Cancelled, CancelToken, Progress, Throttled, no_progress
from app.domain.texts import _
from app.services.event_report import event_wide_figures
from app.store.csv_export import ExportTable, export_header
from app.store.unit_of_work import UnitOfWork
from sync.event_figures_csv import EVENT_HEADER, SETTLEMENT_HEADER, csv_text, event_rows, settlement_rows

# Lines copied between two looks at the progress callback and the Cancel button.
EXPORT_CHECK_LINES = 2_000


def export_csv(
    target_dir: Path, uow: UnitOfWork, progress: Progress = no_progress, cancel: CancelToken | None = None
) -> list[Path]:
    """Write sales, their lines and tenders, returns, their lines and refunds, and stock movements as CSV files.

    The files are UTF-8 with a byte-order mark, comma-separated, with a header
    row, quoted as Python's csv module quotes: Excel needs the mark to read
    UTF-8 (without it, "Zürich" arrives as "ZÃ¼rich"), and LibreOffice and
    Python's csv module (``utf-8-sig``) take it as well. Each amount is written
    in major units with a decimal point whatever the locale, then as the
    integer of minor units the till keeps (``total``, ``total_minor``); times
    are in UTC (``created_at``) and in this till's local time
    (``created_at_local``). All files are written before any replaces an
    earlier export. A cancelled export removes its partial files and leaves the earlier one whole.
    """
    cancel = cancel or CancelToken()
    report = Throttled(progress)
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _unwritable(target_dir, error) from None
    written: list[tuple[Path, Path]] = []
    try:
        with uow.for_reading():
            for table in ExportTable:
                target = target_dir / f"{table.value}.csv"
                partial = target.with_name(target.name + ".partial")
                written.append((partial, target))
                progress(0, None, _("Exporting {name}").format(name=target.name))
                with partial.open("wb") as file:
                    file.write(codecs.BOM_UTF8 + export_header(table))
                    # SQLite has formatted each line: copying them is all that is left to do.
                    for count, (line,) in enumerate(uow.reports.export(table), 1):
                        file.write(line)
                        if count % EXPORT_CHECK_LINES == 0:
                            cancel.check(_("Export stopped: no CSV file was changed."))
                            report(count, None, _("Exporting {name}").format(name=target.name))
        cancel.check(_("Export stopped: no CSV file was changed."))
        for partial, target in written:
            partial.replace(target)
    except (OSError, Cancelled) as error:
        for partial, _target in written:
            partial.unlink(missing_ok=True)
        if isinstance(error, Cancelled):
            raise
        raise _unwritable(target_dir, error) from None
    return [target for _partial, target in written]


def _unwritable(folder: Path, error: OSError) -> InvalidInput:
    return InvalidInput(
        _(
            "The CSV files cannot be written to {folder}: {strerror}. "
            "Choose a folder you can write to (a USB stick, your documents)."
        ).format(folder=folder, strerror=error.strerror or error)
    )


def export_report_csv(target: Path, uow: UnitOfWork) -> Path:
    """The event report's figures as one CSV file, laid out as the hub's ``popup-hub report event --csv``.

    Amounts are integers of minor units and times UTC, so the file of a
    synced till and the hub's compare line by line.
    """
    figures, currency = event_wide_figures(uow)
    return _write_csv(target, csv_text(EVENT_HEADER, event_rows(figures, currency)))


def export_settlements_csv(target: Path, uow: UnitOfWork) -> Path:
    """Every maker's settlement as one CSV file, laid out as the hub's ``popup-hub report settlement --csv``."""
    # Settlements print PDFs: reportlab loads with the first settlement asked for, not with the report screen.
    from app.services.settlements import maker_settlements

    return _write_csv(target, csv_text(SETTLEMENT_HEADER, settlement_rows(maker_settlements(uow))))


def _write_csv(target: Path, text: str) -> Path:
    partial = target.with_name(target.name + ".partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(codecs.BOM_UTF8 + text.encode())
        partial.replace(target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _unwritable(target.parent, error) from None
    return target
