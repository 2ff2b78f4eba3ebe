"""Tills' audit heads: the hub keeps the highest each till pushed, so a till's store cannot shrink unseen.

A till's audit chain checks itself, but a store cut short (its newest
entries deleted), rolled back or replaced by an older copy is a whole chain,
only shorter. The hub is outside the till: it keeps per till the highest head
(entry number and hash) a push brought, and refuses a lower one, or the same
number with another hash. A refusal is answered and logged as a conflict; the
push's records are answered one by one as always, nothing is lost.

A restore from a backup is the honest reason for a lower head: the till
declares it (its ``store.restored`` entry), and the hub takes the lower head
once per restore, logging it with the gap, so that it is never silent.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, insert, select, update

from sync.hub.store.conflict_log import raise_new
from sync.hub.store.driver_sql import driver_sql
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import now, till_audit_heads
from sync.protocol import ChainHead, HeadAnswer, PushedHead

REFUSED, RESTORED = "audit_head_refused", "audit_restored"


def take_head(connection: Connection, till: AuthenticatedTill, pushed: PushedHead) -> HeadAnswer:
    """Keep ``pushed`` as the till's head if it does not go back on one seen, or a new restore explains it."""
    # Through the driver: a till sends its head with every batch (docs/push_throughput.md).
    row = connection.exec_driver_sql(
        driver_sql(connection, "SELECT seq, hash, restore_hash FROM till_audit_heads WHERE till_id = ?"),
        (till.till_id,),
    ).first()
    if row is None:
        connection.execute(
            insert(till_audit_heads).values(
                till_id=till.till_id, seq=pushed.seq, hash=pushed.hash, restore_hash=None, updated_at=now()
            )
        )
        return HeadAnswer(accepted=True, seq=pushed.seq, hash=pushed.hash)
    seen = ChainHead(seq=row.seq, hash=row.hash)
    restore = pushed.restore
    if restore is not None and restore.entry.hash != row.restore_hash and restore.entry.seq <= pushed.seq:
        return _restored(connection, till, pushed, seen)
    problem = _problem(pushed, seen)
    if problem is not None:
        raise_new(
            connection,
            till.event_id,
            [
                {
                    "kind": REFUSED,
                    "subject": till.code,
                    # One conflict per head the till went back on, however many pushes repeat it.
                    "record_id": f"{till.till_id}/{seen.seq}",
                    "details": json.dumps(
                        {"till": till.code, "seen": seen.model_dump(), "pushed": _head(pushed), "reason": problem}
                    ),
                    "raised_at": now(),
                }
            ],
        )
        return HeadAnswer(
            accepted=False,
            seq=seen.seq,
            hash=seen.hash,
            reason=f"{problem}. The hub refused this head; the records were answered as usual.",
        )
    if pushed.seq > seen.seq:
        _save(connection, till, pushed, row.restore_hash)
        return HeadAnswer(accepted=True, seq=pushed.seq, hash=pushed.hash)
    return HeadAnswer(accepted=True, seq=seen.seq, hash=seen.hash)


def _problem(pushed: PushedHead, seen: ChainHead) -> str | None:
    if pushed.seq < seen.seq:
        missing = seen.seq - pushed.seq
        return (
            f"The hub has seen this till's audit trail up to entry {seen.seq:,}; this store ends at {pushed.seq:,}: "
            f"{missing:,} {'entry is' if missing == 1 else 'entries are'} missing "
            "(truncated, rolled back or restored from an older backup)"
        )
    if pushed.seq == seen.seq and pushed.hash != seen.hash:
        return (
            f"The hub saw this till's audit entry {seen.seq:,} as {seen.hash[:8]}, and this store's is "
            f"{pushed.hash[:8]}: the store was replaced"
        )
    since = pushed.since
    if since is not None and since.seq == seen.seq and since.hash != seen.hash:
        return (
            f"This store's audit entry {seen.seq:,} is {since.hash[:8]}, not the {seen.hash[:8]} the hub saw: "
            "the store was rolled back and written again from that entry on"
        )
    return None


def _restored(connection: Connection, till: AuthenticatedTill, pushed: PushedHead, seen: ChainHead) -> HeadAnswer:
    restore = pushed.restore
    assert restore is not None
    backup = restore.backup.seq if restore.backup is not None else 0
    gap = max(seen.seq - backup, 0)
    reason = (
        f"Restore from a backup recorded: the hub had seen this till's audit trail up to entry {seen.seq:,}, "
        f"the backup ends at entry {backup:,}: {gap:,} {'entry' if gap == 1 else 'entries'} the hub saw "
        f"{'is' if gap == 1 else 'are'} not in this store"
    )
    raise_new(
        connection,
        till.event_id,
        [
            {
                "kind": RESTORED,
                "subject": till.code,
                "record_id": f"{till.till_id}/{restore.entry.hash}",
                "details": json.dumps(
                    {
                        "till": till.code,
                        "seen": seen.model_dump(),
                        "pushed": _head(pushed),
                        "restore": restore.model_dump(),
                        "gap": gap,
                    }
                ),
                "raised_at": now(),
            }
        ],
    )
    _save(connection, till, pushed, restore.entry.hash)
    return HeadAnswer(accepted=True, seq=pushed.seq, hash=pushed.hash, reason=reason)


def _head(pushed: PushedHead) -> dict[str, object]:
    return {"seq": pushed.seq, "hash": pushed.hash}


def _save(connection: Connection, till: AuthenticatedTill, pushed: PushedHead, restore_hash: str | None) -> None:
    connection.execute(
        update(till_audit_heads)
        .where(till_audit_heads.c.till_id == till.till_id)
        .values(seq=pushed.seq, hash=pushed.hash, restore_hash=restore_hash, updated_at=now())
    )


def audit_head(connection: Connection, till_id: str) -> ChainHead | None:
    row = connection.execute(select(till_audit_heads).where(till_audit_heads.c.till_id == till_id)).first()
    return ChainHead(seq=row.seq, hash=row.hash) if row else None
