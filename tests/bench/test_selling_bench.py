"""Completing a 5-line, 2-tender sale, beside a raw sqlite3 script writing the same rows (goal: ratio <= 2)."""

from __future__ import annotations

import json
import sqlite3
import uuid
from pathlib import Path

from app.bootstrap import open_till
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.demo import load_demo
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import list_staff
from tests.bench.conftest import measure, report

CODES = ("BER-003", "2000000000015", "KAF-003", "HOL-001", "FIL-003")
ROUNDS = 300


def test_complete_sale_against_raw_sqlite(bench_dir: Path) -> None:
    till = open_till(bench_dir / "store")
    load_demo(till.uow)
    cashier = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Sam")

    def ready_cart() -> tuple[str, int]:
        state = carts.current_cart(cashier, till.uow())
        for code in CODES:
            state = carts.scan(state.cart.cart_id, code, cashier, till.uow())
        return state.cart.cart_id, state.priced.total

    # Carts are built beforehand: the figure is the completion alone (one transaction).
    service_samples: list[float] = []
    for _ in range(ROUNDS):
        cart_id, total = ready_cart()
        tenders = (Tender(TenderKind.CARD, total // 2, "TRM-1"), Tender(TenderKind.CASH, total))
        service_samples += measure(
            lambda cart_id=cart_id, tenders=tenders: complete_sale(CompleteSale(cart_id, cashier, tenders), till.uow()),
            rounds=1,
            warmup=0,
        )
    till.close()

    raw_samples = raw_sqlite_baseline(bench_dir / "raw.db")

    service_median, _ = report("complete_sale: 5 lines, card + cash (service)", service_samples)
    raw_median, _ = report("same rows, raw sqlite3, same pragmas, one transaction", raw_samples)
    print(f"[bench] complete_sale / raw sqlite3 ratio: {service_median / raw_median:.2f}x (goal <= 2x)")


def raw_sqlite_baseline(path: Path) -> list[float]:
    """The same rows the service writes, with the same pragmas, in one transaction, with nothing else."""
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(
        """
        PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
        CREATE TABLE tills (id TEXT PRIMARY KEY, last_receipt_seq INTEGER NOT NULL);
        CREATE TABLE carts (id TEXT PRIMARY KEY, content TEXT NOT NULL);
        CREATE TABLE sales (id TEXT PRIMARY KEY, receipt_no TEXT UNIQUE, receipt_seq INTEGER, till_id TEXT,
            event_id TEXT, staff_id TEXT, cart_id TEXT UNIQUE, created_at TEXT, currency TEXT,
            prices_include_tax INTEGER,
            subtotal INTEGER, discount_total INTEGER, tax_total INTEGER, total INTEGER, rounding INTEGER,
            change_given INTEGER, cart_discount_approved_by TEXT);
        CREATE TABLE sale_lines (id TEXT PRIMARY KEY, sale_id TEXT REFERENCES sales (id), line_no INTEGER,
            product_id TEXT, sku TEXT, name TEXT, variant TEXT, maker_id TEXT, maker_name TEXT, tax_class TEXT,
            tax_rate TEXT, quantity INTEGER, catalog_unit_price INTEGER, unit_price INTEGER, line_discount INTEGER,
            cart_discount_share INTEGER, tax INTEGER, total INTEGER, approved_by TEXT);
        CREATE TABLE sale_tenders (id TEXT PRIMARY KEY, sale_id TEXT REFERENCES sales (id), kind TEXT, amount INTEGER,
            tendered INTEGER, reference TEXT);
        CREATE TABLE stock_movements (id TEXT PRIMARY KEY, product_id TEXT, location TEXT, kind TEXT, quantity INTEGER,
            source_id TEXT, staff_id TEXT, created_at TEXT);
        CREATE TABLE outbox (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, till_id TEXT, type TEXT, schema_version INTEGER,
            payload TEXT, status TEXT, attempts INTEGER, last_error TEXT, created_at TEXT, acknowledged_at TEXT);
        CREATE TABLE audit_log (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, at TEXT, till_id TEXT, staff_id TEXT,
            action TEXT, subject TEXT, details TEXT, approved_by TEXT, prev_hash TEXT, hash TEXT);
        INSERT INTO tills VALUES ('till', 0);
        """
    )
    payload = json.dumps({"lines": [{"sku": code, "quantity": 1} for code in CODES]})

    def one_sale() -> None:
        sale_id, cart_id, now = str(uuid.uuid4()), str(uuid.uuid4()), "2026-12-05T10:00:00.000+00:00"
        db.execute("INSERT INTO carts VALUES (?, ?)", (cart_id, payload))
        db.execute("BEGIN IMMEDIATE")
        seq = db.execute(
            "UPDATE tills SET last_receipt_seq = last_receipt_seq + 1 RETURNING last_receipt_seq"
        ).fetchone()[0]
        db.execute(
            "INSERT INTO sales VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                sale_id,
                f"A-{seq:06d}",
                seq,
                "till",
                "event",
                "staff",
                cart_id,
                now,
                "CHF",
                1,
                9000,
                0,
                500,
                9000,
                0,
                100,
                None,
            ),
        )
        db.executemany(
            "INSERT INTO sale_lines VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    str(uuid.uuid4()),
                    sale_id,
                    n,
                    "p",
                    code,
                    "Name",
                    "",
                    "m",
                    "Maker",
                    "standard",
                    "0.081",
                    1,
                    1800,
                    1800,
                    0,
                    0,
                    135,
                    1800,
                    None,
                )
                for n, code in enumerate(CODES, 1)
            ],
        )
        db.executemany(
            "INSERT INTO sale_tenders VALUES (?,?,?,?,?,?)",
            [
                (str(uuid.uuid4()), sale_id, "card", 4500, 4500, "TRM-1"),
                (str(uuid.uuid4()), sale_id, "cash", 4500, 4600, ""),
            ],
        )
        db.executemany(
            "INSERT INTO stock_movements VALUES (?,?,?,?,?,?,?,?)",
            [(str(uuid.uuid4()), "p", "stall", "sale", -1, sale_id, "staff", now) for _ in CODES],
        )
        outbox_seq = db.execute("SELECT coalesce(max(seq), 0) + 1 FROM outbox").fetchone()[0]
        db.execute(
            "INSERT INTO outbox VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (outbox_seq, str(uuid.uuid4()), "till", "sale.completed", 1, payload, "waiting", 0, None, now, None),
        )
        last = db.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        db.execute(
            "INSERT INTO audit_log VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                (last[0] + 1) if last else 1,
                str(uuid.uuid4()),
                now,
                "till",
                "staff",
                "sale.completed",
                sale_id,
                "{}",
                None,
                "0" * 64,
                "f" * 64,
            ),
        )
        db.execute("DELETE FROM carts WHERE id = ?", (cart_id,))
        db.execute("COMMIT")

    samples = measure(one_sale, rounds=ROUNDS)
    db.close()
    return samples
