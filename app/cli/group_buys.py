"""``popup-pos groupbuys``: a manager lists, opens, changes and cancels the event's group buys on this till.

A change made here reaches the hub and every other till at the next sync
(app/services/group_buy_admin.py); the hub counts the commitments and closes.
"""

from __future__ import annotations

import argparse

from app.bootstrap import Till
from app.cli.terminal import signed_in

_NEXT_SYNC = "the hub and the other tills take it at the next sync"


def cmd_list(_args: argparse.Namespace, till: Till) -> int:
    from app.services.group_buys import group_buy_board

    board = group_buy_board(till.uow())
    if not board.group_buys:
        print("No group buys.")
    for view in board.group_buys:
        group_buy = view.group_buy
        print(f"{group_buy.group_buy_id}\t{group_buy.name}\t{group_buy.sku}\t{view.price_text}\t{view.line}")
    return 0


def cmd_add(args: argparse.Namespace, till: Till) -> int:
    from app.services.group_buy_admin import GroupBuyInput, set_group_buy

    staff_id = signed_in(args.staff, till)
    typed = GroupBuyInput(
        name=args.name,
        sku=args.sku,
        minimum=args.minimum,
        deadline=args.deadline,
        price=args.price,
        payment=args.payment,
        group_buy_id=args.id,
    )
    saved = set_group_buy(typed, staff_id, till.uow())
    print(f"Group buy {saved.group_buy_id} ({saved.name}) set on this till; {_NEXT_SYNC}.")
    return 0


def cmd_cancel(args: argparse.Namespace, till: Till) -> int:
    from app.services.group_buy_admin import cancel_group_buy

    staff_id = signed_in(args.staff, till)
    saved = cancel_group_buy(args.group_buy_id, staff_id, till.uow())
    print(f"Group buy {saved.group_buy_id} ({saved.name}) cancelled on this till; {_NEXT_SYNC}.")
    return 0
