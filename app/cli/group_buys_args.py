"""The arguments of ``popup-pos groupbuys``; its handlers are in app/cli/group_buys.py (imported only when run)."""

from __future__ import annotations

import argparse

from app.cli.price_rules_args import Add, Commands

_TIME = "a date and time, e.g. 2026-12-06T18:00 (in the event's time zone unless one is given, +01:00)"
_STAFF = "the manager's name (the PIN is asked)"


def add_group_buy_commands(commands: Commands[argparse.ArgumentParser], add: Add) -> None:
    group_buys = commands.add_parser(
        "groupbuys", help="the event's group buys, opened by a manager here or on the hub (docs/group_buys.md)"
    ).add_subparsers(dest="groupbuys_command", metavar="ACTION", required=True)
    add("list", "group_buys:cmd_list", "the group buys this till knows, with their progress", group_buys)

    opened = add(
        "add", "group_buys:cmd_add", "open a group buy for every till, or change one (asks the PIN)", group_buys
    )
    opened.add_argument("name", help="the group buy's name, e.g. 'Teapot run'")
    opened.add_argument("--sku", required=True, help="the SKU of the product it makes")
    opened.add_argument("--minimum", type=int, required=True, help="the units to commit for it to go ahead")
    opened.add_argument("--deadline", required=True, help=f"when the window closes: {_TIME}")
    opened.add_argument("--price", required=True, help="what one unit's commitment costs at the counter, e.g. 20.00")
    opened.add_argument("--payment", choices=("deposit", "full"), default="deposit", help="a deposit or the full price")
    opened.add_argument("--id", default="", help="an open group buy's id to change it ('groupbuys list' shows it)")
    opened.add_argument("--staff", required=True, help=_STAFF)

    cancel = add(
        "cancel", "group_buys:cmd_cancel", "cancel an open group buy before its deadline (asks the PIN)", group_buys
    )
    cancel.add_argument("group_buy_id", help="its id ('popup-pos groupbuys list' shows it)")
    cancel.add_argument("--staff", required=True, help=_STAFF)
