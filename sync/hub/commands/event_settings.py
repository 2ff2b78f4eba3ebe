"""``popup-hub staff|settings|commission``: what a manager sets once for every till of an event.

Each change is kept on the hub (sync/hub/store/event_settings.py) and reaches
every till at its next sync. A PIN is hashed as soon as it is read (the store's
``hashed_pin``, with the scheme the tills verify, sync/pin_hashes.py), and only
its hash is stored and sent.
"""

from __future__ import annotations

import argparse
import getpass
import json
from decimal import Decimal

from sync.hub.store import HubError, HubStore
from sync.hub.store import event_settings as kept
from sync.records.event_settings import SETTING_HELP, CommissionScope, parse_setting

ROLES = ("cashier", "pickup_clerk", "manager")
_NEXT_SYNC = "tills take it at their next sync"


def _pin(typed: str | None) -> str:
    """The PIN from --pin, else asked for twice without echo; its hash, never the PIN, goes further."""
    if typed is None:
        typed = getpass.getpass("New PIN: ")
        if getpass.getpass("The same PIN again: ") != typed:
            raise HubError("The two PINs differ: nothing changed, type the same PIN twice.")
    return kept.hashed_pin(typed)


def run_staff(store: HubStore, args: argparse.Namespace) -> None:
    if args.action == "list":
        with store.engine.connect() as connection:
            kept.require_event(connection, args.event)
            for member in kept.staff(connection, args.event):
                state = "active" if member.active else "inactive"
                print(f"{member.staff_id}\t{member.name}\t{member.role}\t{state}\t{member.changed_at}")
        return
    pin_hash = _pin(args.pin) if args.action in ("add", "pin") else None
    with store.engine.begin() as connection:
        if args.action == "add":
            if args.role not in ROLES:
                raise HubError(f"'{args.role}' is not a role: choose one of {', '.join(ROLES)}.")
            assert pin_hash is not None
            member = kept.add_staff(connection, args.event, args.name, args.role, pin_hash)
            print(f"{member.name} ({member.role}) added as {member.staff_id}: {_NEXT_SYNC}.")
        elif args.action == "pin":
            member = kept.change_member(connection, args.event, args.who, pin_hash=pin_hash)
            print(f"{member.name}'s PIN changed: the old one stops working on each till at its next sync.")
        else:
            member = kept.change_member(connection, args.event, args.who, active=args.action == "reactivate")
            print(f"{member.name} {args.action}d: {_NEXT_SYNC}.")


def run_settings(store: HubStore, args: argparse.Namespace) -> None:
    if args.action == "list":
        with store.engine.connect() as connection:
            kept.require_event(connection, args.event)
            for key, value, updated_at, updated_by in kept.settings(connection, args.event):
                print(f"{key}\t{json.dumps(value)}\t{updated_at}\t{updated_by}")
        return
    key, value = parse_setting(args.key, args.value)
    with store.engine.begin() as connection:
        kept.set_setting(connection, args.event, key.value, value)
    print(f"{key.value} = {json.dumps(value)}: {_NEXT_SYNC}.")


def run_commission(store: HubStore, args: argparse.Namespace) -> None:
    if args.action == "list":
        with store.engine.connect() as connection:
            kept.require_event(connection, args.event)
            for subject, rate, updated_at in kept.commissions(connection, args.event):
                print(f"{subject}\t{(Decimal(rate) * 100).normalize():f}%\t{updated_at}")
        return
    rate = kept.commission_fraction(args.rate)
    if args.sku:
        scope, subject = CommissionScope.PRODUCT, args.sku
    elif args.maker:
        scope, subject = CommissionScope.MAKER, args.maker
    else:
        scope, subject = CommissionScope.DEFAULT, ""
    with store.engine.begin() as connection:
        kept.set_commission(connection, args.event, scope, subject, rate)
    whose = {"product": f"product {subject}", "maker": f"maker {subject}", "default": "the event (default)"}
    print(f"Commission of {whose[scope.value]}: {args.rate.strip().rstrip('%')}%; {_NEXT_SYNC}.")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    event_help = "the event id ('popup-hub event create' prints it)"
    pin_help = "the new PIN (4 to 8 digits); without it, it is asked for without echo"

    staff = commands.add_parser("staff", help="the event's staff, on every till").add_subparsers(
        dest="action", required=True
    )
    add = staff.add_parser("add", help="add a staff member to every till of the event")
    add.add_argument("name")
    add.add_argument("--role", required=True, help=f"one of {', '.join(ROLES)}")
    add.add_argument("--pin", help=pin_help)
    pin = staff.add_parser("pin", help="set a member's new PIN on every till")
    pin.add_argument("who", help="the member's name or id")
    pin.add_argument("--pin", help=pin_help)
    for action, text in (("deactivate", "stop a member signing in on any till"), ("reactivate", "let them again")):
        staff.add_parser(action, help=text).add_argument("who", help="the member's name or id")
    staff.add_parser("list", help="the event's staff, active or not")
    for command in staff.choices.values():
        command.add_argument("--event", required=True, help=event_help)
        command.set_defaults(run=run_staff)

    settings = commands.add_parser("settings", help="the event's settings, on every till").add_subparsers(
        dest="action", required=True
    )
    setting = settings.add_parser(
        "set",
        help="set one setting for every till",
        description="Settings: " + "; ".join(f"{key.value}: {text}" for key, text in SETTING_HELP.items()),
    )
    setting.add_argument("key")
    setting.add_argument("value")
    settings.add_parser("list", help="the settings set for the event")
    for command in settings.choices.values():
        command.add_argument("--event", required=True, help=event_help)
        command.set_defaults(run=run_settings)

    commission = commands.add_parser("commission", help="the makers' commissions, on every till").add_subparsers(
        dest="action", required=True
    )
    rate = commission.add_parser("set", help="the commission of a product, of a maker, or the event's default")
    which = rate.add_mutually_exclusive_group()
    which.add_argument("--maker", help="the maker's name as the catalog spells it")
    which.add_argument("--sku", help="the product's SKU")
    rate.add_argument("rate", help="a percentage, e.g. 25 or 12.5")
    commission.add_parser("list", help="the commissions set for the event")
    for command in commission.choices.values():
        command.add_argument("--event", required=True, help=event_help)
        command.set_defaults(run=run_commission)
