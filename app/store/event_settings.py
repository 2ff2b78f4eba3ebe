"""Where the event-wide settings, staff and commissions land on this till, and which change of each it holds.

Each goes where the till's rules already read it: the cash rounding step and
the discount limit in ``events``, a member in ``staff``, a commission in
``products``/``makers``; the rest are ``settings`` rows (TillRepository).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection

from app.store.database import driver


class EventSettingsRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def held(self, kind: str, key: str) -> tuple[datetime, str] | None:
        """When the change this till holds for (kind, key) was made, and its id; None before the first."""
        row = (
            driver(self._connection)
            .execute("SELECT changed_at, change_id FROM event_change_versions WHERE kind = ? AND key = ?", (kind, key))
            .fetchone()
        )
        return (datetime.fromisoformat(row[0]), row[1]) if row else None

    def hold(self, kind: str, key: str, changed_at: str, change_id: str) -> None:
        driver(self._connection).execute(
            "INSERT INTO event_change_versions (kind, key, changed_at, change_id) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (kind, key) DO UPDATE SET changed_at = excluded.changed_at, change_id = excluded.change_id",
            (kind, key, changed_at, change_id),
        )

    def set_cash_rounding_step(self, event_id: str, step: int) -> None:
        driver(self._connection).execute("UPDATE events SET cash_rounding_step = ? WHERE id = ?", (step, event_id))

    def set_discount_limit(self, event_id: str, percent: str) -> None:
        driver(self._connection).execute(
            "UPDATE events SET discount_limit_percent = ? WHERE id = ?", (percent, event_id)
        )

    def set_product_commission(self, sku: str, rate: str) -> bool:
        """Whether this till knows the product (one it does not know has no sales here to settle)."""
        cursor = driver(self._connection).execute("UPDATE products SET commission_rate = ? WHERE sku = ?", (rate, sku))
        return cursor.rowcount > 0

    def set_maker_commission(self, name: str, rate: str) -> bool:
        cursor = driver(self._connection).execute("UPDATE makers SET commission_rate = ? WHERE name = ?", (rate, name))
        return cursor.rowcount > 0

    def staff_name_holder(self, name: str) -> str | None:
        """The id of the member called ``name`` on this till, if any."""
        row = driver(self._connection).execute("SELECT id FROM staff WHERE name = ?", (name,)).fetchone()
        return str(row[0]) if row else None

    def write_member(self, staff_id: str, name: str, role: str, pin_hash: str, active: bool, created_at: str) -> None:
        """A member as the event has them now. A new PIN hash forgets the PIN's length (the pad then waits
        for OK until the first sign-in) and ends a wait after wrong PINs typed against the old one."""
        driver(self._connection).execute(
            "INSERT INTO staff (id, name, role, pin_hash, active, created_at, failed_pins) VALUES (?, ?, ?, ?, ?, ?, 0)"
            " ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, active = excluded.active,"
            " pin_length = CASE WHEN pin_hash = excluded.pin_hash THEN pin_length END,"
            " failed_pins = CASE WHEN pin_hash = excluded.pin_hash THEN failed_pins ELSE 0 END,"
            " sign_in_waits_until = CASE WHEN pin_hash = excluded.pin_hash THEN sign_in_waits_until END,"
            " pin_hash = excluded.pin_hash",
            (staff_id, name, role, pin_hash, int(active), created_at),
        )
