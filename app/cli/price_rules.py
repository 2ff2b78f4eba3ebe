"""``popup-pos pricing``: a manager lists, adds and withdraws the event's price rules on this till.

A change made here reaches the hub and every other till at the next sync
(app/services/price_rules.py).
"""

from __future__ import annotations

import argparse

from app.bootstrap import Till
from app.cli.terminal import signed_in

_NEXT_SYNC = "the other tills take it at their next sync"


def cmd_list(args: argparse.Namespace, till: Till) -> int:
    from app.services.price_rules import price_rule_rows

    rows = price_rule_rows(till.uow(), include_withdrawn=args.all)
    if not rows:
        print("No price rules.")
    for row in rows:
        state = "active" if row.active else "withdrawn"
        print(f"{row.rule_id}\t{row.kind}\t{row.name}\t{row.terms}\t{row.window}\t{state}\t{row.changed_by}")
    return 0


def cmd_markdown(args: argparse.Namespace, till: Till) -> int:
    from app.services.price_rules import PriceRuleInput, set_price_rule

    target_kind, target = next(
        (kind, value)
        for kind, value in (("sku", args.sku), ("maker", args.maker), ("category", args.category))
        if value
    )
    staff_id = signed_in(args.staff, till)
    rule = PriceRuleInput(
        kind="markdown",
        name=args.name,
        starts_at=args.starts,
        ends_at=args.ends,
        target_kind=target_kind,
        target=target,
        percent_off=args.percent or "",
        new_price=args.price or "",
        rule_id=args.id,
    )
    row = set_price_rule(rule, staff_id, till.uow())
    print(f"Price rule {row.rule_id} ({row.name}) set on this till; {_NEXT_SYNC}.")
    return 0


def cmd_bundle(args: argparse.Namespace, till: Till) -> int:
    from app.services.price_rules import PriceRuleInput, set_price_rule

    staff_id = signed_in(args.staff, till)
    rule = PriceRuleInput(
        kind="bundle",
        name=args.name,
        starts_at=args.starts,
        ends_at=args.ends,
        count=args.count,
        price=args.price,
        skus=tuple(args.sku or ()),
        category=args.category or "",
        rule_id=args.id,
    )
    row = set_price_rule(rule, staff_id, till.uow())
    print(f"Price rule {row.rule_id} ({row.name}) set on this till; {_NEXT_SYNC}.")
    return 0


def cmd_withdraw(args: argparse.Namespace, till: Till) -> int:
    from app.services.price_rules import withdraw_price_rule

    staff_id = signed_in(args.staff, till)
    row = withdraw_price_rule(args.rule_id, staff_id, till.uow())
    print(f"Price rule {row.rule_id} ({row.name}) withdrawn on this till; {_NEXT_SYNC}.")
    return 0
