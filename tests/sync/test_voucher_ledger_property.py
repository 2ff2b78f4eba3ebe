"""Property: vouchers issued on two tills and spent on three, pushed in random batches, orders and repeats, leave
the hub's ledger equal to the sum of the distinct sales, every over-spend flagged on exactly the records that went
beyond the amount (checked against a plain model of the order the hub received them in), and a feed entry per
voucher that a till accepts."""

from __future__ import annotations

import json
import random
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sync.hub.store import HubStore, changes, open_hub_engine
from sync.hub.store.vouchers import list_vouchers
from sync.protocol import PushRecord
from sync.records import VoucherChanged, parse_change
from sync.voucher_codes import new_voucher_code
from tests.sync.voucher_records import TILL_CODES, issue_record, new_event, sale_record


@pytest.fixture(scope="module")
def store() -> Iterator[HubStore]:
    with tempfile.TemporaryDirectory() as folder:
        hub = HubStore(open_hub_engine(f"sqlite:///{Path(folder) / 'hub.db'}"))
        yield hub
        hub.engine.dispose()


# (till, voucher 0 or 1, amount) per sale; issues go first on tills A and B, at a random place among their sales.
sales = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(1, 1500)), min_size=1, max_size=12)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    amounts=st.tuples(st.integers(100, 3000), st.integers(100, 3000)),
    planned=sales,
    issue_places=st.tuples(st.integers(0, 12), st.integers(0, 12)),
    cuts=st.lists(st.integers(1, 4), min_size=12, max_size=12),
    order=st.randoms(use_true_random=False),
    repeats=st.lists(st.integers(0, 30), max_size=4),
)
def test_the_hub_s_ledger_is_the_fold_of_the_records_in_any_order(
    store: HubStore,
    amounts: tuple[int, int],
    planned: list[tuple[int, int, int]],
    issue_places: tuple[int, int],
    cuts: list[int],
    order: random.Random,
    repeats: list[int],
) -> None:
    event_id, tills = new_event(store)
    codes = (new_voucher_code(), new_voucher_code())
    # Each till's records in its own order: (type, payload, the voucher code it touches, sale amount or None).
    plans: list[list[tuple[str, dict[str, object], str, int | None]]] = [[] for _ in tills]
    for index, (till_index, voucher, amount) in enumerate(planned):
        payload = sale_record(tills[till_index], index + 1, codes[voucher], amount)
        plans[till_index].append(("sale.completed", payload, codes[voucher], amount))
    for voucher in (0, 1):
        place = min(issue_places[voucher], len(plans[voucher]))
        issue = ("voucher.issued", issue_record(codes[voucher], amounts[voucher]), codes[voucher], None)
        plans[voucher].insert(place, issue)
    queues = [
        [
            (
                PushRecord(event_id=str(uuid.uuid4()), till_seq=seq, type=kind, schema_version=1, payload=payload),
                code,
                amount,
            )
            for seq, (kind, payload, code, amount) in enumerate(plan, start=1)
        ]
        for plan in plans
    ]
    # Batches: each till's queue cut into pieces, the pieces of all tills interleaved at random (a partition
    # lets one till's pieces through while another waits), some pushed again (a lost answer).
    pieces: list[tuple[int, list[tuple[PushRecord, str, int | None]]]] = []
    cut = iter(cuts * 4)
    for till_index, queue in enumerate(queues):
        start = 0
        while start < len(queue):
            size = next(cut)
            pieces.append((till_index, queue[start : start + size]))
            start += size
    schedule = _interleave(pieces, order)
    for position in repeats:
        if schedule and position < len(schedule):
            schedule.insert(min(position + 1, len(schedule)), schedule[position])

    arrived: list[tuple[str, str, int | None]] = []
    seen: set[str] = set()
    for till_index, piece in schedule:
        answers = store.push(tills[till_index], [record for record, _code, _amount in piece])
        assert all(answer.status.value in ("applied", "conflict", "duplicate") for answer in answers)
        for record, code, taken in piece:
            if record.event_id not in seen:
                seen.add(record.event_id)
                arrived.append((record.event_id, code, taken))

    expected_flags = _plain_model(arrived, dict(zip(codes, amounts, strict=True)))
    flagged = {
        (conflict["subject"], conflict["record_id"])
        for conflict in store.conflicts()
        if conflict["kind"] == "voucher_overspent" and conflict["subject"] in codes
    }
    assert flagged == expected_flags
    with store.engine.connect() as connection:
        states = {state.code: state for state in list_vouchers(connection, event_id)}
        voucher_changes = select(changes).where(changes.c.event_id == event_id, changes.c.kind == "voucher")
        entries = list(connection.execute(voucher_changes.order_by(changes.c.seq)))
    for code, amount in zip(codes, amounts, strict=True):
        spent = sum(value for _id, each, value in arrived if each == code and value is not None)
        assert (states[code].issued, states[code].spent) == (amount, spent)
        assert states[code].overspent == (spent > amount)
        last = [row for row in entries if row.key == code][-1]
        parsed = parse_change("voucher", code, json.loads(last.data))
        assert isinstance(parsed, VoucherChanged)
        assert sum(redemption.amount for redemption in parsed.redemptions) == spent


def _interleave(
    pieces: list[tuple[int, list[tuple[PushRecord, str, int | None]]]], order: random.Random
) -> list[tuple[int, list[tuple[PushRecord, str, int | None]]]]:
    """The pieces in a random order that keeps each till's own pieces in sequence (a till pushes in order)."""
    waiting = {till: [piece for owner, piece in pieces if owner == till] for till in range(len(TILL_CODES))}
    schedule = []
    while any(waiting.values()):
        till = order.choice([till for till, left in waiting.items() if left])
        schedule.append((till, waiting[till].pop(0)))
    return schedule


def _plain_model(arrived: list[tuple[str, str, int | None]], amounts: dict[str, int]) -> set[tuple[str, str]]:
    """(code, record) of each record after which, in arrival order, the voucher was issued and spent beyond it."""
    issued: dict[str, bool] = {}
    spent: dict[str, int] = {}
    flags = set()
    for record_id, code, amount in arrived:
        if amount is None:
            issued[code] = True
        else:
            spent[code] = spent.get(code, 0) + amount
        if issued.get(code) and spent.get(code, 0) > amounts[code]:
            flags.add((code, record_id))
    return flags
