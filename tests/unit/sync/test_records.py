"""The wire contracts: what a genuine till writes parses, and what a broken or hostile one writes is refused."""

from __future__ import annotations

import contextlib
import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.records import ContractError, RecordType, TillIdentity, parse_change, parse_fact, record_type_of
from tests.unit.sync.sale_samples import TILL, a_sale


def test_a_genuine_sale_parses_and_travels_as_it_came() -> None:
    fact = parse_fact("sale.completed", 1, a_sale())
    assert fact.to_payload() == a_sale()
    assert record_type_of(fact) == (RecordType.SALE_COMPLETED, 1)
    assert fact.identity_problem(TILL) is None


@pytest.mark.parametrize(
    ("change", "names"),
    [
        (lambda s: s["lines"][0].update(quantity=-5), "lines.0.quantity"),
        (lambda s: s["lines"][0].update(quantity="2"), "lines.0.quantity"),
        (lambda s: s["lines"][0].update(quantity=2.0), "lines.0.quantity"),
        (lambda s: s["lines"][0].update(quantity=10**30), "lines.0.quantity"),
        (lambda s: s["lines"][0].pop("sku"), "lines.0.sku"),
        (lambda s: s["lines"][0].update(sku="'; DROP TABLE inbox; --"), "lines.0.sku"),
        (lambda s: s["lines"][0].update(name="cup\x00"), "lines.0.name"),
        (lambda s: s["lines"][0].update(name="x" * 5000), "lines.0.name"),
        (lambda s: s.update(lines="MUG-1"), "lines"),
        (lambda s: s.update(lines=[]), "lines"),
        (lambda s: s.update(sale_id="'; DROP TABLE inbox; --"), "sale_id"),
        (lambda s: s.update(extra="field"), "extra"),
        (lambda s: s.update(created_at="yesterday"), "created_at"),
        (lambda s: s.update(created_at="2026-12-05T14:00:00"), "created_at"),
        (lambda s: s.update(total=9999), "the total is not the sum of the lines"),
        (lambda s: s["lines"][0].update(total=1), "line 1's total"),
        (lambda s: s["tenders"][0].update(amount=100), "the tenders do not add up"),
        (lambda s: s["tenders"][0].update(kind="bitcoin"), "tenders.0.kind"),
        (lambda s: s.update(currency="chf"), "currency"),
    ],
)
def test_a_broken_sale_is_refused_with_the_field_named(change: Any, names: str) -> None:
    sale = a_sale()
    change(sale)
    with pytest.raises(ContractError, match="breaks its contract") as refused:
        parse_fact("sale.completed", 1, sale)
    assert names in str(refused.value)


def test_only_a_payload_object_is_a_record() -> None:
    for payload in ({"lines": []}, [], "sale", None, 5):
        with pytest.raises(ContractError):
            parse_fact("sale.completed", 1, payload)


def test_a_sale_that_claims_another_till_or_event_is_named() -> None:
    other_till = TillIdentity(till_id="0190a1b2-0000-7000-8000-0000000000ff", event_id=TILL.event_id, till_code="V")
    assert "another till" in str(parse_fact("sale.completed", 1, a_sale()).identity_problem(other_till))
    other_event = TillIdentity(till_id=TILL.till_id, event_id="0190a1b2-0000-7000-8000-0000000000ee", till_code="A")
    assert "another event" in str(parse_fact("sale.completed", 1, a_sale()).identity_problem(other_event))
    wrong_number = TillIdentity(till_id=TILL.till_id, event_id=TILL.event_id, till_code="B")
    assert "not numbered by till B" in str(parse_fact("sale.completed", 1, a_sale()).identity_problem(wrong_number))


def test_unknown_types_and_schema_versions_are_refused() -> None:
    with pytest.raises(ContractError, match=r"unknown record type 'sale\.deleted'"):
        parse_fact("sale.deleted", 1, a_sale())
    with pytest.raises(ContractError, match="schema 3"):
        parse_fact("sale.completed", 3, a_sale())


def a_return() -> dict[str, Any]:
    return {
        "return_id": "0190a1b2-0000-7000-8000-0000000000f1",
        "return_no": "A-R00001",
        "event_id": TILL.event_id,
        "sale_id": "0190a1b2-0000-7000-8000-0000000000c1",
        "receipt_no": "A-000042",
        "created_at": "2026-12-05T15:00:00.000+00:00",
        "currency": "CHF",
        "refund_total": 1800,
        "no_receipt": False,
        "exchange_sale_id": None,
        "online_order": False,
        "lines": [
            {
                "line_no": 1,
                "sku": "MUG-1",
                "maker": "Clay & Co",
                "quantity": 1,
                "refund": 1800,
                "reason": "chipped",
                "disposition": "restock",
                "sold": 2,
            }
        ],
        "refunds": [{"kind": "cash", "amount": 1800, "tender_index": 0}],
    }


def test_returns_keep_their_invariants() -> None:
    assert parse_fact("return.recorded", 1, a_return()).to_payload() == a_return()
    for change in (
        lambda r: r["lines"][0].update(quantity=-4),
        lambda r: r["lines"][0].update(quantity=3),  # more than the 2 sold
        lambda r: r["lines"][0].update(line_no=None),
        lambda r: r["lines"][0].update(line_no="one"),
        lambda r: r["lines"][0].update(disposition="keep"),
        lambda r: r.update(sale_id=None),  # no sale, yet not marked as without receipt
        lambda r: r.update(refund_total=5),
    ):
        broken = a_return()
        change(broken)
        with pytest.raises(ContractError):
            parse_fact("return.recorded", 1, broken)


def test_handoffs_name_an_order_and_lines() -> None:
    handoff = {
        "handoff_id": "0190a1b2-0000-7000-8000-000000000a01",
        "order_id": "0190a1b2-0000-4000-8000-000000000a02",
        "whole_order": False,
        "lines": [{"order_id": "0190a1b2-0000-4000-8000-000000000a02", "line_id": "1", "sku": "MUG-1", "quantity": 1}],
        "staff_name": "Sam",
        "till_code": "A",
        "at": "2026-12-05T15:00:00.000+00:00",
    }
    assert parse_fact("pickup.handed_off", 1, handoff).identity_problem(TILL) is None
    for change in (
        lambda h: h.update(order_id={"$ne": None}),
        lambda h: h.update(lines=[]),
        lambda h: h.update(whole_order=True),
        lambda h: h["lines"].append(dict(h["lines"][0])),
    ):
        broken = copy.deepcopy(handoff)
        change(broken)
        with pytest.raises(ContractError):
            parse_fact("pickup.handed_off", 1, broken)
    claimed = {**handoff, "till_code": "V"}
    assert "names till V" in str(parse_fact("pickup.handed_off", 1, claimed).identity_problem(TILL))


def test_feed_changes_are_checked_with_their_keys() -> None:
    product = {
        "id": "0190a1b2-0000-4000-8000-000000000b01",
        "sku": "MUG-1",
        "name": "Espresso cup",
        "variant": "",
        "maker": "Clay & Co",
        "category": "",
        "tax_class": "standard",
        "price": 1850,
        "barcodes": "4006381333931",
    }
    assert parse_change("product", "MUG-1", product).to_payload() == product
    with pytest.raises(ContractError, match="key is not its SKU"):
        parse_change("product", "CUP-9", product)
    with pytest.raises(ContractError, match="sale_id: Field required"):
        parse_change("sale", "x", {"lines": []})
    with pytest.raises(ContractError, match="unknown change kind"):
        parse_change("voucher_balance", "x", {})
    with pytest.raises(ContractError, match="level"):
        parse_change("stock_level", "MUG-1", {"level": "many"})


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
def test_no_input_crashes_the_parser(junk: object) -> None:
    for record_type in RecordType:
        with contextlib.suppress(ContractError):
            parse_fact(record_type.value, 1, junk)
