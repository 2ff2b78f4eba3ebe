"""Wrong sign-ins counted per client address, beside the per-name lock of operators.py (docs/event_page.md).

The per-name lock alone lets one machine lock out every operator by name, or
try one password on many names. So every wrong sign-in (a known name or not)
also counts for the address it came from: ``FAILURES_BEFORE_LOCK`` within
``WINDOW_MINUTES`` lock the address for ``LOCK_MINUTES``, whatever names it
tries, before any password is checked. The count is kept in the hub's
database, so hub processes behind one load balancer count together.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, case, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite

from sync.hub.store.errors import HubError
from sync.hub.store.schema import now, sign_in_addresses

FAILURES_BEFORE_LOCK = 20
WINDOW_MINUTES = 15
LOCK_MINUTES = 15


class AddressLocked(HubError):
    """Too many wrong sign-ins from this address lately."""


def check_address(connection: Connection, address: str) -> None:
    """Raises AddressLocked, saying until when, while the address is locked."""
    locked_until = connection.scalar(
        select(sign_in_addresses.c.locked_until).where(sign_in_addresses.c.address == address)
    )
    if locked_until is not None and locked_until > now():
        raise AddressLocked(
            f"Too many wrong sign-ins from this address: try again after {locked_until[11:19]} UTC. "
            f"{FAILURES_BEFORE_LOCK} wrong sign-ins within {WINDOW_MINUTES} minutes lock an address for {LOCK_MINUTES}."
        )


def count_failure(connection: Connection, address: str) -> None:
    """One more wrong sign-in from the address; the one that reaches the limit locks it and starts a new count."""
    at = now()
    window_start = _ago(WINDOW_MINUTES)
    stale = sign_in_addresses.c.window_started_at < window_start
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    # One statement that reads and adds, so that two hub processes counting at once both count.
    connection.execute(
        insert(sign_in_addresses)
        .values(address=address, failures=1, window_started_at=at)
        .on_conflict_do_update(
            index_elements=[sign_in_addresses.c.address],
            set_={
                "failures": case((stale, 1), else_=sign_in_addresses.c.failures + 1),
                "window_started_at": case((stale, at), else_=sign_in_addresses.c.window_started_at),
            },
        )
    )
    failures = connection.scalar(select(sign_in_addresses.c.failures).where(sign_in_addresses.c.address == address))
    if failures is not None and failures >= FAILURES_BEFORE_LOCK:
        connection.execute(
            update(sign_in_addresses)
            .where(sign_in_addresses.c.address == address)
            .values(failures=0, window_started_at=at, locked_until=_later(LOCK_MINUTES))
        )
    # Addresses whose count and lock are over are forgotten: the table holds only the last minutes' addresses.
    connection.execute(
        delete(sign_in_addresses).where(
            sign_in_addresses.c.window_started_at < window_start,
            (sign_in_addresses.c.locked_until.is_(None)) | (sign_in_addresses.c.locked_until < at),
        )
    )


def _ago(minutes: int) -> str:
    return (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat(timespec="milliseconds")


def _later(minutes: int) -> str:
    return (datetime.now(UTC) + timedelta(minutes=minutes)).isoformat(timespec="milliseconds")
