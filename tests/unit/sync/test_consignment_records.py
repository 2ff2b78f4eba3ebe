"""The consignment's contracts and figures: maker_terms.set, the reason a transfer carries, the fold and the money."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from sync.consignment import MakerTerms, PlacedUnits, fold_return, fold_stock_moved, half_up
from sync.records import ChangeKind, ContractError, RecordType, parse_change, parse_fact

STAMP = {
    "changed_at": "2026-12-05T09:00:00+00:00",
    "change_id": "0190c4b2-0000-7000-8000-000000000001",
    "changed_by": "Alex",
}
TERMS: dict[str, Any] = {
    "maker": "Bergkeramik",
    "fixed_fee": 2500,
    "fee_rate": "0.02",
    "card_fee_rate": "0.015",
    "payout_state": "due",
    **STAMP,
}


def terms(**changed: Any) -> dict[str, Any]:
    return {key: value for key, value in {**TERMS, **changed}.items() if value is not None}


def test_maker_terms_travel_as_a_fact_and_a_feed_entry_keyed_by_the_maker() -> None:
    fact = parse_fact(RecordType.MAKER_TERMS_SET, 1, terms())
    assert fact.to_payload() == TERMS
    paid = terms(payout_state="paid", paid_on="2026-12-20", payout_reference="BANK-7781")
    assert parse_change(ChangeKind.MAKER_TERMS, "Bergkeramik", paid).to_payload() == paid
    with pytest.raises(ContractError, match="its key is not the subject"):
        parse_change(ChangeKind.MAKER_TERMS, "Atelier Lumen", paid)


@pytest.mark.parametrize(
    ("changed", "why"),
    [
        ({"fixed_fee": -1}, "greater than or equal to 0"),
        ({"fee_rate": "2"}, "a fraction from 0 to 1"),
        ({"card_fee_rate": 0.015}, "string"),
        ({"payout_state": "paid"}, "names the date it was paid and its reference"),
        ({"paid_on": "2026-12-20"}, "still due has no payment date"),
        ({"payout_state": "paid", "paid_on": "20.12.2026", "payout_reference": "X"}, "a date written"),
        ({"payout_state": "paid", "paid_on": "2026-12-20", "payout_reference": "A\x1b[0m"}, "payout_reference"),
        ({"maker": ""}, "maker"),
    ],
)
def test_broken_maker_terms_are_refused_with_the_reason(changed: dict[str, Any], why: str) -> None:
    with pytest.raises(ContractError, match=why):
        parse_fact(RecordType.MAKER_TERMS_SET, 1, terms(**changed))


MOVE = {"kind": "transfer", "location": "quality_hold", "to_location": "stall", "at": STAMP["changed_at"]}


def test_a_transfer_carries_its_reason_and_nothing_else_does() -> None:
    decided = {**MOVE, "deltas": [["BER-003", 1]], "reason": "inspected: fine"}
    assert parse_fact(RecordType.STOCK_MOVED, 1, decided).to_payload() == decided
    received = {"kind": "receive", "location": "A", "at": MOVE["at"], "deltas": [["BER-003", 1]], "reason": "x"}
    with pytest.raises(ContractError, match="only a transfer carries a reason"):
        parse_fact(RecordType.STOCK_MOVED, 1, received)
    with pytest.raises(ContractError, match="reason"):
        parse_fact(RecordType.STOCK_MOVED, 1, {**decided, "reason": ""})


def test_the_fold_counts_deliveries_holds_decisions_and_hand_backs() -> None:
    placed: dict[tuple[str, str], PlacedUnits] = {}
    makers = {"BER-003": "Bergkeramik"}.get
    at = MOVE["at"]
    for payload in (
        {"kind": "receive", "location": "A", "at": at, "deltas": [["BER-003", 20]], "maker": "Bergkeramik"},
        {"kind": "receive", "location": "A", "at": at, "deltas": [["BER-003", 5]]},  # no maker: not consigned
        {"kind": "transfer", "location": "stall", "to_location": "quality_hold", "at": at, "deltas": [["BER-003", 3]]},
        {**MOVE, "deltas": [["BER-003", 1]], "reason": "fine"},
        {**MOVE, "to_location": "maker", "deltas": [["BER-003", 1]], "reason": "chipped"},
        {**MOVE, "to_location": "written_off", "deltas": [["BER-003", 1]], "reason": "broken"},
        {"kind": "transfer", "location": "stall", "to_location": "maker", "at": at, "deltas": [["BER-003", 4]]},
        {"kind": "transfer", "location": "stall", "to_location": "till:B", "at": at, "deltas": [["BER-003", 2]]},
    ):
        fold_stock_moved(placed, payload, makers)
    line = {"sku": "BER-003", "maker": "Bergkeramik", "quantity": 1, "disposition": "quality_hold"}
    fold_return(placed, {"lines": [line, {**line, "disposition": "write_off"}, {**line, "disposition": "restock"}]})
    assert placed == {
        ("Bergkeramik", "BER-003"): PlacedUnits(
            delivered=20, held=1, written_off=2, handed_back=5, released=1, held_to_maker=1, held_written_off=1
        )
    }


def test_fees_round_half_up_and_terms_default_to_nothing_due() -> None:
    assert (half_up(Decimal("0.5")), half_up(Decimal("1.49")), half_up(Decimal("-0.5"))) == (1, 1, -1)
    assert MakerTerms() == MakerTerms(0, Decimal(0), Decimal(0), "due", None, None)
