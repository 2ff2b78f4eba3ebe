"""Drawer counts and return arithmetic, as plain functions."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.cash import ExpectedCash, count_total, over_short
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.pickups import HandedOff, PickupLine, PickupOrder, PickupState, check_handoff, order_state
from app.domain.returns import PaidFacts, RefundKind, SoldLineFacts, line_refund, split_refund


def test_a_count_by_denomination_and_the_over_short() -> None:
    assert count_total({10000: 1, 2000: 2, 5: 3}, "CHF") == 14015
    with pytest.raises(InvalidInput, match="not a CHF coin"):
        count_total({1: 1}, "CHF")  # no 1-centime coin in Switzerland
    with pytest.raises(InvalidInput):
        count_total({500: -1}, "CHF")
    expected = ExpectedCash(20000, 2000, 710, 1290, 0, 5000)
    assert expected.total == 15000 and over_short(14800, expected) == -200
    assert expected.lines()[-1] == ("Expected in the drawer", 15000)


@given(st.integers(1, 20), st.integers(0, 100_000), st.lists(st.integers(1, 20), min_size=1, max_size=10))
def test_the_returns_of_a_line_add_up_to_its_total_and_never_more(quantity: int, total: int, takes: list[int]) -> None:
    returned = refunded = 0
    for take in takes:
        take = min(take, quantity - returned)
        if take <= 0:
            break
        refund = line_refund(SoldLineFacts(1, quantity, total, returned, refunded), take)
        assert refund >= 0
        returned, refunded = returned + take, refunded + refund
    assert refunded <= total
    if returned == quantity:
        assert refunded == total


@given(
    st.integers(1, 50_000),
    st.lists(st.tuples(st.sampled_from(["cash", "card", "voucher"]), st.integers(1, 30_000)), min_size=1, max_size=4),
)
def test_a_refund_never_takes_more_from_a_tender_than_it_paid(amount: int, tenders: list[tuple[str, int]]) -> None:
    paid = [PaidFacts(kind, value, f"R{index}") for index, (kind, value) in enumerate(tenders)]
    if amount > sum(value for _, value in tenders):
        with pytest.raises(RuleViolation):
            split_refund(amount, paid, 5)
        return
    refunds = split_refund(amount, paid, 5)
    for refund in refunds:
        assert refund.tender_index is not None and refund.amount <= paid[refund.tender_index].paid
        if refund.kind is RefundKind.CASH:
            assert refund.amount % 5 == 0 or refund.amount == paid[refund.tender_index].paid
    # Only cash rounding moves the total, by less than one cash step per cash tender.
    assert abs(sum(r.amount for r in refunds) - amount) < 5 * max(1, sum(k == "cash" for k, _ in tenders))


def test_pickup_state_and_a_handoff_beyond_what_was_ordered() -> None:
    order = PickupOrder("o1", "M-1", "Mia", "", False, (PickupLine("1", "A", "Candle", "Lumen", 2),))
    handed = [HandedOff("h1", "o1", "1", 1, "A", "Jo", "2026-12-05T10:00:00")]
    assert order_state([order], {("o1", "1"): 1}) is PickupState.PARTLY_COLLECTED
    check_handoff({"o1": order}, handed, {("o1", "1"): 1})
    with pytest.raises(InvalidInput, match="Only 1 of Candle is left"):
        check_handoff({"o1": order}, handed, {("o1", "1"): 2})
    cancelled = PickupOrder("o1", "M-1", "Mia", "", True, order.lines)
    assert order_state([cancelled], {}) is PickupState.CANCELLED
    with pytest.raises(InvalidInput, match="cancelled"):
        check_handoff({"o1": cancelled}, [], {("o1", "1"): 1})
