"""``audit verify`` over 100,000 sales: the chain, every sale's and return's rows against its entry's hash.

The store is the report bench's (tests/bench/event_store.py): the demo
till, 2,000 more products and 100,000 sales with their lines, tenders, stock
movements and 1 % returns, written straight into the tables. Their audit
entries are then chained here, each with the hash of its fact's rows, as
complete_sale and record_return write them.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from app.bootstrap import Till
from app.domain.audit import GENESIS_HASH, AuditEntry, AuditFields, canonical_details
from app.domain.fact_digest import FactKind, fact_details
from app.domain.ids import new_id
from app.services.audit import verify_audit_trail
from app.store.database import driver
from app.store.facts import FactRepository
from tests.bench.conftest import measure
from tests.bench.event_store import SALES, build_event_store

ACTIONS = {FactKind.SALE: "sale.completed", FactKind.RETURN: "return.recorded"}


def audit_written_facts(till: Till) -> int:
    """Chain an audit entry for every sale and return written straight into the tables."""
    with till.uow() as uow:
        db = driver(uow.connection)
        till_id = uow.tills.this_till().till_id
        seq, prev = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone() or (
            0,
            GENESIS_HASH,
        )
        facts = FactRepository(uow.connection)
        rows = []
        for kind, action in ACTIONS.items():
            for key, content in sorted(facts.all(kind).items()):
                seq += 1
                fields = AuditFields(
                    seq,
                    new_id(),
                    "2026-12-05T18:00:00.000+00:00",
                    till_id,
                    None,
                    action,
                    key,
                    canonical_details(fact_details(kind, content)),
                    None,
                )
                entry = AuditEntry.chained(fields, prev)
                prev = entry.entry_hash
                rows.append(
                    (
                        seq,
                        fields.entry_id,
                        fields.at,
                        till_id,
                        None,
                        action,
                        key,
                        fields.details,
                        None,
                        entry.prev_hash,
                        entry.entry_hash,
                    )
                )
        db.executemany("INSERT INTO audit_log VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        uow.commit()
    return len(rows)


def test_audit_verify_over_100000_sales(bench_dir: Path) -> None:
    started = time.perf_counter()
    till = build_event_store(bench_dir / "store")
    written = audit_written_facts(till)
    print(f"\n[setup] {SALES:,} sales and their {written:,} audit entries in {time.perf_counter() - started:.1f} s")
    try:
        result = verify_audit_trail(till.uow())
        assert result.intact, result.problems[:5]
        assert result.facts_checked >= SALES
        seconds = statistics.median(measure(lambda: verify_audit_trail(till.uow()), rounds=3, warmup=1))
        print(
            f"[bench] audit verify over {SALES:,} sales: {seconds:.2f} s for {result.entries:,} entries and "
            f"{result.facts_checked:,} facts"
        )
    finally:
        till.close()
