from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.barcodes import CodeKind, classify, gtin_check_digit, normalize_code
from app.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("code", "kind"),
    [("4006381333931", CodeKind.EAN13), ("036000291452", CodeKind.UPCA), ("96385074", CodeKind.EAN8)],
)
def test_real_gtins_are_accepted(code: str, kind: CodeKind) -> None:
    assert classify(code) is kind
    assert normalize_code(code).endswith(code)


def test_upc_a_is_stored_in_its_ean_13_form() -> None:
    assert normalize_code("036000291452") == "0036000291452"
    assert normalize_code("0036000291452") == "0036000291452"


@pytest.mark.parametrize("code", ["4006381333932", "036000291453", "96385075"])
def test_a_wrong_check_digit_says_it_was_misread(code: str) -> None:
    with pytest.raises(InvalidInput, match="check digit"):
        normalize_code(code)


@pytest.mark.parametrize("code", ["MUG-BLUE-01", "ATE-001", "12345", "sku_9/a"])
def test_internal_codes_are_allowed(code: str) -> None:
    assert classify(code) is CodeKind.INTERNAL
    assert normalize_code(f"  {code} ") == code


@pytest.mark.parametrize("code", ["", "   ", "mug blue", "é-1", "-lead", "x" * 41, "a;b"])
def test_junk_is_refused_with_a_message(code: str) -> None:
    with pytest.raises(InvalidInput):
        normalize_code(code)


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_every_body_with_its_check_digit_is_a_valid_ean13(body: str) -> None:
    code = body + str(gtin_check_digit(body))
    assert normalize_code(code) == code


@given(st.text(alphabet="0123456789", min_size=12, max_size=12), st.integers(0, 12), st.integers(1, 9))
def test_changing_one_digit_of_an_ean13_is_always_caught(body: str, position: int, shift: int) -> None:
    code = body + str(gtin_check_digit(body))
    altered = code[:position] + str((int(code[position]) + shift) % 10) + code[position + 1 :]
    with pytest.raises(InvalidInput):
        normalize_code(altered)


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_a_upc_a_and_its_ean_13_form_are_the_same_product(body: str) -> None:
    upc = body + str(gtin_check_digit(body))
    assert classify(upc) is CodeKind.UPCA
    assert normalize_code(upc) == "0" + upc == normalize_code("0" + upc)


@given(st.text(alphabet="0123456789", min_size=7, max_size=7), st.integers(1, 9))
def test_ean8_check_digits(body: str, shift: int) -> None:
    check = gtin_check_digit(body)
    assert normalize_code(body + str(check)) == body + str(check)
    with pytest.raises(InvalidInput, match="EAN-8"):
        normalize_code(body + str((check + shift) % 10))


@pytest.mark.parametrize("code", ["1234567²", "٩٦٣٨٥٠٧٤", "９６３８５０７４"])
def test_digits_from_other_scripts_are_not_barcodes(code: str) -> None:
    with pytest.raises(InvalidInput, match="not a product code"):
        normalize_code(code)


@pytest.mark.parametrize("code", ["1234567", "12345678901", "12345678901234"])
def test_numbers_of_other_lengths_are_internal_codes_without_a_check_digit(code: str) -> None:
    assert classify(code) is CodeKind.INTERNAL
    assert normalize_code(code) == code


@given(st.text(max_size=50))
def test_any_scan_is_either_a_code_or_a_message(raw: str) -> None:
    try:
        code = normalize_code(raw)
    except InvalidInput as error:
        assert str(error)
    else:
        assert code == normalize_code(code), "a stored code reads back as itself"
