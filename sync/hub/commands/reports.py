"""``popup-hub report event|settlement|z --event E [--pdf FILE] [--csv FILE]``: the authoritative reports.

Read from the hub's database (every till's pushed records), as text on the
standard output unless a PDF or a CSV file is asked for.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from sync.event_figures_csv import EVENT_HEADER, SETTLEMENT_HEADER, Line, csv_text, event_rows, settlement_rows
from sync.hub.commands.demand import with_demand
from sync.hub.commands.drops import with_drops
from sync.hub.reports_pdf import as_pdf, as_text, event_document, settlement_document, z_document
from sync.hub.store import HubError, HubStore
from sync.hub.store import reports as figures_store
from sync.hub.store.demand import product_demand
from sync.hub.store.drops import drop_figures
from sync.hub.store.reports import ZReport

Z_HEADER = (
    "till",
    "session",
    "number",
    "opened_at",
    "closed_at",
    "closed_by",
    "sales",
    "sales_minor",
    "card_minor",
    "voucher_minor",
    "returns",
    "refunds_minor",
    "expected_minor",
    "counted_minor",
    "over_short_minor",
)


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = commands.add_parser("report", help="the event's reports from every till's records")
    report.add_argument("kind", choices=("event", "settlement", "z"), help="which report")
    report.add_argument("--event", required=True, help="the event's id")
    report.add_argument("--pdf", help="write an A4 PDF to this file instead of text")
    report.add_argument("--csv", help="write a CSV file (UTF-8, amounts in minor units) instead of text")
    report.set_defaults(run=run_report)


def run_report(store: HubStore, args: argparse.Namespace) -> None:
    # Sections printed after the text report (the drops are in the document itself, so in the PDF too).
    drops: list[str] = []
    with store.engine.connect() as connection:
        heading = figures_store.heading(connection, args.event)
        if args.kind == "event":
            figures = figures_store.figures(connection, args.event)
            document = with_drops(event_document(heading, figures), drop_figures(connection, args.event))
            document = with_demand(document, product_demand(connection, args.event))
            header: Sequence[str] = EVENT_HEADER
            rows: list[Line] = event_rows(figures, heading.currency)
        elif args.kind == "settlement":
            settlements, note = figures_store.settlements(connection, args.event)
            document = settlement_document(heading, settlements, note)
            header, rows = SETTLEMENT_HEADER, settlement_rows(settlements)
            if args.pdf or args.csv:
                print(note)
        else:
            reports = figures_store.z_reports(connection, args.event)
            document = z_document(heading, reports)
            header, rows = Z_HEADER, [z_row(z) for z in reports]
    if not args.pdf and not args.csv:
        print(as_text(document), end="")
        if drops:
            print("\n".join(drops))
    if args.pdf:
        _write(Path(args.pdf), as_pdf(document))
        print(f"{args.kind} report written to {args.pdf}")
    if args.csv:
        _write(Path(args.csv), ("\ufeff" + csv_text(header, rows)).encode())
        print(f"{args.kind} report written to {args.csv}")


def z_row(z: ZReport) -> Line:
    return (
        z.till_code,
        z.session_number,
        z.number,
        z.opened_at,
        z.closed_at,
        z.closed_by,
        z.sales,
        z.sales_total,
        z.card_total,
        z.voucher_total,
        z.returns,
        z.refunds_total,
        z.expected,
        z.counted,
        z.over_short,
    )


def _write(target: Path, data: bytes) -> None:
    try:
        target.write_bytes(data)
    except OSError as error:
        raise HubError(f"Cannot write {target}: {error.strerror}. Choose a folder you can write to.") from None
