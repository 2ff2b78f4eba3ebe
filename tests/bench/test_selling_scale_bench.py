"""Completing a sale beside its honest floor (tests/bench/sale_sides.py) as the store fills up: the same
template sale stored 100,000 and then 1,000,000 times in both stores (a ``scale`` benchmark).
"""

from __future__ import annotations

import itertools
import json
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.sale_sides import AUDIT_TAIL, INSERT_AUDIT, SaleRows, audit_step, check_same_rows, connect, run, set_up

# Stored sales for the scale variant, each step added on top of the one before.
SCALE_STEPS = (0, 100_000, 1_000_000)
SCALE_ROUNDS = 5
SCALE_SALES_PER_ROUND = 30
FILL_CHUNK = 10_000


def bulk_ids() -> Iterator[str]:
    """UUIDv7-shaped ids from one past millisecond, in order, so stored rows sit before the bench's new ones."""
    past_ms = time.time_ns() // 1_000_000 - 30 * 24 * 3600 * 1000
    base = (past_ms << 80) | (0x7 << 76) | (0b10 << 62)
    return (str(uuid.UUID(int=base | number)) for number in itertools.count(1))


def fill(path: Path, rows: SaleRows, count: int, ids: Iterator[str]) -> None:
    """Store ``count`` more sales, copies of the template with their own ids, receipts, outbox rows and a
    valid audit chain, through driver-level executemany. The outbox rows are then answered as the hub
    answers a push, so each store keeps them as a till that syncs does (its triggers decide the rest)."""
    db = connect(path)
    details = json.dumps(rows.audit_details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    at = rows.created_at
    try:
        for start in range(0, count, FILL_CHUNK):
            db.execute("BEGIN IMMEDIATE")
            (seq,) = db.execute("SELECT last_receipt_seq FROM tills WHERE id = ?", (rows.till_id,)).fetchone()
            (outbox_seq,) = db.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()
            audit_seq, prev_hash = db.execute(AUDIT_TAIL).fetchone()
            first_outbox_seq = outbox_seq + 1
            sales, lines, tenders, outbox, audit = [], [], [], [], []
            for _ in range(min(FILL_CHUNK, count - start)):
                seq, outbox_seq, audit_seq = seq + 1, outbox_seq + 1, audit_seq + 1
                sale_id = next(ids)
                receipt_no = f"{rows.till_code}-{seq:06d}"
                sales.append((sale_id, receipt_no, seq, next(ids), at, *rows.sale.constants[0]))
                lines += [(sale_id, *line) for line in rows.lines.constants]
                tenders += [(sale_id, *tender) for tender in rows.tenders.constants]
                outbox.append((outbox_seq, next(ids), rows.till_id, rows.payload.replace(rows.sale_id, sale_id), at))
                fields = (
                    audit_seq,
                    next(ids),
                    at,
                    rows.till_id,
                    rows.staff_id,
                    "sale.completed",
                    sale_id,
                    details,
                    None,
                )
                entry_hash = audit_step(prev_hash, fields)
                audit.append((*fields, prev_hash, entry_hash))
                prev_hash = entry_hash
            db.executemany(rows.sale.sql, sales)
            db.executemany(rows.lines.sql, lines)
            db.executemany(rows.tenders.sql, tenders)
            db.executemany(
                "INSERT INTO outbox (seq, id, till_id, type, schema_version, payload, status, attempts, created_at)"
                " VALUES (?, ?, ?, 'sale.completed', 1, ?, 'waiting', 0, ?)",
                outbox,
            )
            db.execute(
                "UPDATE outbox SET status = 'acknowledged', answer = 'applied', acknowledged_at = created_at,"
                " attempts = 1 WHERE seq >= ?",
                (first_outbox_seq,),
            )
            db.executemany(INSERT_AUDIT, audit)
            db.execute("UPDATE tills SET last_receipt_seq = ? WHERE id = ?", (seq, rows.till_id))
            db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


@pytest.mark.scale
def test_complete_sale_against_its_floor_as_sales_pile_up(bench_dir: Path) -> None:
    sides = set_up(bench_dir)
    ids = bulk_ids()
    stored = 0
    try:
        for target in SCALE_STEPS:
            started = time.perf_counter()
            # The same template sales into both stores, so each side's tables and indexes are as deep.
            for path in (sides.till.store_path, sides.floor_path):
                fill(path, sides.rows, target - stored, ids)
            if target > stored:
                elapsed = time.perf_counter() - started
                print(f"\n[setup] {target - stored:,} sales stored in both stores in {elapsed:.0f} s")
            stored = target
            run(sides, f"complete_sale at {target:>9,} stored sales", SCALE_ROUNDS, SCALE_SALES_PER_ROUND)
        check_same_rows(sides)
    finally:
        sides.close()
        # Two stores of a million sales are about 11 GB: not left behind in pytest's kept temp folders.
        shutil.rmtree(bench_dir / "product", ignore_errors=True)
        shutil.rmtree(bench_dir / "floor", ignore_errors=True)
