"""The print queue: jobs wait here, with their last error, until a printer has taken them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, RowMapping, bindparam, select

from app.domain.clock import now_iso
from app.domain.ids import new_id
from app.store.schema import print_jobs


class PrintStatus(StrEnum):
    QUEUED = "queued"
    PRINTED = "printed"
    CANCELLED = "cancelled"


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
_UPDATE = print_jobs.update().where(print_jobs.c.id == bindparam("key"))


def _job(row: RowMapping) -> PrintJob:
    return PrintJob(
        job_id=row["id"],
        created_at=row["created_at"],
        kind=row["kind"],
        source_id=row["source_id"],
        document=row["document"],
        is_copy=bool(row["is_copy"]),
        status=PrintStatus(row["status"]),
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
            query = query.where(print_jobs.c.status == status.value)
        return [_job(row._mapping) for row in self._connection.execute(query)]

    def queued_oldest_first(self) -> list[PrintJob]:
        query = (
            select(print_jobs).where(print_jobs.c.status == PrintStatus.QUEUED.value).order_by(print_jobs.c.created_at)
        )
        return [_job(row._mapping) for row in self._connection.execute(query)]

    def mark_printed(self, job_id: str) -> None:
        job = self.get(job_id)
        attempts = job.attempts + 1 if job else 1
        self._connection.execute(
            _UPDATE,
            {"key": job_id, "status": PrintStatus.PRINTED.value, "attempts": attempts, "printed_at": now_iso()},
        )

    def mark_failed(self, job_id: str, error: str) -> None:
        job = self.get(job_id)
        attempts = job.attempts + 1 if job else 1
        self._connection.execute(_UPDATE, {"key": job_id, "attempts": attempts, "last_error": error})
