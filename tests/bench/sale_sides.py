"""A sale completed through the service beside its honest floor, the two sides the selling benchmarks compare.

The floor is plain sqlite3 on a copy of the same migrated store file (same
schema, triggers, indexes and pragmas) writing, in one ``BEGIN IMMEDIATE``
transaction, exactly the rows the service writes: the receipt sequence, the
sale (with its stock location: its lines are its stock movements, migration 0026), its lines and
tenders, the outbox row with a real
sale's payload text, the audit entry with its hash-chain step and the sale's
fact hash and tags computed from the rows it writes (issue 14), and the cart's
delete. Nothing else: it reads no staff, cart or settings and builds no
contract. Both sides find their cart written and committed just before (the
last scan), and their rounds are interleaved so the machine's noise falls on both.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.bootstrap import Till, open_till
from app.domain.audit import AuditEntry, AuditFields, find_broken_link
from app.domain.clock import now_iso
from app.domain.fact_digest import PARTS, Content, FactKind, fact_details
from app.domain.ids import new_id
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.demo import load_demo
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import list_staff
from app.store.database import BUSY_TIMEOUT_MS, backup
from tests.bench.conftest import compare

CODES = ("BER-003", "2000000000015", "KAF-003", "HOL-001", "FIL-003")
WARMUP_SALES = 20
AIM = 1.5

# The tables one sale writes to, compared between the two stores after a run.
WRITTEN = ("sales", "sale_lines", "sale_tenders", "stock_moves", "outbox", "audit_log", "carts")

# The outbox's next sequence is taken in the INSERT, under the write lock, as app/store/outbox.py does.
OUTBOX_NEXT = (
    "INSERT INTO outbox (seq, id, till_id, type, schema_version, payload, status, attempts, created_at)"
    " SELECT coalesce(max(seq), 0) + 1, ?, ?, 'sale.completed', 1, ?, 'waiting', 0, ? FROM outbox"
)
AUDIT_TAIL = "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"
AUDIT_COLUMNS = "seq, id, at, till_id, staff_id, action, subject, details, approved_by, prev_hash, hash"
INSERT_AUDIT = f"INSERT INTO audit_log ({AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
CART_COLUMNS = "id, till_id, staff_id, status, label, content, updated_at"


def connect(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the pragmas of app/store/database.py."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def audit_step(prev_hash: str, fields: tuple[object, ...]) -> str:
    """One link of the audit chain, computed as app/domain/audit.py does."""
    body = json.dumps([prev_hash, *fields], separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


@dataclass(frozen=True)
class RowTemplate:
    """One table's rows of the template sale: an INSERT with the columns that vary per sale first,
    and the values of the other columns, row by row, ready to append to the varying ones."""

    sql: str
    constants: list[tuple[Any, ...]]
    # The rows as read, by column: the fact hash's parts take their columns from them.
    rows: list[dict[str, Any]]

    @classmethod
    def of(cls, table: str, rows: list[dict[str, Any]], varying: tuple[str, ...]) -> RowTemplate:
        columns = [*varying, *(name for name in rows[0] if name not in varying)]
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})"
        return cls(sql, [tuple(row[name] for name in columns[len(varying) :]) for row in rows], rows)


@dataclass(frozen=True)
class SaleRows:
    """A real sale's rows as the service wrote them; the floor and the bulk fill write copies of them."""

    sale_id: str
    till_id: str
    till_code: str
    staff_id: str
    created_at: str
    cart: tuple[Any, ...]
    sale: RowTemplate
    lines: RowTemplate
    tenders: RowTemplate
    # Read from the view: no side writes them, the fact hash takes them.
    movements: list[dict[str, Any]]
    payload: str
    audit_details: dict[str, Any]

    @classmethod
    def read(cls, db: sqlite3.Connection, sale_id: str, cart: tuple[Any, ...]) -> SaleRows:
        db.row_factory = sqlite3.Row
        try:

            def rows(sql: str) -> list[dict[str, Any]]:
                return [dict(row) for row in db.execute(sql, (sale_id,))]

            (sale,) = rows("SELECT * FROM sales WHERE id = ?")
            lines = rows("SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY line_no")
            tenders = rows("SELECT * FROM sale_tenders WHERE sale_id = ? ORDER BY tender_no")
            movements = rows("SELECT * FROM stock_movements WHERE source_id = ? ORDER BY id")
            ((payload,),) = db.execute(
                "SELECT payload FROM outbox WHERE json_extract(payload, '$.sale_id') = ?", (sale_id,)
            )
            ((details,),) = db.execute("SELECT details FROM audit_log WHERE subject = ?", (sale_id,))
            ((till_code,),) = db.execute("SELECT code FROM tills WHERE id = ?", (sale["till_id"],))
        finally:
            db.row_factory = None
        return cls(
            sale_id=sale_id,
            till_id=sale["till_id"],
            till_code=till_code,
            staff_id=sale["staff_id"],
            created_at=sale["created_at"],
            cart=cart,
            sale=RowTemplate.of("sales", [sale], ("id", "receipt_no", "receipt_seq", "cart_id", "created_at")),
            lines=RowTemplate.of("sale_lines", lines, ("sale_id",)),
            tenders=RowTemplate.of("sale_tenders", tenders, ("sale_id",)),
            movements=movements,
            payload=payload,
            audit_details=json.loads(details),
        )

    def fact_content(self, receipt_no: str, receipt_seq: int, cart_id: str, created_at: str) -> Content:
        """The sale's fact as its audit entry hashes it (app/domain/fact_digest.py), from the rows the floor writes."""
        sale, line, tender, movement, _automatic = PARTS[FactKind.SALE]
        written = {"receipt_no": receipt_no, "receipt_seq": receipt_seq, "cart_id": cart_id, "created_at": created_at}
        sold = {**self.sale.rows[0], **written}
        moves = [{**row, "created_at": created_at} for row in self.movements]
        return (
            [tuple(sold[name] for name in sale.columns)],
            [tuple(row[name] for name in line.columns) for row in self.lines.rows],
            [tuple(row[name] for name in tender.columns) for row in self.tenders.rows],
            [tuple(moved[name] for name in movement.columns) for moved in moves],
        )


class ProductSide:
    """Sales through the service, each on a cart built through the cart service just before."""

    def __init__(self, till: Till, cashier: str) -> None:
        self.till = till
        self.cashier = cashier

    def command(self) -> CompleteSale:
        state = carts.current_cart(self.cashier, self.till.uow())
        for code in CODES:
            state = carts.scan(state.cart.cart_id, code, self.cashier, self.till.uow())
        total = state.priced.total
        tenders = (Tender(TenderKind.CARD, total // 2, "TRM-1"), Tender(TenderKind.CASH, total))
        return CompleteSale(state.cart.cart_id, self.cashier, tenders)

    def sale(self) -> float:
        command = self.command()
        started = time.perf_counter()
        complete_sale(command, self.till.uow())
        return time.perf_counter() - started

    def round(self, sales: int) -> float:
        return statistics.median(self.sale() for _ in range(sales))


class FloorSide:
    """The same rows written by hand through plain sqlite3, in one BEGIN IMMEDIATE transaction."""

    def __init__(self, path: Path, rows: SaleRows) -> None:
        self.db = connect(path)
        self.rows = rows

    def sale(self) -> float:
        db, rows = self.db, self.rows
        cart_id = new_id()
        # The cart as the last scan left it, committed in its own transaction (untimed, as on the product side).
        db.execute(f"INSERT INTO carts ({CART_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)", (cart_id, *rows.cart))
        started = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        (seq,) = db.execute(
            "UPDATE tills SET last_receipt_seq = last_receipt_seq + 1 WHERE id = ? RETURNING last_receipt_seq",
            (rows.till_id,),
        ).fetchone()
        sale_id, now, receipt_no = new_id(), now_iso(), f"{rows.till_code}-{seq:06d}"
        db.execute(rows.sale.sql, (sale_id, receipt_no, seq, cart_id, now, *rows.sale.constants[0]))
        db.executemany(rows.lines.sql, [(sale_id, *line) for line in rows.lines.constants])
        db.executemany(rows.tenders.sql, [(sale_id, *tender) for tender in rows.tenders.constants])
        db.execute(OUTBOX_NEXT, (new_id(), rows.till_id, rows.payload, now))
        last_seq, prev_hash = db.execute(AUDIT_TAIL).fetchone()
        # The audit entry names the fact by its hash and tags (issue 14), computed from the rows written.
        fact = fact_details(FactKind.SALE, rows.fact_content(receipt_no, seq, cart_id, now))
        details = json.dumps(
            {**rows.audit_details, "receipt_no": receipt_no, **fact},
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        fields = (last_seq + 1, new_id(), now, rows.till_id, rows.staff_id, "sale.completed", sale_id, details, None)
        db.execute(INSERT_AUDIT, (*fields, prev_hash, audit_step(prev_hash, fields)))
        db.execute("DELETE FROM carts WHERE id = ?", (cart_id,))
        db.execute("COMMIT")
        return time.perf_counter() - started

    def round(self, sales: int) -> float:
        return statistics.median(self.sale() for _ in range(sales))

    def close(self) -> None:
        self.db.close()


@dataclass
class Sides:
    till: Till
    product: ProductSide
    floor: FloorSide
    floor_path: Path
    rows: SaleRows

    def close(self) -> None:
        self.floor.close()
        self.till.close()


def set_up(data_dir: Path) -> Sides:
    """The demo till, one real sale as the template, and the floor's copy of the store taken after it."""
    till = open_till(data_dir / "product")
    load_demo(till.uow)
    cashier = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Sam")
    product = ProductSide(till, cashier)
    command = product.command()
    with sqlite3.connect(till.store_path) as db:
        cart = db.execute(f"SELECT {CART_COLUMNS} FROM carts WHERE id = ?", (command.cart_id,)).fetchone()[1:]
    sale_id = complete_sale(command, till.uow()).sale_id
    with sqlite3.connect(till.store_path) as db:
        rows = SaleRows.read(db, sale_id, cart)
    template = rows.sale.rows[0]
    content = rows.fact_content(template["receipt_no"], template["receipt_seq"], template["cart_id"], rows.created_at)
    assert fact_details(FactKind.SALE, content).items() <= rows.audit_details.items(), "the floor hashes the same fact"
    floor_path = data_dir / "floor" / "till.db"
    backup(till.store_path, floor_path)
    return Sides(till, product, FloorSide(floor_path, rows), floor_path, rows)


def check_same_rows(sides: Sides) -> None:
    """Both stores hold the same number of rows in every table a sale writes, and both audit chains hold."""
    counts = {}
    for path in (sides.till.store_path, sides.floor_path):
        db = sqlite3.connect(path)
        try:
            counts[path] = [db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in WRITTEN]
            entries = (
                AuditEntry(AuditFields(*row[:9]), row[9], row[10])
                for row in db.execute(f"SELECT {AUDIT_COLUMNS} FROM audit_log ORDER BY seq")
            )
            assert find_broken_link(entries) is None, path
        finally:
            db.close()
    product, floor = counts.values()
    assert product == floor, {table: pair for table, *pair in zip(WRITTEN, product, floor, strict=True)}


def run(sides: Sides, name: str, rounds: int, sales: int) -> tuple[float, float, float]:
    for _ in range(WARMUP_SALES):
        sides.product.sale()
        sides.floor.sale()
    return compare(
        name,
        lambda: sides.product.round(sales),
        lambda: sides.floor.round(sales),
        rounds=rounds,
        aim=AIM,
    )
