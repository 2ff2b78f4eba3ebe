"""Printing without ever holding up a sale, and never twice unasked.

A receipt becomes a job in the store's print queue inside its own short
transaction; ``process_print_queue`` then sends queued jobs to the printer
outside any transaction (a printer may take seconds to time out) and records
each outcome. Before a job's bytes leave, it is marked sending in a committed
transaction of its own; once the printer took them, it is marked printed. A
printer that cannot be reached puts the job back in the queue with its error.
A job found still sending, because the till stopped between the two, may have
printed: it is shown so, and prints again (marked COPY) only when a person
asks, or is confirmed printed by them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from app.domain import texts
from app.domain.errors import InvalidInput, NotFound
from app.domain.staff import Permission
from app.domain.texts import N_, _
from app.services.authorization import ManagerApproval, approve, require
from app.services.printer_settings import has_printer, read_printer_settings
from app.services.receipts import load_sale_receipt
from app.store.print_jobs import PrintJob, PrintStatus
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Document, DocumentKind, Logo, QrCode, Row, Separator, Text
from printers.escpos_output import EscposPrinter, PrinterSettings, PrinterUnavailable
from printers.printer import ReceiptPrinter

JOB_STATUS_LABELS = {
    PrintStatus.QUEUED.value: N_("queued"),
    PrintStatus.SENDING.value: N_("sending"),
    PrintStatus.PRINTED.value: N_("printed"),
    PrintStatus.CANCELLED.value: N_("cancelled"),
}

PrinterConnector = Callable[[PrinterSettings], ReceiptPrinter]


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    job_id: str
    printed: bool
    error: str | None
    # The printer failed while taking the bytes: the job may have printed, and waits for a person.
    in_doubt: bool = False


@dataclass(frozen=True, slots=True)
class PrintJobView:
    job_id: str
    created_at: str
    kind: str
    title: str
    is_copy: bool
    status: str
    attempts: int
    last_error: str | None
    printed_at: str | None
    # When it was queued, in the event's locale and time zone.
    shown_at: str = ""

    @property
    def status_label(self) -> str:
        """The job's state in the screen language (an unknown one from a newer till as stored)."""
        return _(JOB_STATUS_LABELS.get(self.status, self.status))

    @property
    def in_doubt(self) -> bool:
        """Its bytes may have reached the printer, unconfirmed: it may have printed, and a person decides."""
        return self.status == PrintStatus.SENDING.value


def _view(job: PrintJob, when: Callable[[str], str] = str) -> PrintJobView:
    title = json.loads(job.document).get("title", job.kind)
    return PrintJobView(
        job.job_id,
        job.created_at,
        job.kind,
        title,
        job.is_copy,
        job.status.value,
        job.attempts,
        job.last_error,
        job.printed_at,
        when(job.created_at),
    )


@dataclass(frozen=True, slots=True)
class PrinterState:
    printer_set: bool
    waiting: int
    in_doubt: int
    last_error: str | None  # of the oldest job waiting, when it was tried and failed


def printer_state(uow: UnitOfWork) -> PrinterState:
    """What the status bar shows of the printer: whether one is set, and what waits for it."""
    with uow.for_reading():
        waiting = uow.print_jobs.queued_oldest_first()
        in_doubt = uow.print_jobs.jobs(PrintStatus.SENDING)
        return PrinterState(
            has_printer(read_printer_settings(uow)),
            len(waiting),
            len(in_doubt),
            waiting[0].last_error if waiting else None,
        )


def queue_sale_receipt(sale_id: str, uow: UnitOfWork, print_receipt: bool = True) -> str | None:
    """Queue the sale's receipt (with the drawer kick for cash); without a receipt, only the drawer kick.

    A till without a printer queues nothing: there is nothing to print on, and no drawer to kick."""
    with uow:
        settings = read_printer_settings(uow)
        if not has_printer(settings):
            return None
        document = _with_logo(load_sale_receipt(sale_id, uow), settings)
        if not print_receipt:
            if not document.open_drawer:
                return None
            title = texts.for_locale(uow.tills.this_till_and_event()[1].locale).gettext("drawer for {title}")
            title = title.format(title=document.title)
            document = Document(DocumentKind.DRAWER_KICK, title, cut=False, open_drawer=True)
        job_id = uow.print_jobs.add(document.kind.value, sale_id, document.to_json(), is_copy=False)
        uow.commit()
    return job_id


def queue_document(build: Callable[[UnitOfWork], Document], source_id: str, uow: UnitOfWork) -> str:
    """Queue a document built from the store in the same transaction (a pickup slip, a return receipt, a report)."""
    with uow:
        document = build(uow)
        job_id = uow.print_jobs.add(document.kind.value, source_id, document.to_json(), is_copy=False)
        uow.commit()
    return job_id


def _with_logo(document: Document, settings: PrinterSettings) -> Document:
    if not settings.logo_path:
        return document
    return replace(document, blocks=(Logo(settings.logo_path), *document.blocks))


def _copy_mark(uow: UnitOfWork) -> str:
    """The copy mark in the event's language, like the document it marks."""
    _ = texts.for_locale(uow.tills.this_till_and_event()[1].locale).gettext
    return _("*** COPY ***")


def reprint_receipt(receipt_no: str, staff_id: str, uow: UnitOfWork) -> str:
    """Queue a copy of a past receipt, marked COPY and without opening the drawer."""
    with uow:
        require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        header = uow.sales.header_by_receipt(receipt_no.strip().upper())
        if header is None:
            raise NotFound(_("No sale has the receipt number {receipt_no} on this till.").format(receipt_no=receipt_no))
        receipt = _with_logo(load_sale_receipt(header.sale_id, uow), read_printer_settings(uow))
        document = receipt.as_copy(_copy_mark(uow))
        job_id = uow.print_jobs.add(document.kind.value, header.sale_id, document.to_json(), is_copy=True)
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="receipt.reprinted",
            subject=header.sale_id,
            details={"receipt_no": header.receipt_no},
        )
        uow.commit()
    return job_id


def export_receipt_pdf(sale_id: str, target: Path, uow: UnitOfWork, paper: str = "80mm") -> Path:
    if paper not in ("80mm", "A4"):
        raise InvalidInput(_("A PDF receipt is on an 80mm roll or on A4."))
    with uow.for_reading():
        document = load_sale_receipt(sale_id, uow)
    # reportlab is loaded when the first PDF is asked for, not at the till's start-up.
    from printers.pdf_output import PdfFontsMissing, render_pdf

    try:
        data = render_pdf(document, paper)
    except PdfFontsMissing as error:
        raise InvalidInput(str(error)) from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as error:
        raise InvalidInput(
            _("Cannot write {target}: {strerror}. Choose another folder.").format(
                target=target, strerror=error.strerror
            )
        ) from None
    return target


def open_cash_drawer(reason: str, staff_id: str, uow: UnitOfWork, approval: ManagerApproval | None = None) -> str:
    """Open the drawer outside a sale (change for a customer, a count): a manager's decision, audited."""
    if not reason.strip():
        raise InvalidInput(_("Say why the drawer is opened (e.g. change for the float)."))
    with uow:
        if not has_printer(read_printer_settings(uow)):
            raise InvalidInput(
                _(
                    "No receipt printer is set up, and the drawer opens through it: open the drawer with its "
                    "key, or set up the printer (More > Receipt printer)."
                )
            )
        actor = require(uow, staff_id, Permission.SELL)
        approved_by = approve(uow, actor, approval, "Opening the cash drawer")
        till, event = uow.tills.this_till_and_event()
        title = texts.for_locale(event.locale).gettext("drawer opened")
        document = Document(DocumentKind.DRAWER_KICK, title, cut=False, open_drawer=True)
        job_id = uow.print_jobs.add(document.kind.value, None, document.to_json(), is_copy=False)
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="drawer.opened",
            subject=job_id,
            details={"reason": reason.strip()},
            approved_by=approved_by,
        )
        uow.commit()
    return job_id


def queue_test_page(staff_id: str, uow: UnitOfWork) -> str:
    with uow:
        require(uow, staff_id, Permission.SELL)
        till, event = uow.tills.this_till_and_event()
        settings = read_printer_settings(uow)
        # Printed in the event's language, as every document of the till.
        _ = texts.for_locale(event.locale).gettext
        document = Document(
            DocumentKind.TEST_PAGE,
            _("printer test page"),
            (
                Text(_("Pop-up POS test page"), Align.CENTER, bold=True, large=True),
                Text(_("{event} · till {till}").format(event=event.name, till=till.code), Align.CENTER),
                Separator(),
                Row(
                    _("Paper {width} mm").format(width=settings.paper_width_mm),
                    _("{columns} columns").format(columns=settings.columns),
                ),
                Text(_("Accents: é è à ü ö ä ß ñ ç · Currency: € £ CHF")),
                Row(_("Right-aligned amount"), event.format(123456)),
                QrCode("POPUP-POS-TEST", _("QR code test")),
            ),
        )
        job_id = uow.print_jobs.add(document.kind.value, None, document.to_json(), is_copy=False)
        uow.commit()
    return job_id


def print_jobs(uow: UnitOfWork, status: str | None = None) -> list[PrintJobView]:
    with uow.for_reading():
        jobs = uow.print_jobs.jobs(PrintStatus(status) if status else None)
        when = uow.tills.this_till_and_event()[1].format_datetime if jobs else str
        return [_view(job, when) for job in jobs]


def last_print_job(uow: UnitOfWork) -> PrintJobView | None:
    jobs = print_jobs(uow)
    return jobs[0] if jobs else None


def _job_in_doubt(uow: UnitOfWork, job_id: str) -> PrintJob:
    job = uow.print_jobs.get(job_id.strip())
    if job is None:
        raise NotFound(
            _("No print job {job_id} on this till: 'popup-pos print jobs' lists them with their ids.").format(
                job_id=job_id
            )
        )
    if job.status is not PrintStatus.SENDING:
        raise InvalidInput(
            _(
                "The job '{title}' is {value}, not one that may have printed: only those are printed again "
                "here; a past receipt is reprinted from the sales list."
            ).format(title=_view(job).title, value=_view(job).status_label)
        )
    return job


def print_again(job_id: str, staff_id: str, uow: UnitOfWork) -> str:
    """A person found a job that may have printed missing from the paper: it waits again, marked COPY."""
    with uow:
        require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        job = _job_in_doubt(uow, job_id)
        document = Document.from_json(job.document)
        if document.kind is DocumentKind.DRAWER_KICK:
            raise InvalidInput(
                _(
                    "A drawer opening is not repeated from the print queue: if the drawer stayed shut, open it "
                    "again (More > Open the cash drawer), then confirm this job as printed."
                )
            )
        uow.print_jobs.requeue_as_copy(job.job_id, document.as_copy(_copy_mark(uow)).to_json())
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="print.again",
            subject=job.job_id,
            details={"title": document.title},
        )
        uow.commit()
    return job.job_id


def confirm_printed(job_id: str, staff_id: str, uow: UnitOfWork) -> str:
    """A person found a job that may have printed on the paper: it counts as printed and is not sent again."""
    with uow:
        require(uow, staff_id, Permission.SELL)
        till = uow.tills.this_till()
        job = _job_in_doubt(uow, job_id)
        uow.print_jobs.confirm_printed(job.job_id)
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="print.confirmed",
            subject=job.job_id,
            details={"title": _view(job).title},
        )
        uow.commit()
    return job.job_id


def process_print_queue(
    new_uow: Callable[[], UnitOfWork], connect: PrinterConnector | None = None
) -> list[PrintOutcome]:
    """Send every queued job, oldest first; stop at the first failure so that receipts keep their order.

    An error other than PrinterUnavailable (a defect) propagates and leaves its job sending: whether
    bytes left is then unknown, so the job waits for a person like one a crash interrupted.
    """
    with new_uow().for_reading() as uow:
        settings = read_printer_settings(uow)
        if not has_printer(settings):
            return []  # what was asked for (a return receipt, a slip) waits for a printer to be set up
        queued = uow.print_jobs.queued_oldest_first()
    printer = (connect or EscposPrinter)(settings)
    outcomes: list[PrintOutcome] = []
    for waiting in queued:
        with new_uow() as uow:
            # Read again as it is taken: a person may have turned it into a copy since the list was read.
            job = uow.print_jobs.get(waiting.job_id) if uow.print_jobs.mark_sending(waiting.job_id) else None
            uow.commit()
        if job is None:
            continue  # another process of this till (the window, the command line) took it first
        try:
            printer.print_document(Document.from_json(job.document))
        except PrinterUnavailable as error:
            with new_uow() as uow:
                if error.may_have_printed:
                    uow.print_jobs.mark_interrupted(job.job_id, str(error))
                else:
                    uow.print_jobs.mark_failed(job.job_id, str(error))
                uow.commit()
            outcomes.append(PrintOutcome(job.job_id, False, str(error), error.may_have_printed))
            break
        with new_uow() as uow:
            uow.print_jobs.mark_printed(job.job_id)
            uow.commit()
        outcomes.append(PrintOutcome(job.job_id, True, None))
    return outcomes
