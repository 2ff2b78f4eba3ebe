"""The hub's changes this till could not apply: kept, with why, so one bad entry never stops the sync.

Append-only like the till's facts (the migration's triggers refuse UPDATE and
DELETE): what was skipped stays on record for the manager and the marketplace.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from app.store.schema import feed_quarantine

# A hub that sends a huge malformed entry must not fill the till's disk with copies of it.
MAX_DATA_BYTES = 64 * 1024
MAX_REASON_CHARS = 1000


@dataclass(frozen=True, slots=True)
class QuarantinedChange:
    entry_id: int
    seq: int
    kind: str
    key: str
    data: str
    reason: str
    quarantined_at: str


class QuarantineRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, seq: int, kind: str, key: str, data: str, reason: str, at: str) -> None:
        """Keep a change that was not applied; ``data`` is its raw JSON, cut to its first 64 KiB."""
        bounded = data.encode("utf-8")[:MAX_DATA_BYTES].decode("utf-8", errors="ignore")
        self._connection.execute(
            feed_quarantine.insert().values(
                seq=seq, kind=kind, key=key, data=bounded, reason=reason[:MAX_REASON_CHARS], quarantined_at=at
            )
        )

    def entries(self, limit: int) -> list[QuarantinedChange]:
        """The newest entries first."""
        rows = self._connection.execute(select(feed_quarantine).order_by(feed_quarantine.c.id.desc()).limit(limit))
        return [
            QuarantinedChange(row.id, row.seq, row.kind, row.key, row.data, row.reason, row.quarantined_at)
            for row in rows
        ]

    def count(self) -> int:
        return int(self._connection.scalar(select(func.count()).select_from(feed_quarantine)) or 0)
