"""Benchmarks share one generated 100,000-product store per run, and print their figures as a table."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.bootstrap import Till
from tests.bench.catalog_gen import build_large_store

LARGE_CATALOG = 100_000


@pytest.fixture(scope="session")
def large_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Till]:
    started = time.perf_counter()
    till = build_large_store(tmp_path_factory.mktemp("large") / "store", LARGE_CATALOG)
    elapsed = time.perf_counter() - started
    print(f"\n[setup] {LARGE_CATALOG:,} products imported through the catalog service in {elapsed:.1f} s")
    yield till
    till.close()


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(action: Callable[[], object], rounds: int, warmup: int = 5) -> list[float]:
    """Seconds per call, one sample per call."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return samples


def report(name: str, samples: list[float], goal: str = "") -> tuple[float, float]:
    median, p95 = statistics.median(samples), percentile(samples, 0.95)
    print(f"[bench] {name:<58} median {median * 1000:8.3f} ms   p95 {p95 * 1000:8.3f} ms   n={len(samples)}  {goal}")
    return median, p95


@pytest.fixture
def bench_dir(tmp_path: Path) -> Path:
    return tmp_path
