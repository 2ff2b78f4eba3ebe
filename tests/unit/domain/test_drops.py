"""The drop rules on plain values: open from the release on, what is left, the caps and their refusals."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.drops import (
    Drop,
    check_counter_left,
    check_per_customer,
    check_per_sale,
    counter_left,
    not_open_yet,
    sell_through,
    units_in,
)
from app.domain.errors import RuleViolation

RELEASE = datetime.fromisoformat("2026-12-05T14:00:00+01:00")
MUGS = Drop("d1", "Mugs", frozenset({"BER-003", "BER-004"}), RELEASE, 30, 10, 2, 2)


def test_open_from_the_release_moment_on() -> None:
    assert not_open_yet(MUGS, RELEASE - timedelta(seconds=1), "14:00") == "Drop Mugs opens at 14:00"
    assert not_open_yet(MUGS, RELEASE, "14:00") is None
    # The same moment written in another zone is the same moment.
    assert MUGS.is_open_at(datetime.fromisoformat("2026-12-05T13:00:00+00:00"))


def test_the_caps_refuse_with_what_to_do() -> None:
    check_per_sale(MUGS, 2)
    with pytest.raises(RuleViolation, match="At most 2 per sale of drop Mugs: lower the quantity to 2"):
        check_per_sale(MUGS, 3)
    check_per_customer(MUGS, 1, 1)
    with pytest.raises(RuleViolation, match="This customer already has 2 of drop Mugs: the limit is 2"):
        check_per_customer(MUGS, 1, 2)
    with pytest.raises(RuleViolation, match="at most 1 more"):
        check_per_customer(MUGS, 2, 1)
    with pytest.raises(RuleViolation, match="sold out at the counter"):
        check_counter_left(MUGS, 1, 0)
    with pytest.raises(RuleViolation, match="Only 1 left of drop Mugs"):
        check_counter_left(MUGS, 2, 1)


def test_units_and_sell_through() -> None:
    assert units_in(MUGS, [("BER-003", 2), ("ATE-001", 5), ("BER-004", 1)]) == 3
    assert sell_through(8, 10) == 0.8 and sell_through(0, 0) is None


@given(st.integers(0, 50), st.dictionaries(st.sampled_from("ABCD"), st.integers(0, 50), max_size=4))
def test_what_is_left_never_goes_below_zero_and_counts_every_sale_once(here: int, elsewhere: dict[str, int]) -> None:
    left = counter_left(MUGS, here, elsewhere)
    assert left == max(MUGS.counter_allocation - here - sum(elsewhere.values()), 0)
    assert 0 <= left <= MUGS.counter_allocation
