"""The ``demand.recorded`` contract refuses garbage, and ``demand_erasure`` is checked against its key."""

from __future__ import annotations

from typing import Any

import pytest

from sync.records import ContractError, DemandRecorded, TillIdentity, parse_change, parse_fact

EVENT = "0190a1b2-0000-7000-8000-000000000001"
TILL = "0190a1b2-0000-7000-8000-000000000002"
STAFF = "0190a1b2-0000-7000-8000-000000000003"
DEMAND = "0190a1b2-0000-7000-8000-000000000004"


def payload(**changes: Any) -> dict[str, Any]:
    good: dict[str, Any] = {
        "demand_id": DEMAND,
        "event_id": EVENT,
        "till_id": TILL,
        "till_code": "A",
        "staff_id": STAFF,
        "staff_name": "Sam",
        "sku": "ATE-001",
        "product_name": "Beeswax taper candle pair",
        "item": None,
        "quantity": 3,
        "note": "the large size",
        "recorded_at": "2026-12-05T15:20:00+00:00",
        "contact": "mia@example.ch",
        "consent": True,
        "consent_wording": "demand-consent-1",
    }
    return {**good, **changes}


def test_a_good_entry_with_and_without_a_contact() -> None:
    fact = parse_fact("demand.recorded", 1, payload())
    assert isinstance(fact, DemandRecorded) and fact.contact == "mia@example.ch"
    anonymous = parse_fact("demand.recorded", 1, payload(contact=None, consent=False, consent_wording=None))
    assert isinstance(anonymous, DemandRecorded) and anonymous.contact is None
    item = parse_fact("demand.recorded", 1, payload(sku=None, product_name="", item="Velvet scarf", quantity=None))
    assert isinstance(item, DemandRecorded) and item.item == "Velvet scarf"


@pytest.mark.parametrize(
    ("changes", "says"),
    [
        ({"contact": "mia@"}, "contact"),
        ({"contact": "MIA@EXAMPLE.CH"}, "contact"),  # not normalised
        ({"contact": "12"}, "contact"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": 100}, "quantity"),
        ({"quantity": "3"}, "quantity"),
        ({"consent": False}, "only with the customer's consent"),
        ({"contact": None}, "consent is given for a contact"),
        ({"consent_wording": None}, "wording"),
        ({"contact": None, "consent": False}, "wording"),
        ({"sku": None}, "exactly one"),
        ({"item": "Velvet scarf"}, "exactly one"),
        ({"sku": None, "item": "   "}, "item"),
        ({"note": "x" * 201}, "note"),
        ({"note": "bell\x07"}, "note"),
        ({"demand_id": "not-an-id"}, "demand_id"),
        ({"recorded_at": "2026-12-05T15:20:00"}, "time zone"),
        ({"extra": 1}, "extra"),
    ],
)
def test_garbage_is_refused_with_a_reason(changes: dict[str, Any], says: str) -> None:
    with pytest.raises(ContractError, match=says):
        parse_fact("demand.recorded", 1, payload(**changes))


def test_a_till_cannot_record_demand_as_another() -> None:
    fact = parse_fact("demand.recorded", 1, payload())
    assert fact.identity_problem(TillIdentity(till_id=TILL, event_id=EVENT, till_code="A")) is None
    assert "till B" in str(fact.identity_problem(TillIdentity(till_id=TILL, event_id=EVENT, till_code="B")))
    other = TillIdentity(till_id=TILL, event_id="0190a1b2-0000-7000-8000-000000000009", till_code="A")
    assert "another event" in str(fact.identity_problem(other))


def test_an_erasure_entry_is_keyed_by_its_demand() -> None:
    data = {"demand_id": DEMAND, "erased_at": "2026-12-06T09:00:00+00:00"}
    assert parse_change("demand_erasure", DEMAND, data).to_payload() == data
    with pytest.raises(ContractError, match="not the demand's id"):
        parse_change("demand_erasure", STAFF, data)
    with pytest.raises(ContractError, match="contact"):
        parse_change("demand_erasure", DEMAND, {**data, "contact": "mia@example.ch"})
