"""``popup-pos drops``: a manager lists and sets the event's drops on this till (app/services/drop_admin.py)."""

from __future__ import annotations

import argparse

from app.bootstrap import Till
from app.cli.terminal import signed_in


def _cap(cap: int | None) -> str:
    return "-" if cap is None else str(cap)


def cmd_list(args: argparse.Namespace, till: Till) -> int:
    from app.services.drop_admin import drop_rows

    rows = drop_rows(till.uow())
    if not rows:
        print("No drops.")
    for row in rows:
        print(
            f"{row.drop_id}\t{row.name}\t{','.join(row.skus)}\t{row.release_text}\t"
            f"online {row.online_allocation}\tcounter {row.counter_allocation}\t"
            f"per sale {_cap(row.per_sale_cap)}\tper customer {_cap(row.per_customer_cap)}\t{row.counter_left} left"
        )
    return 0


def cmd_add(args: argparse.Namespace, till: Till) -> int:
    from app.services.drop_admin import DropInput, set_drop

    staff_id = signed_in(args.staff, till)
    drop = DropInput(
        name=args.name,
        skus=tuple(args.sku),
        release_at=args.release,
        online_allocation=args.online,
        counter_allocation=args.counter,
        per_sale_cap=args.per_sale,
        per_customer_cap=args.per_customer,
        drop_id=args.id,
    )
    row = set_drop(drop, staff_id, till.uow())
    print(f"Drop {row.drop_id} ({row.name}) set on this till; the hub and the other tills take it at their next sync.")
    return 0
