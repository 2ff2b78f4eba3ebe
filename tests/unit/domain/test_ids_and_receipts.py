from __future__ import annotations

import uuid

import pytest

from app.domain.errors import InvalidInput
from app.domain.ids import new_id
from app.domain.sales import check_till_code, parse_receipt_number, receipt_number
from app.domain.vouchers import new_voucher_code, normalize_voucher_code


def test_ids_are_uuid7_and_sort_by_creation() -> None:
    ids = [new_id() for _ in range(2000)]
    assert all(uuid.UUID(value).version == 7 for value in ids)
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_receipt_numbers_read_back() -> None:
    assert receipt_number("A", 123) == "A-000123"
    assert parse_receipt_number(" a-000123 ") == ("A", 123)
    with pytest.raises(InvalidInput, match="A-000123"):
        parse_receipt_number("123")


def test_till_codes() -> None:
    assert check_till_code(" b2 ") == "B2"
    with pytest.raises(InvalidInput):
        check_till_code("2B")


def test_voucher_codes_survive_being_read_aloud() -> None:
    code = new_voucher_code()
    assert normalize_voucher_code(code.lower()) == code
    spoken = code.replace("0", "O").replace("1", "I")
    assert normalize_voucher_code(spoken) == code


def test_a_mistyped_voucher_code_is_caught_by_its_check_character() -> None:
    code = new_voucher_code()
    body = code[2:]
    swapped = body[1] + body[0] + body[2:]
    if swapped != body:
        with pytest.raises(InvalidInput, match="not a voucher code"):
            normalize_voucher_code("V-" + swapped)
