"""The arguments of ``popup-pos pricing``; its handlers are in app/cli/price_rules.py (imported only when run)."""

from __future__ import annotations

import argparse
from typing import Protocol

Commands = argparse._SubParsersAction  # of ArgumentParser (subscripted only in annotations: not at run time)


class Add(Protocol):
    """app/cli/parser.py's ``add``: a subcommand with its ``module:function`` handler."""

    def __call__(
        self, name: str, handler: str, help_text: str, parent: Commands[argparse.ArgumentParser]
    ) -> argparse.ArgumentParser: ...


_TIME = "a date and time, e.g. 2026-12-05T19:00 (in the event's time zone unless one is given, +01:00)"
_STAFF = "the manager's name (the PIN is asked)"


def add_pricing_commands(commands: Commands[argparse.ArgumentParser], add: Add) -> None:
    pricing = commands.add_parser(
        "pricing", help="the event's markdowns and bundles, on every till (docs/pricing_rules.md)"
    ).add_subparsers(dest="pricing_command", metavar="ACTION", required=True)
    listing = add("list", "price_rules:cmd_list", "the price rules this till holds", pricing)
    listing.add_argument("--all", action="store_true", help="withdrawn rules too")

    markdown = add(
        "markdown", "price_rules:cmd_markdown", "add or replace a markdown for every till (asks the PIN)", pricing
    )
    markdown.add_argument("name", help="the rule's name, as the receipt shows it")
    target = markdown.add_mutually_exclusive_group(required=True)
    target.add_argument("--sku", help="one product's SKU")
    target.add_argument("--maker", help="every product of this maker, as the catalog names them")
    target.add_argument("--category", help="every product of this category")
    cut = markdown.add_mutually_exclusive_group(required=True)
    cut.add_argument("--percent", help="the percentage off, more than 0 and at most 100 (30 or 12.5)")
    cut.add_argument("--price", help="the new unit price, e.g. 12.00")
    markdown.add_argument("--from", dest="starts", required=True, help=f"when it starts: {_TIME}")
    markdown.add_argument("--until", dest="ends", required=True, help=f"when it ends: {_TIME}")

    bundle = add("bundle", "price_rules:cmd_bundle", "add or replace a bundle for every till (asks the PIN)", pricing)
    bundle.add_argument("name", help="the rule's name, as the receipt shows it")
    units = bundle.add_mutually_exclusive_group(required=True)
    units.add_argument("--sku", action="append", help="a SKU the bundle takes (repeat for each)")
    units.add_argument("--category", help="any product of this category (mix and match)")
    bundle.add_argument("--count", type=int, required=True, help="how many units make a bundle, 2 or more")
    bundle.add_argument("--price", required=True, help="the bundle's price, e.g. 10.00")
    bundle.add_argument("--from", dest="starts", default="", help=f"when it starts (optional): {_TIME}")
    bundle.add_argument("--until", dest="ends", default="", help=f"when it ends (optional): {_TIME}")
    for command in (markdown, bundle):
        command.add_argument("--id", default="", help="the rule's id; an existing id replaces that rule")
        command.add_argument("--staff", required=True, help=_STAFF)

    withdraw = add("withdraw", "price_rules:cmd_withdraw", "end a rule on every till (asks the PIN)", pricing)
    withdraw.add_argument("rule_id", help="the rule's id ('popup-pos pricing list' shows it)")
    withdraw.add_argument("--staff", required=True, help=_STAFF)
