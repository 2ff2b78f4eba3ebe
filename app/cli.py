"""The command line: ``popup-pos ...``, calling the same services as the screens.

Every command prints a clear message and exits non-zero on bad input; no
traceback reaches the user (unexpected errors are logged to the data folder).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path

from app import __version__
from app.bootstrap import Till, open_till
from app.domain.errors import InvalidInput, NotFound, PosError
from app.domain.money import parse_minor
from app.domain.staff import Role, parse_role
from app.paths import data_dir
from app.services.audit import verify_audit_trail
from app.services.backups import backup_status, restore_backup
from app.services.cash import cash_report_document, x_report, z_numbers, z_report
from app.services.catalog import find_product, import_catalog, search_products
from app.services.demo import DEMO_STAFF, demo_pickups, load_demo
from app.services.event_report import event_report, event_report_pdf, export_csv
from app.services.printing import (
    confirm_printed,
    export_receipt_pdf,
    print_again,
    print_jobs,
    process_print_queue,
    reprint_receipt,
    usb_printers,
)
from app.services.setup import SetUpTill, parse_tax_class, set_up_till, till_status
from app.services.staff import AddStaff, add_staff, list_staff, sign_in
from app.services.syncing import enroll_till, export_outbox, import_answers, sync_once
from app.store.database import backup
from app.store.files import store_lock
from printers.document import Document
from printers.layout import TextLine, columns_for, lay_out

# The settlements and PDF output load ReportLab (a tenth of a second), which only the commands that
# write a PDF or settle with makers need: they import it themselves, and opening the window does not.

EXIT_REFUSED = 2
EXIT_UNEXPECTED = 3
_ALREADY_OPEN = "Pop-up POS is already open on this till's store: use that window, or close it first."

log = logging.getLogger("popup_pos")


def _read_pin(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    # Scripts pipe the PIN in; it is never taken from the command line, where
    # it would end up in the shell history and the process list.
    line = sys.stdin.readline()
    if not line:
        raise InvalidInput(f"{prompt.strip()} expected on standard input.")
    return line.strip()


def cmd_init(args: argparse.Namespace, till: Till) -> int:
    currency = args.currency.upper()
    step = parse_minor(args.cash_step, currency) if args.cash_step else 1
    info = set_up_till(
        SetUpTill(
            event_name=args.event,
            place=args.place,
            starts_on=args.starts_on,
            ends_on=args.ends_on,
            till_code=args.till,
            currency=currency,
            locale=args.locale,
            prices_include_tax=not args.prices_exclude_tax,
            cash_rounding_step=step,
            tax_classes=tuple(parse_tax_class(text) for text in args.tax),
        ),
        till.uow(),
    )
    print(f"Till {info.code} is set up for '{args.event}' in {till.store_path}.")
    print("Next: add the first manager with 'popup-pos staff add NAME --role manager'.")
    return 0


def cmd_demo(_args: argparse.Namespace, till: Till) -> int:
    voucher = load_demo(till.uow)
    print(f"Demo event loaded in {till.store_path}.")
    for person in DEMO_STAFF:
        print(f"  {person.name:6} {person.role.value:13} PIN {person.pin}")
    print(f"  Demo voucher: {voucher}")
    print(f"  Pickup codes to paste at the pickup desk (Ctrl+U): {write_demo_pickup_codes(till)}")
    return 0


def write_demo_pickup_codes(till: Till) -> Path:
    """The demo orders' codes in a text file beside the store, one per line with its order."""
    target = till.data_dir / "demo-pickup-codes.txt"
    lines = [f"{p.number}\t{p.customer_name}\t{p.code}" for p in demo_pickups(till.uow())]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target


def cmd_status(_args: argparse.Namespace, till: Till) -> int:
    status = till_status(till.uow())
    print(f"Store     {till.store_path}")
    print(f"Event     {status.event.name} ({status.event.currency}, {status.event.locale})")
    print(f"Till      {status.till.code}")
    print(f"Products  {status.products}")
    print(f"To sync   {status.waiting_to_sync}")
    last_backup = backup_status(till.uow())
    if last_backup is None:
        print("Backup    none yet (a daily copy is taken when the store is opened)")
    elif last_backup.ok:
        print(f"Backup    {last_backup.at}  {last_backup.file}")
    else:
        print(f"Backup    FAILED at {last_backup.at}: {last_backup.error}")
    return 0


def cmd_catalog_import(args: argparse.Namespace, till: Till) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InvalidInput(f"Cannot read {path}: {error.strerror}. Check the file name.") from None
    result = import_catalog(data, None, till.uow())
    print(f"Catalog imported: {result.created} new, {result.updated} updated, {result.makers_created} new maker(s).")
    return 0


def cmd_catalog_lookup(args: argparse.Namespace, till: Till) -> int:
    product = find_product(args.code, till.uow())
    status = till_status(till.uow())
    item = product.item
    print(f"{item.sku}  {item.name} {item.variant}  {status.event.format(item.unit_price)}  ({item.maker_name})")
    return 0


def cmd_catalog_search(args: argparse.Namespace, till: Till) -> int:
    status = till_status(till.uow())
    for product in search_products(args.text, till.uow()):
        item = product.item
        print(f"{item.sku:12} {item.name} {item.variant}".ljust(60) + status.event.format(item.unit_price))
    return 0


def cmd_staff_add(args: argparse.Namespace, till: Till) -> int:
    role: Role = parse_role(args.role)
    added_by = None
    if args.manager:
        # The command line has no signed-in person: the manager signs in here with their PIN.
        added_by = _signed_in(args.manager, till)
    pin = _read_pin(f"New PIN for {args.name}: ")
    if sys.stdin.isatty() and _read_pin("Repeat the PIN: ") != pin:
        raise InvalidInput("The two PINs differ: run the command again.")
    member = add_staff(AddStaff(args.name, role, pin, added_by=added_by), till.uow())
    print(f"{member.name} added as {member.role.value}.")
    return 0


def cmd_staff_list(_args: argparse.Namespace, till: Till) -> int:
    for member in list_staff(till.uow()):
        print(f"{member.name:20} {member.role.value}")
    return 0


def cmd_audit_verify(_args: argparse.Namespace, till: Till) -> int:
    result = verify_audit_trail(till.uow())
    if result.broken is None:
        print(f"Audit trail intact: {result.entries} entries, every link checks out.")
        return 0
    print(f"Audit trail BROKEN at entry {result.broken.seq}: {result.broken.reason}.")
    return 1


def cmd_backup(args: argparse.Namespace, till: Till) -> int:
    target = Path(args.out).expanduser().resolve()
    pages = backup(till.store_path, target)
    print(f"Backup written to {target} ({pages} pages, integrity checked).")
    return 0


def cmd_restore(args: argparse.Namespace, directory: Path) -> int:
    restored = restore_backup(Path(args.file).expanduser().resolve(), directory, force=args.force)
    print(f"Restored till {restored.till_code} of '{restored.event_name}' into {restored.store}.")
    if restored.replaced is not None:
        print(f"The store it replaced is kept as {restored.replaced}.")
    if restored.enrolled:
        print(
            "This till syncs with a hub: run 'popup-pos sync --once' now. Records the hub received after this "
            "backup was taken are not in it; the manager's sync screen lists what needs attention."
        )
    return 0


def cmd_print_retry(_args: argparse.Namespace, till: Till) -> int:
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


def cmd_print_jobs(_args: argparse.Namespace, till: Till) -> int:
    for job in print_jobs(till.uow()):
        error = f"  ({job.last_error})" if job.status != "printed" and job.last_error else ""
        copy = " COPY" if job.is_copy else ""
        state = "may have printed" if job.in_doubt else job.status
        print(f"{job.created_at[:19]}  {job.job_id}  {state:16} {job.attempts} try  {job.title}{copy}{error}")
    return 0


def cmd_print_again(args: argparse.Namespace, till: Till) -> int:
    print_again(args.job, _signed_in(args.staff, till), till.uow())
    return cmd_print_retry(args, till)


def cmd_print_confirm(args: argparse.Namespace, till: Till) -> int:
    confirm_printed(args.job, _signed_in(args.staff, till), till.uow())
    print("Marked printed; it is not sent again.")
    return 0


def cmd_print_usb(_args: argparse.Namespace, _till: Till) -> int:
    scan = usb_printers()
    if scan.problem:
        print(scan.problem)
        return 1
    for printer in scan.printers:
        print(f"{printer.address}  {printer.name}")
    if not scan.printers:
        print("No USB printer found: plug it in and switch it on, then look again.")
    return 0


def _signed_in(name: str, till: Till) -> str:
    members = {member.name: member for member in list_staff(till.uow())}
    if name not in members:
        raise InvalidInput(f"No staff member is called {name}.")
    return sign_in(members[name].staff_id, _read_pin(f"PIN of {name}: "), till.uow()).staff_id


def cmd_print_reprint(args: argparse.Namespace, till: Till) -> int:
    reprint_receipt(args.receipt, _signed_in(args.staff, till), till.uow())
    return cmd_print_retry(args, till)


def cmd_print_pdf(args: argparse.Namespace, till: Till) -> int:
    with till.uow().for_reading() as uow:
        header = uow.sales.header_by_receipt(args.receipt.strip().upper())
    if header is None:
        raise InvalidInput(f"No sale has the receipt number {args.receipt} on this till.")
    target = export_receipt_pdf(header.sale_id, Path(args.out).expanduser(), till.uow(), "A4" if args.a4 else "80mm")
    print(f"Receipt {header.receipt_no} saved as {target}.")
    return 0


def cmd_enroll(args: argparse.Namespace, till: Till) -> int:
    info = enroll_till(args.url, args.code, till.uow())
    print(f"Enrolled as till {info.code} of event {info.event_id}. Next: 'popup-pos sync --once' pulls the catalog.")
    return 0


def cmd_sync(_args: argparse.Namespace, till: Till) -> int:
    report = sync_once(till.uow, till.data_dir / "sync.lock")
    pushed = report.pushed
    print(
        f"Sent {pushed.sent} record(s): {pushed.applied} applied, {pushed.duplicates} already there, "
        f"{pushed.conflicts} with a conflict, {pushed.rejected} rejected. Pulled {report.pulled} change(s)."
    )
    return 1 if pushed.rejected else 0


def cmd_outbox_export(args: argparse.Namespace, till: Till) -> int:
    count = export_outbox(Path(args.file).expanduser(), till.uow())
    print(f"{count} waiting record(s) written to {args.file}; import them with 'popup-hub outbox import'.")
    return 0


def cmd_outbox_answers(args: argparse.Namespace, till: Till) -> int:
    count = import_answers(Path(args.file).expanduser(), till.uow())
    print(f"{count} record(s) answered by the hub.")
    return 0


def cmd_gui(args: argparse.Namespace, till: Till) -> int:
    from app.ui.application import run_gui

    if args.demo and till_status_or_none(till) is None:
        load_demo(till.uow)
        print(f"Demo pickup codes: {write_demo_pickup_codes(till)}")
    return run_gui(till, sys.argv[:1], offer_first_run=not args.demo)


def cmd_self_test() -> int:
    from app.self_test import run_self_test
    from app.ui.application import check_screens

    for result in run_self_test(extra_checks=(("screens", check_screens),)):
        print(f"{'ok  ' if result.passed else 'FAIL'}  {result.name:7} {result.detail}", flush=True)
        if not result.passed:
            return 1
    return 0


def _print_document(document: Document, pdf: str | None, paper: str = "A4") -> None:
    """A report on the terminal as on an 80 mm roll, or as a PDF file."""
    if pdf:
        from printers.pdf_output import render_pdf

        target = Path(pdf)
        try:
            target.write_bytes(render_pdf(document, paper))
        except OSError as error:
            raise InvalidInput(f"Cannot write {target}: {error.strerror}.") from None
        print(f"Saved {target}")
        return
    for line in lay_out(document, columns_for(80)):
        if isinstance(line, TextLine):
            print(line.text)


def cmd_report_x(args: argparse.Namespace, till: Till) -> int:
    event = till_status(till.uow()).event
    _print_document(cash_report_document(x_report(till.uow()), event), args.pdf)
    return 0


def cmd_report_z(args: argparse.Namespace, till: Till) -> int:
    numbers = z_numbers(till.uow())
    if args.list:
        print("\n".join(numbers) if numbers else "No Z report yet: close a cash session first.")
        return 0
    if not args.number and not numbers:
        raise NotFound("No Z report yet: close a cash session first.")
    report = z_report(args.number or numbers[-1], till.uow())
    _print_document(cash_report_document(report, till_status(till.uow()).event), args.pdf)
    return 0


def cmd_commission(args: argparse.Namespace, till: Till) -> int:
    from app.services.settlements import set_commission

    staff_id = _signed_in(args.staff, till)
    set_commission(args.percent, staff_id, till.uow(), maker=args.maker, sku=args.sku)
    print(f"Commission {args.percent}% set for {args.sku or args.maker or 'the event (default)'}.")
    return 0


def cmd_report_settlement(args: argparse.Namespace, till: Till) -> int:
    from app.services.settlements import export_settlement_pdfs, maker_settlements, settlement_document

    if args.pdf:
        for path in export_settlement_pdfs(Path(args.pdf), till.uow(), args.maker):
            print(f"Saved {path}")
        return 0
    event = till_status(till.uow()).event
    settlements = maker_settlements(till.uow())
    for settlement in settlements:
        if args.maker is None or settlement.maker_name.casefold() == args.maker.casefold():
            _print_document(settlement_document(settlement, event), None)
            print()
    return 0


def cmd_report_event(args: argparse.Namespace, till: Till) -> int:
    if args.pdf:
        print(f"Saved {event_report_pdf(Path(args.pdf).expanduser(), till.uow())}")
        return 0
    report = event_report(till.uow())
    totals, fmt = report.totals, report.event.format
    print(
        f"{report.event.name}, till {report.till_code}: {totals.sales:,} sales, {fmt(totals.sales_total)}; "
        f"{totals.returns:,} returns, {fmt(totals.refunds)} refunded; net {fmt(totals.net)}."
    )
    return 0


def cmd_export(args: argparse.Namespace, till: Till) -> int:
    for path in export_csv(Path(args.csv).expanduser(), till.uow()):
        print(f"Saved {path}")
    return 0


def till_status_or_none(till: Till) -> object | None:
    try:
        return till_status(till.uow())
    except PosError:
        return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="popup-pos", description="Pop-up POS: sell, hand over pickups, sync.")
    parser.add_argument("--version", action="version", version=f"popup-pos {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation on a throw-away store (a sale, its receipt in ESC/POS and PDF, the screens)",
    )
    parser.add_argument("--data-dir", help="folder of this till's store (default: the user data folder)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # --data-dir is accepted after the command too (popup-pos backup --data-dir D OUT.db).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    def add(
        name: str,
        handler: Callable[[argparse.Namespace, Till], int],
        help_text: str,
        parent: argparse._SubParsersAction[argparse.ArgumentParser] = commands,
    ) -> argparse.ArgumentParser:
        sub = parent.add_parser(name, help=help_text, description=help_text, parents=[common])
        sub.set_defaults(handler=handler)
        return sub

    gui = add("gui", cmd_gui, "open the till's window (the default)")
    gui.add_argument("--demo", action="store_true", help="load the demo event first if the store is empty")

    init = add("init", cmd_init, "set up this till on an event (standalone)")
    init.add_argument("--event", required=True, help="event name")
    init.add_argument("--till", default="A", help="till code printed on receipts (A, B...)")
    init.add_argument("--currency", required=True, help="ISO 4217 code, e.g. EUR")
    init.add_argument("--locale", default="en_GB", help="locale for money and dates, e.g. fr_FR")
    init.add_argument("--tax", action="append", required=True, help="tax class CODE=RATE%% (repeat)")
    init.add_argument("--prices-exclude-tax", action="store_true", help="prices are before tax (default: tax included)")
    init.add_argument("--cash-step", help="cash rounding step, e.g. 0.05 (default: none)")
    init.add_argument("--place", default="")
    init.add_argument("--starts-on", default="")
    init.add_argument("--ends-on", default="")

    add("demo", cmd_demo, "set up the demo event in an empty store")
    add("status", cmd_status, "show the till, event and what waits to sync")

    catalog = commands.add_parser("catalog", help="import and look up products").add_subparsers(
        dest="catalog_command", metavar="ACTION", required=True
    )
    add("import", cmd_catalog_import, "import a catalog CSV, all or nothing", catalog).add_argument("file")
    add("lookup", cmd_catalog_lookup, "find a product by barcode or SKU", catalog).add_argument("code")
    add("search", cmd_catalog_search, "search products by name, SKU or maker", catalog).add_argument("text")

    staff = commands.add_parser("staff", help="add and list staff").add_subparsers(
        dest="staff_command", metavar="ACTION", required=True
    )
    staff_add = add("add", cmd_staff_add, "add a staff member (asks for the PIN)", staff)
    staff_add.add_argument("name")
    staff_add.add_argument("--role", required=True, help="cashier, pickup_clerk or manager")
    staff_add.add_argument("--manager", help="the manager adding them (asks for their PIN)")
    add("list", cmd_staff_list, "list active staff", staff)

    audit = commands.add_parser("audit", help="check the audit trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    add("verify", cmd_audit_verify, "check every link of the audit hash chain", audit)

    printing = commands.add_parser("print", help="the print queue, reprints and PDF receipts").add_subparsers(
        dest="print_command", metavar="ACTION", required=True
    )
    add("retry", cmd_print_retry, "send what waits in the print queue", printing)
    add("jobs", cmd_print_jobs, "list print jobs with their id and state", printing)
    again = add("again", cmd_print_again, "print a job that may have printed again, as a COPY (asks the PIN)", printing)
    again.add_argument("job", help="the job's id, from 'popup-pos print jobs'")
    again.add_argument("--staff", required=True, help="who checked the paper")
    confirm = add("confirm", cmd_print_confirm, "mark a job that may have printed as printed (asks the PIN)", printing)
    confirm.add_argument("job", help="the job's id, from 'popup-pos print jobs'")
    confirm.add_argument("--staff", required=True, help="who checked the paper")
    add("usb", cmd_print_usb, "list the USB printers this computer sees (for the printer settings)", printing)
    reprint = add("reprint", cmd_print_reprint, "print a copy of a past receipt (asks the PIN)", printing)
    reprint.add_argument("receipt", help="receipt number, e.g. A-000012")
    reprint.add_argument("--staff", required=True, help="who reprints it")
    pdf = add("pdf", cmd_print_pdf, "save a receipt as PDF", printing)
    pdf.add_argument("receipt")
    pdf.add_argument("out")
    pdf.add_argument("--a4", action="store_true", help="A4 page instead of an 80 mm roll")

    enroll = add("enroll", cmd_enroll, "enroll this (empty) till with a hub, using a one-time code")
    enroll.add_argument("url", help="the hub, e.g. http://192.168.1.10:8765")
    enroll.add_argument("code", help="the one-time code from 'popup-hub till enroll-code'")
    sync_parser = add("sync", cmd_sync, "send the outbox to the hub and pull its changes")
    sync_parser.add_argument("--once", action="store_true", required=True, help="one round, then exit")

    outbox_parser = commands.add_parser("outbox", help="carry records on a USB stick").add_subparsers(
        dest="outbox_command", metavar="ACTION", required=True
    )
    add("export", cmd_outbox_export, "write the waiting records to a file for the hub", outbox_parser).add_argument(
        "file"
    )
    add("answers", cmd_outbox_answers, "apply the answers file the hub wrote", outbox_parser).add_argument("file")

    report = commands.add_parser("report", help="cash, settlement and event reports").add_subparsers(
        dest="report", required=True
    )
    add("x", cmd_report_x, "the open cash session so far (nothing counted)", report).add_argument(
        "--pdf", help="save as PDF instead of printing to the terminal"
    )
    report_z = add("z", cmd_report_z, "a Z report of a closed cash session (the latest by default)", report)
    report_z.add_argument("number", nargs="?", help="e.g. A-Z0001")
    report_z.add_argument("--list", action="store_true", help="list the Z report numbers")
    report_z.add_argument("--pdf", help="save as PDF instead of printing to the terminal")
    settlement = add("settlement", cmd_report_settlement, "what each maker sold and is owed", report)
    settlement.add_argument("--maker", help="only this maker")
    settlement.add_argument("--pdf", metavar="DIR", help="write one PDF statement per maker into DIR")
    add(
        "event", cmd_report_event, "the event report: sales, makers, tenders, staff, returns, pickups", report
    ).add_argument("--pdf", help="save the A4 report with its charts as PDF")
    add("export", cmd_export, "sales, lines, tenders, returns and stock movements as CSV files").add_argument(
        "--csv", metavar="DIR", required=True
    )
    commission = add("commission", cmd_commission, "the pop-up's commission for settlements (asks the PIN)")
    commission.add_argument("percent", help="e.g. 25 or 12.5")
    target = commission.add_mutually_exclusive_group()
    target.add_argument("--maker", help="for this maker (default: the event's rate for everyone)")
    target.add_argument("--sku", help="for this product (over its maker's rate)")
    commission.add_argument("--staff", required=True, help="the manager's name (the PIN is asked)")
    add("backup", cmd_backup, "copy the store consistently, even while the app runs").add_argument("out")
    restore_help = "put a backup of this till back in place of its store (the window must be closed)"
    restore = commands.add_parser("restore", help=restore_help, description=restore_help, parents=[common])
    # Restore replaces the store file, so it runs on the data folder without opening the store.
    restore.set_defaults(folder_handler=cmd_restore)
    restore.add_argument("file", help="a file from 'popup-pos backup' or the data folder's backups/")
    restore.add_argument("--force", action="store_true", help="restore even a backup of another till")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.self_test:
        return cmd_self_test()
    handler = getattr(args, "handler", cmd_gui)
    if not hasattr(args, "demo"):
        args.demo = False
    directory = data_dir(args.data_dir)
    try:
        folder_handler = getattr(args, "folder_handler", None)
        if folder_handler is not None:
            return int(folder_handler(args, directory))
        # The window holds the data folder's lock while it is open: a second window
        # on the same till, or a restore under its feet, is refused.
        with store_lock(directory, _ALREADY_OPEN) if handler is cmd_gui else nullcontext():
            # The window never waits for the daily backup; a command still reports on the backup it took.
            till = open_till(directory, backup_in_background=handler is cmd_gui)
            try:
                return handler(args, till)
            finally:
                till.close()
    except PosError as error:
        print(f"popup-pos: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("popup-pos: interrupted; nothing was half-written.", file=sys.stderr)
        return EXIT_REFUSED
    except Exception:
        log_path = directory / "popup-pos-errors.log"
        try:
            directory.mkdir(parents=True, exist_ok=True)
            logging.basicConfig(filename=log_path, level=logging.ERROR)
            log.exception("unexpected error running %s", argv)
        except OSError:
            log_path = Path("(could not write the log)")
        print(
            f"popup-pos: something unexpected went wrong; nothing was half-written. Details: {log_path}",
            file=sys.stderr,
        )
        return EXIT_UNEXPECTED


if __name__ == "__main__":
    sys.exit(main())
