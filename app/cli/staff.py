"""``popup-pos staff`` and ``popup-pos audit``."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime

from app.bootstrap import Till
from app.cli.terminal import read_pin, signed_in
from app.domain.audit import parse_head
from app.domain.errors import InvalidInput
from app.domain.staff import Role, parse_role
from app.services.audit import verify_audit_trail
from app.services.staff import AddStaff, ChangeOwnPin, SignedIn, add_staff, change_own_pin, list_staff
from app.services.staff_admin import ResetPin, StaffChange, deactivate_staff, reactivate_staff, reset_pin


def cmd_add(args: argparse.Namespace, till: Till) -> int:
    role: Role = parse_role(args.role)
    added_by = None
    if args.manager:
        # The command line has no signed-in person: the manager signs in here with their PIN.
        added_by = signed_in(args.manager, till)
    pin = _new_pin(f"New PIN for {args.name}: ")
    member = add_staff(AddStaff(args.name, role, pin, added_by=added_by), till.uow())
    print(f"{member.name} added as {member.role.value}.")
    return 0


def cmd_list(args: argparse.Namespace, till: Till) -> int:
    now = datetime.now(UTC)
    for member in list_staff(till.uow(), include_inactive=args.all):
        state = "" if member.active else "  inactive"
        if member.waits_until is not None and member.waits_until > now:
            state += f"  sign-in waits until {member.waits_until.astimezone():%H:%M:%S}"
        print(f"{member.name:20} {member.role.value}{state}")
    return 0


def cmd_deactivate(args: argparse.Namespace, till: Till) -> int:
    member = _member(args.name, till)
    deactivate_staff(StaffChange(member.staff_id, by=signed_in(args.manager, till)), till.uow())
    print(f"{member.name} is deactivated: they can no longer sign in ('staff reactivate' undoes it).")
    return 0


def cmd_reactivate(args: argparse.Namespace, till: Till) -> int:
    member = _member(args.name, till)
    reactivate_staff(StaffChange(member.staff_id, by=signed_in(args.manager, till)), till.uow())
    print(f"{member.name} is active again and signs in with their PIN.")
    return 0


def cmd_reset_pin(args: argparse.Namespace, till: Till) -> int:
    member = _member(args.name, till)
    manager = signed_in(args.manager, till)
    reset_pin(ResetPin(member.staff_id, _new_pin(f"New PIN for {member.name}: "), by=manager), till.uow())
    print(f"{member.name}'s PIN is reset; any wait after wrong PINs is over.")
    return 0


def cmd_change_pin(args: argparse.Namespace, till: Till) -> int:
    member = _member(args.name, till)
    current = read_pin(f"Current PIN of {member.name}: ")
    change_own_pin(ChangeOwnPin(member.staff_id, current, _new_pin("New PIN: ")), till.uow())
    print(f"{member.name}'s PIN is changed: use the new one from now on.")
    return 0


def _member(name: str, till: Till) -> SignedIn:
    for member in list_staff(till.uow(), include_inactive=True):
        if member.name == name:
            return member
    raise InvalidInput(f"No staff member is called {name}: 'popup-pos staff list --all' shows everyone.")


def _new_pin(prompt: str) -> str:
    pin = read_pin(prompt)
    if sys.stdin.isatty() and read_pin("Repeat the PIN: ") != pin:
        raise InvalidInput("The two PINs differ: run the command again.")
    return pin


def cmd_audit_verify(args: argparse.Namespace, till: Till) -> int:
    try:
        printed = parse_head(args.head) if args.head else None
    except ValueError as error:
        raise InvalidInput(str(error)) from None
    result = verify_audit_trail(till.uow(), printed)
    for restore in result.restores:
        print(f"Note: this store was {restore}.")
    if result.broken is not None:
        print(f"Audit trail BROKEN at entry {result.broken.seq}: {result.broken.reason}.")
    for problem in result.problems:
        print(f"Tampering: {problem}.")
    if not result.intact:
        print("Keep this store file as it is and tell the event's manager and the marketplace.")
        return 1
    head = f", head {result.head.printed()}" if result.head else ""
    print(
        f"Audit trail intact: {result.entries} entries{head}, every link checks out;"
        f" {result.facts_checked} facts match their entries."
    )
    return 0
