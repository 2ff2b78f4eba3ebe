"""Each feed entry is checked against its contract in sync/records (app/services/feed_checks.py): the good entries
keep theirs, and each bad one, breaking its contract in one way, is quarantined with that reason while the entries
around it are applied."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from app.services.feed_checks import check_change
from app.services.feed_pages import APPLY
from app.services.syncing import pull_changes
from sync.protocol import Change
from sync.records import ChangeKind
from tests.conftest import DemoTill
from tests.integration.feed_entries import (
    BAD_ORDER,
    BAD_SALE,
    HANDOFF,
    NEW_PRODUCT_3,
    PICKUP_LINE,
    PUBLIC_KEY,
    RETURN_B,
    SALE_B,
    PreparedFeed,
    a_return,
    assert_the_good_ones_applied,
    change,
    enrolled,
    good_entries,
    handoff,
    page_around,
    pickup_order,
    product,
    sale,
    without,
)


@pytest.mark.parametrize(
    "good",
    [
        *good_entries(),
        change(9, "return", RETURN_B, a_return(RETURN_B)),
        change(10, "pickup_handoff", HANDOFF, handoff()),
    ],
    ids=lambda entry: entry.kind,
)
def test_the_good_entries_keep_their_contracts(good: Change) -> None:
    assert check_change(good) is None


def test_every_kind_the_contracts_know_has_a_way_into_the_till() -> None:
    """A kind added to sync/records without an applier would pass check_change, then fail every till's pull."""
    assert set(ChangeKind) - {ChangeKind.PRODUCT} == set(APPLY), "products go in bulk; every other kind by APPLY"


def broken_sale() -> dict[str, Any]:
    data = sale(BAD_SALE, "B-000002")
    data["tenders"] = [{"kind": "card", "amount": 3000, "reference": "TRM-2"}]
    return data


BAD_ENTRIES = [
    pytest.param(change(3, "sale", BAD_SALE, {"lines": []}), "sale_id: Field required", id="sale-with-only-lines"),
    pytest.param(
        change(3, "sale", BAD_SALE, broken_sale()),
        "the tenders do not add up to the total",
        id="sale-tenders-short",
    ),
    pytest.param(
        change(3, "sale", SALE_B, sale(BAD_SALE, "B-000002")),
        "its key is not the sale's id",
        id="sale-key-not-its-id",
    ),
    pytest.param(
        change(3, "stock_level", "BER-003", {"level": "ten"}),
        "level: Input should be a valid integer",
        id="level-not-int",
    ),
    pytest.param(
        change(3, "stock_level", "BER-003", {"level": True}),
        "level: Input should be a valid integer",
        id="level-a-flag",
    ),
    pytest.param(change(3, "gift_card", "g-1", {"amount": 10}), "unknown change kind 'gift_card'", id="unknown-kind"),
    pytest.param(
        change(3, "pickup_order", BAD_ORDER, pickup_order(lines=[PICKUP_LINE | {"quantity": "two"}])),
        "lines.0.quantity: Input should be a valid integer",
        id="pickup-quantity-two",
    ),
    pytest.param(
        change(3, "pickup_order", BAD_ORDER, pickup_order(cancelled="no")),
        "cancelled: Input should be a valid boolean",
        id="pickup-cancelled-text",
    ),
    pytest.param(
        change(3, "pickup_key", "2", {"public_key": base64.b64encode(b"short").decode(), "revoked": False}),
        "public_key: is not a 32-byte Ed25519 public key",
        id="pickup-key-too-short",
    ),
    pytest.param(
        change(3, "pickup_key", "two", {"public_key": PUBLIC_KEY, "revoked": False}),
        "its key is not a key id",
        id="pickup-key-id-text",
    ),
    pytest.param(
        change(3, "pickup_handoff", HANDOFF, without(handoff(), "till_code")),
        "till_code: Field required",
        id="handoff-without-till",
    ),
    pytest.param(
        change(3, "product", "NEW-003", product("NEW-003", NEW_PRODUCT_3, price="12.50")),
        "price: Input should be a valid integer",
        id="product-price-text",
    ),
    pytest.param(
        change(3, "return", RETURN_B, a_return(RETURN_B, lines={})),
        "lines: Input should be a valid list",
        id="return-lines-not-list",
    ),
    pytest.param(
        change(3, "stock_level", "BER-003", {"level": 2**70}),
        "level: Input should be less than or equal to 1000000000",
        id="level-out-of-range",
    ),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_ENTRIES)
def test_a_bad_entry_is_quarantined_and_the_page_goes_on(demo: DemoTill, bad: Change, reason: str) -> None:
    enrolled(demo)
    pulled = pull_changes(demo.till.uow, PreparedFeed(page_around(bad)))

    assert pulled == 8
    assert_the_good_ones_applied(demo)
    with demo.till.uow().for_reading() as uow:
        assert uow.quarantine.count() == 1
        [entry] = uow.quarantine.entries(10)
    assert (entry.seq, entry.kind, entry.key) == (3, bad.kind, bad.key)
    assert reason in entry.reason
    assert json.loads(entry.data) == bad.data
    with demo.till.uow().for_reading() as uow:
        assert uow.returns.foreign_sale(sale_id=BAD_SALE) is None
