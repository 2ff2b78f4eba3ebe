"""The close's records: ``till.closed`` from a till, ``till_status`` from the hub (sync/records/closing.py)."""

from __future__ import annotations

import pytest

from sync.records import ContractError, TillIdentity, parse_change, parse_fact

CLOSE = {
    "till_code": "B",
    "last_seq": 42,
    "cash_closed": True,
    "z_numbers": ["B-Z0001"],
    "at": "2026-12-05T18:00:00+01:00",
}
STATUS = {
    "closed": False,
    "cash_closed": False,
    "last_seq_declared": None,
    "last_seq_received": 17,
    "missing": 0,
    "conflicts_open": 2,
    "event_frozen": False,
}


def test_a_close_names_its_till_and_its_own_number() -> None:
    fact = parse_fact("till.closed", 1, CLOSE)
    assert fact.identity_problem(TillIdentity(till_id="t", event_id="e", till_code="B")) is None
    assert fact.identity_problem(TillIdentity(till_id="t", event_id="e", till_code="A")) == (
        "the record names till B, but till A sent it"
    )


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"last_seq": 0}, "last_seq"),
        ({"z_numbers": ["B-Z1", "B-Z1"]}, "a Z report number appears twice"),
        ({"at": "2026-12-05T18:00:00"}, "no time zone"),
        ({"cash_closed": "yes"}, "cash_closed"),
    ],
)
def test_a_broken_close_is_refused_with_the_field(change: dict[str, object], problem: str) -> None:
    with pytest.raises(ContractError, match=problem):
        parse_fact("till.closed", 1, {**CLOSE, **change})


def test_a_till_status_is_keyed_by_a_till_code() -> None:
    assert parse_change("till_status", "B", STATUS).model_dump()["conflicts_open"] == 2
    with pytest.raises(ContractError, match="its key is not a till code"):
        parse_change("till_status", "not a till", STATUS)
    with pytest.raises(ContractError, match="missing"):
        parse_change("till_status", "B", {**STATUS, "missing": -1})
