"""``sale.completed`` schema 2: the automatic discounts per line, checked against the line's discount."""

from __future__ import annotations

from typing import Any

import pytest

from sync.records import ChangeKind, ContractError, RecordType, parse_change, parse_fact, record_type_of
from tests.unit.sync.sale_samples import a_sale


def priced(**line: object) -> dict[str, Any]:
    sale = a_sale()
    sale["lines"][0] |= {"markdown": 60, "markdown_id": "md-mugs", "bundle": 40, "bundle_ids": ["b-cups"]} | line
    return sale


def test_a_priced_sale_travels_as_schema_2_and_keeps_its_rules() -> None:
    fact = parse_fact("sale.completed", 2, priced())
    assert record_type_of(fact) == (RecordType.SALE_COMPLETED, 2)
    assert fact.to_payload() == priced()
    # Schema 1 still parses as before, and the feed reads both.
    assert record_type_of(parse_fact("sale.completed", 1, a_sale())) == (RecordType.SALE_COMPLETED, 1)
    for payload in (a_sale(), priced()):
        assert parse_change(ChangeKind.SALE, payload["sale_id"], payload).to_payload() == payload


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ({"markdown": 80}, "markdown and bundle are more than its discount"),
        ({"markdown_id": None}, "needs a markdown_id exactly when it has a markdown"),
        ({"markdown": 0}, "needs a markdown_id exactly when it has a markdown"),
        ({"bundle_ids": []}, "needs bundle_ids exactly when it has a bundle discount"),
        ({"bundle_ids": ["b-cups", "b-cups"]}, "names a bundle twice"),
        ({"bundle": -1}, "greater than or equal to 0"),
        ({"markdown_id": "md\nmugs"}, "lines.0.markdown_id"),
    ],
)
def test_automatic_discounts_that_do_not_add_up_are_refused_with_the_reason(
    line: dict[str, object], reason: str
) -> None:
    with pytest.raises(ContractError, match=reason):
        parse_fact("sale.completed", 2, priced(**line))
    # Schema 1 knows no such keys at all.
    with pytest.raises(ContractError, match="Extra inputs are not permitted"):
        parse_fact("sale.completed", 1, priced())
