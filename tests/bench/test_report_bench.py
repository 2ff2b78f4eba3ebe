"""The event report over 100,000 sales (goals: figures under 1 s, the A4 PDF under 3 s), the CSV export against
its floors at 100,000 and 1,000,000 sales, and what a sale costs in the store file.

The store is the demo till filled with the event's sales straight into its tables (tests/bench/event_store.py).

The CSV export's floor is Python's csv module writing the rows of the same
queries (app/store/reports.py export_query) as they come from the cursor, in
the same read transaction: the aim is <= 1.2x. The sqlite3 shell writing the
same queries is printed beside it, as the cost of SQLite alone.
"""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import statistics
import subprocess
import time
from pathlib import Path

import pytest

from app.bootstrap import Till
from app.services.event_export import export_csv
from app.services.event_report import event_report
from app.services.event_report_pdf import event_report_pdf
from app.store.csv_export import ExportTable, export_query
from app.store.database import driver
from tests.bench.conftest import compare, measure
from tests.bench.event_store import SALES, build_event_store
from tests.conftest import DemoTill
from tests.integration.store_filling import acknowledge, sell_round, used_bytes

SCALE_SALES = 1_000_000
SIZE_SALES = 2_000


@pytest.mark.parametrize("sales", [SALES, pytest.param(SCALE_SALES, marks=pytest.mark.scale)])
def test_event_report_pdf_and_csv(bench_dir: Path, sales: int) -> None:
    started = time.perf_counter()
    till = build_event_store(bench_dir / "store", sales)
    print(f"\n[setup] {sales:,} sales written into the demo store in {time.perf_counter() - started:.1f} s")
    rounds = 5 if sales == SALES else 3
    try:
        report = event_report(till.uow())
        totals = report.totals
        assert totals.sales == sales
        assert sum(hour.total for hour in report.by_hour) == totals.sales_total
        assert sum(maker.revenue for maker in report.by_maker) == totals.sales_total
        assert sum(tender.taken for tender in report.tenders) == totals.sales_total + totals.cash_rounding
        print(
            f"[setup] {totals.items:,} items on {len(report.by_product):,} products, {totals.returns:,} returns, "
            f"{len(report.by_hour)} hours; sales total {report.event.format(totals.sales_total)}"
        )

        figures = statistics.median(measure(lambda: event_report(till.uow()), rounds=rounds, warmup=1))
        pdf = statistics.median(
            measure(lambda: event_report_pdf(bench_dir / "event.pdf", till.uow()), rounds=3, warmup=1)
        )
        print(
            f"[bench] event report over {sales:,} sales: figures {figures:.2f} s (goal < 1 s at 100k), "
            f"PDF {pdf:.2f} s (goal < 3 s at 100k)"
        )
        csv_against_floors(till, bench_dir, sales, rounds=rounds)
    finally:
        till.close()
        # A store of a million sales is about 2.5 GB: not left behind in pytest's kept temp folders.
        shutil.rmtree(bench_dir / "store", ignore_errors=True)


def csv_against_floors(till: Till, folder: Path, sales: int, rounds: int) -> None:
    """The export, interleaved with the csv module over the same queries; the sqlite3 shell beside them."""
    files: list[Path] = []

    def product() -> float:
        started = time.perf_counter()
        files[:] = export_csv(folder / "product", till.uow())
        return time.perf_counter() - started

    def csv_module() -> float:
        started = time.perf_counter()
        (folder / "floor").mkdir(exist_ok=True)
        with till.uow().for_reading() as uow:
            db = driver(uow.connection)
            for table in ExportTable:
                with (folder / "floor" / f"{table.value}.csv").open("w", encoding="utf-8-sig", newline="") as file:
                    rows = db.execute(export_query(table))
                    writer = csv.writer(file)
                    writer.writerow(column[0] for column in rows.description)
                    writer.writerows(rows)
        return time.perf_counter() - started

    ours, floor, ratio = compare(f"CSV export of {sales:,} sales", product, csv_module, rounds=rounds, aim=1.2)
    size = sum(path.stat().st_size for path in files) / 1e6
    print(f"[bench] CSV export: {len(files)} files, {size:.0f} MB; {ratio:.2f}x the csv module's {floor:.2f} s")
    shell = shutil.which("sqlite3")
    if shell is None:
        print("[bench] CSV export: no sqlite3 shell on this machine, its floor is not measured")
        return
    script = "".join(
        f".output {folder / f'shell-{table.value}.csv'}\n{export_query(table)};\n" for table in ExportTable
    )
    seconds = statistics.median(
        measure(
            lambda: subprocess.run(
                [shell, "-readonly", "-csv", "-header", str(till.store_path)], input=script, text=True, check=True
            ),
            rounds=rounds,
            warmup=0,
        )
    )
    print(
        f"[bench] CSV export: the sqlite3 shell over the same queries {seconds:.2f} s, the product "
        f"{ours / seconds:.2f}x that (not interleaved)"
    )


def test_store_bytes_per_sale(demo: DemoTill) -> None:
    """Sales through the services, the hub's answers recorded every 200 sales: what a sale costs, and where."""
    store = demo.till.store_path
    acknowledge(demo.till.uow())
    before = used_bytes(store)
    rng = random.Random(2026)
    for _ in range(SIZE_SALES // 200):
        sell_round(demo, 200, rng)
        acknowledge(demo.till.uow())
    per_sale = (used_bytes(store) - before) / SIZE_SALES
    vacuumed = store.with_name("vacuumed.db")
    with sqlite3.connect(store) as db:
        db.execute("VACUUM INTO ?", (str(vacuumed),))
    with sqlite3.connect(vacuumed) as db:
        pages = db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 10").fetchall()
    print(
        f"\n[bench] store size: {per_sale:,.0f} bytes a sale in the store file ({SIZE_SALES:,} sales through the "
        "services, the hub's answers recorded every 200; aim <= 2,048)"
    )
    print(
        "[bench] store size, bytes a sale by table and index after VACUUM (the demo's catalog included): "
        + ", ".join(f"{name} {size / SIZE_SALES:,.0f}" for name, size in pages)
    )
