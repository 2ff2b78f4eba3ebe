"""The event's settings, staff and commissions: the latest change per subject, fed to every till.

A change comes from ``popup-hub staff|settings|commission`` (sync/hub/commands/event_settings.py) or from a
manager on a till (an outbox record, applied through push_records.py's APPLY). Either way it is a contract of
sync/records/event_settings.py carrying the subject's whole new state; the one with the latest
``changed_at`` (then the highest ``change_id``) is kept and published, and an older one arriving late is
kept in the inbox for the books and changes nothing. So every till ends with the same state whatever order
the changes reach the hub in.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from pydantic import ValidationError
from sqlalchemy import Connection, Table, and_, func, insert, select, update

from sync.hub.store.conflict_log import Answer
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish
from sync.hub.store.schema import event_commissions, event_settings, event_staff, events, now, products
from sync.hub.store.schema.consignment import maker_terms
from sync.pin_hashes import PIN_MAX_LENGTH, PIN_MIN_LENGTH, hash_pin, is_pin
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ChangeKind, parse_fact
from sync.records.consignment import TERMS_COLUMNS, MakerTermsSet
from sync.records.event_settings import (
    CommissionScope,
    CommissionSet,
    EventChange,
    EventSettingChanged,
    SettingValue,
    StaffChanged,
    commission_key,
)

# Who made a change typed at the hub, as the tills' audit trails name it.
HUB = "hub"
Change = TypeVar("Change", bound=EventChange)


@dataclass(frozen=True, slots=True)
class _Subject:
    """Where a change's subject is kept: its table, its feed kind, its key columns and the other values."""

    table: Table
    kind: ChangeKind
    keys: dict[str, Any]
    values: dict[str, Any]


def _subject(event_id: str, change: EventChange) -> _Subject:
    if isinstance(change, EventSettingChanged):
        keys = {"event_id": event_id, "key": change.key}
        return _Subject(event_settings, ChangeKind.EVENT_SETTING, keys, {"value": json.dumps(change.value)})
    if isinstance(change, StaffChanged):
        values = {"name": change.name, "role": change.role, "pin_hash": change.pin_hash, "active": int(change.active)}
        return _Subject(event_staff, ChangeKind.STAFF, {"event_id": event_id, "staff_id": change.staff_id}, values)
    if isinstance(change, CommissionSet):
        keys = {"event_id": event_id, "scope": change.scope, "subject": change.subject}
        return _Subject(event_commissions, ChangeKind.COMMISSION, keys, {"rate": change.rate})
    if isinstance(change, MakerTermsSet):
        # A maker's fees and payout state (docs/consignment.md), kept like a commission.
        values = change.model_dump(include=set(TERMS_COLUMNS))
        return _Subject(maker_terms, ChangeKind.MAKER_TERMS, {"event_id": event_id, "maker": change.maker}, values)
    raise TypeError(f"{type(change).__name__} is not an event change")


def keep_change(connection: Connection, event_id: str, change: EventChange) -> bool:
    """Keep ``change`` and feed it to the event's tills if it is the latest for its subject; whether it was."""
    subject = _subject(event_id, change)
    where = and_(*(subject.table.c[name] == value for name, value in subject.keys.items()))
    # Locked, so two hub processes applying changes of one subject at once keep the later, not the last to write.
    held = connection.execute(
        select(subject.table.c.updated_at, subject.table.c.change_id).where(where).with_for_update()
    ).first()
    if held is not None and (datetime.fromisoformat(held.updated_at), held.change_id) >= change.order():
        return False
    stamp = {"updated_at": change.changed_at, "updated_by": change.changed_by, "change_id": change.change_id}
    if held is None:
        connection.execute(insert(subject.table).values(**subject.keys, **subject.values, **stamp))
    else:
        connection.execute(update(subject.table).where(where).values(**subject.values, **stamp))
    publish(connection, event_id, subject.kind.value, change.change_key(), change.to_payload())
    return True


def apply_pushed(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """A manager's change made on a till (it passed its contract at admission)."""
    change = parse_fact(record.type, record.schema_version, record.payload)
    if not isinstance(change, EventChange):
        raise TypeError(f"{record.type} is not an event change")
    if keep_change(connection, till.event_id, change):
        return AnswerStatus.APPLIED, None
    return AnswerStatus.APPLIED, f"kept for the books: a later change of {change.change_key()[:60]} is in force"


def _stamp() -> dict[str, str]:
    return {"changed_at": now(), "change_id": str(uuid.uuid4()), "changed_by": HUB}


def _checked(model: type[Change], data: dict[str, Any]) -> Change:
    """The change as every till will read it; what a till would refuse is refused here, with the reason."""
    try:
        return model.model_validate(data)
    except ValidationError as broken:
        problem = broken.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"])
        message = str(problem["msg"]).removeprefix("Value error, ")
        raise HubError(f"{where}: {message}" if where else message) from None


def require_event(connection: Connection, event_id: str) -> None:
    if connection.scalar(select(events.c.id).where(events.c.id == event_id)) is None:
        raise HubError(f"No event {event_id} on this hub: 'popup-hub event create' prints the ids of new events.")


# Staff


def staff(connection: Connection, event_id: str) -> list[StaffChanged]:
    """The event's staff by name, as the tills have them (PIN hashes included: never print them)."""
    rows = connection.execute(
        select(event_staff).where(event_staff.c.event_id == event_id).order_by(event_staff.c.name)
    )
    return [_member(row._mapping) for row in rows]


def _member(row: Any) -> StaffChanged:
    return StaffChanged(
        staff_id=row["staff_id"],
        name=row["name"],
        role=row["role"],
        pin_hash=row["pin_hash"],
        active=bool(row["active"]),
        changed_at=row["updated_at"],
        change_id=row["change_id"],
        changed_by=row["updated_by"],
    )


def add_staff(connection: Connection, event_id: str, name: str, role: str, pin_hash: str) -> StaffChanged:
    require_event(connection, event_id)
    name = " ".join(name.split())
    if any(member.name == name for member in staff(connection, event_id)):
        raise HubError(f"The event already has a staff member called {name}: choose another name.")
    data = {"staff_id": str(uuid.uuid4()), "name": name, "role": role, "pin_hash": pin_hash, "active": True}
    member = _checked(StaffChanged, {**data, **_stamp()})
    keep_change(connection, event_id, member)
    return member


def find_member(connection: Connection, event_id: str, who: str) -> StaffChanged:
    """A member named by their id or their name."""
    require_event(connection, event_id)
    matches = [member for member in staff(connection, event_id) if who in (member.staff_id, member.name)]
    if not matches:
        raise HubError(f"No staff member {who} at this event: 'popup-hub staff list --event {event_id}' lists them.")
    if len(matches) > 1:
        ids = ", ".join(member.staff_id for member in matches)
        raise HubError(f"{len(matches)} staff members are called {who}: name one by its id ({ids}).")
    return matches[0]


def change_member(
    connection: Connection, event_id: str, who: str, *, pin_hash: str | None = None, active: bool | None = None
) -> StaffChanged:
    """A new PIN hash, or a deactivation or reactivation, of the member ``who`` names."""
    member = find_member(connection, event_id, who)
    if active is not None and active == member.active:
        state = "active" if active else "inactive"
        raise HubError(f"{member.name} is already {state}: nothing to do.")
    if active is False and member.role == "manager":
        managers = [other for other in staff(connection, event_id) if other.role == "manager" and other.active]
        if len(managers) <= 1:
            raise HubError(f"{member.name} is the event's last active manager: add another manager first.")
    data = member.model_dump() | _stamp()
    if pin_hash is not None:
        data["pin_hash"] = pin_hash
    if active is not None:
        data["active"] = active
    changed = _checked(StaffChanged, data)
    keep_change(connection, event_id, changed)
    return changed


# Settings


def set_setting(connection: Connection, event_id: str, key: str, value: SettingValue) -> EventSettingChanged:
    require_event(connection, event_id)
    change = _checked(EventSettingChanged, {"key": key, "value": value, **_stamp()})
    keep_change(connection, event_id, change)
    return change


def settings(connection: Connection, event_id: str) -> list[tuple[str, SettingValue, str, str]]:
    """(key, value, when, by whom) of each setting the event has, by key; a till uses its own for the others."""
    rows = connection.execute(
        select(event_settings).where(event_settings.c.event_id == event_id).order_by(event_settings.c.key)
    )
    return [(row.key, json.loads(row.value), row.updated_at, row.updated_by) for row in rows]


# Commissions


def set_commission(connection: Connection, event_id: str, scope: CommissionScope, subject: str, rate: str) -> None:
    """The commission of the event (default), of a maker or of a product, which the catalog must know."""
    require_event(connection, event_id)
    known = select(func.count()).select_from(products)
    if scope is CommissionScope.PRODUCT and not connection.scalar(known.where(products.c.sku == subject)):
        raise HubError(f"No product with SKU {subject} in the hub's catalog: check the SKU or import the catalog.")
    if scope is CommissionScope.MAKER and not connection.scalar(known.where(products.c.maker == subject)):
        raise HubError(f"No maker called {subject} in the hub's catalog: check the name as the catalog spells it.")
    data = {"scope": scope.value, "subject": subject, "rate": rate, **_stamp()}
    keep_change(connection, event_id, _checked(CommissionSet, data))


def commissions(connection: Connection, event_id: str) -> list[tuple[str, str, str]]:
    """(scope:subject, rate, when) of each commission set for the event."""
    rows = connection.execute(
        select(event_commissions)
        .where(event_commissions.c.event_id == event_id)
        .order_by(event_commissions.c.scope, event_commissions.c.subject)
    )
    return [(commission_key(row.scope, row.subject), row.rate, row.updated_at) for row in rows]


def commission_rates(connection: Connection, event_id: str) -> Callable[[str, str], Decimal]:
    """``rate_of(maker, sku)`` for sync/maker_settlements.py ``settle``: the product's rate, else its maker's,
    else the event's default, else 0 (as every till's settlements.py takes them)."""
    rows = connection.execute(
        select(event_commissions.c.scope, event_commissions.c.subject, event_commissions.c.rate).where(
            event_commissions.c.event_id == event_id
        )
    )
    rates = {(row.scope, row.subject): Decimal(row.rate) for row in rows}
    default = rates.get((CommissionScope.DEFAULT.value, ""), Decimal(0))

    def rate_of(maker: str, sku: str) -> Decimal:
        # A rate of 0% set for a product or maker is a rate too: only a missing one falls through.
        for scope, subject in ((CommissionScope.PRODUCT, sku), (CommissionScope.MAKER, maker)):
            if (scope.value, subject) in rates:
                return rates[(scope.value, subject)]
        return default

    return rate_of


def hashed_pin(typed: str) -> str:
    """The hash of a PIN typed at ``popup-hub staff`` or sent to the admin API; only the hash goes further."""
    if not is_pin(typed):
        raise HubError(f"A PIN is {PIN_MIN_LENGTH} to {PIN_MAX_LENGTH} digits: type digits only.")
    return hash_pin(typed)


def commission_fraction(text: str) -> str:
    """A commission typed in percent ("25", "12.5%") as the fraction the tills keep ("0.25")."""
    try:
        percent = Decimal(text.strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise HubError(f"'{text}' is not a commission: type a percentage such as 25 or 12.5.") from None
    if not percent.is_finite() or not 0 <= percent <= 100:
        raise HubError("A commission is between 0 and 100 percent.")
    return format(percent / 100, "f")
