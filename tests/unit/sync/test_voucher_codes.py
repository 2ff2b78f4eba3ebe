"""The voucher code rules the tills and the hub share (sync/voucher_codes.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sync.voucher_codes import ALPHABET, is_voucher_code, new_voucher_code, read_voucher_code


def test_a_new_code_is_well_formed_and_reads_back_as_itself() -> None:
    code = new_voucher_code()
    assert is_voucher_code(code)
    assert read_voucher_code(code) == code


def test_a_code_is_read_as_people_type_it() -> None:
    code = new_voucher_code()
    typed = " " + code.lower().replace("0", "o").replace("1", "l") + " "
    assert read_voucher_code(typed) == code
    assert read_voucher_code(code[2:]) == code, "without its prefix"


# The check weighs body character i by i + 1 (mod 32): an odd weight catches every change of that character,
# an even one misses the changes by a multiple of 32 / gcd(weight, 32), e.g. 0 -> G at weight 2.
@given(st.sampled_from([2, 4, 6, 8, 10, 12]), st.sampled_from(ALPHABET))
def test_a_wrong_character_at_an_odd_weight_or_the_check_is_always_caught(position: int, replacement: str) -> None:
    code = new_voucher_code()
    changed = code[:position] + replacement + code[position + 1 :]
    if changed != code:
        assert read_voucher_code(changed) is None
        assert not is_voucher_code(changed)


def test_only_the_stored_form_is_a_code_in_a_record() -> None:
    code = new_voucher_code()
    assert not is_voucher_code(code.lower())
    assert not is_voucher_code(code[2:])
    assert not is_voucher_code(code + "0")
    assert read_voucher_code("V-123") is None
    assert read_voucher_code("") is None
