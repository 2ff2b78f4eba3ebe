"""The arguments of ``popup-pos consignment``; its handlers are in app/cli/consignment.py (imported only when run)."""

from __future__ import annotations

import argparse

from app.cli.price_rules_args import Add, Commands

_STAFF = "the manager's name (the PIN is asked)"
_ITEMS = "CODE:QUANTITY (a SKU or barcode), repeat, e.g. BER-003:5"


def add_consignment_commands(commands: Commands[argparse.ArgumentParser], add: Add) -> None:
    consignment = commands.add_parser(
        "consignment",
        help="the makers' consignment: reconcile, quality, hand-back, fees (docs/consignment.md)",
    ).add_subparsers(dest="consignment_command", metavar="ACTION", required=True)
    add("reconcile", "consignment:cmd_reconcile", "received, sold, returned, held, handed back, missing", consignment)
    statement = add(
        "statement", "consignment:cmd_statement", "each maker's statement, as text, PDF or CSV", consignment
    )
    statement.add_argument("--maker", help="only this maker")
    statement.add_argument("--pdf", metavar="DIR", help="write one PDF statement per maker into DIR")
    statement.add_argument("--csv", metavar="FILE", help="write every maker's statement to one CSV file")
    add("held", "consignment:cmd_held", "the items on the quality hold, waiting for a decision", consignment)
    decide = add("decide", "consignment:cmd_decide", "decide for held units (asks the PIN)", consignment)
    decide.add_argument("code", help="the held product's SKU or barcode")
    decide.add_argument("decision", choices=("release", "back_to_maker", "write_off"))
    decide.add_argument("--quantity", type=int, default=1)
    decide.add_argument("--reason", required=True, help="why, e.g. 'glaze cracked'")
    decide.add_argument("--staff", required=True, help=_STAFF)
    back = add("hand-back", "consignment:cmd_hand_back", "hand goods back to their maker (asks the PIN)", consignment)
    back.add_argument("--maker", required=True, help="the maker, as the catalog names them")
    back.add_argument("--held", nargs="*", default=[], metavar="CODE:QUANTITY", help="held units going back too")
    back.add_argument("--pdf", metavar="FILE", help="also save the hand-back note as a PDF")
    back.add_argument("--no-print", action="store_true", help="do not queue the note for the receipt printer")
    back.add_argument("--staff", required=True, help=_STAFF)
    back.add_argument("items", nargs="*", metavar="CODE:QUANTITY", help=_ITEMS + " (from the stall)")
    fees = add("fees", "consignment:cmd_fees", "a maker's fees for the whole event (asks the PIN)", consignment)
    fees.add_argument("maker", help="the maker, as the catalog names them")
    fees.add_argument("--fixed", type=int, default=0, help="a fixed fee in minor units (2500 is 25.00)")
    fees.add_argument("--percent", default="0", help="a percentage of the maker's net revenue")
    fees.add_argument("--card-percent", default="0", help="a percentage of the maker's share of card payments")
    fees.add_argument("--staff", required=True, help=_STAFF)
