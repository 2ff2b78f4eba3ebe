"""A manager's group buy as it travels (``group_buy.changed``) and a cancelled group buy in the feed."""

from __future__ import annotations

from typing import Any

import pytest

from sync.records import ContractError, GroupBuySet, parse_change, parse_fact, record_type_of
from tests.unit.sync.group_buy_samples import GROUP_BUY, GROUP_BUY_ID

# The published group buy's terms as a manager sets them: no count of commitments, no state of its own.
SET: dict[str, Any] = {
    **{key: value for key, value in GROUP_BUY.items() if key not in ("committed", "state", "closed_at")},
    "cancelled": False,
    "change_id": "0190a1b2-0000-7000-8000-000000000a01",
    "changed_by": "Alex",
}


def test_a_manager_s_group_buy_travels_as_group_buy_changed() -> None:
    fact = parse_fact("group_buy.changed", 1, SET)
    assert isinstance(fact, GroupBuySet) and fact.change_key() == GROUP_BUY_ID
    assert record_type_of(fact) == ("group_buy.changed", 1)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("minimum", 0, "greater than or equal to 1"),
        ("price", 0, "greater than or equal to 1"),
        ("payment", "later", "'deposit' or 'full'"),
        ("name", " Teapot run", "without spaces around it"),
        ("cancelled", "yes", "valid boolean"),
        ("committed", 3, "Extra inputs are not permitted"),
    ],
)
def test_a_broken_group_buy_change_is_refused_with_its_reason(field: str, value: object, reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_fact("group_buy.changed", 1, {**SET, field: value})


def test_a_cancelled_group_buy_closes_before_its_deadline_but_never_stays_open_without_a_closing_time() -> None:
    cancelled = {**GROUP_BUY, "state": "cancelled", "closed_at": "2026-12-05T16:00:00+01:00"}
    parse_change("group_buy", GROUP_BUY_ID, cancelled)
    with pytest.raises(ContractError, match="closing time exactly when"):
        parse_change("group_buy", GROUP_BUY_ID, {**cancelled, "closed_at": None})
    with pytest.raises(ContractError, match="closes at or after its deadline"):
        parse_change("group_buy", GROUP_BUY_ID, {**cancelled, "state": "missed", "committed": 3})
