"""The stock_level change a hub feeds: available as the level, on hand and reserved beside it (docs/stock_view.md)."""

from __future__ import annotations

import pytest

from sync.records import ContractError, parse_change


def test_a_level_with_its_figures_and_one_from_before_reservations_both_pass() -> None:
    fed = {"level": 1, "on_hand": 2, "reserved": 1}
    assert parse_change("stock_level", "MUG-1", fed).to_payload() == fed
    assert parse_change("stock_level", "MUG-1", {"level": -3}).to_payload()["level"] == -3


@pytest.mark.parametrize("figures", [{"reserved": "1"}, {"on_hand": 1.5}, {"reserved": 10**12}, {"spare": 1}])
def test_figures_that_break_the_contract_are_refused(figures: dict[str, object]) -> None:
    with pytest.raises(ContractError):
        parse_change("stock_level", "MUG-1", {"level": 1, **figures})
