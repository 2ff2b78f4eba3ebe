"""A demo till's store filled with an event's sales for the report and audit benchmarks.

The store is the demo till with 2,000 more products imported through the
catalog service, then the sales written straight into its tables, 10,000 per
statement batch, in one transaction (through the services they would take
minutes): 1 to 6 lines each, popular products sold more, card, cash and split
payments with cash rounding, line discounts (some approved by a manager),
price changes, cart discounts, and 1 % of the sales partly returned.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from app.bootstrap import Till, open_till
from app.domain.cart import allocate, line_tax
from app.domain.ids import new_id
from app.domain.money import round_half_up, round_to_step
from app.domain.returns import SoldLineFacts, line_refund
from app.domain.staff import Role
from app.services.catalog import import_catalog
from app.services.demo import load_demo
from app.services.staff import AddStaff, add_staff, list_staff
from tests.bench.catalog_gen import catalog_csv

SALES = 100_000
BATCH = 10_000  # sales written per batch of INSERTs, so that a million sales never sit in memory at once
EXTRA_PRODUCTS = 2_000
CASH_STEP = 5  # the demo event is in CHF, cash rounded to 0.05
REASONS = ("changed mind", "wrong size", "broken", "gift duplicate", "faulty")
DISPOSITIONS = ("restock", "restock", "restock", "quality_hold", "write_off")
DISPOSITION_MOVES = {"restock": "return_restock", "quality_hold": "quality_hold", "write_off": "write_off"}
DISPOSITION_LOCATIONS = {"quality_hold": "quality_hold", "write_off": "written_off"}


def build_event_store(data_dir: Path, sales: int = SALES) -> Till:
    till = open_till(data_dir)
    load_demo(till.uow)
    manager = next(member.staff_id for member in list_staff(till.uow()) if member.name == "Alex")
    import_catalog(catalog_csv(EXTRA_PRODUCTS, seed=11), manager, till.uow())
    for name in ("Noa", "Lio", "Eli"):
        add_staff(AddStaff(name, Role.CASHIER, "4321", added_by=manager), till.uow())
    db = sqlite3.connect(till.store_path, isolation_level=None)
    try:
        db.execute("PRAGMA synchronous = OFF")
        db.execute("BEGIN IMMEDIATE")
        write_sales(db, random.Random(2026), sales)
        db.execute("COMMIT")
    finally:
        db.close()
    return till


def write_sales(db: sqlite3.Connection, rng: random.Random, count: int) -> None:
    till_id, event_id, location = db.execute("SELECT id, event_id, location FROM tills").fetchone()
    staff = dict(db.execute("SELECT name, id FROM staff").fetchall())
    manager = staff["Alex"]
    sellers = [staff[name] for name in ("Sam", "Noa", "Lio", "Eli", "Alex")]
    products = db.execute(
        "SELECT p.id, p.sku, p.name, p.variant, p.maker_id, m.name, p.tax_class, t.rate, p.price"
        " FROM products p JOIN makers m ON m.id = p.maker_id JOIN tax_classes t ON t.code = p.tax_class"
    ).fetchall()
    rng.shuffle(products)
    # A few products sell far more than the rest, as at any market stall.
    popularity = list(itertools.accumulate(1 / (rank + 1) ** 0.8 for rank in range(len(products))))
    rates = {rate: Decimal(rate) for rate in {product[7] for product in products}}
    opening = datetime(2026, 12, 5, 9, tzinfo=UTC)
    moments = sorted(opening + timedelta(days=rng.randrange(2), seconds=rng.uniform(0, 9 * 3600)) for _ in range(count))
    rows = Rows()
    sales, lines, tenders, movements = rows.sales, rows.lines, rows.tenders, rows.movements
    returns, return_lines, refunds = rows.returns, rows.return_lines, rows.refunds
    return_seq = 0
    for seq, moment in enumerate(moments, start=1):
        sale_id, created_at = new_id(), moment.isoformat(timespec="milliseconds")
        seller = rng.choice(sellers)
        picked = rng.choices(products, cum_weights=popularity, k=rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 6)))
        drafts = []
        for product in picked:
            quantity = rng.choice((1, 1, 1, 1, 1, 1, 1, 2, 2, 3))
            price, approved_by, off_percent = product[8], None, 0
            roll = rng.random()
            if roll < 0.003:
                price, approved_by = round_half_up(Decimal(price) * Decimal("0.8")), manager
            elif roll < 0.013:
                off_percent, approved_by = 20, manager
            elif roll < 0.05:
                off_percent = 10
            base = price * quantity
            drafts.append((product, quantity, price, round_half_up(Decimal(base * off_percent) / 100), approved_by))
        after_line = [price * quantity - off for _, quantity, price, off, _ in drafts]
        cart_approved = manager if rng.random() < 0.02 else None
        cart_off = round_half_up(Decimal(sum(after_line)) * Decimal("0.15")) if cart_approved else 0
        shares = allocate(cart_off, after_line)
        subtotal = discount_total = tax_total = total = 0
        sold = []
        for line_no, ((product, quantity, price, off, approved_by), share) in enumerate(
            zip(drafts, shares, strict=True), start=1
        ):
            amount = price * quantity - off - share
            tax = line_tax(amount, rates[product[7]], True)
            subtotal, discount_total, tax_total, total = (
                subtotal + price * quantity,
                discount_total + off + share,
                tax_total + tax,
                total + amount,
            )
            # product: id, sku, name, variant, maker id, maker name, tax class, tax rate, catalog price.
            line = (*product[:8], quantity, product[8], price, off, share, tax, amount, approved_by)
            lines.append((sale_id, line_no, *line))
            sold.append((line_no, product, quantity, amount))
        roll = rng.random()
        if roll < 0.55:
            paid = [("card", total, total, f"TRM-{seq}")]
        elif roll < 0.95 or total < 200:
            due = round_to_step(total, CASH_STEP)
            paid = [("cash", due, max(due, -(-due // 1000) * 1000), "")]
        else:
            card = total // 2
            due = round_to_step(total - card, CASH_STEP)
            paid = [("card", card, card, f"TRM-{seq}"), ("cash", due, due, "")]
        cash = sum(amount for kind, amount, _, _ in paid if kind == "cash")
        rounding = cash - (total - sum(amount for kind, amount, _, _ in paid if kind != "cash")) if cash else 0
        change = sum(given - amount for _, amount, given, _ in paid)
        figures = (subtotal, discount_total, tax_total, total, rounding, change, cart_approved)
        # The sale's stock location: its lines are its stock movements (migration 0026).
        sales.append(
            (
                sale_id,
                f"A-{seq:06d}",
                seq,
                till_id,
                event_id,
                seller,
                new_id(),
                created_at,
                "CHF",
                1,
                *figures,
                location,
            )
        )
        tenders += [
            (sale_id, number, kind, amount, given, ref)
            for number, (kind, amount, given, ref) in enumerate(paid, start=1)
        ]
        if rng.random() < 0.01:
            line_no, product, quantity, amount = rng.choice(sold)
            owed = line_refund(SoldLineFacts(line_no, quantity, amount), 1)
            kind = paid[0][0]
            refund = round_to_step(owed, CASH_STEP) if kind == "cash" else owed
            return_id, return_seq = new_id(), return_seq + 1
            at = (moment + timedelta(minutes=rng.randrange(5, 300))).isoformat(timespec="milliseconds")
            disposition = rng.choice(DISPOSITIONS)
            header = (return_id, f"A-R{return_seq:05d}", return_seq, till_id, event_id, seller, sale_id)
            returns.append((*header, f"A-{seq:06d}", at, "CHF", refund, refund - owed, None, 0, None))
            name = f"{product[2]} {product[3]}".strip()
            reason = rng.choice(REASONS)
            return_lines.append(
                (new_id(), return_id, line_no, *product[:2], name, product[5], 1, owed, reason, disposition)
            )
            refunds.append((new_id(), return_id, kind, refund, 0, f"RF-{seq}" if kind == "card" else ""))
            place = DISPOSITION_LOCATIONS.get(disposition, location)
            movements.append((new_id(), product[0], place, DISPOSITION_MOVES[disposition], 1, return_id, seller, at))
        if seq % BATCH == 0 or seq == count:
            rows.insert(db)
    db.execute("UPDATE tills SET last_receipt_seq = ?", (count,))


@dataclass
class Rows:
    """The rows of a batch of sales, inserted and emptied together."""

    sales: list[tuple[object, ...]] = field(default_factory=list)
    lines: list[tuple[object, ...]] = field(default_factory=list)
    tenders: list[tuple[object, ...]] = field(default_factory=list)
    movements: list[tuple[object, ...]] = field(default_factory=list)
    returns: list[tuple[object, ...]] = field(default_factory=list)
    return_lines: list[tuple[object, ...]] = field(default_factory=list)
    refunds: list[tuple[object, ...]] = field(default_factory=list)

    def insert(self, db: sqlite3.Connection) -> None:
        sales, lines, tenders, movements = self.sales, self.lines, self.tenders, self.movements
        returns, return_lines, refunds = self.returns, self.return_lines, self.refunds
        db.executemany(
            "INSERT INTO sales (id, receipt_no, receipt_seq, till_id, event_id, staff_id, cart_id, created_at,"
            " currency, prices_include_tax, subtotal, discount_total, tax_total, total, rounding, change_given,"
            " cart_discount_approved_by, stock_location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sales,
        )
        db.executemany(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, sku, name, variant, maker_id, maker_name,"
            " tax_class, tax_rate, quantity, catalog_unit_price, unit_price, line_discount, cart_discount_share, tax,"
            " total, approved_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            lines,
        )
        db.executemany(
            "INSERT INTO sale_tenders (sale_id, tender_no, kind, amount, tendered, reference)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            tenders,
        )
        db.executemany(
            "INSERT INTO returns (id, return_no, return_seq, till_id, event_id, staff_id, sale_id, receipt_no,"
            " created_at, currency, refund_total, rounding, approved_by, no_receipt, exchange_sale_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            returns,
        )
        db.executemany(
            "INSERT INTO return_lines (id, return_id, line_no, product_id, sku, name, maker_name, quantity, refund,"
            " reason, disposition) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            return_lines,
        )
        db.executemany(
            "INSERT INTO return_refunds (id, return_id, kind, amount, tender_index, reference)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            refunds,
        )
        db.executemany(
            "INSERT INTO stock_moves (id, product_id, location, kind, quantity, source_id, staff_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            movements,
        )
        for batch in (sales, lines, tenders, movements, returns, return_lines, refunds):
            batch.clear()
