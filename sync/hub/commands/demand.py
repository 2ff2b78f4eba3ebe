"""``popup-hub demand list|erase|erasures``: what customers asked for at the counters, and erasing a contact.

The entries are kept by sync/hub/store/demand.py (docs/demand.md).
"""

from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path

from printers.document import Block, Document, Separator, Text
from sync.demand_figures import ProductDemand, is_after
from sync.event_figures_csv import Line, csv_text
from sync.hub.store import HubError, HubStore
from sync.hub.store import demand as kept
from sync.hub.store.enrollment import require_event

CSV_HEADER = (
    "demand_id",
    "recorded_at",
    "till",
    "staff",
    "sku",
    "product",
    "item",
    "quantity",
    "note",
    "sold_out_at",
    "after_sell_out",
    "contact",
    "consent_wording",
    "erased_at",
)


def with_demand(document: Document, products: list[ProductDemand]) -> Document:
    """The event report (``popup-hub report event``, text and PDF) with its "demand after sell-out" at the end."""
    if not products:
        return document
    blocks: list[Block] = [Separator(), Text("Demand after sell-out (asked for at the counters)", bold=True)]
    for product in products:
        what = f"{product.name} ({product.sku})" if product.sku else f"{product.name} (not stocked)"
        blocks.append(Text(f"  {what}: asked for {product.times} times, {product.units} units"))
        sold_out = kept.sell_out_line(product)
        if sold_out:
            blocks.append(Text(f"    {sold_out}"))
    return dataclasses.replace(document, blocks=(*document.blocks, *blocks))


def run_demand(store: HubStore, args: argparse.Namespace) -> None:
    if args.action == "list":
        with store.engine.connect() as connection:
            require_event(connection, args.event)
            products = kept.product_demand(connection, args.event)
            rows = kept.demand_rows(connection, args.event) if args.csv else []
        if args.csv:
            _write_csv(Path(args.csv), rows, products)
            print(f"{len(rows)} demand entries written to {args.csv}")
            return
        if not products:
            print("No demand recorded at this event yet.")
        for product in products:
            sku = product.sku or "-"
            sold_out = kept.sell_out_line(product) or "not sold out"
            print(f"{sku}\t{product.name}\t{product.times} times\t{product.units} units\t{sold_out}")
            for contact in product.contacts:
                print(f"\tnotify when back: {contact}")
    elif args.action == "erase":
        with store.engine.begin() as connection:
            erased = kept.erase_contact(connection, args.contact, args.by, args.reason)
        print(
            f"Erasure {erased.erasure_id}: the contact was removed from {erased.entries} demand entries "
            f"and {erased.deliveries} webhook deliveries; the demand itself is kept without it."
        )
    else:
        with store.engine.connect() as connection:
            for row in kept.erasures(connection):
                print(f"{row['erased_at']}\t{row['entries']} entries\tby {row['requested_by']}\t{row['reason']}")


def _cell(value: object) -> str | int:
    if value is None:
        return ""
    return value if isinstance(value, int) else str(value)


def _write_csv(target: Path, rows: list[dict[str, object]], products: list[ProductDemand]) -> None:
    sold_out = {product.sku: product.sold_out_at for product in products if product.sku and product.sold_out_at}
    lines: list[Line] = []
    for row in rows:
        at = sold_out.get(str(row["sku"])) if row["sku"] else None
        after = "" if at is None else int(is_after(str(row["recorded_at"]), at))
        lines.append(
            tuple(
                _cell(value)
                for value in (
                    row["id"],
                    row["recorded_at"],
                    row["till_code"],
                    row["staff_name"],
                    row["sku"],
                    row["product_name"],
                    row["item"],
                    row["quantity"],
                    row["note"],
                    at,
                    after,
                    row["contact"],
                    row["consent_wording"],
                    row["erased_at"],
                )
            )
        )
    try:
        target.write_bytes(("\ufeff" + csv_text(CSV_HEADER, lines)).encode())
    except OSError as error:
        raise HubError(f"Cannot write {target}: {error.strerror}. Choose a folder you can write to.") from None


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser("demand", help="what customers asked for at the counters; erasing a contact")
    demand = actions.add_subparsers(dest="action", required=True)
    listed = demand.add_parser("list", help="an event's demand per product, its sell-out, the contacts to notify")
    listed.add_argument("--event", required=True, help="the event id")
    listed.add_argument("--csv", help="write every entry to this CSV file (UTF-8) instead")
    erase = demand.add_parser("erase", help="remove a customer's contact everywhere on the hub, on request")
    erase.add_argument("--contact", required=True, help="the email or phone number the customer gave")
    erase.add_argument("--by", required=True, help="who handles the request, for the audit of erasures")
    erase.add_argument("--reason", default="erasure requested by the customer", help="why, for the audit")
    demand.add_parser("erasures", help="the audit of erasures (never the contacts)")
    for command in demand.choices.values():
        command.set_defaults(run=run_demand)
