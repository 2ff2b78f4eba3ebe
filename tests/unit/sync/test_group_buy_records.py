"""The group-buy records: garbage is refused with the field and the reason, on both sides of the border."""

from __future__ import annotations

from typing import Any

import pytest

from sync.records import ContractError, GroupBuyCommitted, TillIdentity, parse_change, parse_fact
from tests.unit.sync.group_buy_samples import GROUP_BUY, GROUP_BUY_ID

COMMITMENT_ID = "0190a1b2-0000-7000-8000-000000000c02"
TILL_ID = "0190a1b2-0000-7000-8000-000000000d01"
EVENT_ID = "0190a1b2-0000-7000-8000-000000000e01"
COMMITTED: dict[str, Any] = {
    "commitment_id": COMMITMENT_ID,
    "group_buy_id": GROUP_BUY_ID,
    "event_id": EVENT_ID,
    "till_id": TILL_ID,
    "sale_id": "0190a1b2-0000-7000-8000-000000000f01",
    "receipt_no": "A-000012",
    "quantity": 2,
    "amount": 4000,
    "contact": "mia@example.ch",
    "consent": True,
    "committed_at": "2026-12-05T15:00:00+01:00",
}
OUTCOME: dict[str, Any] = {
    "commitment_id": COMMITMENT_ID,
    "group_buy_id": GROUP_BUY_ID,
    "sale_id": COMMITTED["sale_id"],
    "receipt_no": "A-000012",
    "quantity": 2,
    "amount": 4000,
    "state": "pickup",
    "late": False,
    "order_number": "GB-A-000012",
    "changed_at": "2026-12-06T18:00:01+01:00",
}


def test_the_good_records_parse() -> None:
    assert parse_change("group_buy", GROUP_BUY_ID, GROUP_BUY)
    assert parse_change("group_buy_commitment", COMMITMENT_ID, OUTCOME)
    fact = parse_fact("group_buy.committed", 1, COMMITTED)
    assert isinstance(fact, GroupBuyCommitted) and fact.consent is True
    assert parse_fact("group_buy.committed", 1, {**COMMITTED, "contact": "+41795551234"})


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"minimum": 0}, "minimum"),
        ({"minimum": "50"}, "minimum"),
        ({"price": 0}, "price"),
        ({"payment": "half"}, "payment"),
        ({"deadline": "2026-12-06 18:00"}, "time zone"),
        ({"deadline": "Sunday"}, "ISO 8601"),
        ({"committed": -1}, "committed"),
        ({"state": "reached", "closed_at": None}, "closing time exactly when"),
        ({"state": "open", "closed_at": "2026-12-06T18:00:00+01:00"}, "closing time exactly when"),
        ({"state": "reached", "closed_at": "2026-12-06T18:00:00+01:00"}, "reached only with its minimum"),
        ({"state": "missed", "committed": 50, "closed_at": "2026-12-06T18:00:00+01:00"}, "is not missed"),
        ({"state": "missed", "closed_at": "2026-12-06T17:00:00+01:00"}, "at or after its deadline"),
        ({"name": "Tea\x1b[2Jpot"}, "name"),
        ({"sku": "ATE 001"}, "sku"),
        ({"extra": 1}, "extra"),
    ],
)
def test_a_broken_group_buy_entry_is_refused_with_its_reason(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_change("group_buy", GROUP_BUY_ID, {**GROUP_BUY, **change})


def test_a_group_buy_entry_under_another_key_is_refused() -> None:
    with pytest.raises(ContractError, match="not the group buy's id"):
        parse_change("group_buy", COMMITMENT_ID, GROUP_BUY)
    with pytest.raises(ContractError, match="not the commitment's id"):
        parse_change("group_buy_commitment", GROUP_BUY_ID, OUTCOME)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"consent": False}, "consent"),
        ({"consent": "yes"}, "consent"),
        ({"contact": ""}, "contact"),
        ({"contact": "Mia@Example.ch"}, "contact"),  # the counter normalises before it sends
        ({"contact": "not an email"}, "contact"),
        ({"contact": "123"}, "contact"),
        ({"contact": "mia@example.ch\nBcc: x@y.z"}, "contact"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": 10_000}, "quantity"),
        ({"amount": -1}, "amount"),
        ({"receipt_no": "A12"}, "receipt_no"),
        ({"committed_at": "yesterday"}, "committed_at"),
    ],
)
def test_a_broken_commitment_is_refused_with_its_reason(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_fact("group_buy.committed", 1, {**COMMITTED, **change})
    missing = {key: value for key, value in COMMITTED.items() if key != "consent"}
    with pytest.raises(ContractError, match="consent"):
        parse_fact("group_buy.committed", 1, missing)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"state": "pickup", "order_number": None}, "pickup order number exactly when"),
        ({"state": "counted"}, "pickup order number exactly when"),
        ({"state": "refund_due", "order_number": None, "late": True}, None),
        ({"state": "counted", "order_number": None, "late": True}, "a late commitment is refunded"),
        ({"state": "gone", "order_number": None}, "state"),
        ({"contact": "mia@example.ch"}, "contact"),  # the feed never carries a contact
    ],
)
def test_a_broken_outcome_is_refused(change: dict[str, Any], reason: str | None) -> None:
    if reason is None:
        assert parse_change("group_buy_commitment", COMMITMENT_ID, {**OUTCOME, **change})
        return
    with pytest.raises(ContractError, match=reason):
        parse_change("group_buy_commitment", COMMITMENT_ID, {**OUTCOME, **change})


def test_a_commitment_names_its_sending_till() -> None:
    fact = parse_fact("group_buy.committed", 1, COMMITTED)
    own = TillIdentity(till_id=TILL_ID, event_id=EVENT_ID, till_code="A")
    assert fact.identity_problem(own) is None
    other_event = own.model_copy(update={"event_id": "0190a1b2-0000-7000-8000-000000000e02"})
    assert "another event" in (fact.identity_problem(other_event) or "")
    other_till = TillIdentity(till_id="0190a1b2-0000-7000-8000-000000000d02", event_id=EVENT_ID, till_code="B")
    assert "another till" in (fact.identity_problem(other_till) or "")
    renumbered = TillIdentity(till_id=TILL_ID, event_id=EVENT_ID, till_code="B")
    assert "not numbered as till B's" in (fact.identity_problem(renumbered) or "")
