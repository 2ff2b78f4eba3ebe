"""This till, its event, and its settings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, bindparam, select

from app.domain.errors import NotFound
from app.domain.events import EventSettings
from app.domain.staff import Role
from app.domain.texts import N_, _
from app.store.carts import CART_COLUMNS, StoredCart, stored_cart
from app.store.cash import OPEN_SESSION_OF_TILL
from app.store.database import driver
from app.store.schema import events, settings, tills
from app.store.staff import StaffMember

THIS_TILL_KEY = "till_id"
# Set once the manager closes the event: from then on its records are read-only.
EVENT_CLOSED_KEY = "event_closed_at"
# The event's IANA time zone; absent for an event set up before events had one (then: this machine's zone).
EVENT_TIME_ZONE_KEY = "event_time_zone"


@dataclass(frozen=True, slots=True)
class TillInfo:
    till_id: str
    code: str
    event_id: str
    location: str


_TILL = select(tills).where(tills.c.id == bindparam("key"))
_EVENT = select(events).where(events.c.id == bindparam("key"))

# The reads every sale and cart change makes go through the driver (a few
# microseconds each instead of SQLAlchemy's tens), inside the operation's own
# transaction, so they are never stale: there is no cache to invalidate.
_SETTING = "SELECT value FROM settings WHERE key = ?"
_TILL_AND_EVENT = (
    "SELECT t.id, t.code, t.location, e.id, e.name, e.currency, e.locale, e.prices_include_tax,"
    " e.cash_rounding_step, e.discount_limit_percent, e.place,"
    f" (SELECT value FROM settings WHERE key = '{EVENT_TIME_ZONE_KEY}')"
)
_THIS_TILL = " FROM settings s JOIN tills t ON t.id = s.value JOIN events e ON e.id = t.event_id"
_THIS_TILL_AND_EVENT = f"{_TILL_AND_EVENT}{_THIS_TILL} WHERE s.key = ?"
# With the till's open cash session (as app/store/cash.py ``open_session_id`` reads it), one more setting the
# sale reads, whether the store holds any drop or any level from the hub at all, the cart (as
# app/store/carts.py ``CartRepository.get`` reads it) and whether a customer is noted on it for a drop: one
# statement instead of up to seven, each about 6 to 25 µs in a sale's conditions.
_COUNTER = (
    f"{_TILL_AND_EVENT}, (SELECT value FROM settings WHERE key = ?), m.id, m.name, m.role, m.pin_hash, m.active,"
    f" ({OPEN_SESSION_OF_TILL.format(till='t.id')}),"
    " (SELECT value FROM settings WHERE key = ?),"
    " EXISTS (SELECT 1 FROM drops), EXISTS (SELECT 1 FROM hub_stock_levels),"
    f" {', '.join(f'k.{name}' for name in CART_COLUMNS)},"
    " EXISTS (SELECT 1 FROM drop_cart_customers WHERE cart_id = ?)"
    f"{_THIS_TILL} LEFT JOIN staff m ON m.id = ? LEFT JOIN carts k ON k.id = ? WHERE s.key = ?"
)
_NO_TILL = N_("This store has no till set up yet: run 'popup-pos init' or 'popup-pos demo' first.")


@dataclass(frozen=True, slots=True)
class Counter:
    """What a sale checks before anything else: this till, its event, when the event was
    closed (None while open), the staff member selling (None if not in this store), the till's
    open cash session (None when none is open) and the value of the setting the sale asked for."""

    till: TillInfo
    event: EventSettings
    event_closed_at: str | None
    member: StaffMember | None
    open_session_id: str | None
    setting: str | None
    # False when the store holds no drop (app/store/drops.py): no product of the cart is in one.
    any_drop: bool
    # False when the hub never sent a level (app/store/stock_left.py): nothing is sold beyond what is left.
    any_stock_level: bool
    # The cart asked for, None when it is not in the store.
    cart: StoredCart | None
    # Whether a customer is noted on the cart for a drop (app/store/drops.py ``set_cart_customer``).
    cart_customer: bool


def _till_and_event(row: Sequence[Any]) -> tuple[TillInfo, EventSettings]:
    till_id, code, location, event_id, name, currency, locale, including, step, limit, place, zone = row[:12]
    event = EventSettings(event_id, name, currency, locale, bool(including), step, Decimal(limit), place, zone or "")
    return TillInfo(till_id, code, event_id, location), event


def _event(row: Mapping[Any, Any], time_zone: str) -> EventSettings:
    return EventSettings(
        event_id=row["id"],
        name=row["name"],
        currency=row["currency"],
        locale=row["locale"],
        prices_include_tax=bool(row["prices_include_tax"]),
        cash_rounding_step=row["cash_rounding_step"],
        discount_limit_percent=Decimal(row["discount_limit_percent"]),
        place=row["place"],
        time_zone=time_zone,
    )


class TillRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def setting(self, key: str) -> str | None:
        row = driver(self._connection).execute(_SETTING, (key,)).fetchone()
        return str(row[0]) if row else None

    def set_setting(self, key: str, value: str) -> None:
        self._connection.execute(settings.delete().where(settings.c.key == key))
        self._connection.execute(settings.insert().values(key=key, value=value))

    def add_event(self, event: EventSettings, place: str, starts_on: str, ends_on: str) -> None:
        self._connection.execute(
            events.insert().values(
                id=event.event_id,
                name=event.name,
                place=place,
                starts_on=starts_on,
                ends_on=ends_on,
                currency=event.currency,
                locale=event.locale,
                prices_include_tax=int(event.prices_include_tax),
                cash_rounding_step=event.cash_rounding_step,
                discount_limit_percent=str(event.discount_limit_percent),
            )
        )
        if event.time_zone:
            self.set_setting(EVENT_TIME_ZONE_KEY, event.time_zone)

    def add_till(self, till: TillInfo) -> None:
        self._connection.execute(
            tills.insert().values(
                id=till.till_id, code=till.code, event_id=till.event_id, location=till.location, last_receipt_seq=0
            )
        )
        self.set_setting(THIS_TILL_KEY, till.till_id)

    def this_till(self) -> TillInfo:
        till_id = self.setting(THIS_TILL_KEY)
        row = self._connection.execute(_TILL, {"key": till_id}).first() if till_id else None
        if row is None:
            raise NotFound(_(_NO_TILL))
        return TillInfo(row.id, row.code, row.event_id, row.location)

    def event(self, event_id: str) -> EventSettings:
        row = self._connection.execute(_EVENT, {"key": event_id}).first()
        if row is None:
            raise NotFound(_("Event {event_id} is not in this store.").format(event_id=event_id))
        return _event(row._mapping, self.setting(EVENT_TIME_ZONE_KEY) or "")

    def this_till_and_event(self) -> tuple[TillInfo, EventSettings]:
        """This till and its event in one query (the checkout path reads both on every sale)."""
        row = driver(self._connection).execute(_THIS_TILL_AND_EVENT, (THIS_TILL_KEY,)).fetchone()
        if row is None:
            raise NotFound(_(_NO_TILL))
        return _till_and_event(row)

    def counter(self, staff_id: str, cart_id: str, setting_key: str) -> Counter:
        """This till, its event, whether it is closed, the staff member, the open cash session, the setting
        ``setting_key``, whether any drop or stock level is held, and the cart ``cart_id``, in one query
        (every sale asks, inside its own transaction)."""
        row = (
            driver(self._connection)
            .execute(_COUNTER, (EVENT_CLOSED_KEY, setting_key, cart_id, staff_id, cart_id, THIS_TILL_KEY))
            .fetchone()
        )
        if row is None:
            raise NotFound(_(_NO_TILL))
        till, event = _till_and_event(row)
        closed_at, member_id, name, role, pin_hash, active, session_id, setting, any_drop, any_level = row[12:22]
        member = None if member_id is None else StaffMember(member_id, name, Role(role), pin_hash, bool(active))
        content, cart_staff_id, status, label, updated_at, cart_customer = row[22:]
        cart = None if content is None else stored_cart(content, cart_staff_id, status, label, updated_at)
        return Counter(
            till,
            event,
            closed_at,
            member,
            session_id,
            setting,
            bool(any_drop),
            bool(any_level),
            cart,
            bool(cart_customer),
        )

    def take_receipt_sequence(self, till_id: str) -> int:
        """The next receipt number of the till, taken inside the caller's transaction (so gap-free)."""
        row = (
            driver(self._connection)
            .execute(
                "UPDATE tills SET last_receipt_seq = last_receipt_seq + 1 WHERE id = ? RETURNING last_receipt_seq",
                (till_id,),
            )
            .fetchone()
        )
        return int(row[0])
