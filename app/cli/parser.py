"""The arguments of every ``popup-pos`` command.

A command names its handler as ``module:function`` in this package, so that parsing the
arguments imports no service: the window's start does not wait for the code of the
commands it does not run.
"""

from __future__ import annotations

import argparse

from app import __version__
from app.cli.consignment_args import add_consignment_commands
from app.cli.drops_args import add_drop_commands
from app.cli.group_buys_args import add_group_buy_commands
from app.cli.price_rules_args import add_pricing_commands

GUI = "window:cmd_gui"


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
        handler: str,
        help_text: str,
        parent: argparse._SubParsersAction[argparse.ArgumentParser] = commands,
    ) -> argparse.ArgumentParser:
        sub = parent.add_parser(name, help=help_text, description=help_text, parents=[common])
        sub.set_defaults(handler=handler)
        return sub

    gui = add("gui", GUI, "open the till's window (the default)")
    gui.add_argument("--demo", action="store_true", help="load the demo event first if the store is empty")

    init = add("init", "setup:cmd_init", "set up this till on an event (standalone)")
    init.add_argument("--event", required=True, help="event name")
    init.add_argument("--till", default="A", help="till code printed on receipts (A, B...)")
    init.add_argument("--currency", required=True, help="ISO 4217 code, e.g. EUR")
    init.add_argument("--locale", default="en_GB", help="locale for money and dates, e.g. fr_FR")
    init.add_argument("--time-zone", default="", help="event time zone, e.g. Europe/Zurich (default: this machine's)")
    init.add_argument("--tax", action="append", required=True, help="tax class CODE=RATE%% (repeat)")
    init.add_argument("--prices-exclude-tax", action="store_true", help="prices are before tax (default: tax included)")
    init.add_argument("--cash-step", help="cash rounding step, e.g. 0.05 (default: none)")
    init.add_argument("--place", default="")
    init.add_argument("--starts-on", default="")
    init.add_argument("--ends-on", default="")

    add("demo", "demo:cmd_demo", "set up the demo event in an empty store")
    add("status", "setup:cmd_status", "show the till, event and what waits to sync")

    catalog = commands.add_parser("catalog", help="import and look up products").add_subparsers(
        dest="catalog_command", metavar="ACTION", required=True
    )
    add("import", "catalog:cmd_import", "import a catalog CSV, all or nothing", catalog).add_argument("file")
    add("lookup", "catalog:cmd_lookup", "find a product by barcode or SKU", catalog).add_argument("code")
    add("search", "catalog:cmd_search", "search products by name, SKU or maker", catalog).add_argument("text")

    staff = commands.add_parser("staff", help="add, list, deactivate staff and reset PINs").add_subparsers(
        dest="staff_command", metavar="ACTION", required=True
    )
    staff_add = add("add", "staff:cmd_add", "add a staff member (asks for the PIN)", staff)
    staff_add.add_argument("name")
    staff_add.add_argument("--role", required=True, help="cashier, pickup_clerk or manager")
    staff_add.add_argument("--manager", help="the manager adding them (asks for their PIN)")
    add("list", "staff:cmd_list", "list active staff", staff).add_argument(
        "--all", action="store_true", help="the inactive staff too"
    )
    for action, handler, help_text in (
        ("deactivate", "staff:cmd_deactivate", "stop a staff member from signing in (kept in the records)"),
        ("reactivate", "staff:cmd_reactivate", "let a deactivated staff member sign in again"),
        ("reset-pin", "staff:cmd_reset_pin", "give a staff member a new PIN and end their wait (asks both PINs)"),
    ):
        staff_change = add(action, handler, help_text, staff)
        staff_change.add_argument("name")
        staff_change.add_argument("--manager", required=True, help="the manager doing it (asks for their PIN)")
    change_pin_help = "change your own PIN (asks the current one, then the new one)"
    add("change-pin", "staff:cmd_change_pin", change_pin_help, staff).add_argument("name")

    audit = commands.add_parser("audit", help="check the audit trail").add_subparsers(
        dest="audit_command", metavar="ACTION", required=True
    )
    verify = add(
        "verify",
        "staff:cmd_audit_verify",
        "check the audit hash chain, every fact against its entry, and the chain's length",
        audit,
    )
    verify.add_argument("--head", help="a head printed on a Z report (SEQ:HASH, e.g. 1234:9f3a2c1b) to check against")

    printing = commands.add_parser("print", help="the print queue, reprints and PDF receipts").add_subparsers(
        dest="print_command", metavar="ACTION", required=True
    )
    add("retry", "printing:cmd_retry", "send what waits in the print queue", printing)
    add("jobs", "printing:cmd_jobs", "list print jobs with their id and state", printing)
    again = add(
        "again",
        "printing:cmd_again",
        "print a job that may have printed again, as a COPY (asks the PIN)",
        printing,
    )
    again.add_argument("job", help="the job's id, from 'popup-pos print jobs'")
    again.add_argument("--staff", required=True, help="who checked the paper")
    confirm = add(
        "confirm", "printing:cmd_confirm", "mark a job that may have printed as printed (asks the PIN)", printing
    )
    confirm.add_argument("job", help="the job's id, from 'popup-pos print jobs'")
    confirm.add_argument("--staff", required=True, help="who checked the paper")
    add("usb", "printing:cmd_usb", "list the USB printers this computer sees (for the printer settings)", printing)
    reprint = add("reprint", "printing:cmd_reprint", "print a copy of a past receipt (asks the PIN)", printing)
    reprint.add_argument("receipt", help="receipt number, e.g. A-000012")
    reprint.add_argument("--staff", required=True, help="who reprints it")
    pdf = add("pdf", "printing:cmd_pdf", "save a receipt as PDF", printing)
    pdf.add_argument("receipt")
    pdf.add_argument("out")
    pdf.add_argument("--a4", action="store_true", help="A4 page instead of an 80 mm roll")

    printer = commands.add_parser("printer", help="the receipt printer: settings, test page, state").add_subparsers(
        dest="printer_command", metavar="ACTION", required=True
    )
    printer_set = add("set", "printer:cmd_set", "change the printer's settings; the rest stay (asks the PIN)", printer)
    printer_set.add_argument("--kind", help="network, usb, serial, file (a device file such as /dev/usb/lp0) or none")
    printer_set.add_argument("--host", help="a network printer's address, e.g. 192.168.1.50")
    printer_set.add_argument("--port", type=int, help="a network printer's port (usually 9100)")
    printer_set.add_argument(
        "--usb", metavar="VENDOR:PRODUCT", help="a USB printer, e.g. 04b8:0202 (popup-pos print usb)"
    )
    printer_set.add_argument("--device", help="a serial port or device file, e.g. /dev/ttyUSB0 or /dev/usb/lp0")
    printer_set.add_argument("--baud", type=int, help="a serial printer's speed: 9600, 19200, 38400, 57600 or 115200")
    printer_set.add_argument("--paper", type=int, metavar="MM", help="the roll's width: 58 or 80")
    printer_set.add_argument("--profile", help="a python-escpos printer profile, e.g. TM-T88V (default: default)")
    printer_set.add_argument("--code-page", help="AUTO (per character) or a fixed one such as CP858")
    printer_set.add_argument("--logo", help="a PNG printed at the top of receipts (empty: none)")
    printer_set.add_argument(
        "--qr-as-image",
        action=argparse.BooleanOptionalAction,
        help="send QR codes as images, for printers that cannot draw them",
    )
    printer_set.add_argument("--staff", required=True, help="the manager's name (the PIN is asked)")
    add(
        "test", "printer:cmd_test", "print a test page now and say whether it printed (asks the PIN)", printer
    ).add_argument("--staff", required=True, help="who prints it")
    add("status", "printer:cmd_status", "the settings, the last job, jobs waiting and jobs in doubt", printer)

    cash = commands.add_parser("cash", help="the cash session: open, cash in and out, close, status").add_subparsers(
        dest="cash_command", metavar="ACTION", required=True
    )
    count_help = "VALUE=PIECES of one coin or note, value in major units (repeat), e.g. --count 20=3 --count 0.50=10"
    cash_open = add("open", "cash:cmd_open", "open the session with the float counted (asks the PIN)", cash)
    cash_open.add_argument("--staff", required=True, help="who counts the float")
    cash_open.add_argument("--count", action="append", default=[], metavar="VALUE=PIECES", help=count_help)
    cash_in = add("in", "cash:cmd_in", "put cash in the drawer, e.g. more change (asks the PIN)", cash)
    cash_out = add("out", "cash:cmd_out", "take cash out, e.g. a bank drop (asks the PIN; a manager approves)", cash)
    for movement in (cash_in, cash_out):
        movement.add_argument("amount", help="in major units, e.g. 50 or 12.50")
        movement.add_argument("--reason", required=True, help="e.g. bank drop, petty cash for tape, more change")
        movement.add_argument("--staff", required=True, help="who moves the cash")
    cash_out.add_argument("--manager", help="the manager approving it when the staff is not one (their PIN is asked)")
    cash_close = add("close", "cash:cmd_close", "close with a blind count: the Z report with over/short", cash)
    cash_close.add_argument("--staff", required=True, help="who counts the drawer")
    cash_close.add_argument("--count", action="append", default=[], metavar="VALUE=PIECES", help=count_help)
    cash_close.add_argument("--pdf", help="save the Z report as PDF instead of printing it to the terminal")
    add("status", "cash:cmd_status", "the open session and the cash it should hold", cash)

    payment = commands.add_parser("payment", help="how this till takes payment").add_subparsers(
        dest="payment_command", metavar="ACTION", required=True
    )
    card_reference = add(
        "card-reference", "payment:cmd_card_reference", "whether a card payment needs the terminal's reference", payment
    )
    card_reference.add_argument("choice", nargs="?", choices=("required", "optional"), help="omit to show it")
    card_reference.add_argument("--staff", help="the manager changing it (their PIN is asked)")

    enroll = add("enroll", "sync:cmd_enroll", "enroll this (empty) till with a hub, using a one-time code")
    enroll.add_argument("url", help="the hub, e.g. http://192.168.1.10:8765")
    enroll.add_argument("code", help="the one-time code from 'popup-hub till enroll-code'")
    sync_parser = add("sync", "sync:cmd_sync", "send the outbox to the hub and pull its changes")
    sync_parser.add_argument("--once", action="store_true", required=True, help="one round, then exit")

    outbox_parser = commands.add_parser("outbox", help="carry records on a USB stick").add_subparsers(
        dest="outbox_command", metavar="ACTION", required=True
    )
    add("export", "sync:cmd_export", "write the waiting records to a file for the hub", outbox_parser).add_argument(
        "file"
    )
    add("answers", "sync:cmd_answers", "apply the answers file the hub wrote", outbox_parser).add_argument("file")
    feed_parser = commands.add_parser("feed", help="the hub's changes carried on a USB stick").add_subparsers(
        dest="feed_command", metavar="ACTION", required=True
    )
    add(
        "import", "feed:cmd_import", "apply the feed file 'popup-hub feed export' wrote for this till", feed_parser
    ).add_argument("file")

    report = commands.add_parser("report", help="cash, settlement and event reports").add_subparsers(
        dest="report", required=True
    )
    add("x", "reports:cmd_x", "the open cash session so far (nothing counted)", report).add_argument(
        "--pdf", help="save as PDF instead of printing to the terminal"
    )
    report_z = add("z", "reports:cmd_z", "a Z report of a closed cash session (the latest by default)", report)
    report_z.add_argument("number", nargs="?", help="e.g. A-Z0001")
    report_z.add_argument("--list", action="store_true", help="list the Z report numbers")
    report_z.add_argument("--pdf", help="save as PDF instead of printing to the terminal")
    settlement = add("settlement", "reports:cmd_settlement", "what each maker sold and is owed", report)
    settlement.add_argument("--maker", help="only this maker")
    settlement.add_argument("--pdf", metavar="DIR", help="write one PDF statement per maker into DIR")
    settlement.add_argument("--csv", metavar="FILE", help="write every maker's settlement to one CSV file")
    event_report = add(
        "event", "reports:cmd_event", "the event report: sales, makers, tenders, staff, returns, pickups", report
    )
    event_report.add_argument("--pdf", help="save the A4 report with its charts as PDF")
    event_report.add_argument("--csv", metavar="FILE", help="save the report's figures as CSV (the hub's layout)")
    add("export", "reports:cmd_export", "sales, lines, tenders, returns and stock movements as CSV files").add_argument(
        "--csv", metavar="DIR", required=True
    )
    commission = add("commission", "reports:cmd_commission", "the pop-up's commission for settlements (asks the PIN)")
    commission.add_argument("percent", help="e.g. 25 or 12.5")
    target = commission.add_mutually_exclusive_group()
    target.add_argument("--maker", help="for this maker (default: the event's rate for everyone)")
    target.add_argument("--sku", help="for this product (over its maker's rate)")
    commission.add_argument("--staff", required=True, help="the manager's name (the PIN is asked)")
    setting = add("setting", "event_settings:cmd_setting", "set an event setting for every till (asks the PIN)")
    setting.add_argument("key", help="e.g. return_window_days, receipt_footer, cash_rounding_step")
    setting.add_argument("value")
    setting.add_argument("--staff", required=True, help="the manager's name (the PIN is asked)")
    add_pricing_commands(commands, add)
    add_drop_commands(commands, add)
    add_group_buy_commands(commands, add)
    add_consignment_commands(commands, add)
    stock = commands.add_parser("stock", help="goods in from the makers, transfers between places").add_subparsers(
        dest="stock_command", metavar="ACTION", required=True
    )
    items_help = "CODE:QUANTITY (a SKU or barcode), repeat, e.g. ATE-001:12"
    receive = add("receive", "stock:cmd_receive", "receive a maker's delivery at the stall (asks the PIN)", stock)
    receive.add_argument("--maker", required=True, help="the maker who delivered, as the catalog names them")
    receive.add_argument("--note", required=True, help="the delivery note's number")
    receive.add_argument("--staff", required=True, help="the manager receiving it (the PIN is asked)")
    receive.add_argument("items", nargs="+", metavar="CODE:QUANTITY", help=items_help)
    transfer = add(
        "transfer", "stock:cmd_transfer", "move stock between places, e.g. stall to quality_hold (asks the PIN)", stock
    )
    places = "stall, quality_hold, maker (returned unsold), written_off or till:CODE (another till, e.g. till:B)"
    transfer.add_argument("--from", dest="from_place", required=True, help=places)
    transfer.add_argument("--to", dest="to_place", required=True, help=places)
    transfer.add_argument("--reference", help="e.g. the maker's return slip number")
    transfer.add_argument("--staff", required=True, help="the manager moving it (the PIN is asked)")
    transfer.add_argument("items", nargs="+", metavar="CODE:QUANTITY", help=items_help)
    add("deliveries", "stock:cmd_deliveries", "the makers' deliveries received lately", stock)
    add("backup", "setup:cmd_backup", "copy the store consistently, even while the app runs").add_argument("out")
    restore_help = "put a backup of this till back in place of its store (the window must be closed)"
    restore = commands.add_parser("restore", help=restore_help, description=restore_help, parents=[common])
    # Restore replaces the store file, so it runs on the data folder without opening the store.
    restore.set_defaults(folder_handler="setup:cmd_restore")
    restore.add_argument("file", help="a file from 'popup-pos backup' or the data folder's backups/")
    restore.add_argument("--force", action="store_true", help="restore even a backup of another till")
    return parser
