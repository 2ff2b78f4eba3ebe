"""Barcode lookup and search-as-you-type over 100,000 products (goals: p95 < 1 ms and < 10 ms).

The same two figures over 1,000,000 products are marked scale (make bench-scale): the import alone
takes minutes.
"""

from __future__ import annotations

import random
import shutil
import statistics
import time
from collections.abc import Iterator

import pytest

from app.bootstrap import Till
from app.services.catalog import find_product, search_products
from tests.bench.catalog_gen import barcode, build_large_store
from tests.bench.conftest import LARGE_CATALOG, measure, report

SCALE_CATALOG = 1_000_000
TYPED = ["speckled mug", "walnut board", "alpine honey", "gen-0421", "wool scarf", "oak spoon", "maker birch"]


@pytest.fixture(scope="module")
def scale_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Till]:
    folder = tmp_path_factory.mktemp("scale") / "store"
    started = time.perf_counter()
    till = build_large_store(folder, SCALE_CATALOG)
    elapsed = time.perf_counter() - started
    print(f"\n[setup] {SCALE_CATALOG:,} products imported through the catalog service in {elapsed:.1f} s")
    yield till
    till.close()
    shutil.rmtree(folder, ignore_errors=True)


def barcode_lookup(store: Till, size: int) -> None:
    rng = random.Random(1)
    codes = [barcode(rng.randint(1, size)) for _ in range(2000)]
    iterator = iter(codes * 2)

    samples = measure(lambda: find_product(next(iterator), store.uow()), rounds=2000)

    report(f"barcode lookup (find_product service, {size:,})", samples, "goal p95 < 1 ms")
    assert find_product(codes[0], store.uow()).item.sku.startswith("GEN-")


def search_as_you_type(store: Till, size: int) -> None:
    prefixes = [text[:length] for text in TYPED for length in range(1, len(text) + 1) if text[:length].strip()]
    samples: list[float] = []
    by_prefix: dict[str, list[float]] = {prefix: [] for prefix in prefixes}
    for _ in range(5):
        for prefix in prefixes:
            taken = measure(lambda prefix=prefix: search_products(prefix, store.uow()), rounds=1, warmup=0)
            samples += taken
            by_prefix[prefix] += taken

    report(f"search as you type ({len(prefixes)} prefixes x5, {size:,})", samples, "goal p95 < 10 ms")
    slowest = sorted(by_prefix, key=lambda prefix: statistics.median(by_prefix[prefix]), reverse=True)[:3]
    print(
        "        slowest prefixes (median): "
        + ", ".join(f"{prefix!r} {statistics.median(by_prefix[prefix]) * 1000:.2f} ms" for prefix in slowest)
    )
    assert search_products("speckled mug", store.uow())


def test_barcode_lookup(large_store: Till) -> None:
    barcode_lookup(large_store, LARGE_CATALOG)


def test_search_as_you_type(large_store: Till) -> None:
    search_as_you_type(large_store, LARGE_CATALOG)


@pytest.mark.scale
def test_barcode_lookup_in_a_million(scale_store: Till) -> None:
    barcode_lookup(scale_store, SCALE_CATALOG)


@pytest.mark.scale
def test_search_as_you_type_in_a_million(scale_store: Till) -> None:
    search_as_you_type(scale_store, SCALE_CATALOG)
