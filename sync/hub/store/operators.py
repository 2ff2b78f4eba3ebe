"""The event page's operators and their browser sessions (docs/event_page.md).

A person chooses an operator's password, so it may be short and guessable:
it is kept as a slow salted scrypt hash (the scheme of sync/pin_hashes.py,
with costs for a password) and several wrong ones in a row lock the name for
a while (and many from one address lock the address: sign_in_limits.py). A
session is 256 random bits held in the browser's cookie; the hub keeps only
its SHA-256 (a random session id cannot be guessed at any speed), its expiry
and the CSRF token every form of the session carries. What an operator may
see and do (a role, some or all events) is read with the session on every
request, so a change applies at once (operator_access.py).
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, delete, select, update

from sync.hub.store import sign_in_limits
from sync.hub.store.enrollment import require_event
from sync.hub.store.errors import HubError
from sync.hub.store.schema import now, operator_events, operator_sessions, operators

SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
SALT_BYTES = 16
DIGEST_BYTES = 32
PASSWORD_MIN_LENGTH = 10
SESSION_HOURS = 12
FAILURES_BEFORE_LOCK = 5
LOCK_MINUTES = 5
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
# A viewer sees the figures of its events; a manager also reviews their conflicts.
VIEWER, MANAGER = "viewer", "manager"
ROLES = (VIEWER, MANAGER)


@dataclass(frozen=True, slots=True)
class Operator:
    name: str
    created_at: str
    locked_until: str | None
    role: str
    # None: every event of the hub, those created later included.
    events: tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Session:
    operator: str
    csrf_token: str
    role: str
    events: frozenset[str] | None

    def may_see(self, event_id: str) -> bool:
        return self.events is None or event_id in self.events

    @property
    def may_review(self) -> bool:
        return self.role == MANAGER


class SignInLocked(HubError):
    """Too many wrong passwords in a row for this name."""


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, DIGEST_BYTES)
    parts = ["scrypt", str(SCRYPT_N), str(SCRYPT_R), str(SCRYPT_P), base64.b64encode(salt).decode()]
    return "$".join([*parts, base64.b64encode(digest).decode()])


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, size: int) -> bytes:
    return hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=size, maxmem=128 * n * r * 2)


def password_matches(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, digest_b64 = stored.split("$")
        expected = base64.b64decode(digest_b64, validate=True)
        actual = _scrypt(password, base64.b64decode(salt_b64, validate=True), int(n), int(r), int(p), len(expected))
    except (TypeError, ValueError, OverflowError):
        return False
    return scheme == "scrypt" and hmac.compare_digest(actual, expected)


def add_operator(
    connection: Connection, name: str, password: str, role: str = VIEWER, events: list[str] | None = None
) -> None:
    """A new operator with ``role`` on ``events`` (None: every event)."""
    if not _NAME.fullmatch(name):
        raise HubError(f"'{name}' is not an operator name: use 1 to 64 letters, digits, '.', '_', '@' or '-'.")
    check_role(role)
    if len(password) < PASSWORD_MIN_LENGTH:
        raise HubError(f"Choose a password of at least {PASSWORD_MIN_LENGTH} characters.")
    if connection.execute(select(operators.c.name).where(operators.c.name == name)).first() is not None:
        raise HubError(f"An operator named {name} exists: remove it first to give it a new password.")
    connection.execute(
        operators.insert().values(
            name=name,
            password_hash=hash_password(password),
            created_at=now(),
            failed_sign_ins=0,
            role=role,
            all_events=int(events is None),
        )
    )
    add_events(connection, name, events or [])


def check_role(role: str) -> None:
    if role not in ROLES:
        raise HubError(f"'{role}' is not a role: choose {' or '.join(ROLES)}.")


def add_events(connection: Connection, name: str, event_ids: list[str]) -> None:
    """Lets the operator see these events (each must exist on the hub) besides those it sees already."""
    kept = set(events_of(connection, name))
    for event_id in dict.fromkeys(event_ids):
        require_event(connection, event_id)
        if event_id not in kept:
            connection.execute(operator_events.insert().values(operator_name=name, event_id=event_id))


def events_of(connection: Connection, name: str) -> list[str]:
    """The events listed for the operator (those it sees when it does not see all)."""
    return list(
        connection.scalars(
            select(operator_events.c.event_id)
            .where(operator_events.c.operator_name == name)
            .order_by(operator_events.c.event_id)
        )
    )


def remove_operator(connection: Connection, name: str) -> None:
    """The operator and every session it has open: its browsers are signed out at once."""
    connection.execute(delete(operator_sessions).where(operator_sessions.c.operator_name == name))
    connection.execute(delete(operator_events).where(operator_events.c.operator_name == name))
    if connection.execute(delete(operators).where(operators.c.name == name)).rowcount == 0:
        raise HubError(f"No operator named {name}: see 'popup-hub operator list'.")


def list_operators(connection: Connection) -> list[Operator]:
    listed: dict[str, list[str]] = {}
    for operator_name, event_id in connection.execute(select(operator_events).order_by(operator_events.c.event_id)):
        listed.setdefault(operator_name, []).append(event_id)
    rows = connection.execute(select(operators).order_by(operators.c.name))
    return [
        Operator(
            row.name,
            row.created_at,
            row.locked_until,
            row.role,
            None if row.all_events else tuple(listed.get(row.name, [])),
        )
        for row in rows
    ]


def sign_in(connection: Connection, name: str, password: str, address: str) -> str | None:
    """A new session's id for the operator when the password is right, else None (the failure is counted for
    the name and for the client's ``address``).

    An unknown name costs the same scrypt as a known one, so the answer's time
    does not tell which names exist. A locked address is refused before any
    password is checked.
    """
    sign_in_limits.check_address(connection, address)
    row = connection.execute(select(operators).where(operators.c.name == name)).first()
    if row is not None and row.locked_until is not None and row.locked_until > now():
        raise SignInLocked(
            f"Too many wrong passwords for {name}: try again after {row.locked_until[11:19]} UTC, "
            "or ask an administrator ('popup-hub operator list')."
        )
    matches = password_matches(password, row.password_hash if row is not None else decoy_hash())
    if row is None or not matches:
        sign_in_limits.count_failure(connection, address)
    if row is None:
        return None
    if not matches:
        failures = row.failed_sign_ins + 1
        locked_until = None
        if failures >= FAILURES_BEFORE_LOCK:
            locked_until = _later(minutes=LOCK_MINUTES)
            failures = 0
        connection.execute(
            update(operators)
            .where(operators.c.name == name)
            .values(failed_sign_ins=failures, locked_until=locked_until)
        )
        return None
    connection.execute(update(operators).where(operators.c.name == name).values(failed_sign_ins=0, locked_until=None))
    session_id = secrets.token_urlsafe(32)
    connection.execute(
        operator_sessions.insert().values(
            id_hash=_session_hash(session_id),
            operator_name=name,
            csrf_token=secrets.token_urlsafe(32),
            created_at=now(),
            expires_at=_later(hours=SESSION_HOURS),
        )
    )
    return session_id


def session_of(connection: Connection, session_id: str) -> Session | None:
    """The session's operator, CSRF token, role and events while it has not expired, else None."""
    row = connection.execute(
        select(operator_sessions.c.operator_name, operator_sessions.c.csrf_token).where(
            operator_sessions.c.id_hash == _session_hash(session_id), operator_sessions.c.expires_at > now()
        )
    ).first()
    return as_session(connection, row.operator_name, row.csrf_token) if row is not None else None


def as_session(connection: Connection, name: str, csrf_token: str = "") -> Session | None:
    """The operator's role and events as they are now, or None when there is no such operator."""
    row = connection.execute(select(operators.c.role, operators.c.all_events).where(operators.c.name == name)).first()
    if row is None:
        return None
    events = None if row.all_events else frozenset(events_of(connection, name))
    return Session(name, csrf_token, row.role, events)


def sign_out(connection: Connection, session_id: str) -> None:
    """Ends the session, and drops every expired one with it."""
    connection.execute(
        delete(operator_sessions).where(
            (operator_sessions.c.id_hash == _session_hash(session_id)) | (operator_sessions.c.expires_at <= now())
        )
    )


def _session_hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _later(**delta: int) -> str:
    return (datetime.now(UTC) + timedelta(**delta)).isoformat(timespec="milliseconds")


@functools.cache
def decoy_hash() -> str:
    """A hash no password matches, checked for a name nobody has, so that the answer takes as long as for a
    known name. Made once, when the event page is set up (sync/hub/page/routes.py), not when this module is
    imported: scrypt cost every ``popup-hub`` command and every hub process a sixth of a second."""
    return hash_password(secrets.token_urlsafe(16))
