"""Setting a till up, opening its window, its status, backups and restores."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.bootstrap import Till
from app.domain.errors import PosError
from app.domain.money import parse_minor
from app.services.backups import backup_status, restore_backup
from app.services.demo import DEMO_STAFF, demo_pickups, load_demo
from app.services.setup import SetUpTill, parse_tax_class, set_up_till, till_status
from app.store.database import backup


def cmd_init(args: argparse.Namespace, till: Till) -> int:
    currency = args.currency.upper()
    step = parse_minor(args.cash_step, currency) if args.cash_step else 1
    info = set_up_till(
        SetUpTill(
            event_name=args.event,
            place=args.place,
            starts_on=args.starts_on,
            ends_on=args.ends_on,
            till_code=args.till,
            currency=currency,
            locale=args.locale,
            prices_include_tax=not args.prices_exclude_tax,
            cash_rounding_step=step,
            tax_classes=tuple(parse_tax_class(text) for text in args.tax),
        ),
        till.uow(),
    )
    print(f"Till {info.code} is set up for '{args.event}' in {till.store_path}.")
    print("Next: add the first manager with 'popup-pos staff add NAME --role manager'.")
    return 0


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


def cmd_status(_args: argparse.Namespace, till: Till) -> int:
    status = till_status(till.uow())
    print(f"Store     {till.store_path}")
    print(f"Event     {status.event.name} ({status.event.currency}, {status.event.locale})")
    print(f"Till      {status.till.code}")
    print(f"Products  {status.products}")
    print(f"To sync   {status.waiting_to_sync}")
    last_backup = backup_status(till.uow())
    if last_backup is None:
        print("Backup    none yet (a daily copy is taken when the store is opened)")
    elif last_backup.ok:
        print(f"Backup    {last_backup.at}  {last_backup.file}")
    else:
        print(f"Backup    FAILED at {last_backup.at}: {last_backup.error}")
    return 0


def cmd_gui(args: argparse.Namespace, till: Till) -> int:
    from app.ui.application import run_gui

    if args.demo and till_status_or_none(till) is None:
        load_demo(till.uow)
        print(f"Demo pickup codes: {write_demo_pickup_codes(till)}")
    return run_gui(till, sys.argv[:1], offer_first_run=not args.demo)


def till_status_or_none(till: Till) -> object | None:
    try:
        return till_status(till.uow())
    except PosError:
        return None


def cmd_self_test() -> int:
    from app.self_test import run_self_test
    from app.ui.application import check_screens

    for result in run_self_test(extra_checks=(("screens", check_screens),)):
        print(f"{'ok  ' if result.passed else 'FAIL'}  {result.name:7} {result.detail}", flush=True)
        if not result.passed:
            return 1
    return 0


def cmd_backup(args: argparse.Namespace, till: Till) -> int:
    target = Path(args.out).expanduser().resolve()
    pages = backup(till.store_path, target)
    print(f"Backup written to {target} ({pages} pages, integrity checked).")
    return 0


def cmd_restore(args: argparse.Namespace, directory: Path) -> int:
    restored = restore_backup(Path(args.file).expanduser().resolve(), directory, force=args.force)
    print(f"Restored till {restored.till_code} of '{restored.event_name}' into {restored.store}.")
    if restored.replaced is not None:
        print(f"The store it replaced is kept as {restored.replaced}.")
    if restored.enrolled:
        print(
            "This till syncs with a hub: run 'popup-pos sync --once' now. Records the hub received after this "
            "backup was taken are not in it; the manager's sync screen lists what needs attention."
        )
    return 0
