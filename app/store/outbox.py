"""The transactional outbox: every fact the marketplace must see, in till order."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, bindparam, func, select

from app.domain.clock import now_iso
from app.domain.ids import new_id
from app.store.database import driver
from app.store.schema import outbox
from sync.records import Fact, record_type_of


class OutboxStatus(StrEnum):
    WAITING = "waiting"
    ACKNOWLEDGED = "acknowledged"
    NEEDS_ATTENTION = "needs_attention"


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    seq: int
    record_id: str
    type: str
    schema_version: int
    payload: str
    status: OutboxStatus
    created_at: str = ""
    attempts: int = 0
    last_error: str | None = None
    answer: str | None = None


# The next sequence is taken in the INSERT itself, under the write lock.
_INSERT_NEXT = (
    "INSERT INTO outbox (seq, id, till_id, type, schema_version, payload, status, attempts, created_at)"
    " SELECT coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, 0, ? FROM outbox RETURNING seq"
)


_ANSWER = (
    outbox.update()
    .where(outbox.c.id == bindparam("key"))
    .values(
        status=bindparam("status"),
        answer=bindparam("answer"),
        last_error=bindparam("last_error"),
        acknowledged_at=bindparam("acknowledged_at"),
        attempts=outbox.c.attempts + 1,
    )
)


class OutboxRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def append(self, till_id: str, fact: Fact) -> int:
        """Queue a fact; the sequence is gap-free because it is taken under the write lock."""
        record_type, schema_version = record_type_of(fact)
        row = (
            driver(self._connection)
            .execute(
                _INSERT_NEXT,
                (
                    new_id(),
                    till_id,
                    record_type,
                    schema_version,
                    json.dumps(fact.to_payload(), separators=(",", ":"), sort_keys=True, ensure_ascii=False),
                    OutboxStatus.WAITING.value,
                    now_iso(),
                ),
            )
            .fetchone()
        )
        return int(row[0])

    def count(self, status: OutboxStatus) -> int:
        return int(self._connection.scalar(select(func.count()).where(outbox.c.status == status.value)) or 0)

    def records(self, status: OutboxStatus | None = None, limit: int | None = None) -> list[OutboxRecord]:
        query = select(outbox).order_by(outbox.c.seq).limit(limit)
        if status is not None:
            query = query.where(outbox.c.status == status.value)
        return [
            OutboxRecord(
                row.seq,
                row.id,
                row.type,
                row.schema_version,
                row.payload,
                OutboxStatus(row.status),
                row.created_at,
                row.attempts,
                row.last_error,
                row.answer,
            )
            for row in self._connection.execute(query)
        ]

    def waiting(self, limit: int) -> list[OutboxRecord]:
        return self.records(OutboxStatus.WAITING, limit)

    def record_answers(self, answers: Sequence[tuple[str, str, str | None]], at: str) -> None:
        """The hub's answers (record id, answer, reason): applied, duplicate and conflict are
        acknowledged; rejected needs a person."""
        if not answers:
            return
        self._connection.execute(
            _ANSWER,
            [
                {
                    "key": record_id,
                    "status": (
                        OutboxStatus.NEEDS_ATTENTION if answer == "rejected" else OutboxStatus.ACKNOWLEDGED
                    ).value,
                    "answer": answer,
                    "last_error": reason,
                    "acknowledged_at": None if answer == "rejected" else at,
                }
                for record_id, answer, reason in answers
            ],
        )

    def record_failure(self, record_ids: list[str], error: str, needs_attention: bool = False) -> None:
        values: dict[str, object] = {"last_error": error, "attempts": outbox.c.attempts + 1}
        if needs_attention:
            values["status"] = OutboxStatus.NEEDS_ATTENTION.value
        self._connection.execute(outbox.update().where(outbox.c.id.in_(record_ids)).values(**values))

    def oldest_waiting(self) -> str | None:
        oldest = self._connection.scalar(
            select(func.min(outbox.c.created_at)).where(outbox.c.status == OutboxStatus.WAITING.value)
        )
        return str(oldest) if oldest is not None else None
