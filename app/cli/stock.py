"""``popup-pos stock``: receive a maker's delivery, move stock between places, list the deliveries received."""

from __future__ import annotations

import argparse

from app.bootstrap import Till
from app.cli.terminal import signed_in
from app.domain.errors import InvalidInput
from app.services.goods_in import BookedLine, receive_delivery, recent_deliveries, transfer_stock
from app.services.setup import till_status


def items(texts: list[str]) -> list[tuple[str, int]]:
    """``SKU:QUANTITY`` arguments (a barcode works as well as a SKU), checked before any PIN is asked."""
    parsed = []
    for text in texts:
        code, colon, quantity = text.rpartition(":")
        if not colon or not code.strip() or not (quantity.isascii() and quantity.isdigit()):
            raise InvalidInput(f"'{text}' is not an item: write CODE:QUANTITY, e.g. ATE-001:12.")
        if int(quantity) < 1:
            raise InvalidInput(f"'{text}' moves nothing: a quantity is 1 or more.")
        parsed.append((code.strip(), int(quantity)))
    return parsed


def _print_lines(lines: tuple[BookedLine, ...], where: str) -> None:
    width = max(len(line.sku) for line in lines)
    for line in lines:
        print(f"  {line.sku.ljust(width)}  {line.quantity:>5}  {line.name} (now {line.on_hand} at {where})")


def cmd_receive(args: argparse.Namespace, till: Till) -> int:
    goods = items(args.items)
    staff_id = signed_in(args.staff, till)
    received = receive_delivery(args.maker, args.note, goods, staff_id, till.uow())
    print(
        f"Delivery note {received.note} of {received.maker} received: "
        f"{len(received.lines)} product(s), {received.units} unit(s)."
    )
    _print_lines(received.lines, "the stall")
    return 0


def cmd_transfer(args: argparse.Namespace, till: Till) -> int:
    goods = items(args.items)
    staff_id = signed_in(args.staff, till)
    moved = transfer_stock(args.from_place, args.to_place, goods, staff_id, till.uow(), args.reference or "")
    print(f"Moved {moved.units} unit(s) from {moved.from_location} to {moved.to_location}.")
    _print_lines(moved.lines, moved.to_location)
    return 0


def cmd_deliveries(_args: argparse.Namespace, till: Till) -> int:
    rows = recent_deliveries(till.uow())
    if not rows:
        print("No delivery received yet: 'popup-pos stock receive --maker M --note N CODE:QUANTITY ...'.")
        return 0
    event = till_status(till.uow()).event
    for row in rows:
        print(f"{event.format_datetime(row.received_at)}  {row.maker}, note {row.note}: {row.units} unit(s)")
    return 0
