"""Appending to and reading the hash-chained audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import Connection, select

from app.domain.audit import GENESIS_HASH, RESTORED_ACTION, AuditEntry, AuditFields, AuditHead, canonical_details
from app.domain.clock import now_iso
from app.domain.ids import new_id
from app.store.database import driver
from app.store.schema import audit_log


class AuditRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def append(
        self,
        *,
        till_id: str,
        staff_id: str | None,
        action: str,
        subject: str,
        details: dict[str, object] | None = None,
        approved_by: str | None = None,
    ) -> AuditEntry:
        # The write lock is held (BEGIN IMMEDIATE), so reading the tail and
        # appending after it cannot race with another writer.
        db = driver(self._connection)
        last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
        fields = AuditFields(
            seq=seq,
            entry_id=new_id(),
            at=now_iso(),
            till_id=till_id,
            staff_id=staff_id,
            action=action,
            subject=subject,
            details=canonical_details(details or {}),
            approved_by=approved_by,
        )
        entry = AuditEntry.chained(fields, prev_hash)
        db.execute(
            "INSERT INTO audit_log (seq, id, at, till_id, staff_id, action, subject, details, approved_by, prev_hash,"
            " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                fields.seq,
                fields.entry_id,
                fields.at,
                fields.till_id,
                fields.staff_id,
                fields.action,
                fields.subject,
                fields.details,
                fields.approved_by,
                entry.prev_hash,
                entry.entry_hash,
            ),
        )
        return entry

    def entries(self) -> Iterator[AuditEntry]:
        # Through the driver: audit verify reads every entry of an event (100,000 and more).
        rows = driver(self._connection).execute(
            "SELECT seq, id, at, till_id, staff_id, action, subject, details, approved_by, prev_hash, hash"
            " FROM audit_log ORDER BY seq"
        )
        for row in rows:
            yield AuditEntry(AuditFields(*row[:9]), row[9], row[10])

    def head(self) -> AuditHead | None:
        """The last entry's number and hash: what a Z report prints and a push sends."""
        last = driver(self._connection).execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        return AuditHead(int(last[0]), str(last[1])) if last else None

    def hash_at(self, seq: int) -> str | None:
        row = driver(self._connection).execute("SELECT hash FROM audit_log WHERE seq = ?", (seq,)).fetchone()
        return str(row[0]) if row else None

    def last_restore(self) -> tuple[AuditEntry, dict[str, object]] | None:
        """The newest ``store.restored`` entry and its details, if this store was ever restored."""
        row = self._connection.execute(
            select(audit_log).where(audit_log.c.action == RESTORED_ACTION).order_by(audit_log.c.seq.desc()).limit(1)
        ).first()
        if row is None:
            return None
        fields = AuditFields(
            row.seq, row.id, row.at, row.till_id, row.staff_id, row.action, row.subject, row.details, row.approved_by
        )
        details: dict[str, object] = json.loads(row.details)
        return AuditEntry(fields, row.prev_hash, row.hash), details
