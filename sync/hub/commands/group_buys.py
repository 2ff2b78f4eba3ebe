"""``popup-hub groupbuys add|list|commitments|close``: group buys, their progress and their close.

The windows and their commitments are kept in sync/hub/store/group_buys.py
(docs/group_buys.md); the admin API calls the same functions.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from sqlalchemy import select

from sync.catalog_rows import parse_minor
from sync.hub.store import HubError, HubStore
from sync.hub.store import group_buys as kept
from sync.hub.store.schema import events
from sync.pickup_codes import private_key_from_pem


def _key(path: str | None) -> bytes | None:
    if not path:
        return None
    try:
        return private_key_from_pem(Path(path).read_bytes())
    except ValueError:
        raise HubError(f"{path} is not an Ed25519 private key: use the file 'popup-hub keys create' wrote.") from None


def run_group_buys(store: HubStore, args: argparse.Namespace) -> None:
    if args.action == "add":
        with store.engine.begin() as connection:
            currency = connection.scalar(select(events.c.currency).where(events.c.id == args.event))
            if currency is None:
                raise HubError(f"No event {args.event} on this hub: 'popup-hub event create' prints the ids.")
            added = kept.add_group_buy(
                connection,
                args.event,
                name=args.name,
                sku=args.sku,
                minimum=args.minimum,
                deadline=args.deadline,
                price=parse_minor(args.price, str(currency)),
                payment=args.payment,
            )
        print(f"{added.group_buy_id}\t{added.name}: tills take commitments from their next sync.")
    elif args.action == "list":
        with store.engine.connect() as connection:
            for group_buy in kept.list_group_buys(connection, args.event):
                print(
                    f"{group_buy.group_buy_id}\t{group_buy.name}\t{group_buy.sku}\t"
                    f"{group_buy.committed} of {group_buy.minimum}\tcloses {group_buy.deadline}\t{group_buy.state}"
                )
    elif args.action == "commitments":
        with store.engine.connect() as connection:
            for row in kept.commitments(connection, args.event, args.group_buy_id):
                late = "\tlate" if row["late"] else ""
                order = f"\t{row['order_number']}" if row["order_number"] else ""
                print(f"{row['receipt_no']}\t{row['quantity']}\t{row['contact']}\t{row['state']}{order}{late}")
    else:
        with store.engine.begin() as connection:
            closed = kept.close_group_buy(connection, args.event, args.group_buy_id, _key(args.key))
        group_buy = closed.group_buy
        if not closed.closed_now:
            print(f"{group_buy.name} was already closed: {group_buy.state}.")
        elif group_buy.state == "reached":
            print(
                f"{group_buy.name} reached ({group_buy.committed} of {group_buy.minimum}): "
                f"{closed.pickup_orders} pickup order(s) made; the marketplace sends each code."
            )
        else:
            print(
                f"{group_buy.name} missed ({group_buy.committed} of {group_buy.minimum}): "
                f"{closed.refunds_due} commitment(s) to refund at the returns desk or online."
            )


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser("groupbuys", help="group buys: commitments at the counter, closed by the hub")
    group_buys = actions.add_subparsers(dest="action", required=True)
    add = group_buys.add_parser("add", help="open a group buy; tills take commitments until its deadline")
    add.add_argument("--name", required=True, help="what the customers commit to, e.g. 'Hand-thrown teapot'")
    add.add_argument("--sku", required=True, help="the product made if the minimum is reached")
    add.add_argument("--minimum", type=int, required=True, help="units to commit for it to go ahead")
    add.add_argument("--deadline", required=True, help="ISO date and time with its zone, e.g. 2026-12-06T18:00+01:00")
    add.add_argument("--price", required=True, help="what one unit's commitment costs at the counter, e.g. 20.00")
    add.add_argument("--payment", default="deposit", help="deposit or full (default deposit)")
    group_buys.add_parser("list", help="the group buys and their progress")
    listed = group_buys.add_parser("commitments", help="a group buy's commitments, with the customers' contacts")
    listed.add_argument("group_buy_id")
    close = group_buys.add_parser("close", help="decide at or after the deadline: pickup orders or refunds")
    close.add_argument("group_buy_id")
    close.add_argument(
        "--key",
        default=os.environ.get("POPUP_HUB_SIGNING_KEY"),
        help="the private key (PEM) signing the pickup codes if it is reached; default $POPUP_HUB_SIGNING_KEY",
    )
    for command in group_buys.choices.values():
        command.add_argument("--event", required=True, help="the event id")
        command.set_defaults(run=run_group_buys)
