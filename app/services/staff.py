"""Adding staff and signing in."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.ids import new_id
from app.domain.staff import Permission, Role, check_pin_format, hash_pin, verify_pin
from app.services.authorization import ManagerApproval, approve, require
from app.store.staff import StaffMember
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class AddStaff:
    name: str
    role: Role
    pin: str
    # Who adds them; None only while the till has no staff at all (first run).
    added_by: str | None = None
    approval: ManagerApproval | None = None


@dataclass(frozen=True, slots=True)
class SignedIn:
    staff_id: str
    name: str
    role: Role


def add_staff(cmd: AddStaff, uow: UnitOfWork) -> SignedIn:
    name = " ".join(cmd.name.split())
    if not name or len(name) > 60:
        raise InvalidInput("A staff name is 1 to 60 characters: type the name people use at the counter.")
    check_pin_format(cmd.pin)
    with uow:
        till = uow.tills.this_till()
        approved_by: str | None = None
        if uow.staff.active_members():
            if cmd.added_by is None:
                raise PermissionDenied("Only a manager can add staff once the till has staff: sign in as a manager.")
            actor = require(uow, cmd.added_by, Permission.MANAGE_STAFF)
            approved_by = approve(uow, actor, cmd.approval, "Adding staff")
        elif cmd.role is not Role.MANAGER:
            raise InvalidInput("The first person on a till must be a manager, who can then add the others.")
        if uow.staff.by_name(name) is not None:
            raise InvalidInput(f"There is already a staff member called {name}: choose another name.")
        member = StaffMember(new_id(), name, cmd.role, hash_pin(cmd.pin), True)
        uow.staff.add(member, now_iso())
        uow.audit.append(
            till_id=till.till_id,
            staff_id=cmd.added_by,
            action="staff.added",
            subject=member.staff_id,
            details={"name": name, "role": cmd.role.value},
            approved_by=approved_by,
        )
        uow.commit()
    return SignedIn(member.staff_id, member.name, member.role)


def sign_in(staff_id: str, pin: str, uow: UnitOfWork) -> SignedIn:
    with uow:
        till = uow.tills.this_till()
        member = uow.staff.by_id(staff_id)
        ok = member is not None and member.active and verify_pin(pin, member.pin_hash)
        # Failed attempts are audited too: a string of them is worth a manager's look.
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="staff.signed_in" if ok else "staff.sign_in_refused",
            subject=staff_id,
        )
        uow.commit()
    if not ok or member is None:
        raise PermissionDenied("Wrong PIN: try again, or ask a manager to reset it.")
    return SignedIn(member.staff_id, member.name, member.role)


def list_staff(uow: UnitOfWork) -> list[SignedIn]:
    with uow.for_reading():
        return [SignedIn(m.staff_id, m.name, m.role) for m in uow.staff.active_members()]
