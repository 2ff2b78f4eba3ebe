"""``popup-pos print``: the print queue, jobs in doubt, reprints and PDF receipts."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.cli.terminal import signed_in
from app.domain.errors import InvalidInput
from app.services.printer_settings import usb_printers
from app.services.printing import (
    confirm_printed,
    export_receipt_pdf,
    print_again,
    print_jobs,
    process_print_queue,
    reprint_receipt,
)


def cmd_retry(_args: argparse.Namespace, till: Till) -> int:
    outcomes = process_print_queue(till.uow)
    printed = sum(1 for outcome in outcomes if outcome.printed)
    print(f"{printed} job(s) printed.")
    in_doubt = print_jobs(till.uow(), "sending")
    if in_doubt:
        # A job in doubt is never sent again by a retry: only a person can tell whether it printed.
        print(
            f"{len(in_doubt)} job(s) may have printed: check the paper, then 'popup-pos print again JOB --staff "
            "NAME' or 'popup-pos print confirm JOB --staff NAME' (the ids are in 'popup-pos print jobs')."
        )
    failed = next((outcome for outcome in outcomes if not outcome.printed), None)
    if failed is not None:
        print(f"{'Interrupted' if failed.in_doubt else 'Still queued'}: {failed.error}")
        return 1
    return 0


def cmd_jobs(_args: argparse.Namespace, till: Till) -> int:
    for job in print_jobs(till.uow()):
        error = f"  ({job.last_error})" if job.status != "printed" and job.last_error else ""
        copy = " COPY" if job.is_copy else ""
        state = "may have printed" if job.in_doubt else job.status
        print(f"{job.shown_at}  {job.job_id}  {state:16} {job.attempts} try  {job.title}{copy}{error}")
    return 0


def cmd_again(args: argparse.Namespace, till: Till) -> int:
    print_again(args.job, signed_in(args.staff, till), till.uow())
    return cmd_retry(args, till)


def cmd_confirm(args: argparse.Namespace, till: Till) -> int:
    confirm_printed(args.job, signed_in(args.staff, till), till.uow())
    print("Marked printed; it is not sent again.")
    return 0


def cmd_usb(_args: argparse.Namespace, _till: Till) -> int:
    scan = usb_printers()
    if scan.problem:
        print(scan.problem)
        return 1
    for printer in scan.printers:
        print(f"{printer.address}  {printer.name}")
    if not scan.printers:
        print("No USB printer found: plug it in and switch it on, then look again.")
    return 0


def cmd_reprint(args: argparse.Namespace, till: Till) -> int:
    reprint_receipt(args.receipt, signed_in(args.staff, till), till.uow())
    return cmd_retry(args, till)


def cmd_pdf(args: argparse.Namespace, till: Till) -> int:
    with till.uow().for_reading() as uow:
        header = uow.sales.header_by_receipt(args.receipt.strip().upper())
    if header is None:
        raise InvalidInput(f"No sale has the receipt number {args.receipt} on this till.")
    target = export_receipt_pdf(header.sale_id, Path(args.out).expanduser(), till.uow(), "A4" if args.a4 else "80mm")
    print(f"Receipt {header.receipt_no} saved as {target}.")
    return 0
