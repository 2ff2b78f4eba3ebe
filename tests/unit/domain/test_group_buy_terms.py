"""What a manager may set for a group buy, and when (app/domain/group_buy_terms.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.group_buy_terms import GroupBuyTerms, check_change, check_changeable, check_terms
from app.domain.group_buys import GroupBuy

NOW = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)
TERMS = GroupBuyTerms("  Teapot   run ", " ATE-001 ", 50, NOW + timedelta(days=1), 2000, "deposit")
HELD = GroupBuy("g1", "Teapot run", "ATE-001", 50, NOW + timedelta(days=1), 2000, "deposit", "CHF", 0, "open")


def test_terms_are_tidied() -> None:
    checked = check_terms(TERMS, NOW)
    assert (checked.name, checked.sku) == ("Teapot run", "ATE-001")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"name": "   "}, "Name the group buy"),
        ({"sku": ""}, "SKU"),
        ({"minimum": 0}, "The minimum is 1 to"),
        ({"price": 0}, "more than 0"),
        ({"payment": "later"}, "deposit or the full price"),
        ({"deadline": NOW}, "already past"),
    ],
)
def test_bad_terms_say_what_to_type(change: dict[str, object], reason: str) -> None:
    with pytest.raises(InvalidInput, match=reason):
        check_terms(replace(TERMS, **change), NOW)  # type: ignore[arg-type]


def test_a_group_buy_changes_while_open_and_before_its_deadline_only() -> None:
    check_changeable(HELD, NOW)
    with pytest.raises(RuleViolation, match=r"deadline .* has passed"):
        check_changeable(HELD, HELD.deadline)
    with pytest.raises(RuleViolation, match="already closed"):
        check_changeable(replace(HELD, state="cancelled"), NOW)


def test_with_commitments_the_paid_terms_stay_and_the_rest_may_change() -> None:
    terms = check_terms(TERMS, NOW)
    check_change(HELD, replace(terms, minimum=30, deadline=NOW + timedelta(days=2)), committed=3, now=NOW)
    check_change(HELD, replace(terms, price=2500), committed=0, now=NOW)
    for paid in ({"price": 2500}, {"sku": "ATE-002"}, {"payment": "full"}):
        with pytest.raises(RuleViolation, match="price and payment stay"):
            check_change(HELD, replace(terms, **paid), committed=3, now=NOW)
