"""A venue hub's enrollment upstream while it is not finished (docs/enrollment.md): the attempt value and the
highest try number sent, kept in ``relay_enroll_attempts`` under a SHA-256 of the upstream's address and the code
(``enroll_attempt_key``, sync/client.py), so that ``popup-hub relay enroll`` run again after a lost answer gets
the same relay till upstream. The rows go in the transaction that saves the link (``forget_attempts``)."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from sync.client import KeptAttempt
from sync.hub.store.schema import relay_enroll_attempts


def kept_attempt(connection: Connection, key: str) -> KeptAttempt | None:
    row = connection.execute(select(relay_enroll_attempts).where(relay_enroll_attempts.c.key_hash == key)).first()
    return None if row is None else KeptAttempt(key, row.attempt, int(row.highest_try))


def keep_attempt(connection: Connection, key: str, attempt: str) -> KeptAttempt:
    """A new enrollment under ``key``: no try sent yet."""
    connection.execute(delete(relay_enroll_attempts).where(relay_enroll_attempts.c.key_hash == key))
    connection.execute(relay_enroll_attempts.insert().values(key_hash=key, attempt=attempt, highest_try=0))
    return KeptAttempt(key, attempt, 0)


def note_try(connection: Connection, key: str, try_number: int) -> None:
    """Try ``try_number`` is about to be sent; the highest number stays."""
    connection.execute(
        relay_enroll_attempts.update()
        .where(relay_enroll_attempts.c.key_hash == key, relay_enroll_attempts.c.highest_try < try_number)
        .values(highest_try=try_number)
    )


def forget_attempts(connection: Connection) -> None:
    """The hub is linked upstream: no attempt is needed any more, of any code."""
    connection.execute(delete(relay_enroll_attempts))
