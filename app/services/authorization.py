"""Who may do what: the services check it, never the screens."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.errors import ApprovalRequired, NotFound, PermissionDenied, RuleViolation
from app.domain.staff import Permission, Role, can, verify_pin
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
        raise NotFound("That staff member is not active on this till: sign in again.")
    if not can(member.role, permission):
        raise PermissionDenied(
            f"{member.name} ({member.role.value}) may not {permission.value.replace('_', ' ')}: "
            "ask someone with that role."
        )
    return member


def approve(uow: UnitOfWork, actor: StaffMember, approval: ManagerApproval | None, reason: str) -> str:
    """The id of the manager who approves ``reason``: the actor if a manager, else the one whose PIN was typed."""
    if can(actor.role, Permission.APPROVE_OVERRIDE):
        return actor.staff_id
    if approval is None:
        raise ApprovalRequired(reason)
    manager = uow.staff.by_name(approval.manager_name)
    if manager is None or not manager.active or not verify_pin(approval.pin, manager.pin_hash):
        raise PermissionDenied("That manager name and PIN do not match: try again.")
    if manager.role is not Role.MANAGER:
        raise PermissionDenied(f"{manager.name} is not a manager: ask a manager to approve.")
    return manager.staff_id


def ensure_event_open(uow: UnitOfWork) -> None:
    """After the manager closes the event its records are read-only: nothing new is written."""
    check_event_open(uow.tills.setting(EVENT_CLOSED_KEY))


def check_event_open(closed_at: str | None) -> None:
    """``ensure_event_open`` for the closing time already read in this transaction."""
    if closed_at is not None:
        raise RuleViolation(
            f"This event was closed on {closed_at[:16].replace('T', ' ')}: its records are read-only. "
            "Reports and exports still work."
        )
