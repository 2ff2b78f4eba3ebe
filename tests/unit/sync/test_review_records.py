"""``conflict.reviewed``: a till's review of a conflict the hub raised on its record (sync/records/reviews.py)."""

from __future__ import annotations

import pytest

from app.services.records import conflict_review_record
from sync.records import ConflictReviewed, ContractError, RecordType, parse_fact, record_type_of

REVIEW = {
    "record_id": "0192f0c4-7b1e-7c3a-9f1d-2b8e4a6c0d11",
    "note": "customer called, refund agreed",
    "reviewed_by": "Alex",
    "reviewed_at": "2026-12-05T18:00:00+01:00",
}


def test_a_review_parses_and_travels_as_conflict_reviewed() -> None:
    fact = parse_fact("conflict.reviewed", 1, REVIEW)
    assert isinstance(fact, ConflictReviewed)
    assert record_type_of(fact) == (RecordType.CONFLICT_REVIEWED, 1)
    built = conflict_review_record(REVIEW["record_id"], REVIEW["note"], REVIEW["reviewed_by"], REVIEW["reviewed_at"])
    assert built.to_payload() == REVIEW


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"note": ""}, "note"),
        ({"note": "   "}, "note"),
        ({"note": "booked\nand paid"}, "note"),
        ({"note": "x" * 501}, "note"),
        ({"reviewed_by": ""}, "reviewed_by"),
        ({"reviewed_by": "Alex\x1b[2J"}, "reviewed_by"),
        ({"record_id": "B-000012"}, "record_id"),
        ({"reviewed_at": "2026-12-05T18:00:00"}, "no time zone"),
        ({"till_code": "B"}, "till_code"),
    ],
)
def test_a_broken_review_is_refused_with_the_field(change: dict[str, object], problem: str) -> None:
    with pytest.raises(ContractError, match=problem):
        parse_fact("conflict.reviewed", 1, {**REVIEW, **change})


def test_a_note_of_the_longest_length_passes() -> None:
    assert parse_fact("conflict.reviewed", 1, {**REVIEW, "note": "x" * 500}).model_dump()["note"] == "x" * 500
