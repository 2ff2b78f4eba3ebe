"""This till, its event, and its settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, bindparam, select

from app.domain.errors import NotFound
from app.domain.events import EventSettings
from app.store.database import driver
from app.store.schema import events, settings, tills

THIS_TILL_KEY = "till_id"
# Set once the manager closes the event: from then on its records are read-only.
EVENT_CLOSED_KEY = "event_closed_at"


@dataclass(frozen=True, slots=True)
class TillInfo:
    till_id: str
    code: str
    event_id: str
    location: str


_SETTING = select(settings.c.value).where(settings.c.key == bindparam("key"))
_TILL = select(tills).where(tills.c.id == bindparam("key"))
_EVENT = select(events).where(events.c.id == bindparam("key"))


_THIS_TILL_AND_EVENT = (
    select(tills, events)
    .join(events, events.c.id == tills.c.event_id)
    .where(tills.c.id == select(settings.c.value).where(settings.c.key == THIS_TILL_KEY).scalar_subquery())
)


def _event(row: Mapping[Any, Any]) -> EventSettings:
    return EventSettings(
        event_id=row["id"],
        name=row["name"],
        currency=row["currency"],
        locale=row["locale"],
        prices_include_tax=bool(row["prices_include_tax"]),
        cash_rounding_step=row["cash_rounding_step"],
        discount_limit_percent=Decimal(row["discount_limit_percent"]),
        place=row["place"],
    )


class TillRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def setting(self, key: str) -> str | None:
        return self._connection.scalar(_SETTING, {"key": key})

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
            raise NotFound("This store has no till set up yet: run 'popup-pos init' or 'popup-pos demo' first.")
        return TillInfo(row.id, row.code, row.event_id, row.location)

    def event(self, event_id: str) -> EventSettings:
        row = self._connection.execute(_EVENT, {"key": event_id}).first()
        if row is None:
            raise NotFound(f"Event {event_id} is not in this store.")
        return _event(row._mapping)

    def this_till_and_event(self) -> tuple[TillInfo, EventSettings]:
        """This till and its event in one query (the checkout path reads both on every sale)."""
        row = self._connection.execute(_THIS_TILL_AND_EVENT).first()
        if row is None:
            raise NotFound("This store has no till set up yet: run 'popup-pos init' or 'popup-pos demo' first.")
        mapping = row._mapping
        till = TillInfo(
            mapping[tills.c.id], mapping[tills.c.code], mapping[tills.c.event_id], mapping[tills.c.location]
        )
        event = _event({column.name: mapping[column] for column in events.c})
        return till, event

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
