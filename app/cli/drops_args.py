"""The arguments of ``popup-pos drops``; its handlers are in app/cli/drops.py (imported only when run)."""

from __future__ import annotations

import argparse

from app.cli.price_rules_args import Add, Commands


def add_drop_commands(commands: Commands[argparse.ArgumentParser], add: Add) -> None:
    drops = commands.add_parser(
        "drops", help="the event's drops: release time, allocation and caps, on every till (docs/drops.md)"
    ).add_subparsers(dest="drops_command", metavar="ACTION", required=True)
    add("list", "drops:cmd_list", "the drops this till holds, with what is left at the counter", drops)
    drop = add("add", "drops:cmd_add", "add or change a drop for every till (asks the PIN)", drops)
    drop.add_argument("--name", required=True, help="the drop's name, as the counter shows it")
    drop.add_argument("--sku", action="append", required=True, help="a SKU of the drop (repeat for each)")
    drop.add_argument(
        "--release",
        required=True,
        help="when it opens, e.g. 2026-12-05T14:00 (in the event's time zone unless one is given, +01:00)",
    )
    drop.add_argument("--online", type=int, default=0, help="units allocated to the online shop")
    drop.add_argument("--counter", type=int, required=True, help="units allocated to the counter")
    drop.add_argument("--per-sale", type=int, default=None, help="at most this many per sale")
    drop.add_argument("--per-customer", type=int, default=None, help="at most this many per customer")
    drop.add_argument("--id", default="", help="the drop's id: changes that drop ('popup-pos drops list' shows it)")
    drop.add_argument("--staff", required=True, help="the manager's name (the PIN is asked)")
