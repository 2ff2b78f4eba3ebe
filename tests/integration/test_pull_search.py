"""A pulled catalog is found by name and by barcode, whichever way its pages were written.

A pull writes several pages in one transaction: their products together, and
their search entries in one statement before the commit (docs/pull.md). These
tests pin what that must not change: a product renamed or given another
barcode in a later page is found as the last page left it, once; a pull
stopped halfway and taken up again leaves every product findable, none twice.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text

from app.domain.progress import Cancelled, CancelToken
from app.services.catalog import find_product
from app.services.feed_pages import store_pages
from app.services.syncing import pull_changes
from sync.protocol import Change, ChangesPage
from tests.bench.catalog_gen import barcode
from tests.conftest import DemoTill

PER_PAGE = 40


class PreparedFeed:
    """The hub's pages at their cursors, handed out as fast as the till asks."""

    def __init__(self, pages: list[ChangesPage]) -> None:
        self._pages = dict(zip(["", *(page.next_cursor for page in pages)], pages, strict=False))
        self.asked: list[str] = []

    def pull(self, cursor: str) -> ChangesPage:
        self.asked.append(cursor)
        return self._pages[cursor]


def product(number: int, name: str, codes: str) -> dict[str, Any]:
    return {
        "id": str(uuid.UUID(int=number)),
        "sku": f"GEN-{number:06d}",
        "name": name,
        "variant": "",
        "maker": "Bergkeramik",
        "category": "Ceramics",
        "tax_class": "standard",
        "price": 1000 + number,
        "barcodes": codes,
    }


def catalog_pages(pages: int, last: list[dict[str, Any]] | None = None) -> list[ChangesPage]:
    """``pages`` pages of new products (Quokka mug 1, 2, ...), then a page of ``last`` if given."""
    built, seq = [], 0
    contents = [
        [
            product(number, f"Quokka mug {number}", barcode(number))
            for number in range(n * PER_PAGE + 1, (n + 1) * PER_PAGE + 1)
        ]
        for n in range(pages)
    ]
    if last is not None:
        contents.append(last)
    for index, products in enumerate(contents):
        changes = []
        for data in products:
            seq += 1
            changes.append(Change(seq=seq, kind="product", key=data["sku"], data=data))
        built.append(ChangesPage(changes=changes, next_cursor=f"0.{seq}", more=index < len(contents) - 1))
    return built


def enrolled(demo: DemoTill) -> int:
    with demo.till.uow() as uow:
        uow.hub.save_link("http://127.0.0.1:9", "token")
        uow.commit()
        return uow.catalog.product_count()


def search_skus(demo: DemoTill, query: str) -> list[str]:
    with demo.till.uow().for_reading() as uow:
        return [view.item.sku for view in uow.catalog.search(query, limit=1000)]


def assert_the_index_holds_each_product_once(demo: DemoTill) -> None:
    with demo.till.uow() as uow:  # not committed: FTS5's check is asked for by an INSERT
        connection = uow.connection
        indexed = connection.execute(text("SELECT count(*) FROM product_search")).scalar_one()
        assert indexed == uow.catalog.product_count()
        stray = connection.execute(
            text("SELECT count(*) FROM product_search WHERE rowid NOT IN (SELECT rowid FROM products)")
        ).scalar_one()
        assert stray == 0
        # FTS5's own check: every term of every row is where the index says.
        connection.execute(text("INSERT INTO product_search (product_search) VALUES ('integrity-check')"))


def test_pages_written_together_leave_each_product_as_the_last_page_gave_it(demo: DemoTill) -> None:
    before = enrolled(demo)
    # The last page renames product 3 and moves product 5's barcode to product 50 (product 5 keeps none).
    last = [
        product(3, "Wombat bowl 3", barcode(3)),
        product(5, "Quokka mug 5", ""),
        product(50, "Quokka mug 50", f"{barcode(50)} {barcode(5)}"),
    ]
    pages = catalog_pages(2, last)

    store_pages(demo.till.uow, pages)  # one transaction for the three pages, as a pull writes them

    assert search_skus(demo, "wombat") == ["GEN-000003"]
    assert "GEN-000003" not in search_skus(demo, "quokka")
    assert len(search_skus(demo, "quokka")) == 2 * PER_PAGE - 1
    assert search_skus(demo, "quokka mug 50") == ["GEN-000050"]
    assert find_product(barcode(5), demo.till.uow()).item.sku == "GEN-000050"
    assert find_product(barcode(77), demo.till.uow()).item.sku == "GEN-000077"
    with demo.till.uow().for_reading() as uow:
        assert uow.catalog.product_count() == before + 2 * PER_PAGE
        assert uow.quarantine.count() == 0
    assert_the_index_holds_each_product_once(demo)


def test_a_product_pulled_again_is_found_by_its_new_name_only(demo: DemoTill) -> None:
    enrolled(demo)
    first = catalog_pages(3)
    pull_changes(demo.till.uow, PreparedFeed(first))
    renamed = ChangesPage(
        changes=[Change(seq=1000, kind="product", key="GEN-000007", data=product(7, "Wombat bowl", barcode(7)))],
        next_cursor="0.1000",
        more=False,
    )
    pull_changes(
        demo.till.uow, PreparedFeed([ChangesPage(changes=[], next_cursor=first[-1].next_cursor, more=True), renamed])
    )

    assert search_skus(demo, "wombat") == ["GEN-000007"]
    assert "GEN-000007" not in search_skus(demo, "quokka")
    assert find_product(barcode(7), demo.till.uow()).item.name == "Wombat bowl"
    assert_the_index_holds_each_product_once(demo)


def test_a_pull_stopped_halfway_and_taken_up_again_finds_every_product_once(demo: DemoTill) -> None:
    before = enrolled(demo)
    pages = catalog_pages(6)
    token = CancelToken()

    def stop_after_the_first_pages(done: int, _total: int | None, _what: str) -> None:
        if done:
            token.cancel()  # as the Cancel button would, once the first pages are on their way to the store

    try:
        pull_changes(demo.till.uow, PreparedFeed(pages), stop_after_the_first_pages, token)
        raise AssertionError("the pull should have stopped")
    except Cancelled:
        pass
    with demo.till.uow().for_reading() as uow:
        written = uow.catalog.product_count() - before
        link = uow.hub.link()
    assert 0 < written < 6 * PER_PAGE
    assert link is not None and link.cursor == f"0.{written}", "the cursor of the last page written, with it"

    feed = PreparedFeed(pages)
    assert pull_changes(demo.till.uow, feed) == 6 * PER_PAGE - written
    assert feed.asked[0] == f"0.{written}"
    assert len(search_skus(demo, "quokka")) == 6 * PER_PAGE
    for number in (1, 2 * PER_PAGE, 6 * PER_PAGE):
        assert find_product(barcode(number), demo.till.uow()).item.sku == f"GEN-{number:06d}"
    assert_the_index_holds_each_product_once(demo)
