"""``popup-hub makers reconcile|statement|fees|paid|due``: each maker's consignment, event-wide.

The figures come from every till's pushed records (sync/hub/store/consignment.py), by the rules every
till uses (sync/consignment.py); fees and the payout's state are set here or on a till and reach every
till at its next sync (docs/consignment.md).
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from printers.document import Align, Block, Document, DocumentKind, Row, Separator, Text
from sync.consignment import STATEMENT_HEADER, Reconciliation, Statement, statement_rows
from sync.event_figures_csv import csv_text
from sync.hub.reports_pdf import as_pdf, as_text, money
from sync.hub.store import HubError, HubStore
from sync.hub.store import consignment as kept
from sync.hub.store.reports import EventHeading, heading
from sync.maker_settlements import percent

_NEXT_SYNC = "every till has it at its next sync"


def reconciliation_text(reconciliations: Sequence[Reconciliation]) -> str:
    lines = ["maker\tsku\treceived\tsold\treturned\theld\twritten_off\thanded_back\tmissing"]
    for found in reconciliations:
        for line in found.lines:
            counts = (line.delivered, line.sold, line.returned, line.held, line.written_off, line.handed_back)
            lines.append("\t".join(str(value) for value in (found.maker, line.sku, *counts, line.missing)))
    return "\n".join(lines) + "\n"


def statement_document(event: EventHeading, statements: Sequence[Statement]) -> Document:
    def fmt(amount: int) -> str:
        return money(amount, event.currency)

    blocks: list[Block] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
        Text("Maker statements: every till's records on the hub", Align.CENTER),
        Text(event.place, Align.CENTER),
    ]
    for statement in statements:
        units = statement.reconciliation
        terms = statement.terms
        blocks += [Separator(), Text(statement.maker, bold=True)]
        for label, name in (
            ("Received", "delivered"),
            ("Sold", "sold"),
            ("Returned by customers", "returned"),
            ("Held for quality", "held"),
            ("Handed back", "handed_back"),
            ("Written off", "written_off"),
            ("Missing", "missing"),
        ):
            blocks.append(Row(f"  {label}", str(units.total(name))))
        blocks += [
            Row("  Revenue", fmt(statement.revenue)),
            Row("  Returns", fmt(-statement.refunds)),
            Row("  Commission", fmt(-statement.commission)),
            Row("  Fixed fee", fmt(-statement.fixed_fee)),
            Row(f"  Fee {percent(terms.fee_rate)}", fmt(-statement.percentage_fee)),
            Row(f"  Card fee {percent(terms.card_fee_rate)}", fmt(-statement.card_fee)),
            Row("  PAYOUT", fmt(statement.payout), bold=True),
            Text(
                f"  Paid on {terms.paid_on}, reference {terms.payout_reference}"
                if terms.payout_state == "paid"
                else "  Payout due"
            ),
            Text(f"  Defect rate {percent(units.defect_rate.quantize(Decimal('0.0001')))}"),
        ]
    return Document(DocumentKind.MAKER_SETTLEMENT, f"{event.name} maker statements", tuple(blocks), cut=False)


def run_makers(store: HubStore, args: argparse.Namespace) -> None:
    if args.action in ("fees", "paid", "due"):
        with store.engine.begin() as connection:
            if args.action == "fees":
                kept.set_fees(connection, args.event, args.maker, args.fixed, args.percent, args.card_percent)
                print(f"Fees of {args.maker} set; {_NEXT_SYNC}.")
            elif args.action == "paid":
                kept.mark_paid(connection, args.event, args.maker, args.on, args.reference)
                print(f"Payout of {args.maker} marked paid on {args.on} ({args.reference}); {_NEXT_SYNC}.")
            else:
                kept.mark_due(connection, args.event, args.maker)
                print(f"Payout of {args.maker} is due again; {_NEXT_SYNC}.")
        return
    with store.engine.connect() as connection:
        event = heading(connection, args.event)
        if args.action == "reconcile":
            print(reconciliation_text(kept.reconciliations(connection, args.event)), end="")
            return
        statements = kept.maker_statements(connection, args.event, args.maker)
    document = statement_document(event, statements)
    if args.csv:
        _write(Path(args.csv), ("\ufeff" + csv_text(STATEMENT_HEADER, statement_rows(statements))).encode())
        print(f"statements written to {args.csv}")
    if args.pdf:
        _write(Path(args.pdf), as_pdf(document))
        print(f"statements written to {args.pdf}")
    if not args.csv and not args.pdf:
        print(as_text(document), end="")


def _write(path: Path, data: bytes) -> None:
    try:
        path.write_bytes(data)
    except OSError as error:
        raise HubError(f"Cannot write {path}: {error.strerror}.") from None


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    makers = commands.add_parser("makers", help="each maker's consignment, fees and payout").add_subparsers(
        dest="action", required=True
    )
    event_help = "the event id ('popup-hub event create' prints it)"
    reconcile = makers.add_parser("reconcile", help="received, sold, returned, held, handed back, missing")
    statement = makers.add_parser("statement", help="each maker's statement, as text, PDF or CSV")
    statement.add_argument("--maker", help="only this maker")
    statement.add_argument("--pdf", help="write an A4 PDF to this file")
    statement.add_argument("--csv", help="write a CSV file (UTF-8, amounts in minor units)")
    fees = makers.add_parser("fees", help="a maker's fees beside the commission")
    fees.add_argument("maker", help="the maker's name as the catalog spells it")
    fees.add_argument("--fixed", type=int, default=0, help="a fixed fee in minor units (2500 is 25.00)")
    fees.add_argument("--percent", default="0", help="a percentage of the maker's net revenue")
    fees.add_argument("--card-percent", default="0", help="a percentage of the maker's share of card payments")
    paid = makers.add_parser("paid", help="mark a maker's payout paid")
    paid.add_argument("maker")
    paid.add_argument("--on", required=True, help="the day it was paid, 2026-12-24")
    paid.add_argument("--reference", required=True, help="the payment's reference")
    due = makers.add_parser("due", help="a payout marked paid by mistake is due again")
    due.add_argument("maker")
    for parser in (reconcile, statement, fees, paid, due):
        parser.add_argument("--event", required=True, help=event_help)
    makers.required = True
    commands.choices["makers"].set_defaults(run=run_makers)
