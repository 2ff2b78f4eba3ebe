"""A feed entry the till cannot apply is quarantined; the entries around it are applied and the cursor moves on.

Here: the cursor past it, a long feed page by page, a product the store refuses, the size kept of a huge entry,
and the quarantine as an append-only record. Which entries break their contracts: test_feed_contracts.py.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from app.services.feed_checks import check_change
from app.services.sync_status import sync_status
from app.services.syncing import pull_changes
from app.store.quarantine import MAX_DATA_BYTES
from sync.protocol import ChangesPage
from tests.conftest import DemoTill
from tests.integration.feed_entries import (
    BAD_ORDER,
    BAD_SALE,
    NEW_PRODUCT_1,
    NEW_PRODUCT_2,
    PreparedFeed,
    change,
    enrolled,
    page_around,
    pickup_order,
    product,
    without,
)


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
