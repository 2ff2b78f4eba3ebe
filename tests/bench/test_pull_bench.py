"""Pulling a 100,000-product catalog from a local hub into a till (goal < 10 s)."""

from __future__ import annotations

import time
from pathlib import Path

from app.bootstrap import open_till
from app.services.syncing import enroll_till, pull_changes
from sync.client import HubClient
from sync.hub.store import HubStore
from tests.bench.catalog_gen import catalog_csv
from tests.bench.conftest import Served

CATALOG = 100_000


def test_pull_a_100k_catalog(bench_hub: tuple[HubStore, Served, str], tmp_path: Path) -> None:
    store, served, event_id = bench_hub
    started = time.perf_counter()
    store.import_catalog(catalog_csv(CATALOG))
    print(f"\n[setup] hub catalog of {CATALOG:,} products imported in {time.perf_counter() - started:.1f} s")
    till = open_till(tmp_path / "till")
    enroll_till(served.url, store.create_enroll_code(event_id, "A"), till.uow())
    with till.uow() as uow:
        link = uow.hub.link()
    assert link is not None
    started = time.perf_counter()
    with HubClient(link.url, link.token) as client:
        pulled = pull_changes(till.uow, client)
    elapsed = time.perf_counter() - started
    with till.uow() as uow:
        assert uow.catalog.product_count() == CATALOG
    till.close()
    print(f"[bench] pull a {CATALOG:,}-product catalog ({pulled:,} changes): {elapsed:.1f} s (goal < 10 s)")
