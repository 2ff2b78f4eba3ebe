"""The hub's voucher fold (sync/hub/store/voucher_ledger.py): balances, one count per sale, over-spends found."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sync.hub.store.voucher_ledger import Issue, Ledger, LedgerFold, Redemption, money

CODE = "V-0123456789"


def issue(amount: int) -> Issue:
    return Issue("0190a0a0-0000-7000-8000-000000000001", "CHF", amount, "A", "", "2026-12-05T10:00:00+00:00", "r-0")


def spend(sale: str, amount: int, till: str = "B") -> Redemption:
    return Redemption(sale, amount, till, f"2026-12-05T11:00:{len(sale):02d}+00:00", f"record-{sale}")


def test_spending_within_the_amount_is_no_over_spend() -> None:
    fold = LedgerFold({})
    assert fold.issue(CODE, issue(2500)) is None
    assert fold.redeem(CODE, spend("s1", 1000)) is None
    assert fold.redeem(CODE, spend("s2", 1500, "C")) is None
    assert fold.ledgers[CODE].spent == 2500
    assert [code for code, _ in fold.new_redemptions] == [CODE, CODE]


def test_the_sale_that_goes_beyond_the_amount_is_the_one_flagged_with_the_amounts() -> None:
    fold = LedgerFold({})
    fold.issue(CODE, issue(2500))
    fold.redeem(CODE, spend("s1", 2000, "B"))
    over = fold.redeem(CODE, spend("s2", 1800, "C"))
    assert over is not None
    assert (over.issued, over.spent, over.over, over.tills) == (2500, 3800, 1300, ("B", "C"))
    assert over.details() == {"issued": 2500, "spent": 3800, "over": 1300, "tills": ["B", "C"]}
    assert (
        over.reason()
        == f"voucher {CODE} is over-spent: CHF 38.00 spent of CHF 25.00 issued, CHF 13.00 over (tills B, C)"
    )


def test_a_sale_seen_before_counts_once_and_is_not_written_again() -> None:
    known = Ledger(issue(2500))
    known.add(spend("s1", 2000))
    fold = LedgerFold({CODE: known})
    assert fold.redeem(CODE, spend("s1", 2000)) is None
    assert fold.ledgers[CODE].spent == 2000
    assert fold.new_redemptions == []
    assert fold.touched == set()


def test_redemptions_before_the_issue_are_kept_and_checked_when_it_arrives() -> None:
    fold = LedgerFold({})
    assert fold.redeem(CODE, spend("s1", 2000, "B")) is None
    assert fold.redeem(CODE, spend("s2", 1500, "C")) is None
    assert not fold.is_issued(CODE)
    over = fold.issue(CODE, issue(2500))
    assert over is not None and (over.spent, over.over) == (3500, 1000)


def test_money_is_shown_in_the_currency_s_major_units() -> None:
    assert money(1250, "CHF") == "CHF 12.50"
    assert money(-350, "CHF") == "CHF -3.50"
    assert money(1200, "JPY") == "JPY 1200"
    assert money(5, "BHD") == "BHD 0.005"


@given(
    amount=st.integers(min_value=1, max_value=10_000),
    spends=st.lists(st.tuples(st.integers(min_value=0, max_value=6), st.integers(min_value=1, max_value=3000))),
    issue_at=st.integers(min_value=0, max_value=20),
)
def test_the_fold_equals_the_sum_of_distinct_sales_and_flags_exactly_the_crossings(
    amount: int, spends: list[tuple[int, int]], issue_at: int
) -> None:
    fold = LedgerFold({})
    flagged = 0
    first: dict[str, int] = {}
    events: list[tuple[str, int] | None] = [(f"s{sale}", value) for sale, value in spends]
    events.insert(min(issue_at, len(events)), None)
    for event in events:
        if event is None:
            flagged += fold.issue(CODE, issue(amount)) is not None
        else:
            sale, value = event
            first.setdefault(sale, value)
            flagged += fold.redeem(CODE, spend(sale, value)) is not None
    spent = sum(first.values())
    assert fold.ledgers[CODE].spent == spent
    # Once over, every later new sale is flagged too (each record gets its answer); never one while within.
    assert (flagged > 0) == (spent > amount)
