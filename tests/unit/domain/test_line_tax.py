"""A line's tax in exact integers (app/domain/cart.py ``line_tax``) equals the Decimal form it replaced."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from app.domain.cart import line_tax
from app.domain.money import round_half_up

# Rates as the catalog holds them: Decimal text of up to 8 decimals (sync/records/fields.py ``Rate``).
rates = st.integers(min_value=0, max_value=99_999_999_99).map(lambda n: Decimal(n).scaleb(-8).normalize())
amounts = st.integers(min_value=-(10**12) + 1, max_value=10**12 - 1)


def decimal_tax(amount: int, rate: Decimal, prices_include_tax: bool) -> int:
    if prices_include_tax:
        return round_half_up(Decimal(amount) * rate / (1 + rate))
    return round_half_up(Decimal(amount) * rate)


@given(amounts, rates, st.booleans())
def test_the_integer_tax_is_the_decimal_tax(amount: int, rate: Decimal, prices_include_tax: bool) -> None:
    assert line_tax(amount, rate, prices_include_tax) == decimal_tax(amount, rate, prices_include_tax)


def test_halves_go_away_from_zero() -> None:
    assert line_tax(5, Decimal("0.1"), False) == 1  # 0.5
    assert line_tax(-5, Decimal("0.1"), False) == -1
    assert line_tax(15, Decimal("0.1"), False) == 2  # 1.5
    assert line_tax(1081, Decimal("0.081"), True) == 81  # exactly 81
    assert line_tax(0, Decimal("0.081"), True) == 0
