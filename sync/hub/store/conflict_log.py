"""Conflicts: facts the hub accepted (the goods had left the table) but that a person should look at.

A module name apart from the ``conflicts`` table, which the package exports under that name.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, select

from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import conflicts, now
from sync.hub.store.webhook_outbox import conflict_happened, enqueue
from sync.protocol import AnswerStatus

# A record's answer to the till: its status, and why when it is not plainly applied.
Answer = tuple[AnswerStatus, str | None]


def conflict(
    kind: str, subject: str, record_id: str, till: AuthenticatedTill, at: str, details: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A row of the conflicts table, raised by ``till``'s record."""
    return {
        "kind": kind,
        "subject": subject,
        "record_id": record_id,
        "details": json.dumps({"till": till.code, "at": at, **(details or {})}),
        "raised_at": now(),
    }


def flagged(answer: Answer, problems: list[str]) -> Answer:
    """The answer of a record recorded in spite of ``problems``, after the reason it had already."""
    _status, reason = answer
    reasons = [reason] if reason else []
    return AnswerStatus.CONFLICT, "; ".join([*reasons, "recorded; " + "; ".join(problems)])


def raise_new(connection: Connection, event_id: str, raised: list[dict[str, Any]]) -> None:
    """Store the conflicts not stored before: a record flagged again (a third till handing over the same line)
    keeps its one conflict. Each new one is a conflict.raised webhook of the event (webhook_outbox.py).
    """
    known = {
        (row.kind, row.record_id, row.subject)
        for row in connection.execute(
            select(conflicts.c.kind, conflicts.c.record_id, conflicts.c.subject).where(
                conflicts.c.record_id.in_({candidate["record_id"] for candidate in raised})
            )
        )
    }
    fresh = []
    for candidate in raised:
        key = (candidate["kind"], candidate["record_id"], candidate["subject"])
        if key not in known:
            known.add(key)
            fresh.append(candidate)
    if fresh:
        connection.execute(conflicts.insert(), fresh)
        enqueue(connection, event_id, [conflict_happened(row) for row in fresh])


def all_conflicts(connection: Connection) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in connection.execute(select(conflicts).order_by(conflicts.c.id))]
