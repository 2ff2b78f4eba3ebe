from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput
from app.domain.money import Money, check_currency, currency_exponent, parse_minor, round_half_up, round_to_step


def test_currency_exponents_follow_iso_4217() -> None:
    assert currency_exponent("EUR") == 2
    assert currency_exponent("JPY") == 0
    assert currency_exponent("BHD") == 3


@pytest.mark.parametrize(
    ("text", "currency", "minor"),
    [("12.50", "EUR", 1250), ("12,5", "EUR", 1250), ("12", "EUR", 1200), (" 0.05 ", "CHF", 5), ("1500", "JPY", 1500)],
)
def test_parse_minor_reads_what_people_type(text: str, currency: str, minor: int) -> None:
    assert parse_minor(text, currency) == minor


@pytest.mark.parametrize("text", ["12.345", "abc", "", "NaN", "Infinity", "1e"])
def test_parse_minor_refuses_what_is_not_an_amount_of_the_currency(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_minor(text, "EUR")


def test_jpy_has_no_decimals() -> None:
    with pytest.raises(InvalidInput, match="0 decimals"):
        parse_minor("10.5", "JPY")


def test_money_formats_in_the_event_locale() -> None:
    assert Money(123456, "EUR").format("fr_FR") == "1\u202f234,56\xa0€"
    assert Money(1290, "CHF").format("de_CH") == "CHF\xa012.90"


def test_money_refuses_mixing_currencies() -> None:
    with pytest.raises(ValueError, match="cannot mix"):
        Money(1, "EUR") + Money(1, "CHF")


def test_round_half_up_goes_away_from_zero_at_half() -> None:
    assert round_half_up(Decimal("2.5")) == 3
    assert round_half_up(Decimal("-2.5")) == -3
    assert round_half_up(Decimal("2.49")) == 2


@pytest.mark.parametrize(("minor", "rounded"), [(1232, 1230), (1233, 1235), (1237, 1235), (1238, 1240), (0, 0)])
def test_cash_rounding_to_five_cents(minor: int, rounded: int) -> None:
    assert round_to_step(minor, 5) == rounded


@given(st.integers(min_value=-(10**9), max_value=10**9), st.sampled_from([1, 5, 10, 25, 50, 100]))
def test_cash_rounding_is_within_half_a_step(minor: int, step: int) -> None:
    rounded = round_to_step(minor, step)
    assert rounded % step == 0
    assert abs(rounded - minor) * 2 <= step


@pytest.mark.parametrize(
    "text",
    ["1e3", "1E2", "1_000", "٣", "１２", "-Infinity", "sNaN", ".", "-", "1.2.3", "12 €", "0x10", "1e999999"],
)
def test_only_plain_digits_are_an_amount(text: str) -> None:
    with pytest.raises(InvalidInput, match="is not an amount"):
        parse_minor(text, "EUR")


def test_decimals_beyond_the_currency_are_refused_however_many_there_are() -> None:
    # Past 28 digits Decimal arithmetic would round the stray cent away without a word.
    with pytest.raises(InvalidInput, match="more than 2 decimals"):
        parse_minor("1." + "0" * 30 + "1", "EUR")
    assert parse_minor("1.50000", "EUR") == 150
    assert parse_minor("0.001", "BHD") == 1


def test_amounts_too_large_to_be_real_are_refused() -> None:
    assert parse_minor("9999999999.99", "EUR") == 999_999_999_999
    for text in ("10000000000.00", "1" * 40):
        with pytest.raises(InvalidInput, match="too large"):
            parse_minor(text, "EUR")


@given(st.text(max_size=40))
def test_parse_minor_never_fails_with_anything_but_a_message(text: str) -> None:
    try:
        minor = parse_minor(text, "EUR")
    except InvalidInput as error:
        assert str(error)
    else:
        assert isinstance(minor, int)


@given(st.integers(-(10**12) + 1, 10**12 - 1), st.sampled_from(["EUR", "JPY", "BHD"]))
def test_an_amount_written_out_reads_back_to_the_same_minor_units(minor: int, currency: str) -> None:
    written = format(Money(minor, currency).as_decimal(), "f")
    assert parse_minor(written, currency) == minor
    assert parse_minor(written.replace(".", ","), currency) == minor


def test_events_show_amounts_in_their_own_locale() -> None:
    from app.domain.events import EventSettings

    swiss = EventSettings("e", "Market", "CHF", "de_CH", True, 5, Decimal(10))
    french = EventSettings("e", "Marché", "EUR", "fr_FR", True, 1, Decimal(10))
    assert swiss.format(123456) == "CHF\xa01’234.56"
    assert french.format(-5) == "-0,05\xa0€"


def test_currencies_are_iso_4217_codes() -> None:
    assert check_currency(" chf ") == "CHF"
    for code in ("XYZ", "EURO", "€", ""):
        with pytest.raises(InvalidInput, match="ISO 4217"):
            check_currency(code)
