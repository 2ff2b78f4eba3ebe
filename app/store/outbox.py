"""The transactional outbox: every fact the marketplace must see, in till order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from app.domain.clock import now_iso
from app.domain.ids import new_id
from app.store.database import driver
from app.store.schema import outbox

if TYPE_CHECKING:
    from sync.records import Fact


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
    " SELECT coalesce(max(seq), 0) + 1, ?, ?, ?, ?, ?, ?, 0, ? FROM outbox"
)


# Reads and answers go through the driver: a push moves thousands of rows, and SQLAlchemy's
# per-row work would cost more than SQLite's.
_SELECT = "SELECT seq, id, type, schema_version, payload, status, created_at, attempts, last_error, answer FROM outbox"
_STATUSES = {status.value: status for status in OutboxStatus}
_ANSWER = "UPDATE outbox SET status = ?, answer = ?, last_error = ?, acknowledged_at = ?, attempts = attempts + 1"


class OutboxRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def append(self, till_id: str, fact: Fact) -> None:
        """Queue a fact; the sequence is gap-free because it is taken under the write lock."""
        # Imported here: the record contracts load pydantic, which opening the store and showing the
        # sign-in screen do not need (a third of a second); the first fact written pays for it once.
        from sync.records import record_type_of

        record_type, schema_version = record_type_of(fact)
        driver(self._connection).execute(
            _INSERT_NEXT,
            (
                new_id(),
                till_id,
                record_type,
                schema_version,
                # Keys in the contract's order, not sorted: a record is read by key and hashed by the hub
                # in its own canonical form, and one pass of pydantic costs a third of json.dumps.
                fact.to_json(),
                OutboxStatus.WAITING.value,
                now_iso(),
            ),
        )

    def count(self, status: OutboxStatus) -> int:
        return int(self._connection.scalar(select(func.count()).where(outbox.c.status == status.value)) or 0)

    def count_waiting(self, after: int) -> int:
        """How many records wait past sequence ``after``."""
        row = driver(self._connection).execute(
            "SELECT count(*) FROM outbox WHERE status = ? AND seq > ?", (OutboxStatus.WAITING.value, after)
        )
        return int(row.fetchone()[0])

    def records(
        self, status: OutboxStatus | None = None, limit: int | None = None, after: int = 0
    ) -> list[OutboxRecord]:
        """Records in sequence order, those up to sequence ``after`` left out."""
        where = "WHERE seq > :after" if status is None else "WHERE status = :status AND seq > :after"
        # LIMIT -1: no limit.
        parameters = {"status": status, "after": after, "limit": -1 if limit is None else limit}
        rows = driver(self._connection).execute(f"{_SELECT} {where} ORDER BY seq LIMIT :limit", parameters)
        return [
            OutboxRecord(
                seq, record_id, type_, version, payload, _STATUSES[state], created_at, attempts, last_error, answer
            )
            for seq, record_id, type_, version, payload, state, created_at, attempts, last_error, answer in rows
        ]

    def waiting(self, limit: int, after: int = 0) -> list[OutboxRecord]:
        """The first ``limit`` waiting records after sequence ``after`` (those sent in this push whose
        answers are still being written)."""
        return self.records(OutboxStatus.WAITING, limit, after)

    def record_answers(self, answers: Sequence[tuple[str, str, str | None]], at: str) -> None:
        """The hub's answers (record id, answer, reason): applied, duplicate and conflict are
        acknowledged; rejected needs a person."""
        # One statement for each answer and reason (a batch has one or a few), at half the cost of
        # executemany, whose driver also takes the GIL back after each row: the screens would wait on each.
        alike: dict[tuple[str, str | None], list[str]] = {}
        for record_id, answer, reason in answers:
            alike.setdefault((answer, reason), []).append(record_id)
        connection = driver(self._connection)
        for (answer, reason), record_ids in alike.items():
            rejected = answer == "rejected"
            status = OutboxStatus.NEEDS_ATTENTION if rejected else OutboxStatus.ACKNOWLEDGED
            # 500 ids at a time: SQLite before 3.32 binds at most 999 values to a statement.
            for start in range(0, len(record_ids), 500):
                chunk = record_ids[start : start + 500]
                connection.execute(
                    f"{_ANSWER} WHERE id IN ({', '.join(['?'] * len(chunk))})",
                    (status.value, answer, reason, None if rejected else at, *chunk),
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
