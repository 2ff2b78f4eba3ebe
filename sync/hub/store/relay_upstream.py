"""The upstream's side of a venue hub that relays (docs/relay.md): relay codes, and records pushed on behalf of a
venue's tills, admitted and applied under each till's own identity."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import Connection, select

from sync.hub.store.enrollment import AuthenticatedTill, create_enroll_code
from sync.hub.store.errors import HubError
from sync.hub.store.push import push_batch
from sync.hub.store.schema import relay_clients, tills
from sync.protocol import PushRecord, RecordAnswer


class NotARelayError(HubError):
    """The client pushing on behalf of other tills was not enrolled with a relay code."""


def create_relay_code(connection: Connection, event_id: str, name: str) -> str:
    """A one-time enrollment code for a venue hub: the client it enrolls may push for its event's tills."""
    code = create_enroll_code(connection, event_id, name)
    taken = select(relay_clients).where(relay_clients.c.event_id == event_id, relay_clients.c.till_code == name.upper())
    if connection.execute(taken).first() is not None:
        raise HubError(f"The event already has a relay named {name.upper()}: choose another name.")
    connection.execute(relay_clients.insert().values(event_id=event_id, till_code=name.upper()))
    return code


def is_relay(connection: Connection, client: AuthenticatedTill) -> bool:
    found = connection.execute(
        select(relay_clients.c.till_code).where(
            relay_clients.c.event_id == client.event_id, relay_clients.c.till_code == client.code
        )
    ).first()
    return found is not None


def relayed_till(connection: Connection, relay: AuthenticatedTill, till_id: str, till_code: str) -> AuthenticatedTill:
    """The venue till ``till_id`` as the upstream knows it, added on its first relayed push.

    Added with a token nobody holds: the till reaches the upstream only through its relay.
    """
    row = connection.execute(select(tills).where(tills.c.id == till_id).with_for_update()).first()
    if row is None:
        clash = connection.execute(
            select(tills.c.id).where(tills.c.event_id == relay.event_id, tills.c.code == till_code)
        ).first()
        if clash is not None:
            raise HubError(
                f"Till code {till_code} is already another till's on the upstream hub: "
                "give the venue's tills codes of their own (popup-hub till enroll-code on the venue hub)."
            )
        unusable = hashlib.sha256(secrets.token_bytes(32)).hexdigest()
        connection.execute(
            tills.insert().values(id=till_id, event_id=relay.event_id, code=till_code, token_hash=unusable, revoked=0)
        )
        return AuthenticatedTill(till_id, relay.event_id, till_code)
    if row.event_id != relay.event_id or row.code != till_code:
        raise HubError(
            f"Till {till_id} is not till {till_code} of this relay's event: a relay speaks for its own tills."
        )
    if row.revoked:
        raise HubError(f"Till {till_id} is revoked on the upstream hub: its records are no longer taken.")
    return AuthenticatedTill(row.id, row.event_id, row.code)


def relay_push(
    connection: Connection, relay: AuthenticatedTill, till_id: str, till_code: str, records: list[PushRecord]
) -> list[RecordAnswer]:
    """``records`` of one venue till, pushed by its relay: answered as that till's own push would be."""
    if not is_relay(connection, relay):
        raise NotARelayError("This client was not enrolled with a relay code: make one with popup-hub relay code.")
    return push_batch(connection, relayed_till(connection, relay, till_id, till_code), records)
