"""Staff members and their hashed PINs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from app.domain.lockout import PinLockout
from app.domain.staff import Role
from app.store.database import driver
from app.store.schema import staff


@dataclass(frozen=True, slots=True)
class StaffMember:
    staff_id: str
    name: str
    role: Role
    pin_hash: str
    active: bool
    pin_length: int | None = None


@dataclass(frozen=True, slots=True)
class StaffState:
    """A member as the staff list shows them: active or not, and whether their sign-in waits."""

    staff_id: str
    name: str
    role: Role
    active: bool
    lockout: PinLockout
    pin_length: int | None = None


# Through the driver: every sale and cart change checks its staff member first.
_BY_ID = "SELECT id, name, role, pin_hash, active, pin_length FROM staff WHERE id = ?"
_LOCKOUT = "SELECT failed_pins, sign_in_waits_until FROM staff WHERE id = ?"


def _lockout(failures: int, waits_until: str | None) -> PinLockout:
    return PinLockout(failures, datetime.fromisoformat(waits_until) if waits_until else None)


class StaffRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, member: StaffMember, created_at: str) -> None:
        self._connection.execute(
            staff.insert().values(
                id=member.staff_id,
                name=member.name,
                role=member.role.value,
                pin_hash=member.pin_hash,
                pin_length=member.pin_length,
                active=int(member.active),
                created_at=created_at,
            )
        )

    def by_id(self, staff_id: str) -> StaffMember | None:
        row = driver(self._connection).execute(_BY_ID, (staff_id,)).fetchone()
        return StaffMember(row[0], row[1], Role(row[2]), row[3], bool(row[4]), row[5]) if row else None

    def by_name(self, name: str) -> StaffMember | None:
        row = self._connection.execute(select(staff).where(staff.c.name == name)).first()
        return StaffMember(row.id, row.name, Role(row.role), row.pin_hash, bool(row.active)) if row else None

    def active_members(self) -> list[StaffMember]:
        rows = self._connection.execute(select(staff).where(staff.c.active == 1).order_by(staff.c.name))
        return [StaffMember(row.id, row.name, Role(row.role), row.pin_hash, True) for row in rows]

    def states(self, include_inactive: bool) -> list[StaffState]:
        query = select(staff).order_by(staff.c.name)
        if not include_inactive:
            query = query.where(staff.c.active == 1)
        return [
            StaffState(
                row.id,
                row.name,
                Role(row.role),
                bool(row.active),
                _lockout(row.failed_pins, row.sign_in_waits_until),
                row.pin_length,
            )
            for row in self._connection.execute(query)
        ]

    def active_managers(self) -> int:
        return len([member for member in self.active_members() if member.role is Role.MANAGER])

    def lockout(self, staff_id: str) -> PinLockout:
        row = driver(self._connection).execute(_LOCKOUT, (staff_id,)).fetchone()
        return _lockout(row[0], row[1]) if row else PinLockout()

    def set_lockout(self, staff_id: str, lockout: PinLockout) -> None:
        waits_until = lockout.waits_until.isoformat(timespec="milliseconds") if lockout.waits_until else None
        self._connection.execute(
            staff.update()
            .where(staff.c.id == staff_id)
            .values(failed_pins=lockout.failures, sign_in_waits_until=waits_until)
        )

    def set_active(self, staff_id: str, active: bool) -> None:
        self._connection.execute(staff.update().where(staff.c.id == staff_id).values(active=int(active)))

    def set_pin_hash(self, staff_id: str, pin_hash: str, pin_length: int | None = None) -> None:
        self._connection.execute(
            staff.update().where(staff.c.id == staff_id).values(pin_hash=pin_hash, pin_length=pin_length)
        )

    def set_pin_length(self, staff_id: str, pin_length: int) -> None:
        self._connection.execute(staff.update().where(staff.c.id == staff_id).values(pin_length=pin_length))
