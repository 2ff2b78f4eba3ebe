"""What a sale costs in the store file once the hub has acknowledged it, and that every fact of it is still there.

Sales go through the services (carts, complete_sale) in rounds, each round
acknowledged as a till syncing every few minutes sees it: the hub's answers go
through OutboxRepository.record_answers, as push_outbox and import_answers
record them. An acknowledged sale's outbox payload then shrinks to its sale id
(migration 0008): the test checks that the sales tables still hold every fact
the payload held, that other records keep theirs, and that the audit chain
still verifies.
"""

from __future__ import annotations

import json
import random
import sqlite3
from typing import Any

import pytest
from alembic import command
from alembic.config import Config

from app.services.audit import verify_audit_trail
from app.store.database import head_revision
from app.store.outbox import OutboxStatus
from app.store.unit_of_work import UnitOfWork
from tests.conftest import DemoTill
from tests.integration.store_filling import acknowledge, sell_round, used_bytes
from tests.integration.store_migrations import migrations_folder

SALES = 300
ROUNDS = 3
# Measured: 2.0 KB at 2.7 lines a sale here (1.94 KB over the bench's 2,000 sales; 2.5 KB before migration 0027,
# 3.4 KB before 0026, 4.9 KB before acknowledged payloads were compacted): the audit entry 0.6 KB, the sale row
# 0.5 KB with its indexes, the lines 0.35 KB with their key and item index (their catalog text is kept once per
# item since 0027), its outbox record 0.3 KB, its tenders 0.06 KB. The bound keeps what was won, with a margin.
BYTES_PER_SALE = 2_100


def sale_facts(uow: UnitOfWork, sale_id: str) -> dict[str, Any]:
    """A sale as the sales tables keep it, in the shape of its sale.completed payload."""
    with uow.for_reading():
        sale = uow.sales.detail(sale_id)
        session = uow.connection.exec_driver_sql("SELECT cash_session_id FROM sales WHERE id = ?", (sale_id,)).scalar()
    assert sale is not None
    header = sale.header
    return {
        "sale_id": header.sale_id,
        "receipt_no": header.receipt_no,
        "till_id": sale.till_id,
        "event_id": sale.event_id,
        "staff_id": header.staff_id,
        "created_at": header.created_at,
        "cash_session_id": session,
        "currency": header.currency,
        "prices_include_tax": sale.prices_include_tax,
        "subtotal": sale.subtotal,
        "discount_total": sale.discount_total,
        "tax_total": sale.tax_total,
        "total": header.total,
        "rounding": sale.rounding,
        "change": header.change_given,
        "lines": [
            {
                "line_no": line.line_no,
                "product_id": line.product_id,
                "sku": line.sku,
                "name": line.name,
                "variant": line.variant,
                "maker_id": line.maker_id,
                "maker_name": line.maker_name,
                "quantity": line.quantity,
                "unit_price": line.unit_price,
                "discount": line.discount,
                "tax_rate": line.tax_rate,
                "tax": line.tax,
                "total": line.total,
            }
            for line in sale.lines
        ],
        "tenders": [{"kind": t.kind, "amount": t.amount, "reference": t.reference} for t in sale.tenders],
    }


def test_an_acknowledged_sale_costs_little_and_keeps_every_fact(demo: DemoTill) -> None:
    store = demo.till.store_path
    sent = acknowledge(demo.till.uow())  # the demo's set-up: stock received, a voucher issued
    before = used_bytes(store)
    rng = random.Random(2026)
    for _ in range(ROUNDS):
        sell_round(demo, SALES // ROUNDS, rng)
        sent |= acknowledge(demo.till.uow())
    per_sale = (used_bytes(store) - before) / SALES
    print(f"\n[size] {per_sale:,.0f} bytes a sale in the store file, the hub's answers recorded")
    assert per_sale <= BYTES_PER_SALE

    with demo.till.uow().for_reading() as uow:
        records = uow.outbox.records()
    assert len(records) == len(sent) and {r.status for r in records} == {OutboxStatus.ACKNOWLEDGED}
    sales = 0
    for record in records:
        payload = json.loads(record.payload)
        if record.type == "sale.completed":
            sales += 1
            assert payload == {"sale_id": sent[record.record_id]["sale_id"]}
            assert sale_facts(demo.till.uow(), payload["sale_id"]) == sent[record.record_id]
        else:
            assert payload == sent[record.record_id], "only sale records are compacted"
    assert sales == SALES
    verified = verify_audit_trail(demo.till.uow())
    assert verified.broken is None and verified.entries > SALES


def test_a_conflict_or_a_rejection_keeps_the_payload_and_the_guards_still_hold(demo: DemoTill) -> None:
    sell_round(demo, 3, random.Random(1))
    with demo.till.uow().for_reading() as uow:
        first, second, third = [
            r.record_id for r in uow.outbox.records(OutboxStatus.WAITING) if r.type == "sale.completed"
        ]
    sent = acknowledge(demo.till.uow(), {first: "conflict", second: "rejected", third: "duplicate"})
    with demo.till.uow().for_reading() as uow:
        kept = {r.record_id: json.loads(r.payload) for r in uow.outbox.records()}
    assert kept[first] == sent[first] and kept[second] == sent[second]
    assert kept[third] == {"sale_id": sent[third]["sale_id"]}

    with sqlite3.connect(demo.till.store_path) as db:
        for statement, record_id in (
            ("DELETE FROM outbox WHERE id <> ?", ""),
            ("DELETE FROM outbox WHERE id = ?", third),
            ("UPDATE outbox SET payload = '{}' WHERE id = ?", third),
            ("UPDATE outbox SET payload = '{}' WHERE id = ?", first),
        ):
            with pytest.raises(sqlite3.IntegrityError, match=r"never"):
                db.execute(statement, (record_id,))


def test_sale_records_acknowledged_before_the_migration_are_compacted_by_it(demo: DemoTill) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations_folder()))
    sell_round(demo, 2, random.Random(2))
    with demo.till.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    sent = acknowledge(demo.till.uow())
    with demo.till.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, head_revision() or "head")
    with demo.till.uow().for_reading() as uow:
        kept = {r.record_id: json.loads(r.payload) for r in uow.outbox.records() if r.type == "sale.completed"}
    assert len(kept) == 2
    assert all(payload == {"sale_id": sent[record_id]["sale_id"]} for record_id, payload in kept.items())
