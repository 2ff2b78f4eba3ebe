"""``popup-pos report``, ``export`` and ``commission``."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.cli.terminal import ProgressLine, print_document, signed_in
from app.domain.errors import NotFound
from app.services.cash import cash_report_document, x_report, z_numbers, z_report
from app.services.event_export import export_csv, export_report_csv, export_settlements_csv
from app.services.event_report import event_report
from app.services.event_report_pdf import event_report_pdf
from app.services.setup import till_status


def cmd_x(args: argparse.Namespace, till: Till) -> int:
    event = till_status(till.uow()).event
    print_document(cash_report_document(x_report(till.uow()), event), args.pdf)
    return 0


def cmd_z(args: argparse.Namespace, till: Till) -> int:
    numbers = z_numbers(till.uow())
    if args.list:
        print("\n".join(numbers) if numbers else "No Z report yet: close a cash session first.")
        return 0
    if not args.number and not numbers:
        raise NotFound("No Z report yet: close a cash session first.")
    report = z_report(args.number or numbers[-1], till.uow())
    print_document(cash_report_document(report, till_status(till.uow()).event), args.pdf)
    return 0


def cmd_commission(args: argparse.Namespace, till: Till) -> int:
    from app.services.settlements import set_commission

    staff_id = signed_in(args.staff, till)
    set_commission(args.percent, staff_id, till.uow(), maker=args.maker, sku=args.sku)
    print(f"Commission {args.percent}% set for {args.sku or args.maker or 'the event (default)'}.")
    return 0


def cmd_settlement(args: argparse.Namespace, till: Till) -> int:
    from app.services.settlements import export_settlement_pdfs, maker_settlements, settlement_document

    if args.pdf:
        for path in export_settlement_pdfs(Path(args.pdf), till.uow(), args.maker):
            print(f"Saved {path}")
        return 0
    if args.csv:
        print(f"Saved {export_settlements_csv(Path(args.csv).expanduser(), till.uow())}")
        return 0
    event = till_status(till.uow()).event
    settlements = maker_settlements(till.uow())
    for settlement in settlements:
        if args.maker is None or settlement.maker_name.casefold() == args.maker.casefold():
            print_document(settlement_document(settlement, event), None)
            print()
    return 0


def cmd_event(args: argparse.Namespace, till: Till) -> int:
    if args.pdf:
        with ProgressLine("steps") as progress:
            saved = event_report_pdf(Path(args.pdf).expanduser(), till.uow(), progress)
        print(f"Saved {saved}")
        return 0
    if args.csv:
        print(f"Saved {export_report_csv(Path(args.csv).expanduser(), till.uow())}")
        return 0
    report = event_report(till.uow())
    totals, fmt = report.totals, report.event.format
    print(
        f"{report.event.name}, till {report.till_code}: {totals.sales:,} sales, {fmt(totals.sales_total)}; "
        f"{totals.returns:,} returns, {fmt(totals.refunds)} refunded; net {fmt(totals.net)}."
    )
    for reach in report.reach:
        went = (
            "up to now"
            if reach.this_till or not reach.last_at
            else f"up to {report.event.format_datetime(reach.last_at)}"
        )
        print(f"Till {reach.till_code}: {reach.records:,} sales and returns, {went}.")
    for item in report.group_buys:
        # The commitments' money is in the sales above (custom-amount lines): shown again, not added.
        print(
            f"Group buy {item.name} ({item.sku}), {item.outcome}: {item.units:,} of {item.minimum:,} units, "
            f"{fmt(item.amount)} committed (in the sales above); {item.late:,} late; refunds due "
            f"{fmt(item.refunds_due_amount)}, done {fmt(item.refunds_done_amount)}; {item.orders:,} pickup orders."
        )
    for drop in report.drops:
        through = f"{drop.sell_through:.0%}" if drop.sell_through is not None else "-"
        seconds = drop.sold_out_after_seconds
        after = "not sold out" if seconds is None else f"sold out after {seconds // 3600}h{seconds % 3600 // 60:02d}m"
        print(
            f"Drop {drop.name}: {drop.counter_sold} / {drop.counter_allocation} sold at the counter "
            f"({through}), {after}."
        )
    return 0


def cmd_export(args: argparse.Namespace, till: Till) -> int:
    with ProgressLine("rows") as progress:
        paths = export_csv(Path(args.csv).expanduser(), till.uow(), progress)
    for path in paths:
        print(f"Saved {path}")
    return 0
