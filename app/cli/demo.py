"""``popup-pos demo``: the demo event, and the pickup codes to try it with."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.services.demo import DEMO_STAFF, demo_pickups, load_demo


def cmd_demo(_args: argparse.Namespace, till: Till) -> int:
    voucher = load_demo(till.uow)
    print(f"Demo event loaded in {till.store_path}.")
    for person in DEMO_STAFF:
        print(f"  {person.name:6} {person.role.value:13} PIN {person.pin}")
    print(f"  Demo voucher: {voucher}")
    print(f"  Pickup codes to paste at the pickup desk (Ctrl+U): {write_demo_pickup_codes(till)}")
    return 0


def write_demo_pickup_codes(till: Till) -> Path:
    """The demo orders' codes in a text file beside the store, one per line with its order."""
    target = till.data_dir / "demo-pickup-codes.txt"
    lines = [f"{p.number}\t{p.customer_name}\t{p.code}" for p in demo_pickups(till.uow())]
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return target
