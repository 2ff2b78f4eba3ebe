"""``popup-pos consignment``: each maker's reconciliation and statement, quality decisions, hand-back, fees."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.cli.stock import items
from app.cli.terminal import signed_in
from app.domain.consignment import parse_outcome
from app.domain.errors import InvalidInput
from app.services.consignment import decide_quality, hand_back, held_items, maker_statements, reconciliations
from app.services.consignment_documents import export_hand_back_pdf, export_statements, print_hand_back
from app.services.consignment_terms import set_maker_fees
from sync.consignment import STATEMENT_HEADER, statement_rows


def cmd_reconcile(_args: argparse.Namespace, till: Till) -> int:
    found = reconciliations(till.uow())
    if not found:
        print("No maker's delivery received at this event yet: 'popup-pos stock receive' books one.")
        return 0
    print("maker\tsku\treceived\tsold\treturned\theld\twritten_off\thanded_back\tmissing")
    for reconciliation in found:
        for line in reconciliation.lines:
            counts = (line.delivered, line.sold, line.returned, line.held, line.written_off, line.handed_back)
            print("\t".join(str(value) for value in (line.maker, line.sku, *counts, line.missing)))
    return 0


def cmd_statement(args: argparse.Namespace, till: Till) -> int:
    if args.pdf or args.csv:
        pdf = Path(args.pdf).expanduser() if args.pdf else None
        csv_file = Path(args.csv).expanduser() if args.csv else None
        for path in export_statements(till.uow(), pdf, csv_file, args.maker):
            print(f"Saved {path}")
        return 0
    print("\t".join(STATEMENT_HEADER))
    for row in statement_rows(maker_statements(till.uow(), args.maker)):
        print("\t".join(str(value) for value in row))
    return 0


def cmd_held(_args: argparse.Namespace, till: Till) -> int:
    held = held_items(till.uow())
    if not held:
        print("Nothing is on the quality hold.")
    for item in held:
        print(f"{item.sku}\t{item.held}\t{item.name} ({item.maker})")
    return 0


def cmd_decide(args: argparse.Namespace, till: Till) -> int:
    outcome = parse_outcome(args.decision)
    if args.quantity < 1:
        raise InvalidInput("A decision is for 1 unit or more.")
    staff_id = signed_in(args.staff, till)
    decide_quality(args.code, args.quantity, outcome, args.reason, staff_id, till.uow())
    print(f"{args.quantity} x {args.code}: {outcome.value} ({args.reason}).")
    return 0


def cmd_hand_back(args: argparse.Namespace, till: Till) -> int:
    goods, held = items(args.items), items(args.held)
    staff_id = signed_in(args.staff, till)
    note = hand_back(args.maker, goods, staff_id, till.uow(), held=held)
    print(f"Hand-back note {note.number}: {note.units} unit(s) back to {note.maker}.")
    for line in note.lines:
        print(f"  {line.sku}  {line.quantity:>5}  {line.name} (from {line.place})")
    if not args.no_print:
        print_hand_back(note.number, till.uow())
        print("The note is queued for the receipt printer, with a line for the maker's signature.")
    if args.pdf:
        print(f"Saved {export_hand_back_pdf(note.number, Path(args.pdf).expanduser(), till.uow())}")
    return 0


def cmd_fees(args: argparse.Namespace, till: Till) -> int:
    staff_id = signed_in(args.staff, till)
    change = set_maker_fees(args.maker, args.fixed, args.percent, args.card_percent, staff_id, till.uow())
    print(f"Fees of {change.maker} set for every till of the event (after the next sync).")
    return 0
