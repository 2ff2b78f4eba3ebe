"""Maker scorecards on the hub: 200 makers over 10 events of 100,000 sales each, on SQLite (aim: under 2 s).

The rows are generated directly in the hub's tables, as the push writes them (docs/scorecards.md): per
push of 500 sales, one ``report_sales`` row and one ``report_sale_lines`` row per item sold in it
(sync/event_figures.py ``compacted``); one stock movement per sale line; per maker and event a delivery
(``stock.moved`` receive) in the inbox with its movements; returns (``return.recorded`` in the inbox and
their narrow rows); quality decisions; demand entries. One product in twenty is delivered short and
sells out; the sales whose movements decide those sell-outs are in the inbox (their ``created_at`` dates
the sell-out). The other sales' payloads are not: a scorecard never reads them (docs/scorecards.md).
Timed: every maker's scorecard across the 10 events, median of 3 rounds.
"""

from __future__ import annotations

import json
import random
import statistics
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import (
    demand_entries,
    inbox,
    products,
    report_return_lines,
    report_returns,
    report_sale_lines,
    report_sales,
    report_tenders,
    stock_movements,
)
from sync.hub.store.scorecards import maker_scorecards
from sync.protocol import EventInfo, TaxClassInfo

EVENTS = 10
SALES = 100_000
MAKERS = 200
PER_MAKER = 5
PUSH = 500
RETURNS = 500
ROUNDS = 3
AIM_SECONDS = 2.0


def _sku(number: int) -> str:
    return f"SC-{number:05d}"


def _maker(number: int) -> str:
    return f"Maker {number % MAKERS:03d}"


def _record(till: AuthenticatedTill, seq: int, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "event_id": str(uuid.uuid4()),
        "till_id": till.till_id,
        "till_seq": seq,
        "type": kind,
        "payload_hash": "-",
        "payload": json.dumps(payload),
        "status": "applied",
        "reason": None,
        "received_at": "2026-12-05T09:00:00.000000+00:00",
    }


def _fill_event(store: HubStore, event_id: str, till: AuthenticatedTill, rng: random.Random) -> None:
    skus = MAKERS * PER_MAKER
    # One product in twenty is delivered short and sells out (one each for a quarter of the makers).
    short = {number for number in range(skus) if (number // MAKERS + number) % 20 == 7}
    seq = iter(range(1, 10**9))
    records: list[dict[str, Any]] = []
    movements: list[dict[str, Any]] = []
    for maker in range(MAKERS):
        numbers = [number for number in range(skus) if number % MAKERS == maker]
        deltas = [[_sku(number), 150 if number in short else 5_000] for number in numbers]
        payload = {"kind": "receive", "location": "stall", "at": "2026-12-05T09:30:00+00:00", "deltas": deltas}
        record = _record(till, next(seq), "stock.moved", payload | {"maker": _maker(maker), "reference": f"LS-{maker}"})
        records.append(record)
        movements += [
            {"event_id": event_id, "sku": sku, "quantity": quantity, "source": record["event_id"]}
            for sku, quantity in deltas
        ]
    sale_lines: list[dict[str, Any]] = []
    sales: list[dict[str, Any]] = []
    for push in range(SALES // PUSH):
        at = f"2026-12-05T{10 + push * 8 // (SALES // PUSH):02d}:{push % 60:02d}:00.000+00:00"
        lines = Counter(rng.randrange(skus) for _ in range(PUSH * 5 // 2))
        total = 0
        for number, count in lines.items():
            price = 500 + 100 * (number % 40)
            total += count * price
            sale_lines.append(
                {
                    "event_id": event_id,
                    "maker": _maker(number),
                    "sku": _sku(number),
                    "name": f"Product {number}",
                    "tax_rate": "0.081",
                    "quantity": count,
                    "discount": 0,
                    "tax": count * price * 81 // 1081,
                    "total": count * price,
                }
            )
            for _line in range(count):  # a movement per sale line, as the push writes them
                sale = str(uuid.uuid4())
                if number in short:
                    records.append(_record(till, next(seq), "sale.completed", {"created_at": at}))
                    sale = records[-1]["event_id"]
                movements.append({"event_id": event_id, "sku": _sku(number), "quantity": -1, "source": sale})
        sales.append(
            {
                "event_id": event_id,
                "till_code": "A",
                "sales": PUSH,
                "gross": total,
                "discounts": 0,
                "tax": total * 81 // 1081,
                "total": total,
                "rounding": 0,
                "first_at": at,
                "last_at": at,
            }
        )
    returns, returned = [], []
    for number in range(RETURNS):
        sku = rng.randrange(skus)
        held = number % 5 == 0
        line = {
            "sku": _sku(sku),
            "maker": _maker(sku),
            "quantity": 1,
            "refund": 500,
            "reason": rng.choice(("chipped", "wrong size", "changed mind")),
            "disposition": "quality_hold" if held else "restock",
        }
        record = _record(till, next(seq), "return.recorded", {"lines": [line]})
        records.append(record)
        returns.append(
            {
                "event_id": event_id,
                "record_id": record["event_id"],
                "till_code": "A",
                "created_at": "2026-12-05T15:00:00+00:00",
                "refund_total": 500,
                "no_receipt": 0,
            }
        )
        returned.append({"event_id": event_id, "record_id": record["event_id"], **line})
        if held:  # a quality decision: back to the maker
            decision = {
                "kind": "transfer",
                "location": "quality_hold",
                "to_location": "maker",
                "at": "2026-12-05T16:00:00+00:00",
                "deltas": [[_sku(sku), 1]],
                "reason": "defect",
            }
            records.append(_record(till, next(seq), "stock.moved", decision))
    demand = [
        {
            "id": str(uuid.uuid4()),
            "event_id": event_id,
            "till_id": till.till_id,
            "till_code": "A",
            "record_id": str(uuid.uuid4()),
            "staff_name": "Sam",
            "sku": _sku(number),
            "product_name": f"Product {number}",
            "item": None,
            "quantity": 2,
            "note": "",
            "recorded_at": "2026-12-05T17:30:00+00:00",
            "received_at": "2026-12-05T17:30:00+00:00",
            "contact": None,
            "consent": 0,
            "consent_wording": None,
        }
        for number in sorted(short)
    ]
    with store.engine.begin() as connection:
        for table, rows in (
            (inbox, records),
            (stock_movements, movements),
            (report_sale_lines, sale_lines),
            (report_sales, sales),
            (report_tenders, [{"event_id": event_id, "kind": "card", "payments": SALES, "amount": 1}]),
            (report_returns, returns),
            (report_return_lines, returned),
            (demand_entries, demand),
        ):
            for start in range(0, len(rows), 20_000):
                connection.execute(insert(table), rows[start : start + 20_000])


def test_scorecards_of_200_makers_over_10_events_of_100000_sales(tmp_path: Path) -> None:
    started = time.perf_counter()
    store = HubStore(open_hub_engine(f"sqlite:///{tmp_path / 'hub.db'}"))
    with store.engine.begin() as connection:
        connection.execute(
            insert(products),
            [
                {
                    "sku": _sku(number),
                    "id": str(uuid.uuid4()),
                    "name": f"Product {number}",
                    "variant": "",
                    "maker": _maker(number),
                    "category": "",
                    "tax_class": "standard",
                    "price": 500 + 100 * (number % 40),
                    "barcodes": "[]",
                }
                for number in range(MAKERS * PER_MAKER)
            ],
        )
    rng = random.Random(19)
    event_ids = []
    for number in range(EVENTS):
        event_id = store.create_event(
            EventInfo(
                event_id=str(uuid.uuid4()),
                name=f"Market {number}",
                place="Zurich",
                currency="CHF",
                locale="de_CH",
                prices_include_tax=True,
                cash_rounding_step=5,
                tax_classes=[TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081")],
            )
        )
        till = store.authenticate(store.enroll(store.create_enroll_code(event_id, "A")).token)
        assert till is not None
        _fill_event(store, event_id, till, rng)
        event_ids.append(event_id)
    with store.engine.connect() as connection:
        movements = len(connection.execute(select(stock_movements.c.id)).all())
    print(f"\n[setup] {EVENTS} events, {movements:,} stock movements in {time.perf_counter() - started:.1f} s")

    def all_scorecards() -> int:
        with store.engine.connect() as connection:
            cards = maker_scorecards(connection, event_ids)
        assert len(cards) == MAKERS
        return sum(card.units for card in cards.values())

    units = all_scorecards()  # warm the caches once
    samples = []
    for _ in range(ROUNDS):
        begun = time.perf_counter()
        assert all_scorecards() == units
        samples.append(time.perf_counter() - begun)
    median = statistics.median(samples)
    with store.engine.connect() as connection:
        card = maker_scorecards(connection, event_ids)[_maker(7)]
    rounds = ", ".join(f"{sample * 1000:.0f}" for sample in samples)
    print(
        f"[bench] scorecards of {MAKERS} makers over {EVENTS} events of {SALES:,} sales on SQLite:"
        f" median {median * 1000:.0f} ms (rounds {rounds} ms; aim < {AIM_SECONDS:.0f} s);"
        f" {_maker(7)}: {len(card.sold_out)} sold out, {card.asked_after} asked after"
    )
    assert len(card.sold_out) == EVENTS  # its short-delivered product sold out at every event
    store.engine.dispose()
    assert median < AIM_SECONDS
