"""The price-rule record: what a hub or till may send, and the reason when a rule breaks its contract."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.price_rules import Bundle, Markdown
from app.store.price_rules import domain_rule
from sync.records import ContractError, PriceRuleChanged, parse_change, parse_fact

STAMP = {
    "changed_at": "2026-12-05T14:00:00+01:00",
    "change_id": "0190a1b2-0000-7000-8000-000000000a01",
    "changed_by": "Alex",
    "active": True,
}
MARKDOWN: dict[str, Any] = {
    "rule_id": "md-mugs",
    "kind": "markdown",
    "name": "Mugs last hour",
    "starts_at": "2026-12-05T20:00:00+01:00",
    "ends_at": "2026-12-05T21:00:00+01:00",
    "markdown": {"target_kind": "category", "target": "Mugs", "percent_off": "30"},
    **STAMP,
}
BUNDLE: dict[str, Any] = {
    "rule_id": "b-cards",
    "kind": "bundle",
    "name": "Any 3 cards for 10",
    "bundle": {"count": 3, "price": 1000, "category": "Cards"},
    **STAMP,
}


def with_terms(record: dict[str, Any], **terms: Any) -> dict[str, Any]:
    part = record["kind"]
    return {**record, part: {**record[part], **terms}}


def test_a_good_markdown_and_bundle_pass_both_ways_and_become_the_domains_rules() -> None:
    markdown = parse_fact("price_rule.changed", 1, MARKDOWN)
    bundle = parse_change("price_rule", "b-cards", BUNDLE)
    assert isinstance(markdown, PriceRuleChanged) and isinstance(bundle, PriceRuleChanged)
    assert isinstance(domain_rule(markdown.rule_id, markdown.kind, markdown.definition(), {}), Markdown)
    assert isinstance(domain_rule(bundle.rule_id, bundle.kind, bundle.definition(), {}), Bundle)
    # A record rebuilt from what it sends is the same record.
    assert PriceRuleChanged.model_validate(markdown.to_payload()) == markdown


@pytest.mark.parametrize(
    ("percent", "reason"),
    [
        ("0", "more than 0 and at most 100"),
        ("100.01", "more than 0 and at most 100"),
        ("12.345", "at most 2 decimals"),
        ("-5", "more than 0"),
        ("ten", "more than 0"),
    ],
)
def test_a_bad_percentage_is_refused_with_the_reason(percent: str, reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_fact("price_rule.changed", 1, with_terms(MARKDOWN, percent_off=percent))


def test_a_percentage_sent_as_a_number_is_refused() -> None:
    with pytest.raises(ContractError, match="percent_off"):
        parse_fact("price_rule.changed", 1, with_terms(MARKDOWN, percent_off=30))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"starts_at": "2026-12-05T20:00:00"}, "has no time zone"),
        ({"ends_at": "2026-12-05T19:00:00+01:00"}, "must end after it starts"),
        ({"ends_at": "2026-12-05T20:00:00+01:00"}, "must end after it starts"),
        ({"starts_at": None, "ends_at": None}, "a markdown needs a start and an end"),
        ({"ends_at": None}, "both a start and an end, or neither"),
        ({"bundle": BUNDLE["bundle"]}, "no bundle terms"),
        ({"rule_id": "has space"}, "rule_id"),
        ({"name": "Bell\x07"}, "name"),
        ({"name": ""}, "name"),
        ({"changed_at": "yesterday"}, "ISO 8601"),
    ],
)
def test_a_markdown_that_breaks_its_contract_is_refused_with_the_reason(change: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_fact("price_rule.changed", 1, {**MARKDOWN, **change})


@pytest.mark.parametrize(
    ("terms", "reason"),
    [
        ({"percent_off": None}, "either a percentage off or a new price"),
        ({"new_price": 500}, "either a percentage off or a new price"),
        ({"percent_off": None, "new_price": -1}, "new_price"),
        ({"target_kind": "colour"}, "target_kind"),
        ({"target_kind": "sku", "target": "not a sku!"}, "names its SKU"),
        ({"target": " Mugs"}, "without spaces around it"),
    ],
)
def test_a_markdowns_terms_are_checked(terms: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_fact("price_rule.changed", 1, with_terms(MARKDOWN, **terms))


@pytest.mark.parametrize(
    ("terms", "reason"),
    [
        ({"count": 1}, "count"),
        ({"price": 0}, "price"),
        ({"price": 10**12}, "price"),
        ({"price": "10.00"}, "price"),
        ({"skus": ["CARD-1"]}, "either a list of SKUs or one category"),
        ({"category": "", "skus": []}, "either a list of SKUs or one category"),
        ({"category": "", "skus": ["CARD-1", "CARD-1"]}, "each SKU once"),
    ],
)
def test_a_bundles_terms_are_checked(terms: dict[str, Any], reason: str) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_fact("price_rule.changed", 1, with_terms(BUNDLE, **terms))


def test_a_feed_entry_keyed_by_another_rule_is_refused() -> None:
    with pytest.raises(ContractError, match="its key is not the subject it changes"):
        parse_change("price_rule", "b-other", BUNDLE)


def test_a_withdrawal_is_the_whole_rule_with_active_false() -> None:
    withdrawn = parse_fact("price_rule.changed", 1, {**BUNDLE, "active": False})
    assert isinstance(withdrawn, PriceRuleChanged) and not withdrawn.active
    with pytest.raises(ContractError, match="active"):
        parse_fact("price_rule.changed", 1, {**BUNDLE, "active": "no"})
