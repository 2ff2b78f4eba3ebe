"""The event-wide records (settings, staff, commissions) and the PIN hashes the hub and every till share."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.staff import hash_pin as till_hash_pin
from app.domain.staff import verify_pin as till_verify_pin
from sync.pin_hashes import hash_pin, is_pin_hash, verify_pin
from sync.records import ContractError, parse_change, parse_fact
from sync.records.event_settings import EventSettingKey, parse_setting

STAMP = {"changed_at": "2026-12-05T14:00:00+01:00", "change_id": "0190a1b2-0000-7000-8000-000000000a01"}
MEMBER = {"staff_id": "0190a1b2-0000-7000-8000-000000000b01", "name": "Mia", "role": "cashier", "active": True}


def test_a_pin_hashed_at_the_hub_signs_in_on_a_till_and_the_other_way_round() -> None:
    at_hub, on_till = hash_pin("4321"), till_hash_pin("4321")
    assert till_verify_pin("4321", at_hub) and verify_pin("4321", on_till)
    assert not till_verify_pin("1234", at_hub)
    assert is_pin_hash(at_hub) and is_pin_hash(on_till)
    assert at_hub != hash_pin("4321"), "a salt of its own each time"


@pytest.mark.parametrize(
    "costs",
    ["scrypt$1048576$8$1$", "scrypt$16384$64$1$", "scrypt$16384$8$16$", "md5$16384$8$1$"],
)
def test_a_staff_record_with_a_hash_of_other_costs_is_refused(costs: str) -> None:
    made = hash_pin("4321")
    forged = costs + made.split("$", 4)[4]
    with pytest.raises(ContractError, match="not a PIN hash as the tills make it"):
        parse_fact("staff.changed", 1, {**MEMBER, "pin_hash": forged, "changed_by": "Mallory", **STAMP})
    assert parse_fact("staff.changed", 1, {**MEMBER, "pin_hash": made, "changed_by": "", **STAMP})


def test_a_pin_never_travels_in_place_of_its_hash() -> None:
    with pytest.raises(ContractError, match="pin_hash"):
        parse_fact("staff.changed", 1, {**MEMBER, "pin_hash": "4321", "changed_by": "", **STAMP})


@pytest.mark.parametrize(
    ("key", "typed", "value"),
    [
        ("return_window_days", "14", 14),
        ("no_receipt_cap_per_event", "0", 0),
        ("card_reference_required", "Yes", True),
        ("card_reference_required", "no", False),
        ("discount_limit_percent", "12.5%", "12.5"),
        ("cash_rounding_step", "5", 5),
        ("receipt_footer", "Danke!", "Danke!"),
        ("oversell_policy", "manager", "manager"),
    ],
)
def test_a_typed_setting_becomes_the_value_every_till_reads(key: str, typed: str, value: object) -> None:
    assert parse_setting(key, typed) == (EventSettingKey(key), value)


@pytest.mark.parametrize(
    ("key", "typed", "reason"),
    [
        ("colour", "red", "'colour' is not an event setting"),
        ("no_receipt_cap_per_return", "-1", "no_receipt_cap_per_return must be"),
        ("cash_rounding_step", "0", "cash_rounding_step must be"),
        ("discount_limit_percent", "101", "discount_limit_percent must be"),
        ("oversell_policy", "never", "warn or manager"),
        ("receipt_footer", "\x1b@ printer reset", "receipt_footer must be"),
    ],
)
def test_a_setting_no_till_could_use_is_refused_with_what_to_type(key: str, typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_setting(key, typed)


@pytest.mark.parametrize(
    ("key", "data"),
    [
        ("maker:Someone else", {"scope": "maker", "subject": "Atelier Lumen", "rate": "0.25"}),
        ("default:", {"scope": "default", "subject": "", "rate": "1.5"}),
        ("product:MUG 1", {"scope": "product", "subject": "MUG 1", "rate": "0.1"}),
        ("default:x", {"scope": "default", "subject": "x", "rate": "0.1"}),
    ],
)
def test_a_commission_entry_that_breaks_its_contract_is_refused(key: str, data: dict[str, Any]) -> None:
    with pytest.raises(ContractError):
        parse_change("commission", key, {**data, "changed_by": "hub", **STAMP})


def test_the_later_change_sorts_higher_by_time_then_by_id() -> None:
    def change(at: str, change_id: str) -> Any:
        data = {"key": "return_window_days", "value": 7, "changed_by": "hub", "changed_at": at, "change_id": change_id}
        return parse_change("event_setting", "return_window_days", data)

    early = change("2026-12-05T14:00:00+01:00", "0190a1b2-0000-7000-8000-00000000000f")
    later = change("2026-12-05T13:00:01+00:00", "0190a1b2-0000-7000-8000-000000000001")
    tie = change("2026-12-05T13:00:01+00:00", "0190a1b2-0000-7000-8000-000000000002")
    assert early.order() < later.order() < tie.order()
