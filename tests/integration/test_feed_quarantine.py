"""A malformed entry in the hub's feed is quarantined; the entries around it are applied and the cursor moves on.

Each entry is checked against its contract in sync/records (app/services/feed_checks.py), so the good entries here
are genuine feed entries and each bad one breaks its contract in one way, named in the quarantine's reason.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.services.feed_checks import check_change
from app.services.feed_pages import APPLY
from app.services.sync_status import sync_status
from app.services.syncing import pull_changes
from app.store.quarantine import MAX_DATA_BYTES
from sync.protocol import Change, ChangesPage
from sync.records import ChangeKind
from tests.conftest import DemoTill

PUBLIC_KEY = base64.b64encode(bytes(range(32))).decode()
PICKUP_LINE = {"line_id": "1", "sku": "BER-003", "name": "Mug", "maker": "Bergkeramik", "quantity": 1}

# Ids as the hub's feed carries them: lowercase UUID text.
NEW_PRODUCT_1 = "0190a1b2-0000-7000-8000-000000000101"
NEW_PRODUCT_2 = "0190a1b2-0000-7000-8000-000000000102"
NEW_PRODUCT_3 = "0190a1b2-0000-7000-8000-000000000103"
MUG_PRODUCT = "0190a1b2-0000-7000-8000-000000000112"
BERGKERAMIK = "0190a1b2-0000-7000-8000-000000000201"
TILL_B = "0190a1b2-0000-7000-8000-000000000301"
EVENT = "0190a1b2-0000-7000-8000-000000000401"
STAFF_B = "0190a1b2-0000-7000-8000-000000000501"
SALE_B = "0190a1b2-0000-7000-8000-000000000601"
BAD_SALE = "0190a1b2-0000-7000-8000-000000000602"
RETURN_B = "0190a1b2-0000-7000-8000-000000000701"
GOOD_ORDER = "0190a1b2-0000-7000-8000-000000000801"
BAD_ORDER = "0190a1b2-0000-7000-8000-000000000802"
HANDOFF = "0190a1b2-0000-7000-8000-000000000901"


class PreparedFeed:
    """Stands in for the hub's network: hands out prepared pages, each at the cursor the one before it gave."""

    def __init__(self, *pages: ChangesPage) -> None:
        cursors = ["", *(page.next_cursor for page in pages)]
        self._pages = dict(zip(cursors, pages, strict=False))
        self.asked: list[str] = []

    def pull(self, cursor: str) -> ChangesPage:
        self.asked.append(cursor)
        return self._pages.get(cursor) or ChangesPage(changes=[], next_cursor=cursor, more=False)


def change(seq: int, kind: str, key: str, data: dict[str, Any]) -> Change:
    return Change(seq=seq, kind=kind, key=key, data=data)


def product(sku: str, product_id: str, maker: str = "Bergkeramik", price: object = 4500) -> dict[str, Any]:
    return {
        "id": product_id,
        "sku": sku,
        "name": f"Vase {sku}",
        "variant": "",
        "maker": maker,
        "category": "Ceramics",
        "tax_class": "standard",
        "price": price,
        "barcodes": "",
    }


def sale(sale_id: str, receipt_no: str) -> dict[str, Any]:
    """Till B sold one speckled mug (CHF 32.00, VAT 8.1% included) by card: every number adds up."""
    line = {
        "line_no": 1,
        "product_id": MUG_PRODUCT,
        "sku": "BER-003",
        "name": "Mug",
        "variant": "speckled",
        "maker_id": BERGKERAMIK,
        "maker_name": "Bergkeramik",
        "quantity": 1,
        "unit_price": 3200,
        "discount": 0,
        "tax_rate": "0.081",
        "tax": 240,
        "total": 3200,
    }
    return {
        "sale_id": sale_id,
        "receipt_no": receipt_no,
        "till_id": TILL_B,
        "event_id": EVENT,
        "staff_id": STAFF_B,
        "created_at": "2026-12-05T10:00:00+00:00",
        "cash_session_id": None,
        "currency": "CHF",
        "prices_include_tax": True,
        "subtotal": 3200,
        "discount_total": 0,
        "tax_total": 240,
        "total": 3200,
        "rounding": 0,
        "change": 0,
        "lines": [line],
        "tenders": [{"kind": "card", "amount": 3200, "reference": "TRM-1"}],
    }


def a_return(return_id: str, **changed: object) -> dict[str, Any]:
    """Till B took the mug of ``sale`` back and refunded it to the card."""
    return {
        "return_id": return_id,
        "return_no": "B-R00001",
        "event_id": EVENT,
        "sale_id": SALE_B,
        "receipt_no": "B-000001",
        "created_at": "2026-12-05T11:00:00+00:00",
        "currency": "CHF",
        "refund_total": 3200,
        "no_receipt": False,
        "exchange_sale_id": None,
        "lines": [
            {
                "line_no": 1,
                "sku": "BER-003",
                "maker": "Bergkeramik",
                "quantity": 1,
                "refund": 3200,
                "reason": "chipped",
                "disposition": "write_off",
                "sold": 1,
            }
        ],
        "refunds": [{"kind": "card", "amount": 3200, "tender_index": 0}],
    } | changed


def pickup_order(**changed: object) -> dict[str, Any]:
    return {
        "number": "1001",
        "customer_name": "Ana",
        "notes": "",
        "cancelled": False,
        "lines": [PICKUP_LINE],
        "member_order_ids": [],
    } | changed


def handoff(**changed: object) -> dict[str, Any]:
    return {
        "lines": [{"order_id": GOOD_ORDER, "line_id": "1", "quantity": 1}],
        "till_code": "B",
        "staff_name": "Sam",
        "at": "2026-12-05T12:00:00+00:00",
    } | changed


def without(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name != key}


def enrolled(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        uow.hub.save_link("http://127.0.0.1:9", "token")
        uow.commit()


def good_entries() -> list[Change]:
    """Genuine entries of several kinds; the bad one goes between the second and the third."""
    return [
        change(1, "product", "NEW-001", product("NEW-001", NEW_PRODUCT_1)),
        change(2, "stock_level", "BER-003", {"level": 7}),
        change(4, "stock_level", "ATE-001", {"level": 3}),
        change(5, "sale", SALE_B, sale(SALE_B, "B-000001")),
        change(6, "pickup_key", "1", {"public_key": PUBLIC_KEY, "revoked": False}),
        change(7, "product", "NEW-002", product("NEW-002", NEW_PRODUCT_2)),
        change(8, "pickup_order", GOOD_ORDER, pickup_order()),
    ]


def page_around(bad: Change) -> ChangesPage:
    """Good entries of several kinds before and after the bad one."""
    good = good_entries()
    return ChangesPage(changes=[*good[:2], bad, *good[2:]], next_cursor="0.8", more=False)


def assert_the_good_ones_applied(demo: DemoTill) -> None:
    with demo.till.uow().for_reading() as uow:
        assert uow.hub.stock_level("BER-003") == 7
        assert uow.hub.stock_level("ATE-001") == 3
        assert uow.returns.foreign_sale(sale_id=SALE_B) is not None
        assert [key_id for key_id, _, _ in uow.pickups.signing_keys()] == [1]
        assert set(uow.catalog.product_ids_by_sku(["NEW-001", "NEW-002"])) == {"NEW-001", "NEW-002"}
        assert uow.pickups.order(GOOD_ORDER) is not None
        link = uow.hub.link()
        assert link is not None and link.cursor == "0.8"


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


def test_the_cursor_moved_past_it_so_the_next_pull_does_not_quarantine_it_again(demo: DemoTill) -> None:
    enrolled(demo)
    feed = PreparedFeed(page_around(change(3, "sale", BAD_SALE, {"lines": []})))
    pull_changes(demo.till.uow, feed)
    pull_changes(demo.till.uow, feed)

    assert feed.asked == ["", "0.8"]
    status = sync_status(demo.till.uow())
    assert status.quarantined == 1
    assert [(item.seq, item.kind, item.key) for item in status.quarantine] == [(3, "sale", BAD_SALE)]
    assert status.quarantine[0].reason.startswith(
        f"the sale change {BAD_SALE} breaks its contract: sale_id: Field required;"
    )


def test_each_page_of_a_long_feed_goes_on_past_its_bad_entry(demo: DemoTill) -> None:
    enrolled(demo)
    first = ChangesPage(
        changes=[
            change(1, "stock_level", "BER-003", {"level": 7}),
            change(2, "stock_level", "BER-003", {"level": None}),
        ],
        next_cursor="0.2",
        more=True,
    )
    second = ChangesPage(
        changes=[
            change(3, "pickup_order", BAD_ORDER, without(pickup_order(), "cancelled")),
            change(4, "stock_level", "ATE-001", {"level": 3}),
        ],
        next_cursor="0.4",
        more=False,
    )
    pull_changes(demo.till.uow, PreparedFeed(first, second))

    with demo.till.uow().for_reading() as uow:
        assert (uow.hub.stock_level("BER-003"), uow.hub.stock_level("ATE-001")) == (7, 3)
        assert [(entry.seq, entry.reason) for entry in uow.quarantine.entries(10)] == [
            (3, f"the pickup_order change {BAD_ORDER} breaks its contract: cancelled: Field required"),
            (2, "the stock_level change BER-003 breaks its contract: level: Input should be a valid integer"),
        ]
        link = uow.hub.link()
        assert link is not None and link.cursor == "0.4"


def test_a_product_the_bulk_write_refuses_is_set_aside_whole_and_the_others_go_in(demo: DemoTill) -> None:
    """The checks pass, but the store refuses it: an id another product already has."""
    enrolled(demo)
    with demo.till.uow().for_reading() as uow:
        taken = uow.catalog.product_ids_by_sku(["BER-003"])["BER-003"]
    clash = change(2, "product", "NEW-009", product("NEW-009", taken, maker="Ghost Pottery"))
    page = ChangesPage(
        changes=[
            change(1, "product", "NEW-001", product("NEW-001", NEW_PRODUCT_1)),
            clash,
            change(3, "product", "NEW-002", product("NEW-002", NEW_PRODUCT_2)),
        ],
        next_cursor="0.3",
        more=False,
    )
    assert check_change(clash) is None
    pull_changes(demo.till.uow, PreparedFeed(page))

    with demo.till.uow().for_reading() as uow:
        assert set(uow.catalog.product_ids_by_sku(["NEW-001", "NEW-002", "NEW-009"])) == {"NEW-001", "NEW-002"}
        assert "Ghost Pottery" not in {maker.name for maker in uow.catalog.makers()}, "no half of it is left"
        [entry] = uow.quarantine.entries(10)
    assert (entry.seq, entry.key) == (2, "NEW-009")
    assert entry.reason == "the till could not store it: UNIQUE constraint failed: products.id"


def test_the_quarantine_keeps_at_most_64_kib_of_an_entry(demo: DemoTill) -> None:
    enrolled(demo)
    huge = change(3, "stock_level", "BER-003", {"level": "x", "note": "é" * 100_000})
    pull_changes(demo.till.uow, PreparedFeed(page_around(huge)))

    with demo.till.uow().for_reading() as uow:
        [entry] = uow.quarantine.entries(10)
    kept = entry.data.encode("utf-8")
    assert MAX_DATA_BYTES - 4 < len(kept) <= MAX_DATA_BYTES
    assert entry.data.startswith('{"level": "x", "note": "éé')


def test_the_quarantine_is_append_only(demo: DemoTill) -> None:
    enrolled(demo)
    pull_changes(demo.till.uow, PreparedFeed(page_around(change(3, "gift_card", "g-1", {}))))

    for statement in ("DELETE FROM feed_quarantine", "UPDATE feed_quarantine SET reason = 'fine'"):
        with demo.till.uow() as uow, pytest.raises(IntegrityError, match="append-only"):
            uow.connection.execute(text(statement))
    assert sync_status(demo.till.uow()).quarantined == 1
