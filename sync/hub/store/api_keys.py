"""The admin API's keys, each with its scopes, and the log of every admin call (docs/admin_api.md).

A key is 256 random bits, shown once when it is created; the hub keeps only its
SHA-256. A slow password hash (scrypt, bcrypt) exists to make guessing a
person's short password costly; a random 256-bit key cannot be guessed at any
speed, so a fast hash protects it as well and keeps each authenticated call cheap.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import Connection, select

from sync.hub.store.errors import HubError
from sync.hub.store.schema import admin_calls, api_keys, now

SCOPES: dict[str, str] = {
    "events:read": "read events, their tills and their stock",
    "events:write": "create events",
    "tills:write": "make enroll codes, revoke tills",
    "catalog:write": "import the catalog",
    "stock:write": "set stock levels",
    "orders:read": "list pickup orders",
    "orders:write": "create and cancel pickup orders",
    "keys:write": "create and revoke the pickup codes' signing keys",
    "conflicts:read": "list conflicts",
    "conflicts:write": "review conflicts",
    "reports:read": "read the event's reports",
    "settings:read": "list the event's staff, settings and commissions",
    "settings:write": "add and change staff (PINs), set settings and commissions",
    "pricing:read": "list the event's price rules (markdowns and bundles)",
    "pricing:write": "create, replace and withdraw price rules",
    "drops:read": "list the event's drops, their allocation and sales",
    "drops:write": "create and replace drops, move allocation between online and the counter",
    "vouchers:read": "list vouchers and their ledgers",
    "vouchers:write": "issue vouchers",
    "webhooks:read": "list webhook subscriptions and the delivery log",
    "webhooks:write": "subscribe and unsubscribe webhooks, replay a delivery",
    "apikeys:admin": "create, list and revoke API keys (only with scopes the key holds), read the call log",
}
KEY_PREFIX = "pk_"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True, slots=True)
class ApiKey:
    name: str
    scopes: frozenset[str]
    created_at: str
    revoked_at: str | None


@dataclass(frozen=True, slots=True)
class AdminCall:
    id: int
    at: str
    key_name: str | None
    method: str
    path: str
    status: int


class KeyNameTaken(HubError):
    """The name belongs to a key, revoked or not."""


class MissingScopes(HubError):
    """A key asked to make a key with scopes it does not hold itself."""


class NoSuchKey(HubError):
    """No key has this name."""


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_key(connection: Connection, name: str, scopes: list[str], held: frozenset[str] | None = None) -> str:
    """A new key named ``name`` with ``scopes``; the key itself is returned once and never stored.

    ``held`` is the scopes of the key asking over the API: a key cannot hand
    out more than it may do itself. The command, run on the hub's machine, holds all.
    """
    if not _NAME.fullmatch(name):
        raise HubError(f"'{name}' is not a key name: use 1 to 64 letters, digits, '.', '_' or '-', e.g. shopify-prod.")
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise HubError(f"Give each scope from: {', '.join(SCOPES)} (unknown: {', '.join(unknown) or 'none given'}).")
    beyond = sorted(set(scopes) - held) if held is not None else []
    if beyond:
        raise MissingScopes(
            f"A key can only give scopes it holds itself; this one lacks {', '.join(beyond)}: "
            "leave them out, or ask the hub's operator (popup-hub apikey create)."
        )
    if connection.execute(select(api_keys.c.name).where(api_keys.c.name == name)).first() is not None:
        raise KeyNameTaken(f"A key named {name} exists (or existed): a name stays with its key, choose another.")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    connection.execute(
        api_keys.insert().values(
            name=name, key_hash=key_hash(key), scopes=" ".join(sorted(set(scopes))), created_at=now()
        )
    )
    return key


def revoke_key(connection: Connection, name: str) -> None:
    row = connection.execute(select(api_keys.c.revoked_at).where(api_keys.c.name == name)).first()
    if row is None:
        raise NoSuchKey(f"No API key named {name}: see 'popup-hub apikey list'.")
    if row.revoked_at is not None:
        raise HubError(f"The key {name} was already revoked at {row.revoked_at}.")
    connection.execute(api_keys.update().where(api_keys.c.name == name).values(revoked_at=now()))


def list_keys(connection: Connection, name: str | None = None) -> list[ApiKey]:
    """Every key (or the one named ``name``), oldest first; a key's secret is never kept, so never listed."""
    query = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.name)
    if name is not None:
        query = query.where(api_keys.c.name == name)
    return [
        ApiKey(row.name, frozenset(row.scopes.split()), row.created_at, row.revoked_at)
        for row in connection.execute(query)
    ]


def authenticate(connection: Connection, key: str) -> ApiKey | None:
    """The key's record when it is known and not revoked, else None."""
    row = connection.execute(select(api_keys).where(api_keys.c.key_hash == key_hash(key))).first()
    if row is None or row.revoked_at is not None:
        return None
    return ApiKey(row.name, frozenset(row.scopes.split()), row.created_at, row.revoked_at)


def log_call(connection: Connection, key_name: str | None, method: str, path: str, status: int) -> None:
    connection.execute(
        admin_calls.insert().values(at=now(), key_name=key_name, method=method, path=path[:2000], status=status)
    )


def call_log(
    connection: Connection, limit: int, after: int | None = None, key_name: str | None = None
) -> list[AdminCall]:
    """Up to ``limit`` admin calls, newest first, older than the call ``after`` (its id), of ``key_name`` if given.

    Pages seek by id, so reading an old page costs no more than the first.
    """
    query = select(admin_calls).order_by(admin_calls.c.id.desc()).limit(limit)
    if key_name is not None:
        query = query.where(admin_calls.c.key_name == key_name)
    if after is not None:
        known = select(admin_calls.c.id).where(admin_calls.c.id == after)
        if key_name is not None:
            known = known.where(admin_calls.c.key_name == key_name)
        if connection.scalar(known) is None:
            raise HubError(f"No call {after} in this log: start again without a cursor, or use the last one given.")
        query = query.where(admin_calls.c.id < after)
    return [
        AdminCall(row.id, row.at, row.key_name, row.method, row.path, row.status) for row in connection.execute(query)
    ]
