"""``popup-hub pricing``: the event's markdowns and bundles, set once for every till.

Each change is kept and logged on the hub (sync/hub/store/price_rules.py) and
reaches every till at its next sync, where the till's pricing applies it
(docs/pricing_rules.md).
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy import Connection

from sync.hub.store import HubError, HubStore
from sync.hub.store import price_rules as kept
from sync.hub.store.event_settings import require_event
from sync.records.price_rules import PriceRuleChanged

_NEXT_SYNC = "tills take it at their next sync"
_TIME_HELP = "with its time zone, e.g. 2026-12-05T19:00+01:00"


def describe(connection: Connection, event_id: str, rule: PriceRuleChanged) -> str:
    """One line saying what a rule does, as ``pricing list`` prints it."""
    window = f"{rule.starts_at} to {rule.ends_at}" if rule.starts_at else "always"
    if rule.markdown is not None:
        terms = rule.markdown
        cut = (
            f"-{terms.percent_off}%"
            if terms.percent_off is not None
            else f"at {kept.event_money(connection, event_id, terms.new_price or 0)}"
        )
        what = f"markdown {terms.target_kind} {terms.target} {cut}"
    else:
        assert rule.bundle is not None
        which = ",".join(rule.bundle.skus) if rule.bundle.skus else f"category {rule.bundle.category}"
        price = kept.event_money(connection, event_id, rule.bundle.price)
        what = f"bundle {rule.bundle.count} of {which} for {price}"
    state = "active" if rule.active else "withdrawn"
    return f"{rule.rule_id}\t{rule.name}\t{what}\t{window}\t{state}\t{rule.changed_at}\t{rule.changed_by}"


def _markdown(connection: Connection, args: argparse.Namespace) -> dict[str, Any]:
    kind, target = next(
        (kind, value)
        for kind, value in (("sku", args.sku), ("maker", args.maker), ("category", args.category))
        if value
    )
    terms: dict[str, Any] = {"target_kind": kind, "target": target}
    if args.percent is not None:
        terms["percent_off"] = args.percent.strip().rstrip("%").strip().replace(",", ".")
    else:
        terms["new_price"] = kept.minor_amount(connection, args.event, args.price)
    return {"kind": "markdown", "markdown": terms}


def _bundle(connection: Connection, args: argparse.Namespace) -> dict[str, Any]:
    if (args.starts is None) != (args.ends is None):
        raise HubError("Give a bundle both --from and --until, or neither (then it holds until withdrawn).")
    terms: dict[str, Any] = {"count": args.count, "price": kept.minor_amount(connection, args.event, args.price)}
    if args.sku:
        terms["skus"] = args.sku
    else:
        terms["category"] = args.category
    return {"kind": "bundle", "bundle": terms}


def run_pricing(store: HubStore, args: argparse.Namespace) -> None:
    if args.action == "list":
        with store.engine.connect() as connection:
            require_event(connection, args.event)
            for rule in kept.rules(connection, args.event, include_withdrawn=args.all):
                print(describe(connection, args.event, rule))
        return
    if args.action == "history":
        with store.engine.connect() as connection:
            kept.find_rule(connection, args.event, args.rule_id)
            for changed_at, changed_by, source, in_force in kept.history(connection, args.event, args.rule_id):
                print(
                    f"{changed_at}\t{changed_by}\t{source}\t{'in force' if in_force else 'older, kept for the books'}"
                )
        return
    with store.engine.begin() as connection:
        if args.action == "withdraw":
            rule = kept.withdraw_rule(connection, args.event, args.rule_id)
            print(f"Price rule {rule.rule_id} ({rule.name}) withdrawn: {_NEXT_SYNC}.")
            return
        data = _markdown(connection, args) if args.action == "markdown" else _bundle(connection, args)
        data.update(rule_id=args.id, name=args.name, starts_at=args.starts, ends_at=args.ends)
        rule = kept.set_rule(connection, args.event, data)
        print(f"Price rule {rule.rule_id} ({rule.name}) set: {_NEXT_SYNC}.")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    event_help = "the event id ('popup-hub event create' prints it)"
    id_help = "the rule's id (letters, digits, . _ -); an existing id replaces that rule; without it, a new id"
    pricing = commands.add_parser(
        "pricing",
        help="the event's markdowns and bundles, on every till",
        description="Markdowns (a lower price for a while) and bundles (n units for a price) for every till of "
        "an event: each change reaches the tills at their next sync, the latest change of a rule wins, and "
        "'pricing history' shows who changed a rule, when and from where.",
    ).add_subparsers(dest="action", required=True)

    markdown = pricing.add_parser(
        "markdown",
        help="add (or replace) a markdown: a lower price for a while",
        description="A markdown lowers the unit price of one SKU, a maker's products or a category, from --from "
        "(included) to --until (excluded), by a percentage or to a new price. Example: popup-hub pricing markdown "
        "add 'Mugs last hour' --event E --category Mugs --percent 30 --from 2026-12-05T20:00+01:00 "
        "--until 2026-12-05T21:00+01:00",
    )
    markdown.add_argument("verb", choices=("add",), help="add (an existing --id is replaced)")
    markdown.add_argument("name", help="the rule's name, as the receipt shows it")
    target = markdown.add_mutually_exclusive_group(required=True)
    target.add_argument("--sku", help="one product's SKU")
    target.add_argument("--maker", help="every product of this maker (the name as the catalog spells it)")
    target.add_argument("--category", help="every product of this category")
    cut = markdown.add_mutually_exclusive_group(required=True)
    cut.add_argument("--percent", help="the percentage off, more than 0 and at most 100 (30 or 12.5)")
    cut.add_argument("--price", help="the new unit price in major units, e.g. 12.00")
    markdown.add_argument("--from", dest="starts", required=True, help=f"when it starts, {_TIME_HELP}")
    markdown.add_argument("--until", dest="ends", required=True, help=f"when it ends, {_TIME_HELP}")

    bundle = pricing.add_parser(
        "bundle",
        help="add (or replace) a bundle: n units for a price",
        description="A bundle sells --count units (2 or more) of the listed SKUs, or of any product of a "
        "category, for --price. Example: popup-hub pricing bundle add '3 cards for 10' --event E "
        "--category Cards --count 3 --price 10.00",
    )
    bundle.add_argument("verb", choices=("add",), help="add (an existing --id is replaced)")
    bundle.add_argument("name", help="the rule's name, as the receipt shows it")
    units = bundle.add_mutually_exclusive_group(required=True)
    units.add_argument("--sku", action="append", help="a SKU the bundle takes (repeat for each)")
    units.add_argument("--category", help="any product of this category (mix and match)")
    bundle.add_argument("--count", type=int, required=True, help="how many units make a bundle, 2 or more")
    bundle.add_argument("--price", required=True, help="the bundle's price in major units, e.g. 10.00")
    bundle.add_argument("--from", dest="starts", help=f"when it starts (optional), {_TIME_HELP}")
    bundle.add_argument("--until", dest="ends", help=f"when it ends (optional), {_TIME_HELP}")
    for command in (markdown, bundle):
        command.add_argument("--id", help=id_help)

    listing = pricing.add_parser("list", help="the event's price rules in force (--all: withdrawn ones too)")
    listing.add_argument("--all", action="store_true", help="list withdrawn rules too")
    withdraw = pricing.add_parser("withdraw", help="end a rule on every till")
    withdraw.add_argument("rule_id", help="the rule's id ('popup-hub pricing list' shows it)")
    changes = pricing.add_parser("history", help="every change of a rule the hub received: who, when, from where")
    changes.add_argument("rule_id", help="the rule's id")
    for command in pricing.choices.values():
        command.add_argument("--event", required=True, help=event_help)
        command.set_defaults(run=run_pricing)
