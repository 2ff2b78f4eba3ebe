"""Benchmarks share one generated 100,000-product store per run, and print their figures as a table."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import uvicorn

from app.bootstrap import Till
from sync.collector import tune_collector
from sync.hub.store import HubStore, open_hub_engine
from sync.protocol import EventInfo, TaxClassInfo
from tests.bench.catalog_gen import build_large_store
from tests.sync.conftest import free_port, wait_until_up
from tests.sync.hub_processes import ROOT

LARGE_CATALOG = 100_000


@pytest.fixture(scope="session", autouse=True)
def as_the_programs_run() -> None:
    """The cycle collector set as popup-pos and popup-hub set it at their start, for product and floor alike."""
    tune_collector()


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


def compare(
    name: str,
    product: Callable[[], float],
    floor: Callable[[], float],
    rounds: int = 5,
    aim: float | None = None,
) -> tuple[float, float, float]:
    """Product and floor rounds interleaved (P F P F ...), each call returning the seconds it measured.

    Interleaving spreads whatever else the machine does over both sides, so the
    ratio is honest on a busy 2-core laptop. Prints medians, spread (min-max) and
    the ratio; returns (product median, floor median, ratio).
    """
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(rounds):
        ours.append(product())
        theirs.append(floor())
    ours_median, floor_median = statistics.median(ours), statistics.median(theirs)
    ratio = ours_median / floor_median
    goal = f" (aim <= {aim}x)" if aim is not None else ""
    print(
        f"[bench] {name}: product median {ours_median * 1000:.3f} ms [{min(ours) * 1000:.3f}-{max(ours) * 1000:.3f}], "
        f"floor median {floor_median * 1000:.3f} ms [{min(theirs) * 1000:.3f}-{max(theirs) * 1000:.3f}], "
        f"ratio {ratio:.2f}x{goal}, {rounds} interleaved rounds"
    )
    return ours_median, floor_median, ratio


class Served:
    def __init__(self, app: object) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))  # type: ignore[arg-type]
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


class ServerProcess:
    """A server in its own process on a free port of 127.0.0.1, as an event runs its hub: the till under test and
    the server do not take turns at one interpreter lock. ``command`` is given the port as its last argument."""

    def __init__(self, command: list[str]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [*command, str(self.port)],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until_up(self.port)

    @classmethod
    def hub(cls, db_url: str) -> ServerProcess:
        """``popup-hub serve`` on ``db_url``."""
        return cls([sys.executable, "-m", "sync.hub.cli", "--db", db_url, "serve", "--port"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def hub_with_event(db_file: Path, name: str = "Bench") -> tuple[HubStore, str]:
    """A SQLite hub at ``db_file`` with one event (CHF, prices with tax, one 8.1 % class), and its id."""
    store = HubStore(open_hub_engine(f"sqlite:///{db_file}"))
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
    return store, event_id


@pytest.fixture
def bench_hub(tmp_path: Path) -> Iterator[tuple[HubStore, ServerProcess, str]]:
    store, event_id = hub_with_event(tmp_path / "hub.db")
    served = ServerProcess.hub(f"sqlite:///{tmp_path / 'hub.db'}")
    yield store, served, event_id
    served.stop()
