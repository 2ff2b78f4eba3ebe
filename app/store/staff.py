"""Staff members and their hashed PINs."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

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


# Through the driver: every sale and cart change checks its staff member first.
_BY_ID = "SELECT id, name, role, pin_hash, active FROM staff WHERE id = ?"


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
                active=int(member.active),
                created_at=created_at,
            )
        )

    def by_id(self, staff_id: str) -> StaffMember | None:
        row = driver(self._connection).execute(_BY_ID, (staff_id,)).fetchone()
        return StaffMember(row[0], row[1], Role(row[2]), row[3], bool(row[4])) if row else None

    def by_name(self, name: str) -> StaffMember | None:
        row = self._connection.execute(select(staff).where(staff.c.name == name)).first()
        return StaffMember(row.id, row.name, Role(row.role), row.pin_hash, bool(row.active)) if row else None

    def active_members(self) -> list[StaffMember]:
        rows = self._connection.execute(select(staff).where(staff.c.active == 1).order_by(staff.c.name))
        return [StaffMember(row.id, row.name, Role(row.role), row.pin_hash, True) for row in rows]
