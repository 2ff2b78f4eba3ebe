"""``popup-pos printer``: the receipt printer's settings, a test page and its state, as the settings dialog has them."""

from __future__ import annotations

import argparse

from app.bootstrap import Till
from app.cli.terminal import signed_in
from app.domain.errors import InvalidInput
from app.services.printer_settings import printer_settings, save_printer_settings
from app.services.printing import last_print_job, print_jobs, process_print_queue, queue_test_page
from printers.escpos_output import PrinterSettings

# Each kind of link names its printer with its own option; the settings keep it as ``address``.
ADDRESS_OPTION = {"network": "host", "usb": "usb", "serial": "device", "file": "device"}
_EXAMPLES = {"host": "--host 192.168.1.50", "usb": "--usb 04b8:0202", "device": "--device /dev/ttyUSB0"}


def _address(args: argparse.Namespace, kind: str, current: PrinterSettings) -> str:
    given = {option: getattr(args, option) for option in _EXAMPLES if getattr(args, option) is not None}
    wanted = ADDRESS_OPTION.get(kind)
    for option in given:
        if option != wanted:
            what = f"a {kind} printer takes {_EXAMPLES[wanted]}" if wanted else f"a '{kind}' printer has no address"
            raise InvalidInput(f"--{option} does not fit: {what}.")
    if wanted in given:
        return str(given[wanted]).strip()
    # The same kind keeps its printer; another kind without its address is refused by the settings' checks.
    return current.address if kind == current.kind else ""


def cmd_set(args: argparse.Namespace, till: Till) -> int:
    """Change what is given, keep the rest: the service checks the whole before anything is saved."""
    current = printer_settings(till.uow())
    kind = (args.kind or current.kind).strip().lower()
    settings = PrinterSettings(
        kind=kind,
        address=_address(args, kind, current),
        port=current.port if args.port is None else args.port,
        paper_width_mm=current.paper_width_mm if args.paper is None else args.paper,
        profile=current.profile if args.profile is None else args.profile.strip() or "default",
        code_page=current.code_page if args.code_page is None else args.code_page.strip().upper() or "AUTO",
        qr_as_image=current.qr_as_image if args.qr_as_image is None else args.qr_as_image,
        logo_path=current.logo_path if args.logo is None else args.logo.strip(),
        baudrate=current.baudrate if args.baud is None else args.baud,
    )
    saved = save_printer_settings(settings, signed_in(args.staff, till), till.uow())
    print("Printer saved:")
    _print_settings(saved)
    if saved.kind != "none":
        print("Print a test page with 'popup-pos printer test --staff NAME'.")
    return 0


def cmd_test(args: argparse.Namespace, till: Till) -> int:
    job_id = queue_test_page(signed_in(args.staff, till), till.uow())
    outcomes = process_print_queue(till.uow)
    mine = next((outcome for outcome in outcomes if outcome.job_id == job_id), None)
    if mine is not None and mine.printed:
        print("Test page printed: check the paper (accents, amounts, the QR code).")
        return 0
    failed = mine or next((outcome for outcome in outcomes if not outcome.printed), None)
    error = failed.error if failed is not None else "another window of this till is sending it"
    if failed is not None and failed.in_doubt:
        print(f"The test page may have printed, then the printer stopped: {error}")
    else:
        print(f"The test page did not print and waits in the queue: {error}")
    print("Check the printer (power, paper, cable or network) and 'popup-pos printer status', then try again.")
    return 1


def _print_settings(settings: PrinterSettings) -> None:
    link = {
        "network": f"network {settings.address}:{settings.port}",
        "usb": f"USB {settings.address}",
        "serial": f"serial {settings.address} at {settings.baudrate} baud",
        "file": f"device {settings.address}",
    }.get(settings.kind, "none (receipts wait in the queue, or go to PDF)")
    print(f"  printer:   {link}")
    print(f"  paper:     {settings.paper_width_mm} mm ({settings.columns} columns)")
    print(f"  profile:   {settings.profile}, code page {settings.code_page}")
    print(f"  QR codes:  {'as images' if settings.qr_as_image else 'drawn by the printer'}")
    print(f"  logo:      {settings.logo_path or 'none'}")


def cmd_status(_args: argparse.Namespace, till: Till) -> int:
    _print_settings(printer_settings(till.uow()))
    last = last_print_job(till.uow())
    if last is None:
        print("  last job:  none yet")
    else:
        state = "may have printed" if last.in_doubt else last.status
        error = f" ({last.last_error})" if last.status != "printed" and last.last_error else ""
        print(f"  last job:  {last.shown_at} {last.title}: {state}{error}")
    waiting = print_jobs(till.uow(), "queued")
    in_doubt = print_jobs(till.uow(), "sending")
    print(f"  waiting:   {len(waiting)} job(s)" + (" ('popup-pos print retry' sends them)" if waiting else ""))
    print(f"  in doubt:  {len(in_doubt)} job(s)" + (" (check the paper: 'popup-pos print jobs')" if in_doubt else ""))
    return 0
