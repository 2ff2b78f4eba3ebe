"""The print queue: jobs wait here, with their last error, until a printer has taken them.

A job's bytes leave only after the job is marked ``sending`` in its own
committed transaction, and it is marked ``printed`` once the printer took them.
A job still ``sending`` when nothing is sending it is one whose process died
in between: it may have printed, and only a person can tell.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import ColumnElement, Connection, RowMapping, and_, bindparam, select

from app.domain.clock import now_iso
from app.domain.ids import new_id
from app.store.schema import print_jobs


class PrintStatus(StrEnum):
    QUEUED = "queued"
    SENDING = "sending"
    PRINTED = "printed"
    CANCELLED = "cancelled"


# The table's CHECK (migration 0002) allows only 'queued', 'printed' and 'cancelled'. A job on its way is
# stored as 'printed' without a printed_at, which no printed job ever has: no migration is needed, and a
# till running an older version reads such a job as printed, so it never prints it a second time either.
_SENDING_ROW = and_(print_jobs.c.status == PrintStatus.PRINTED.value, print_jobs.c.printed_at.is_(None))
_PRINTED_ROW = and_(print_jobs.c.status == PrintStatus.PRINTED.value, print_jobs.c.printed_at.is_not(None))
_WHERE: dict[PrintStatus, ColumnElement[bool]] = {
    PrintStatus.QUEUED: print_jobs.c.status == PrintStatus.QUEUED.value,
    PrintStatus.SENDING: _SENDING_ROW,
    PrintStatus.PRINTED: _PRINTED_ROW,
    PrintStatus.CANCELLED: print_jobs.c.status == PrintStatus.CANCELLED.value,
}


@dataclass(frozen=True, slots=True)
class PrintJob:
    job_id: str
    created_at: str
    kind: str
    source_id: str | None
    document: str
    is_copy: bool
    status: PrintStatus
    attempts: int
    last_error: str | None
    printed_at: str | None


_BY_ID = select(print_jobs).where(print_jobs.c.id == bindparam("key"))


def _status(row: RowMapping) -> PrintStatus:
    if row["status"] == PrintStatus.PRINTED.value and row["printed_at"] is None:
        return PrintStatus.SENDING
    return PrintStatus(row["status"])


def _job(row: RowMapping) -> PrintJob:
    return PrintJob(
        job_id=row["id"],
        created_at=row["created_at"],
        kind=row["kind"],
        source_id=row["source_id"],
        document=row["document"],
        is_copy=bool(row["is_copy"]),
        status=_status(row),
        attempts=row["attempts"],
        last_error=row["last_error"],
        printed_at=row["printed_at"],
    )


class PrintJobRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def add(self, kind: str, source_id: str | None, document: str, is_copy: bool) -> str:
        job_id = new_id()
        self._connection.execute(
            print_jobs.insert(),
            {
                "id": job_id,
                "created_at": now_iso(),
                "kind": kind,
                "source_id": source_id,
                "document": document,
                "is_copy": int(is_copy),
                "status": PrintStatus.QUEUED.value,
                "attempts": 0,
            },
        )
        return job_id

    def get(self, job_id: str) -> PrintJob | None:
        row = self._connection.execute(_BY_ID, {"key": job_id}).first()
        return _job(row._mapping) if row else None

    def jobs(self, status: PrintStatus | None = None, limit: int = 200) -> list[PrintJob]:
        query = select(print_jobs).order_by(print_jobs.c.created_at.desc()).limit(limit)
        if status is not None:
            query = query.where(_WHERE[status])
        return [_job(row._mapping) for row in self._connection.execute(query)]

    def queued_oldest_first(self) -> list[PrintJob]:
        query = select(print_jobs).where(_WHERE[PrintStatus.QUEUED]).order_by(print_jobs.c.created_at)
        return [_job(row._mapping) for row in self._connection.execute(query)]

    def _move(self, job_id: str, status: PrintStatus, values: Mapping[str, object]) -> bool:
        """Change a job only if it is still in ``status``; False when another process got there first."""
        update = print_jobs.update().where(print_jobs.c.id == job_id, _WHERE[status]).values(**values)
        return self._connection.execute(update).rowcount == 1

    def mark_sending(self, job_id: str) -> bool:
        """Take a queued job for sending; False when it is no longer queued (another till process took it)."""
        return self._move(job_id, PrintStatus.QUEUED, {"status": PrintStatus.PRINTED.value, "printed_at": None})

    def mark_printed(self, job_id: str) -> bool:
        """The printer took the bytes; False when a person settled the job meanwhile (a copy was asked for)."""
        return self._move(job_id, PrintStatus.SENDING, {"attempts": print_jobs.c.attempts + 1, "printed_at": now_iso()})

    def mark_failed(self, job_id: str, error: str) -> bool:
        """The printer could not be reached, so nothing left: the job waits in the queue again."""
        values = {"status": PrintStatus.QUEUED.value, "attempts": print_jobs.c.attempts + 1, "last_error": error}
        return self._move(job_id, PrintStatus.SENDING, values)

    def mark_interrupted(self, job_id: str, error: str) -> bool:
        """The printer failed while taking the bytes: the job stays in doubt, with why."""
        return self._move(job_id, PrintStatus.SENDING, {"attempts": print_jobs.c.attempts + 1, "last_error": error})

    def confirm_printed(self, job_id: str) -> bool:
        """A person saw a job in doubt on paper: it is printed, and is not sent again."""
        return self._move(job_id, PrintStatus.SENDING, {"printed_at": now_iso()})

    def requeue_as_copy(self, job_id: str, document: str) -> bool:
        """A person found a job in doubt missing: it waits again, as a copy, with its COPY document."""
        values = {"status": PrintStatus.QUEUED.value, "is_copy": 1, "document": document, "last_error": None}
        return self._move(job_id, PrintStatus.SENDING, values)
