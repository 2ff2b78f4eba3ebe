"""Setting a till up, opening its window, its status, backups and restores."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.bootstrap import Till
from app.cli.terminal import ProgressLine
from app.domain.dates import local_zone_name
from app.domain.money import parse_minor
from app.services.backups import backup_status, take_backup
from app.services.restores import restore_backup
from app.services.setup import SetUpTill, parse_tax_class, set_up_till, till_status


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
            time_zone=args.time_zone,
        ),
        till.uow(),
    )
    print(f"Till {info.code} is set up for '{args.event}' in {till.store_path}.")
    print("Next: add the first manager with 'popup-pos staff add NAME --role manager'.")
    return 0


def cmd_status(_args: argparse.Namespace, till: Till) -> int:
    status = till_status(till.uow())
    print(f"Store     {till.store_path}")
    event = status.event
    print(f"Event     {event.name} ({event.currency}, {event.locale}, {event.time_zone or local_zone_name()})")
    print(f"Till      {status.till.code}")
    print(f"Products  {status.products}")
    print(f"To sync   {status.waiting_to_sync}")
    last_backup = backup_status(till.uow())
    if last_backup is None:
        print("Backup    none yet (a daily copy is taken when the store is opened)")
    elif last_backup.ok:
        print(f"Backup    {event.format_datetime(last_backup.at)}  {last_backup.file}")
    else:
        print(f"Backup    FAILED at {event.format_datetime(last_backup.at)}: {last_backup.error}")
    return 0


def cmd_backup(args: argparse.Namespace, till: Till) -> int:
    target = Path(args.out).expanduser().resolve()
    with ProgressLine("pages") as progress:
        take_backup(till.store_path, target, progress)
    print(f"Backup written to {target} (integrity checked).")
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
