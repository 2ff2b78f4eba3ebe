"""The hub's feed, page by page: every change of the till's event and of all events, once each, in order.

Each page seeks to its cursor (sync/hub/store/feed.py), as the rest of the
cursor's transaction and then the later ones, separately for every event's
changes and the till's own; these tests walk many small pages across
transaction boundaries, with other events' changes in between, and on
PostgreSQL with transactions that commit out of order. The last one is the
till's side: a long feed written in groups of pages while more arrive.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import Connection, event, select, text

from app.services.catalog import find_product
from app.services.syncing import pull_changes
from sync.hub.store import AuthenticatedTill, HubStore, changes, open_hub_engine
from sync.hub.store.feed import publish
from sync.protocol import Change, ChangesPage, EventInfo, TaxClassInfo
from tests.bench.catalog_gen import barcode
from tests.conftest import DemoTill
from tests.postgres_server import new_database

PAGE = 7


@pytest.fixture
def store(hub_url: str) -> Iterator[HubStore]:
    store = HubStore(open_hub_engine(hub_url))
    yield store
    store.engine.dispose()


@pytest.fixture
def postgres_store(postgres_server: str) -> Iterator[HubStore]:
    """For what only PostgreSQL does: several writers at once, committing in another order than they began."""
    store = HubStore(open_hub_engine(new_database(postgres_server)))
    yield store
    store.engine.dispose()


def new_event(store: HubStore, name: str) -> AuthenticatedTill:
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name=name,
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT", rate="0.081")],
        )
    )
    return AuthenticatedTill(till_id=str(uuid.uuid4()), event_id=event_id, code="A")


def publish_mix(connection: Connection, tag: str, ours: str, theirs: str, count: int) -> None:
    """``count`` changes for every event, for ``ours`` and for ``theirs``, interleaved in one transaction."""
    for number in range(count):
        publish(connection, None, "stock_level", f"ALL-{tag}-{number}", {"level": number})
        publish(connection, ours, "stock_level", f"OURS-{tag}-{number}", {"level": number})
        publish(connection, theirs, "stock_level", f"THEIRS-{tag}-{number}", {"level": number})


def walk(store: HubStore, till: AuthenticatedTill, cursor: str = "") -> tuple[list[str], str]:
    """Every page from ``cursor`` to the end: the keys served in order, and the last cursor."""
    keys: list[str] = []
    while True:
        page = store.changes_since(till, cursor, PAGE)
        assert not page.resync
        assert len(page.changes) <= PAGE
        keys += [change.key for change in page.changes]
        cursor = page.next_cursor
        if not page.more:
            return keys, cursor


def feed_order(store: HubStore, till: AuthenticatedTill) -> list[str]:
    """What the till must be served, read straight from the table: its changes in (tx, seq) order."""
    owned = changes.c.event_id.is_(None) | (changes.c.event_id == till.event_id)
    query = select(changes.c.key).where(owned).order_by(changes.c.tx, changes.c.seq)
    with store.engine.connect() as connection:
        return list(connection.scalars(query))


def test_many_pages_are_contiguous_complete_and_only_the_tills(store: HubStore) -> None:
    ours, theirs = new_event(store, "Ours"), new_event(store, "Theirs")
    for tag in ("first", "second", "third"):
        with store.engine.begin() as connection:
            publish_mix(connection, tag, ours.event_id, theirs.event_id, 12)
    with store.engine.begin() as connection:
        for number in range(30):
            publish(connection, ours.event_id, "stock_level", f"BULK-{number}", {"level": number})

    keys, cursor = walk(store, ours)

    assert keys == feed_order(store, ours)
    assert len(keys) == len(set(keys)) == 3 * 12 * 2 + 30
    assert not any(key.startswith("THEIRS") for key in keys)
    theirs_keys, _ = walk(store, theirs)
    assert sum(key.startswith("THEIRS") for key in theirs_keys) == 3 * 12
    assert not any(key.startswith(("OURS", "BULK")) for key in theirs_keys)

    with store.engine.begin() as connection:
        publish_mix(connection, "later", ours.event_id, theirs.event_id, 5)
    more, _ = walk(store, ours, cursor)
    assert more == [key for key in feed_order(store, ours) if "-later-" in key], "only what came after the cursor"


@pytest.mark.postgres
def test_transactions_that_commit_out_of_order_are_served_in_transaction_order(postgres_store: HubStore) -> None:
    store = postgres_store
    ours, theirs = new_event(store, "Ours"), new_event(store, "Theirs")
    with store.engine.connect() as first, store.engine.connect() as second:
        # Their changes interleave in sequence order; the second commits first.
        first_tx, second_tx = first.begin(), second.begin()
        publish_mix(first, "first-a", ours.event_id, theirs.event_id, 6)
        publish_mix(second, "second", ours.event_id, theirs.event_id, 6)
        publish_mix(first, "first-b", ours.event_id, theirs.event_id, 6)
        second_tx.commit()
        first_tx.commit()

    keys, _ = walk(store, ours)

    assert keys == feed_order(store, ours)
    first_keys = [key for key in keys if "-first-" in key]
    assert keys[: len(first_keys)] == first_keys, "the first transaction's changes come first, as one block"
    assert len(keys) == len(set(keys)) == 3 * 6 * 2


@pytest.mark.postgres
def test_a_late_commit_is_never_skipped_across_pages(postgres_store: HubStore) -> None:
    store = postgres_store
    ours, theirs = new_event(store, "Ours"), new_event(store, "Theirs")
    with store.engine.begin() as connection:
        publish_mix(connection, "before", ours.event_id, theirs.event_id, 10)
    with store.engine.connect() as early:
        # The early transaction writes first and commits last; many pages of later changes commit meanwhile.
        early_tx = early.begin()
        publish_mix(early, "early", ours.event_id, theirs.event_id, 4)
        with store.engine.begin() as connection:
            publish_mix(connection, "later", ours.event_id, theirs.event_id, 10)

        served, cursor = walk(store, ours)
        assert served == [key for key in feed_order(store, ours) if "-before-" in key]

        early_tx.commit()
    rest, _ = walk(store, ours, cursor)

    assert served + rest == feed_order(store, ours)
    assert [key for key in rest if "-early-" in key] == rest[:8], "the late commit first, in its place"
    assert len(served + rest) == len(set(served + rest)) == 2 * 10 * 2 + 4 * 2


def feed_statements(store: HubStore, till: AuthenticatedTill, cursor: str) -> list[tuple[str, Any]]:
    """The queries one page reads the changes with, and their parameters."""
    statements: list[tuple[str, Any]] = []

    def grab(_conn: object, _cursor: object, statement: str, parameters: Any, *_rest: object) -> None:
        if "changes.data" in statement:
            statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", grab)
    try:
        assert store.changes_since(till, cursor, 1000).changes
    finally:
        event.remove(store.engine, "before_cursor_execute", grab)
    return statements


def test_a_page_seeks_to_its_cursor_in_the_index(store: HubStore) -> None:
    ours, theirs = new_event(store, "Ours"), new_event(store, "Theirs")
    rows = 60_000
    with store.engine.begin() as connection:
        tx = "pg_current_xact_id()::text::bigint" if connection.dialect.name == "postgresql" else "0"
        series = (
            "generate_series(1, :rows) AS number"
            if connection.dialect.name == "postgresql"
            else "(WITH RECURSIVE n(number) AS (SELECT 1 UNION ALL SELECT number + 1 FROM n WHERE number < :rows)"
            " SELECT number FROM n)"
        )
        # Every event's changes, the till's own and another event's, interleaved as a busy hub writes them.
        connection.execute(
            text(
                f"INSERT INTO changes (tx, event_id, kind, key, data) SELECT {tx},"
                " CASE number % 3 WHEN 0 THEN NULL WHEN 1 THEN :ours ELSE :theirs END,"
                " 'stock_level', 'K' || number, '{\"level\": 1}' FROM " + series
            ),
            {"rows": rows, "ours": ours.event_id, "theirs": theirs.event_id},
        )
        if connection.dialect.name == "postgresql":
            connection.execute(text("ANALYZE changes"))
    with store.engine.connect() as connection:
        middle = connection.execute(select(changes.c.tx, changes.c.seq).where(changes.c.seq == rows // 2)).one()
    statements = feed_statements(store, ours, f"{middle.tx}.{middle.seq}")
    with store.engine.connect() as connection:
        for statement, parameters in statements:
            if connection.dialect.name == "postgresql":
                plan = "\n".join(connection.exec_driver_sql(f"EXPLAIN {statement}", parameters).scalars())
                assert "Index Scan using ix_changes_event_tx_seq" in plan, plan
                assert "Sort" not in plan and "Filter" not in plan, plan
            else:
                steps = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
                plan = "\n".join(str(step[-1]) for step in steps)
                assert plan.startswith("SEARCH changes USING INDEX ix_changes_event_tx_seq (event_id=? AND tx"), plan
                assert "\n" not in plan, f"one step, no sorting: {plan}"


class PreparedFeed:
    """The hub's pages at their cursors, handed out as fast as the till asks: it writes slower than it fetches."""

    def __init__(self, pages: list[ChangesPage]) -> None:
        self._pages = dict(zip(["", *(page.next_cursor for page in pages)], pages, strict=False))

    def pull(self, cursor: str) -> ChangesPage:
        return self._pages[cursor]


def test_a_long_pull_applies_every_page_and_sets_aside_only_the_entry_the_store_refuses(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        uow.hub.save_link("http://127.0.0.1:9", "token")
        taken = uow.catalog.product_ids_by_sku(["BER-003"])["BER-003"]
        before = uow.catalog.product_count()
        uow.commit()
    pages, seq = [], 0
    for page_number in range(40):
        entries = []
        for number in range(page_number * 25 + 1, page_number * 25 + 26):
            sku = f"GEN-{number:06d}"
            # One product of page 17 claims the id of a product the till has: the store refuses it, not its contract.
            product_id = taken if number == 17 * 25 + 3 else str(uuid.UUID(int=number))
            data = {
                "id": product_id,
                "sku": sku,
                "name": f"Mug {number}",
                "variant": "",
                "maker": "Bergkeramik",
                "category": "Ceramics",
                "tax_class": "standard",
                "price": 1000 + number,
                "barcodes": barcode(number),
            }
            seq += 1
            entries.append(Change(seq=seq, kind="product", key=sku, data=data))
            seq += 1
            entries.append(Change(seq=seq, kind="stock_level", key=sku, data={"level": number}))
        seq += 1
        entries.append(Change(seq=seq, kind="stock_level", key="BER-003", data={"level": page_number}))
        pages.append(ChangesPage(changes=entries, next_cursor=f"0.{seq}", more=page_number < 39))

    assert pull_changes(demo.till.uow, PreparedFeed(pages)) == seq

    with demo.till.uow().for_reading() as uow:
        assert uow.catalog.product_count() == before + 40 * 25 - 1
        [refused] = uow.quarantine.entries(10)
        assert (refused.key, refused.reason) == (
            "GEN-000428",
            "the till could not store it: UNIQUE constraint failed: products.id",
        )
        assert uow.hub.stock_level("BER-003") == 39, "the last page's level, not an earlier one"
        assert uow.hub.stock_level("GEN-000999") == 999
        link = uow.hub.link()
        assert link is not None and link.cursor == pages[-1].next_cursor
    assert find_product(barcode(999), demo.till.uow()).item.sku == "GEN-000999"
    assert find_product(barcode(426), demo.till.uow()).item.sku == "GEN-000426", "its page's others went in"
