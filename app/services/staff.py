"""Adding staff, signing in (with the wait after wrong PINs), changing one's own PIN, the staff list.

A manager's changes to other members (deactivate, reactivate, reset a PIN) are
in ``staff_admin.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, PermissionDenied, PosError
from app.domain.ids import new_id
from app.domain.lockout import CLEARED, SignInWaiting
from app.domain.staff import Permission, Role, check_pin_format, hash_pin, verify_pin
from app.domain.staff_state import STAFF_STATE_KEY, staff_state
from app.domain.texts import N_, _
from app.services.authorization import ManagerApproval, approve, require
from app.services.event_changes import queue_staff_change
from app.store.staff import StaffMember
from app.store.unit_of_work import UnitOfWork

SIGN_IN_REFUSED = "staff.sign_in_refused"
WRONG_PIN = N_("Wrong PIN: try again, or ask a manager to reset it.")  # translated where raised


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
    """A staff member as the screens know them; the staff list also says whether they may sign in
    and until when their sign-in waits after wrong PINs."""

    staff_id: str
    name: str
    role: Role
    active: bool = True
    waits_until: datetime | None = None
    # How many digits the sign-in pad waits for before it submits by itself; None: the person presses OK.
    pin_length: int | None = None


@dataclass(frozen=True, slots=True)
class ChangeOwnPin:
    staff_id: str
    current_pin: str
    new_pin: str


def add_staff(cmd: AddStaff, uow: UnitOfWork) -> SignedIn:
    name = " ".join(cmd.name.split())
    if not name or len(name) > 60:
        raise InvalidInput(_("A staff name is 1 to 60 characters: type the name people use at the counter."))
    check_pin_format(cmd.pin)
    with uow:
        till = uow.tills.this_till()
        approved_by: str | None = None
        if uow.staff.active_members():
            if cmd.added_by is None:
                raise PermissionDenied(_("Only a manager can add staff once the till has staff: sign in as a manager."))
            actor = require(uow, cmd.added_by, Permission.MANAGE_STAFF)
            approved_by = approve(uow, actor, cmd.approval, "Adding staff")
        elif cmd.role is not Role.MANAGER:
            raise InvalidInput(_("The first person on a till must be a manager, who can then add the others."))
        if uow.staff.by_name(name) is not None:
            raise InvalidInput(
                _("There is already a staff member called {name}: choose another name.").format(name=name)
            )
        member = StaffMember(new_id(), name, cmd.role, hash_pin(cmd.pin), True, len(cmd.pin))
        uow.staff.add(member, now_iso())
        uow.audit.append(
            till_id=till.till_id,
            staff_id=cmd.added_by,
            action="staff.added",
            subject=member.staff_id,
            details={
                "name": name,
                "role": cmd.role.value,
                STAFF_STATE_KEY: staff_state(name, cmd.role.value, True, member.pin_hash),
            },
            approved_by=approved_by,
        )
        queue_staff_change(uow, member.staff_id, cmd.added_by)
        uow.commit()
    return SignedIn(member.staff_id, member.name, member.role)


def sign_in(staff_id: str, pin: str, uow: UnitOfWork, now: datetime | None = None) -> SignedIn:
    with uow:
        till_id = uow.tills.this_till().till_id
        member = uow.staff.by_id(staff_id)
        refusal = _check_pin(uow, till_id, staff_id, member, pin, now or datetime.now(UTC), "sign in")
        if refusal is None:
            uow.audit.append(till_id=till_id, staff_id=staff_id, action="staff.signed_in", subject=staff_id)
            if member is not None and member.pin_length is None:
                # A PIN set before lengths were kept: from now on the pad submits it by itself.
                uow.staff.set_pin_length(staff_id, len(pin))
        # A refusal is committed too: the count of wrong PINs must survive the error raised below.
        uow.commit()
    if refusal is not None or member is None:
        raise refusal or PermissionDenied(_(WRONG_PIN))
    return SignedIn(member.staff_id, member.name, member.role)


def check_approval_pin(approval: ManagerApproval, uow: UnitOfWork, now: datetime | None = None) -> None:
    """A manager's PIN typed to approve an operation, checked (and counted) as a sign-in attempt first.

    The operation itself checks the PIN again inside its own transaction, which
    a refusal rolls back; checking here first, in a transaction of its own,
    keeps the count of wrong PINs, so approvals are no way round the wait.
    """
    with uow:
        till_id = uow.tills.this_till().till_id
        member = uow.staff.by_name(approval.manager_name)
        staff_id = member.staff_id if member is not None else ""
        refusal = _check_pin(uow, till_id, staff_id, member, approval.pin, now or datetime.now(UTC), "approval")
        uow.commit()
    if refusal is not None:
        raise refusal


def change_own_pin(cmd: ChangeOwnPin, uow: UnitOfWork, now: datetime | None = None) -> None:
    """A person changes their own PIN by typing the current one, which counts as a sign-in attempt
    (otherwise this would be a way round the wait after wrong PINs)."""
    check_pin_format(cmd.new_pin)
    if cmd.new_pin == cmd.current_pin:
        raise InvalidInput(_("The new PIN is the same as the current one: choose a different PIN."))
    # Hashed before the transaction: scrypt is slow on purpose, and the write lock need not wait for it.
    new_hash = hash_pin(cmd.new_pin)
    with uow:
        till_id = uow.tills.this_till().till_id
        member = uow.staff.by_id(cmd.staff_id)
        refusal = _check_pin(
            uow, till_id, cmd.staff_id, member, cmd.current_pin, now or datetime.now(UTC), "PIN change"
        )
        if refusal is None:
            uow.staff.set_pin_hash(cmd.staff_id, new_hash, len(cmd.new_pin))
            assert member is not None  # no refusal: the member is on the staff and active
            uow.audit.append(
                till_id=till_id,
                staff_id=cmd.staff_id,
                action="staff.pin_changed",
                subject=cmd.staff_id,
                details={STAFF_STATE_KEY: staff_state(member.name, member.role.value, member.active, new_hash)},
            )
            queue_staff_change(uow, cmd.staff_id, cmd.staff_id)
        uow.commit()
    if refusal is not None:
        raise refusal


def _check_pin(
    uow: UnitOfWork, till_id: str, staff_id: str, member: StaffMember | None, pin: str, now: datetime, attempt: str
) -> PosError | None:
    """Check ``pin`` under the wait rule, recording the attempt; the refusal to raise once committed, or None.

    Every refused attempt is audited: a string of them is worth a manager's look.
    """

    def refused(reason: str, **details: object) -> None:
        uow.audit.append(
            till_id=till_id,
            staff_id=staff_id,
            action=SIGN_IN_REFUSED,
            subject=staff_id,
            details={"attempt": attempt, "reason": reason, **details},
        )

    if member is None or not member.active:
        refused("not active")
        if member is None:
            return PermissionDenied(_("That person is not on this till's staff: tap your name again."))
        return PermissionDenied(
            _("{name} is no longer active on this till: ask a manager to reactivate them.").format(name=member.name)
        )
    lockout = uow.staff.lockout(staff_id)
    if left := lockout.seconds_left(now):
        # The PIN is not even checked while the wait runs, so guesses there learn nothing.
        refused("waiting", seconds_left=left)
        return SignInWaiting(left)
    if verify_pin(pin, member.pin_hash):
        if lockout != CLEARED:
            uow.staff.set_lockout(staff_id, CLEARED)
        return None
    after = lockout.after_wrong_pin(now)
    uow.staff.set_lockout(staff_id, after)
    refused("wrong PIN", in_a_row=after.failures)
    if after.waits_until is None:
        return PermissionDenied(_(WRONG_PIN))
    wait = after.seconds_left(now)
    uow.audit.append(
        till_id=till_id,
        staff_id=staff_id,
        action="staff.sign_in_locked",
        subject=staff_id,
        details={"in_a_row": after.failures, "wait_seconds": wait, "until": after.waits_until.isoformat()},
    )
    return SignInWaiting(wait)


def list_staff(uow: UnitOfWork, include_inactive: bool = False) -> list[SignedIn]:
    """The staff by name: the active ones, or everyone (for the manager's staff list)."""
    with uow.for_reading():
        return [
            SignedIn(s.staff_id, s.name, s.role, s.active, s.lockout.waits_until, s.pin_length)
            for s in uow.staff.states(include_inactive)
        ]
