from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.events import EventSettings
from app.domain.money import round_to_step
from app.domain.tenders import Tender, TenderKind, check_card_references, settle


def event(step: int = 1) -> EventSettings:
    return EventSettings("e", "Market", "CHF", "de_CH", True, step, Decimal(10))


def test_cash_with_change() -> None:
    settlement = settle(5170, [Tender(TenderKind.CASH, 10000)], event())
    assert (settlement.change, settlement.rounding, settlement.amount_paid) == (4830, 0, 5170)


def test_cash_rounds_to_five_cents_but_card_does_not() -> None:
    cash = settle(1233, [Tender(TenderKind.CASH, 2000)], event(5))
    assert (cash.rounding, cash.change) == (2, 765)
    card = settle(1233, [Tender(TenderKind.CARD, 1233, "T-1")], event(5))
    assert (card.rounding, card.change) == (0, 0)


def test_split_card_and_cash_rounds_only_the_cash_part() -> None:
    settlement = settle(5172, [Tender(TenderKind.CARD, 3000, "T-9"), Tender(TenderKind.CASH, 2500)], event(5))
    assert settlement.rounding == -2
    assert settlement.change == 2500 - 2170
    assert settlement.amount_paid == 5170


def test_change_only_comes_from_cash() -> None:
    with pytest.raises(RuleViolation, match="change only comes from cash"):
        settle(1000, [Tender(TenderKind.CARD, 1500, "T-1")], event())


def test_a_short_payment_is_refused_with_the_amount_missing() -> None:
    with pytest.raises(RuleViolation, match=r"short by CHF.5\.00"):
        settle(1500, [Tender(TenderKind.CARD, 1000, "T-1")], event())
    with pytest.raises(RuleViolation, match=r"cash is short by CHF.2\.00"):
        settle(1500, [Tender(TenderKind.CASH, 1300)], event())


def test_card_needs_its_terminal_reference_only_where_required_and_voucher_always_its_code() -> None:
    check_card_references([Tender(TenderKind.CARD, 100, " ")], required=False)
    with pytest.raises(InvalidInput, match="terminal"):
        check_card_references([Tender(TenderKind.CARD, 100, " ")], required=True)
    with pytest.raises(InvalidInput, match="voucher code"):
        Tender(TenderKind.VOUCHER, 100)


def test_cash_on_top_of_a_fully_paid_card_is_refused() -> None:
    with pytest.raises(RuleViolation, match="Nothing is left"):
        settle(1000, [Tender(TenderKind.CARD, 1000, "T"), Tender(TenderKind.CASH, 500)], event())


@given(
    total=st.integers(0, 10**7),
    card=st.integers(0, 10**7),
    voucher=st.integers(0, 10**7),
    extra_cash=st.integers(0, 10**6),
    step=st.sampled_from([1, 5, 10]),
)
def test_split_tenders_add_up_and_change_is_exact(
    total: int, card: int, voucher: int, extra_cash: int, step: int
) -> None:
    assume(card + voucher <= total)
    tenders = []
    if card:
        tenders.append(Tender(TenderKind.CARD, card, "T-1"))
    if voucher:
        tenders.append(Tender(TenderKind.VOUCHER, voucher, "V-1"))
    left = total - card - voucher
    if left:
        tenders.append(Tender(TenderKind.CASH, left + extra_cash + step))
    settlement = settle(total, tenders, event(step))
    assert settlement.change >= 0
    assert settlement.amount_paid == total + settlement.rounding
    assert abs(settlement.rounding) * 2 <= step
    cash_given = sum(t.amount for t in tenders if t.kind is TenderKind.CASH)
    cash_applied = sum(t.amount for t in settlement.tenders if t.kind is TenderKind.CASH)
    assert settlement.change == cash_given - cash_applied


def test_quick_cash_amounts_offer_exact_then_next_notes() -> None:
    from app.domain.tenders import quick_cash_amounts

    assert quick_cash_amounts(5172, "CHF", 5) == [5170, 5500, 6000, 10000]
    assert quick_cash_amounts(2000, "EUR", 1) == [2000, 5000, 10000, 20000]
    assert quick_cash_amounts(0, "EUR", 1) == []


steps = st.sampled_from([1, 5, 10, 100])


@given(total=st.integers(0, 10**7), cash=st.integers(0, 2 * 10**7), step=steps)
def test_cash_alone_gives_exact_change_or_is_refused(total: int, cash: int, step: int) -> None:
    assume(total > 0 or cash == 0)  # cash on a paid sale: test_cash_on_top_of_a_fully_paid_card_is_refused
    due = round_to_step(total, step)
    if cash < due:
        with pytest.raises(RuleViolation, match="cash is short"):
            settle(total, [Tender(TenderKind.CASH, cash)], event(step))
        return
    settlement = settle(total, [Tender(TenderKind.CASH, cash)], event(step))
    assert settlement.change == cash - due >= 0
    assert settlement.rounding == due - total
    assert abs(settlement.rounding) * 2 <= step
    assert settlement.amount_paid == total + settlement.rounding


non_cash = st.lists(
    st.tuples(st.sampled_from([TenderKind.CARD, TenderKind.VOUCHER]), st.integers(1, 10**6)), min_size=1, max_size=4
)


@given(total=st.integers(0, 4 * 10**6), payments=non_cash, step=steps)
def test_card_and_voucher_never_give_change_nor_round(
    total: int, payments: list[tuple[TenderKind, int]], step: int
) -> None:
    tenders = [Tender(kind, amount, f"R-{index}") for index, (kind, amount) in enumerate(payments)]
    paid = sum(amount for _, amount in payments)
    if paid > total:
        with pytest.raises(RuleViolation, match="change only comes from cash"):
            settle(total, tenders, event(step))
    elif paid < total:
        with pytest.raises(RuleViolation, match="short by"):
            settle(total, tenders, event(step))
    else:
        settlement = settle(total, tenders, event(step))
        assert (settlement.change, settlement.rounding) == (0, 0)
        assert [(t.kind, t.amount, t.tendered) for t in settlement.tenders] == [(k, a, a) for k, a in payments]


@given(total=st.integers(1, 10**7), payments=non_cash, cash=st.integers(0, 10**7), step=steps)
def test_a_sale_never_completes_short(total: int, payments: list[tuple[TenderKind, int]], cash: int, step: int) -> None:
    tenders = [Tender(kind, amount, "R") for kind, amount in payments] + [Tender(TenderKind.CASH, cash)]
    try:
        settlement = settle(total, tenders, event(step))
    except RuleViolation:
        return
    assert settlement.change >= 0
    assert settlement.amount_paid == total + settlement.rounding
    assert sum(t.tendered for t in settlement.tenders) == settlement.amount_paid + settlement.change
    assert abs(settlement.rounding) * 2 <= step


def test_a_negative_total_is_refused() -> None:
    with pytest.raises(RuleViolation, match="return"):
        settle(-100, [Tender(TenderKind.CASH, 0)], event())
    with pytest.raises(InvalidInput, match="negative"):
        Tender(TenderKind.CASH, -1)
