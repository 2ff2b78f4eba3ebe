"""Barcode lookup and search-as-you-type over 100,000 products (goals: p95 < 1 ms and < 10 ms)."""

from __future__ import annotations

import random

from app.bootstrap import Till
from app.services.catalog import find_product, search_products
from tests.bench.catalog_gen import barcode
from tests.bench.conftest import LARGE_CATALOG, measure, report


def test_barcode_lookup(large_store: Till) -> None:
    rng = random.Random(1)
    codes = [barcode(rng.randint(1, LARGE_CATALOG)) for _ in range(2000)]
    iterator = iter(codes * 2)

    samples = measure(lambda: find_product(next(iterator), large_store.uow()), rounds=2000)

    _, _p95 = report("barcode lookup (find_product service, 100k)", samples, "goal p95 < 1 ms")
    assert find_product(codes[0], large_store.uow()).item.sku.startswith("GEN-")


def test_search_as_you_type(large_store: Till) -> None:
    typed = ["speckled mug", "walnut board", "alpine honey", "gen-0421", "wool scarf", "oak spoon", "maker birch"]
    prefixes = [text[:length] for text in typed for length in range(1, len(text) + 1) if text[:length].strip()]
    samples: list[float] = []
    for _ in range(5):
        for prefix in prefixes:
            samples += measure(lambda prefix=prefix: search_products(prefix, large_store.uow()), rounds=1, warmup=0)

    report(f"search as you type ({len(prefixes)} prefixes x5, 100k)", samples, "goal p95 < 10 ms")
    assert search_products("speckled mug", large_store.uow())
