"""``popup-hub drops add|list|move``: micro-drops of an event (sync/hub/store/drops.py, docs/drops.md)."""

from __future__ import annotations

import argparse
from dataclasses import replace

from printers.document import Block, Document, Row, Separator, Text
from sync.drop_figures import DropFigures
from sync.hub.store import HubError, HubStore
from sync.hub.store.drops import DropTerms, drop_figures, move_allocation, save_drop


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser(
        "drops", help="timed releases with an online/counter allocation and caps"
    ).add_subparsers(dest="action", required=True)
    add = actions.add_parser("add", help="set a drop (or replace one with --id); prints its id")
    add.add_argument("--event", required=True, help="the event id")
    add.add_argument("--id", default=None, help="replace this drop's terms (its sales so far stay counted)")
    add.add_argument("--name", required=True, help="as the counter shows it, e.g. 'Speckled mugs'")
    add.add_argument("--sku", action="append", required=True, help="a SKU of the drop; repeat for each")
    add.add_argument("--release", required=True, help="ISO 8601 with its offset, e.g. 2026-12-05T14:00:00+01:00")
    add.add_argument("--online", type=int, required=True, help="units allocated to the online shop")
    add.add_argument("--counter", type=int, required=True, help="units allocated to the counter (all tills)")
    add.add_argument("--per-sale", type=int, default=None, help="at most this many units in one sale")
    add.add_argument("--per-customer", type=int, default=None, help="at most this many units per customer")
    add.set_defaults(run=run_add)
    listing = actions.add_parser("list", help="the event's drops: allocation, sold at the counter, sell-through")
    listing.add_argument("--event", required=True, help="the event id")
    listing.set_defaults(run=run_list)
    move = actions.add_parser("move", help="move unsold units online -> counter (positive) or back (negative)")
    move.add_argument("drop_id")
    move.add_argument("units", type=int, help="e.g. 5 to the counter, -5 back online")
    move.add_argument("--event", required=True, help="the event id")
    move.set_defaults(run=run_move)


def run_add(store: HubStore, args: argparse.Namespace) -> None:
    terms = DropTerms(
        name=args.name,
        skus=tuple(args.sku),
        release_at=args.release,
        online_allocation=args.online,
        counter_allocation=args.counter,
        per_sale_cap=args.per_sale,
        per_customer_cap=args.per_customer,
    )
    with store.engine.begin() as connection:
        state = save_drop(connection, args.event, terms, args.id)
    print(state.change.drop_id)


def run_move(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        state = move_allocation(connection, args.event, args.drop_id, args.units)
    change = state.change
    print(f"{change.name}: {change.online_allocation} online, {change.counter_allocation} at the counter.")


def run_list(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        figures = drop_figures(connection, args.event)
    if not figures:
        raise HubError("No drop at this event yet: add one with 'popup-hub drops add'.")
    print("\n".join(drops_table(figures)))


def drops_table(figures: list[DropFigures]) -> list[str]:
    header = ["id", "name", "release", "online", "counter", "sold", "sell-through", "sold out after"]
    rows = [
        [
            item.drop_id,
            item.name,
            item.release_at,
            str(item.online_allocation),
            str(item.counter_allocation),
            str(item.counter_sold),
            f"{item.sell_through:.0%}" if item.sell_through is not None else "-",
            _duration(item.sold_out_after_seconds),
        ]
        for item in figures
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    ]


def _duration(seconds: int | None) -> str:
    if seconds is None:
        return "-"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}h{rest // 60:02d}m" if hours else f"{rest // 60}m{rest % 60:02d}s"


def with_drops(document: Document, figures: list[DropFigures]) -> Document:
    """The event report with its drops: sold at the counter over the counter's allocation (sell-through) and
    the time from the release to the last unit of the allocation; text and PDF alike."""
    if not figures:
        return document
    blocks: list[Block] = [Separator(), Text("Drops (sold at the counter / allocated there)", bold=True)]
    for item in figures:
        through = f"{item.sell_through:.0%}" if item.sell_through is not None else "-"
        after = _duration(item.sold_out_after_seconds)
        blocks.append(
            Row(
                f"  {item.name}: {item.counter_sold} / {item.counter_allocation} ({through})",
                f"sold out after {after}" if item.sold_out_after_seconds is not None else "not sold out",
            )
        )
    return replace(document, blocks=(*document.blocks, *blocks))
