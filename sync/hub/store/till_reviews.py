"""Conflicts reviewed on a till (``conflict.reviewed``): admitted only for the sender's own conflicted records.

The review marks every open conflict of the record reviewed through the same
function as ``popup-hub conflicts review`` (event_close.review_conflict), so
the close checklist reads one truth. A conflict already reviewed, on the hub
or by an earlier review, keeps its first review.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, select

from sync.hub.store.conflict_log import Answer
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.event_close import record_review
from sync.hub.store.schema import conflict_reviews, conflicts, inbox
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ConflictReviewed


def review_problems(
    connection: Connection, till: AuthenticatedTill, reviews: Iterable[tuple[str, ConflictReviewed]]
) -> dict[str, str]:
    """Why each refused review (by the review's own record id) may not come from ``till``."""
    wanted = list(reviews)
    if not wanted:
        return {}
    reviewed_ids = sorted({review.record_id for _event_id, review in wanted})
    answered = {
        row.event_id: row
        for row in connection.execute(
            select(inbox.c.event_id, inbox.c.till_id, inbox.c.status).where(inbox.c.event_id.in_(reviewed_ids))
        )
    }
    problems = {}
    for event_id, review in wanted:
        row = answered.get(review.record_id)
        if row is None:
            problems[event_id] = f"the hub has no record {review.record_id}: there is no conflict of it to review"
        elif row.till_id != till.till_id:
            problems[event_id] = (
                f"record {review.record_id} came from another till: a till reviews only its own records' conflicts"
            )
        elif row.status != AnswerStatus.CONFLICT.value:
            problems[event_id] = f"the hub answered record {review.record_id} without a conflict: nothing to review"
    return problems


def apply_review(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """Mark the record's open conflicts reviewed with the till's note and who reviewed it there; the push
    feeds every till's line after its last record (push.py)."""
    payload = record.payload
    open_ids = connection.scalars(
        select(conflicts.c.id)
        .select_from(conflicts.outerjoin(conflict_reviews, conflict_reviews.c.conflict_id == conflicts.c.id))
        .where(conflicts.c.record_id == payload["record_id"], conflict_reviews.c.conflict_id.is_(None))
        .order_by(conflicts.c.id)
    ).all()
    for conflict_id in open_ids:
        record_review(connection, conflict_id, f"{payload['reviewed_by']} on till {till.code}", payload["note"])
    return AnswerStatus.APPLIED, None
