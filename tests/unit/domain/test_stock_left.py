"""What the counter says of the stock left, and which lines sell beyond it (app/domain/stock_left.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.stock_left import FEW_LEFT, OversellPolicy, Oversold, StockState, oversold, parse_policy, stock_state


def test_the_words_follow_what_is_left() -> None:
    assert [stock_state(left) for left in (None, FEW_LEFT + 1, FEW_LEFT, 2, 1, 0, -4)] == [
        None,
        None,
        StockState.FEW_LEFT,
        StockState.FEW_LEFT,
        StockState.LAST_ONE,
        StockState.SOLD_OUT,
        StockState.SOLD_OUT,
    ]


def test_an_unknown_or_missing_policy_only_warns() -> None:
    assert [parse_policy(value) for value in (None, "", "manager", "refuse")] == [
        OversellPolicy.WARN,
        OversellPolicy.WARN,
        OversellPolicy.MANAGER,
        OversellPolicy.WARN,
    ]


def test_a_product_on_two_lines_is_counted_once_and_unknown_products_never() -> None:
    lines = [("MUG", "Mug", 1), ("CUP", "Cup", 5), ("MUG", "Mug", 2)]
    assert oversold(lines, {"MUG": 2}) == [Oversold("MUG", "Mug", 3, 2)]
    assert oversold(lines, {"MUG": 3, "CUP": 5}) == []


@given(
    st.lists(st.tuples(st.sampled_from("ABC"), st.integers(1, 5))),
    st.dictionaries(st.sampled_from("ABC"), st.integers(-3, 10)),
)
def test_oversold_names_exactly_the_products_wanted_beyond_what_is_left(
    lines: list[tuple[str, int]], left: dict[str, int]
) -> None:
    wanted = {sku: sum(quantity for other, quantity in lines if other == sku) for sku, _ in lines}
    found = oversold([(sku, sku, quantity) for sku, quantity in lines], left)
    assert {item.sku for item in found} == {sku for sku, total in wanted.items() if sku in left and total > left[sku]}
    assert all(item.quantity == wanted[item.sku] and item.left == left[item.sku] for item in found)
