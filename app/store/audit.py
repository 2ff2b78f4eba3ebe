"""Appending to and reading the hash-chained audit log."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection, select

from app.domain.audit import GENESIS_HASH, AuditEntry, AuditFields, canonical_details
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
        for row in self._connection.execute(select(audit_log).order_by(audit_log.c.seq)):
            fields = AuditFields(
                seq=row.seq,
                entry_id=row.id,
                at=row.at,
                till_id=row.till_id,
                staff_id=row.staff_id,
                action=row.action,
                subject=row.subject,
                details=row.details,
                approved_by=row.approved_by,
            )
            yield AuditEntry(fields, row.prev_hash, row.hash)
