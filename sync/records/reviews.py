"""``conflict.reviewed``: a manager on a till has looked at a conflict the hub raised on one of its records.

The hub marks every open conflict of that record reviewed, with the note and
who reviewed it on which till, just as ``popup-hub conflicts review`` does, so
its close checklist no longer waits for a second review on the hub. Only the
till that sent the record may review it: the hub checks that against its
inbox (sync/hub/store/till_reviews.py), not against the payload.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Strict, StringConstraints

from sync.records.facts import Fact
from sync.records.fields import RequiredName, Timestamp, Uuid

MAX_REVIEW_NOTE = 500

# Printable, and more than blanks: a review says what was done.
ReviewNote = Annotated[
    str,
    Strict(),
    StringConstraints(
        min_length=1, max_length=MAX_REVIEW_NOTE, pattern=r"^[^\x00-\x1f\x7f]*[^\x00-\x20\x7f][^\x00-\x1f\x7f]*$"
    ),
]


class ConflictReviewed(Fact):
    """``conflict.reviewed``: ``record_id`` is the till's own record the hub answered with a conflict."""

    record_id: Uuid
    note: ReviewNote
    reviewed_by: RequiredName
    reviewed_at: Timestamp
