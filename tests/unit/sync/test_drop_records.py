"""The drop contracts refuse garbage with a reason; customer codes and contacts are read and hashed offline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from sync.customer_codes import (
    CustomerRefused,
    IdentityKind,
    customer_hash,
    read_contact,
    read_customer_code,
    sign_customer_code,
)
from sync.pickup_codes import PickupKey, new_signing_key, public_key_of, sign_pickup_code
from sync.records import ContractError, DropChanged, TillIdentity, parse_change, parse_fact
from tests.drop_feed import MUGS_DROP, drop_entry

SALE = "0193a0b0-0000-7000-8000-00000000a001"


def test_a_whole_drop_entry_parses() -> None:
    parsed = parse_change("drop", MUGS_DROP, drop_entry(counter_sold={"A": 3, "B": 1}))
    assert isinstance(parsed, DropChanged)
    assert parsed.counter_sold == {"A": 3, "B": 1}


GARBAGE: list[tuple[dict[str, Any], str]] = [
    ({"skus": []}, "skus"),
    ({"skus": ["BER-003", "BER-003"]}, "a SKU appears twice"),
    ({"skus": ["bad sku!"]}, "skus.0"),
    ({"release_at": "2026-12-05T14:00:00"}, "has no time zone"),
    ({"release_at": "tomorrow"}, "not an ISO 8601"),
    ({"counter_allocation": -1}, "counter_allocation"),
    ({"online_allocation": "30"}, "online_allocation"),
    ({"per_sale_cap": 0}, "per_sale_cap"),
    ({"per_sale_cap": 3, "per_customer_cap": 2}, "per-sale cap is larger"),
    ({"customer_salt": "short"}, "customer_salt"),
    ({"counter_sold": {"a lower till": 1}}, "counter_sold"),
    ({"counter_sold": {"A": -2}}, "counter_sold"),
    ({"name": "Mugs\x1b[2J"}, "name"),
    ({"extra": 1}, "extra"),
]


@pytest.mark.parametrize(("change", "reason"), GARBAGE)
def test_a_garbage_drop_entry_is_refused_with_the_reason(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match="breaks its contract") as refused:
        parse_change("drop", MUGS_DROP, drop_entry(**change))
    assert reason in str(refused.value)


def test_a_drop_entry_under_another_key_or_missing_a_field_is_refused() -> None:
    with pytest.raises(ContractError, match="its key is not the drop's id"):
        parse_change("drop", "0193a0b0-0000-7000-8000-00000000d002", drop_entry())
    entry = drop_entry()
    del entry["release_at"]
    with pytest.raises(ContractError, match="release_at"):
        parse_change("drop", MUGS_DROP, entry)


def sold(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "sale_id": SALE,
        "drop_id": MUGS_DROP,
        "till_code": "A",
        "lines": [{"sku": "BER-003", "quantity": 2}],
        "customer": "ab" * 32,
        "sold_at": "2026-12-05T13:00:01.000+00:00",
    }
    payload.update(changes)
    return payload


def test_a_drop_sold_fact_and_its_refusals() -> None:
    fact = parse_fact("drop.sold", 1, sold())
    assert fact.identity_problem(TillIdentity(till_id="t", event_id="e", till_code="A")) is None
    assert "names till A" in str(fact.identity_problem(TillIdentity(till_id="t", event_id="e", till_code="B")))
    for change, reason in [
        ({"lines": []}, "lines"),
        ({"lines": [{"sku": "BER-003", "quantity": 1}, {"sku": "BER-003", "quantity": 1}]}, "appears twice"),
        ({"lines": [{"sku": "BER-003", "quantity": 0}]}, "quantity"),
        ({"customer": "+41791234567"}, "customer"),
        ({"sold_at": "2026-12-05"}, "sold_at"),
    ]:
        with pytest.raises(ContractError) as refused:
            parse_fact("drop.sold", 1, sold(**change))
        assert reason in str(refused.value)


NOW = datetime(2026, 12, 5, 13, 0, tzinfo=UTC)
CUSTOMER = "0193a0b0-0000-7000-8000-0000000c0001"


def test_a_customer_code_is_checked_like_a_pickup_code() -> None:
    private, other = new_signing_key(), new_signing_key()
    keys = {3: PickupKey(3, public_key_of(private))}
    code = sign_customer_code(private, 3, CUSTOMER, NOW + timedelta(days=30))
    assert len(code) == 134 and code.startswith("CU:")  # QR version 6 at level M, like a pickup code
    assert read_customer_code(code, keys, NOW).value == CUSTOMER
    assert read_customer_code(code.lower(), keys, NOW).kind is IdentityKind.CODE  # caps lock on the scanner
    with pytest.raises(CustomerRefused, match="not genuine"):
        read_customer_code(sign_customer_code(other, 3, CUSTOMER, NOW + timedelta(days=1)), keys, NOW)
    with pytest.raises(CustomerRefused, match="does not know"):
        read_customer_code(sign_customer_code(private, 4, CUSTOMER, NOW + timedelta(days=1)), keys, NOW)
    with pytest.raises(CustomerRefused, match="revoked"):
        read_customer_code(code, {3: PickupKey(3, public_key_of(private), True)}, NOW)
    with pytest.raises(CustomerRefused, match="expired"):
        read_customer_code(sign_customer_code(private, 3, CUSTOMER, NOW - timedelta(hours=1)), keys, NOW)
    with pytest.raises(CustomerRefused, match="damaged"):
        read_customer_code(code[:-5], keys, NOW)
    # A pickup code's signature never passes as a customer's: each is signed over its own label.
    pickup = sign_pickup_code(private, 3, CUSTOMER, "event", NOW + timedelta(days=1))
    with pytest.raises(CustomerRefused, match="not a customer code"):
        read_customer_code(pickup, keys, NOW)
    with pytest.raises(CustomerRefused):
        read_customer_code("CU:" + pickup[3:], keys, NOW)


def test_contacts_are_normalised_then_hashed_with_the_events_salt() -> None:
    salt, other_salt = "11" * 32, "22" * 32
    phone = read_contact("+41 (79) 123-45.67")
    assert phone == read_contact("0041791234567")
    assert read_contact(" Mia.Keller@Example.CH ") == read_contact("mia.keller@example.ch")
    assert customer_hash(salt, phone) == customer_hash(salt, read_contact("0041 79 123 45 67"))
    assert customer_hash(salt, phone) != customer_hash(other_salt, phone)
    assert len(customer_hash(salt, phone)) == 64 and "791234567" not in customer_hash(salt, phone)
    for typed in ["12ab", "123", "mia@", "@example.ch", "a b@example.ch"]:
        with pytest.raises(CustomerRefused):
            read_contact(typed)
