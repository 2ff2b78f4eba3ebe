"""Who may do what: the services check it, never the screens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.domain.errors import ApprovalRequired, NotFound, PermissionDenied, RuleViolation
from app.domain.events import EventSettings
from app.domain.lockout import SignInWaiting
from app.domain.staff import Permission, Role, can, verify_pin
from app.domain.texts import _
from app.store.staff import StaffMember
from app.store.tills import EVENT_CLOSED_KEY
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class ManagerApproval:
    """A manager's PIN typed at the till to approve one operation."""

    manager_name: str
    pin: str


def require(uow: UnitOfWork, staff_id: str, permission: Permission) -> StaffMember:
    return check_permission(uow.staff.by_id(staff_id), permission)


def check_permission(member: StaffMember | None, permission: Permission) -> StaffMember:
    """``require`` for a member already read in this transaction (the checkout path reads it with the till)."""
    if member is None or not member.active:
        raise NotFound(_("That staff member is not active on this till: sign in again."))
    if not can(member.role, permission):
        raise PermissionDenied(
            _("{name} ({role}) may not {permission}: ask someone with that role.").format(
                name=member.name, role=member.role.label, permission=permission.value.replace("_", " ")
            )
        )
    return member


def approve(
    uow: UnitOfWork, actor: StaffMember, approval: ManagerApproval | None, reason: str, *, pin_always: bool = False
) -> str:
    """The id of the manager who approves ``reason``: the actor if a manager, else the one whose PIN was typed.

    ``pin_always``: a manager's PIN even when a manager is signed in (an override that must never be silent).
    """
    if can(actor.role, Permission.APPROVE_OVERRIDE) and not pin_always:
        return actor.staff_id
    if approval is None:
        raise ApprovalRequired(reason)
    manager = uow.staff.by_name(approval.manager_name)
    if manager is not None and (left := uow.staff.lockout(manager.staff_id).seconds_left(datetime.now(UTC))):
        # Wrong PINs are counted by check_approval_pin (app/services/staff.py), before the operation runs.
        raise SignInWaiting(left)
    if manager is None or not manager.active or not verify_pin(approval.pin, manager.pin_hash):
        raise PermissionDenied(_("That manager name and PIN do not match: try again."))
    if manager.role is not Role.MANAGER:
        raise PermissionDenied(_("{name} is not a manager: ask a manager to approve.").format(name=manager.name))
    return manager.staff_id


def ensure_event_open(uow: UnitOfWork) -> None:
    """After the manager closes the event its records are read-only: nothing new is written."""
    closed_at = uow.tills.setting(EVENT_CLOSED_KEY)
    if closed_at is not None:
        check_event_open(closed_at, uow.tills.this_till_and_event()[1])


def check_event_open(closed_at: str | None, event: EventSettings) -> None:
    """``ensure_event_open`` for the closing time already read in this transaction."""
    if closed_at is not None:
        raise RuleViolation(
            _(
                "This event was closed on {closed_at}: its records are read-only. Reports and exports still work."
            ).format(closed_at=event.format_datetime(closed_at))
        )
