"""The till's price-rule table: latest change wins, withdrawn rules leave, rules come back as domain objects."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from app.domain.catalog import Maker
from app.domain.price_rules import Bundle, Markdown, TargetKind
from app.store.price_rules import load_price_rules, save_price_rule, stored_price_rules
from sync.records.price_rules import PriceRuleChanged
from tests.conftest import DemoTill

CHANGE_1 = "01900000-0000-7000-8000-000000000001"
CHANGE_2 = "01900000-0000-7000-8000-000000000002"


def markdown(
    rule_id: str = "md-mugs", *, at: str = "2026-12-05T10:00:00+00:00", change_id: str = CHANGE_1, **terms: object
) -> PriceRuleChanged:
    return PriceRuleChanged.model_validate(
        {
            "rule_id": rule_id,
            "kind": "markdown",
            "name": "Mugs last hour",
            "starts_at": "2026-12-05T19:00:00+01:00",
            "ends_at": "2026-12-05T20:00:00+01:00",
            "markdown": {"target_kind": "category", "target": "Mugs", "percent_off": "30"} | terms,
            "active": True,
            "changed_at": at,
            "change_id": change_id,
            "changed_by": "hub",
        }
    )


def bundle(active: bool = True, at: str = "2026-12-05T10:00:00+00:00") -> PriceRuleChanged:
    return PriceRuleChanged.model_validate(
        {
            "rule_id": "b-cards",
            "kind": "bundle",
            "name": "3 cards for 10",
            "bundle": {"count": 3, "price": 1000, "category": "Cards"},
            "active": active,
            "changed_at": at,
            "change_id": CHANGE_1,
            "changed_by": "Alex",
        }
    )


def test_saved_rules_load_as_domain_objects(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        assert load_price_rules(uow.connection) == ()
        assert save_price_rule(uow.connection, markdown())
        assert save_price_rule(uow.connection, bundle())
        uow.commit()
    with demo.till.uow() as uow:
        loaded = load_price_rules(uow.connection)
    first, second = loaded
    assert isinstance(first, Bundle) and first.count == 3 and first.price == 1000 and first.category == "Cards"
    assert isinstance(second, Markdown) and second.percent_off == Decimal(30)
    assert second.target.kind is TargetKind.CATEGORY
    assert second.active_at(datetime(2026, 12, 5, 18, 30, tzinfo=UTC))


def test_latest_change_wins_and_withdrawn_rules_are_not_loaded(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        save_price_rule(uow.connection, bundle(at="2026-12-05T10:00:00+00:00"))
        assert save_price_rule(uow.connection, bundle(active=False, at="2026-12-05T11:00:00+00:00"))
        assert not save_price_rule(uow.connection, bundle(active=True, at="2026-12-05T10:30:00+00:00"))
        assert load_price_rules(uow.connection) == ()
        (kept,) = stored_price_rules(uow.connection, include_withdrawn=True)
        assert not kept.record.active
        # Same time: the higher change id wins.
        assert save_price_rule(uow.connection, markdown(change_id=CHANGE_2, percent_off="20"))
        assert not save_price_rule(uow.connection, markdown(change_id=CHANGE_1, percent_off="40"))
        (rule,) = load_price_rules(uow.connection)
        assert isinstance(rule, Markdown) and rule.percent_off == Decimal(20)


def test_a_makers_markdown_matches_this_tills_maker_id(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        maker = uow.catalog.makers()[0]
        target = {"target_kind": "maker", "target": maker.name}
        save_price_rule(uow.connection, markdown("md-maker", **target))
        save_price_rule(uow.connection, markdown("md-nobody", **target | {"target": "Nobody Here"}))
        (rule,) = load_price_rules(uow.connection)
    assert isinstance(rule, Markdown) and rule.rule_id == "md-maker"
    assert rule.target.value == maker.maker_id


def test_loaded_rules_follow_every_change_of_a_rule_and_of_the_makers(demo: DemoTill) -> None:
    """The loaded rules are kept between scans; a changed rule, a withdrawn one or a new maker is seen at once."""
    with demo.till.uow() as uow:
        save_price_rule(uow.connection, markdown(percent_off="30"))
        assert save_price_rule(uow.connection, markdown("md-later", target_kind="maker", target="Later Maker"))
        (first,) = load_price_rules(uow.connection)
        assert load_price_rules(uow.connection) is load_price_rules(uow.connection), "kept while nothing changes"
        assert save_price_rule(uow.connection, markdown(at="2026-12-05T11:00:00+00:00", percent_off="40"))
        (changed,) = load_price_rules(uow.connection)
        uow.catalog.add_maker(Maker("maker-later", "Later Maker"))
        with_maker = load_price_rules(uow.connection)
        withdrawn = markdown(at="2026-12-05T12:00:00+00:00").model_copy(update={"active": False})
        assert save_price_rule(uow.connection, withdrawn)
        without = load_price_rules(uow.connection)
    assert isinstance(first, Markdown) and first.percent_off == Decimal(30)
    assert isinstance(changed, Markdown) and changed.percent_off == Decimal(40)
    assert [rule.rule_id for rule in with_maker] == ["md-later", "md-mugs"]
    assert [rule.rule_id for rule in without] == ["md-later"]


@pytest.mark.parametrize("percent", ["0", "100.5", "12.345", "abc"])
def test_a_bad_percentage_never_reaches_the_table(percent: str) -> None:
    with pytest.raises(ValueError, match="percentage"):
        markdown(percent_off=percent)
