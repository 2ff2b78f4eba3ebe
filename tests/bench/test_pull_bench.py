"""Pulling a whole catalog from a local hub into a new till: 100,000 products (aim < 5 s), 1,000,000 (aim < 60 s).

The 1,000,000 run is marked scale (make bench-scale): importing it into the hub
alone takes many minutes. Both print the hub's page on its own too (the feed
read by changes_since, without HTTP or the till), at the start of the feed and
at its end: a page that seeks to its cursor costs the same at both.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from app.bootstrap import open_till
from app.services.syncing import enroll_till, pull_changes
from sync.client import HubClient
from sync.hub.store import AuthenticatedTill, HubStore
from sync.protocol import MAX_PULL_PAGE
from tests.bench.catalog_gen import catalog_csv
from tests.bench.conftest import ServerProcess

AIMS = {100_000: 5.0, 1_000_000: 60.0}
# Pages timed at each end of the feed.
ENDS = 20


def hub_pages(store: HubStore, till: AuthenticatedTill) -> tuple[list[float], float]:
    """Seconds for each page of the whole feed, read by the hub alone; and the total."""
    seconds: list[float] = []
    cursor = ""
    started = time.perf_counter()
    while True:
        page_started = time.perf_counter()
        page = store.changes_since(till, cursor, MAX_PULL_PAGE)
        seconds.append(time.perf_counter() - page_started)
        cursor = page.next_cursor
        if not page.more:
            return seconds, time.perf_counter() - started


@pytest.mark.parametrize("catalog", [100_000, pytest.param(1_000_000, marks=pytest.mark.scale)])
def test_pull_a_catalog(bench_hub: tuple[HubStore, ServerProcess, str], tmp_path: Path, catalog: int) -> None:
    store, served, event_id = bench_hub
    started = time.perf_counter()
    store.import_catalog(catalog_csv(catalog))
    print(f"\n[setup] hub catalog of {catalog:,} products imported in {time.perf_counter() - started:.1f} s")

    till = open_till(tmp_path / "till")
    enrolled = enroll_till(served.url, store.create_enroll_code(event_id, "A"), till.uow())
    pages, hub_total = hub_pages(store, AuthenticatedTill(enrolled.till_id, event_id, enrolled.code))
    first, last = statistics.median(pages[:ENDS]), statistics.median(pages[-ENDS:])
    print(
        f"[bench] hub alone, {len(pages)} pages of {MAX_PULL_PAGE}: {hub_total:.2f} s; median page "
        f"{first * 1000:.1f} ms at the start of the feed, {last * 1000:.1f} ms at its end"
    )

    with till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    started = time.perf_counter()
    with HubClient(link.url, link.token) as client:
        pulled = pull_changes(till.uow, client)
    elapsed = time.perf_counter() - started
    with till.uow() as uow:
        assert uow.catalog.product_count() == catalog
        assert uow.quarantine.count() == 0
    till.close()
    print(
        f"[bench] pull a {catalog:,}-product catalog ({pulled:,} changes): {elapsed:.1f} s, "
        f"{pulled / elapsed:,.0f} changes/s (aim < {AIMS[catalog]:.0f} s)"
    )
