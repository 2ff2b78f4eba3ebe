"""``popup-pos staff`` and ``popup-pos audit``."""

from __future__ import annotations

import argparse
import sys

from app.bootstrap import Till
from app.cli.terminal import read_pin, signed_in
from app.domain.errors import InvalidInput
from app.domain.staff import Role, parse_role
from app.services.audit import verify_audit_trail
from app.services.staff import AddStaff, add_staff, list_staff


def cmd_add(args: argparse.Namespace, till: Till) -> int:
    role: Role = parse_role(args.role)
    added_by = None
    if args.manager:
        # The command line has no signed-in person: the manager signs in here with their PIN.
        added_by = signed_in(args.manager, till)
    pin = read_pin(f"New PIN for {args.name}: ")
    if sys.stdin.isatty() and read_pin("Repeat the PIN: ") != pin:
        raise InvalidInput("The two PINs differ: run the command again.")
    member = add_staff(AddStaff(args.name, role, pin, added_by=added_by), till.uow())
    print(f"{member.name} added as {member.role.value}.")
    return 0


def cmd_list(_args: argparse.Namespace, till: Till) -> int:
    for member in list_staff(till.uow()):
        print(f"{member.name:20} {member.role.value}")
    return 0


def cmd_audit_verify(_args: argparse.Namespace, till: Till) -> int:
    result = verify_audit_trail(till.uow())
    if result.broken is None:
        print(f"Audit trail intact: {result.entries} entries, every link checks out.")
        return 0
    print(f"Audit trail BROKEN at entry {result.broken.seq}: {result.broken.reason}.")
    return 1
