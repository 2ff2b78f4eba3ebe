"""A manager's changes to other staff members: deactivate, reactivate, reset a PIN.

A member is deactivated, never deleted: their sales, returns and audit entries
keep naming them, and a reactivated member keeps their PIN. Each change is one
transaction with its audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import NotFound, RuleViolation
from app.domain.lockout import CLEARED
from app.domain.staff import Permission, Role, check_pin_format, hash_pin
from app.domain.staff_state import STAFF_STATE_KEY, staff_state
from app.domain.texts import _
from app.services.authorization import require
from app.services.event_changes import queue_staff_change
from app.store.staff import StaffMember
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class StaffChange:
    """``by`` (a manager, signed in) changes ``staff_id``."""

    staff_id: str
    by: str


@dataclass(frozen=True, slots=True)
class ResetPin:
    staff_id: str
    new_pin: str
    by: str


def deactivate_staff(cmd: StaffChange, uow: UnitOfWork) -> None:
    with uow:
        target = _change(uow, cmd)
        if not target.active:
            raise RuleViolation(_("{name} is already inactive: nothing to do.").format(name=target.name))
        if target.role is Role.MANAGER and uow.staff.active_managers() <= 1:
            raise RuleViolation(
                _("{name} is the last active manager: add or reactivate another manager first.").format(
                    name=target.name
                )
            )
        if target.staff_id == cmd.by:
            raise RuleViolation(_("You cannot deactivate yourself: ask another manager to do it."))
        uow.staff.set_active(target.staff_id, False)
        _audit(uow, cmd.by, "staff.deactivated", target)
        uow.commit()


def reactivate_staff(cmd: StaffChange, uow: UnitOfWork) -> None:
    with uow:
        target = _change(uow, cmd)
        if target.active:
            raise RuleViolation(_("{name} is already active: nothing to do.").format(name=target.name))
        uow.staff.set_active(target.staff_id, True)
        _audit(uow, cmd.by, "staff.reactivated", target)
        uow.commit()


def reset_pin(cmd: ResetPin, uow: UnitOfWork) -> None:
    """A new PIN for someone who forgot theirs or must wait after wrong PINs; it ends the wait."""
    check_pin_format(cmd.new_pin)
    # Hashed before the transaction: scrypt is slow on purpose, and the write lock need not wait for it.
    new_hash = hash_pin(cmd.new_pin)
    with uow:
        target = _change(uow, cmd)
        if target.staff_id == cmd.by:
            # Otherwise a till left signed in would let anyone take over the manager's PIN.
            raise RuleViolation(_("Change your own PIN with 'Change my PIN', which asks for the current one."))
        uow.staff.set_pin_hash(target.staff_id, new_hash, len(cmd.new_pin))
        waited = uow.staff.lockout(target.staff_id)
        uow.staff.set_lockout(target.staff_id, CLEARED)
        _audit(uow, cmd.by, "staff.pin_reset", target, wrong_pins_cleared=waited.failures)
        uow.commit()


def _change(uow: UnitOfWork, cmd: StaffChange | ResetPin) -> StaffMember:
    """The member ``cmd`` changes, once its author is known to be a manager."""
    require(uow, cmd.by, Permission.MANAGE_STAFF)
    target = uow.staff.by_id(cmd.staff_id)
    if target is None:
        raise NotFound(_("That staff member is not on this till: refresh the staff list."))
    return target


def _audit(uow: UnitOfWork, by: str, action: str, target: StaffMember, **details: object) -> None:
    """The change, with the member's state it left (app/domain/staff_state.py), read back in this transaction."""
    after = uow.staff.by_id(target.staff_id)
    assert after is not None  # changed, never deleted
    state = staff_state(after.name, after.role.value, after.active, after.pin_hash)
    uow.audit.append(
        till_id=uow.tills.this_till().till_id,
        staff_id=by,
        action=action,
        subject=target.staff_id,
        details={"name": target.name, "role": target.role.value, **details, STAFF_STATE_KEY: state},
    )
    # Every other till of the event takes the change at its next sync.
    queue_staff_change(uow, target.staff_id, by)
