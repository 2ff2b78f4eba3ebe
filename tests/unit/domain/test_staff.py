from __future__ import annotations

import pytest

from app.domain.errors import InvalidInput
from app.domain.staff import Permission, Role, can, check_pin_format, hash_pin, parse_role, verify_pin


def test_a_pin_is_stored_as_a_salted_slow_hash() -> None:
    first, second = hash_pin("1234"), hash_pin("1234")
    assert first != second, "each hash has its own salt"
    assert "1234" not in first
    assert first.startswith("scrypt$16384$")
    assert verify_pin("1234", first)
    assert verify_pin("1234", second)
    assert not verify_pin("1235", first)


def test_a_damaged_hash_never_verifies() -> None:
    assert not verify_pin("1234", "plain-1234")
    assert not verify_pin("1234", "md5$1$2$3$4$5")


@pytest.mark.parametrize("pin", ["123", "123456789", "12a4", "", "12 34"])
def test_pins_are_four_to_eight_digits(pin: str) -> None:
    with pytest.raises(InvalidInput, match="4 to 8 digits"):
        check_pin_format(pin)


def test_roles_and_what_they_may_do() -> None:
    assert can(Role.CASHIER, Permission.SELL)
    assert not can(Role.CASHIER, Permission.APPROVE_OVERRIDE)
    assert not can(Role.PICKUP_CLERK, Permission.SELL)
    assert can(Role.PICKUP_CLERK, Permission.HAND_OVER_PICKUP)
    assert all(can(Role.MANAGER, permission) for permission in Permission)


def test_roles_are_read_from_what_people_type() -> None:
    assert parse_role("Pickup-Clerk") is Role.PICKUP_CLERK
    with pytest.raises(InvalidInput, match="cashier, pickup_clerk, manager"):
        parse_role("boss")


@pytest.mark.parametrize(
    "stored",
    [
        "scrypt$abc$8$1$AAAA$AAAA",  # cost is not a number
        "scrypt$16384$8$1$AAAA$",  # no digest
        "scrypt$16384$8$1$!!!!$AAAA",  # salt is not base64
        "scrypt$1048576$8$1$AAAA$AAAA",  # cost beyond scrypt's memory limit
        "scrypt$-5$8$1$AAAA$AAAA",
        "scrypt$" + "9" * 30 + "$8$1$AAAA$AAAA",
        "",
    ],
)
def test_a_damaged_hash_is_a_wrong_pin_not_a_crash(stored: str) -> None:
    assert verify_pin("1234", stored) is False


def test_a_hash_only_opens_for_its_own_pin() -> None:
    stored = hash_pin("12345678")
    assert verify_pin("12345678", stored)
    assert not verify_pin("1234567", stored)
    assert not verify_pin("123456780", stored)
    assert not verify_pin("", stored)


@pytest.mark.parametrize("pin", ["¹²³⁴", "١٢٣٤", "１２３４"])
def test_pins_are_ascii_digits_as_on_the_pin_pad(pin: str) -> None:
    with pytest.raises(InvalidInput, match="4 to 8 digits"):
        hash_pin(pin)


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.CASHIER, {Permission.SELL}),
        (Role.PICKUP_CLERK, {Permission.HAND_OVER_PICKUP}),
        (Role.MANAGER, set(Permission)),
    ],
)
def test_each_role_may_do_exactly_its_own_jobs(role: Role, allowed: set[Permission]) -> None:
    assert {permission for permission in Permission if can(role, permission)} == allowed
