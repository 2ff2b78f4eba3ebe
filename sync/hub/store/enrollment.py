"""Events, and the tills enrolled on them: one-time enrollment codes, bearer tokens, revocation.

Only hashes of the codes and tokens are stored, so a copy of the database
cannot act as a till.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from dataclasses import dataclass

from sqlalchemy import Connection, select

from sync.carried_files import key_from_token_hash
from sync.hub.store.driver_sql import driver_sql
from sync.hub.store.errors import HubError
from sync.hub.store.schema import enroll_codes, events, pickup_keys, till_contacts, tills
from sync.protocol import EnrollResponse, EventInfo, PickupKeyInfo, TaxClassInfo


@dataclass(frozen=True, slots=True)
class AuthenticatedTill:
    till_id: str
    event_id: str
    code: str


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_event(connection: Connection, info: EventInfo) -> str:
    connection.execute(
        events.insert().values(
            id=info.event_id,
            name=info.name,
            place=info.place,
            currency=info.currency,
            locale=info.locale,
            prices_include_tax=int(info.prices_include_tax),
            cash_rounding_step=info.cash_rounding_step,
            tax_classes=json.dumps([tax.model_dump() for tax in info.tax_classes]),
        )
    )
    return info.event_id


def require_event(connection: Connection, event_id: str) -> None:
    if connection.execute(select(events.c.id).where(events.c.id == event_id)).first() is None:
        raise HubError(f"No event {event_id} on this hub: create it first (popup-hub event create).")


def create_enroll_code(connection: Connection, event_id: str, till_code: str) -> str:
    """A one-time code for till ``till_code``; refused when a till (revoked or not) has that code on the event:
    it owns the receipt numbers made with it, and two tills with one code would print the same numbers."""
    code = secrets.token_hex(4).upper()
    require_event(connection, event_id)
    till_code = till_code.upper()
    if _till_with_code(connection, event_id, till_code) is not None:
        raise HubError(
            f"Till {till_code} is already enrolled on this event: choose another till code (for example "
            f"{till_code}2). A till that is replaced keeps its code and its receipt numbers, even once revoked."
        )
    connection.execute(enroll_codes.insert().values(code_hash=_hash(code), event_id=event_id, till_code=till_code))
    return code


def _till_with_code(connection: Connection, event_id: str, till_code: str) -> str | None:
    return connection.scalar(select(tills.c.id).where(tills.c.event_id == event_id, tills.c.code == till_code))


def revoke_till(connection: Connection, till_id: str) -> None:
    if connection.execute(tills.update().where(tills.c.id == till_id).values(revoked=1)).rowcount == 0:
        raise HubError(f"No till {till_id} on this hub.")


def enroll(
    connection: Connection, code: str, attempt: str | None = None, try_number: int | None = None
) -> EnrollResponse:
    """Use a one-time code: a new till with its token, the event and the pickup keys.

    The code's row is locked for the transaction (``FOR UPDATE`` on PostgreSQL; SQLite's writers queue on
    ``BEGIN IMMEDIATE``), so two tries at once are served one after the other. A used code with the attempt that
    used it is the same enrollment tried again after a lost answer: the same till with a new token, which
    replaces the one nobody received (only hashes are kept, so the first cannot be sent again). A try numbered
    below one already answered is refused: the till stopped waiting for it, and it must not replace the token
    the later try gave.
    """
    row = connection.execute(
        select(enroll_codes).where(enroll_codes.c.code_hash == _hash(code.strip().upper())).with_for_update()
    ).first()
    refused = "That enrollment code is unknown or already used: ask the marketplace for a new one."
    if row is None:
        raise HubError(refused)
    token = secrets.token_urlsafe(32)
    if row.used_by is not None:
        if attempt is None or row.attempt_hash is None or not hmac.compare_digest(row.attempt_hash, _hash(attempt)):
            raise HubError(refused)
        if try_number is not None and row.attempt_try is not None and try_number < row.attempt_try:
            raise HubError(f"A later try of this enrollment (try {row.attempt_try}) was answered already.")
        replaced = connection.execute(
            tills.update()
            .where(tills.c.id == row.used_by, tills.c.revoked == 0)
            .where(~select(till_contacts.c.till_id).where(till_contacts.c.till_id == row.used_by).exists())
            .values(token_hash=_hash(token))
        ).rowcount
        if replaced == 0:
            # Revoked, or its token has been used since: the first answer did reach the till.
            raise HubError(refused)
        if try_number is not None:
            connection.execute(
                enroll_codes.update().where(enroll_codes.c.code_hash == row.code_hash).values(attempt_try=try_number)
            )
        return _answer(connection, row.event_id, row.used_by, row.till_code, token)
    if _till_with_code(connection, row.event_id, row.till_code) is not None:
        raise HubError(
            f"Till {row.till_code} is already enrolled on this event (this code was made before it enrolled): "
            f"ask the marketplace for a code with another till code, for example {row.till_code}2."
        )
    till_id = str(uuid.uuid4())
    connection.execute(
        tills.insert().values(id=till_id, event_id=row.event_id, code=row.till_code, token_hash=_hash(token), revoked=0)
    )
    connection.execute(
        enroll_codes.update()
        .where(enroll_codes.c.code_hash == row.code_hash)
        .values(
            used_by=till_id,
            attempt_hash=_hash(attempt) if attempt is not None else None,
            attempt_try=try_number if attempt is not None else None,
        )
    )
    return _answer(connection, row.event_id, till_id, row.till_code, token)


def _answer(connection: Connection, event_id: str, till_id: str, till_code: str, token: str) -> EnrollResponse:
    event_row = connection.execute(select(events).where(events.c.id == event_id)).one()
    keys = [
        PickupKeyInfo(key_id=key.key_id, public_key=key.public_key, revoked=key.revoked_at is not None)
        for key in connection.execute(select(pickup_keys).order_by(pickup_keys.c.key_id))
    ]
    info = EventInfo(
        event_id=event_row.id,
        name=event_row.name,
        place=event_row.place,
        currency=event_row.currency,
        locale=event_row.locale,
        prices_include_tax=bool(event_row.prices_include_tax),
        cash_rounding_step=event_row.cash_rounding_step,
        tax_classes=[TaxClassInfo(**tax) for tax in json.loads(event_row.tax_classes)],
    )
    return EnrollResponse(till_id=till_id, till_code=till_code, token=token, event=info, pickup_keys=keys)


def till_by_id(connection: Connection, till_id: str) -> AuthenticatedTill | None:
    row = connection.execute(select(tills).where(tills.c.id == till_id)).first()
    if row is None or row.revoked:
        return None
    return AuthenticatedTill(row.id, row.event_id, row.code)


def file_key_of(connection: Connection, till_id: str) -> bytes | None:
    """The key an enrolled till signs its carried files with (sync/carried_files.py), or None."""
    row = connection.execute(select(tills.c.token_hash, tills.c.revoked).where(tills.c.id == till_id)).first()
    return None if row is None or row.revoked else key_from_token_hash(row.token_hash)


def authenticate_with_contact(connection: Connection, token: str) -> tuple[AuthenticatedTill, str | None] | None:
    """``authenticate``, with the till's last contact kept (till_contacts.py), in one statement through the
    driver: a till authenticates on every push and pull."""
    row = connection.exec_driver_sql(
        driver_sql(
            connection,
            "SELECT tills.id, tills.event_id, tills.code, tills.revoked, till_contacts.last_contact_at FROM tills"
            " LEFT JOIN till_contacts ON till_contacts.till_id = tills.id WHERE tills.token_hash = ?",
        ),
        (_hash(token),),
    ).first()
    if row is None or row[3]:
        return None
    return AuthenticatedTill(row[0], row[1], row[2]), row[4]


def authenticate(connection: Connection, token: str) -> AuthenticatedTill | None:
    row = connection.execute(select(tills).where(tills.c.token_hash == _hash(token))).first()
    if row is None or row.revoked:
        return None
    return AuthenticatedTill(row.id, row.event_id, row.code)
