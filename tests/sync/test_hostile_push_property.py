"""The property of hostile pushes: one field of a genuine sale made hostile, sent among genuine sales.

Runs on SQLite and on PostgreSQL (the ``hub`` fixture). An oracle built from the same contracts
(sync/records) says what the hub must answer, and the hub's stock and feed say what it did.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sync.hub.store.admission import MAX_RECORD_BYTES
from sync.protocol import PushRecord, payload_hash
from sync.records import ContractError, SaleCompleted, parse_fact
from tests.sync.conftest import HubEvent
from tests.sync.hostile_mutations import Mutation, mutations, other_till_and_event
from tests.sync.hostile_records import (
    CATALOG,
    SKUS,
    Sender,
    a_record,
    a_sale,
    answers_of,
    enroll,
    last_feed_seq,
    sales_in_feed,
)

# The property: one field of a genuine sale made hostile, sent among genuine sales.


@dataclass
class Oracle:
    """What the hub has stored (record ids with their payload hash, till sequences), to say what it must answer."""

    seen: dict[str, str] = field(default_factory=dict)
    refused: dict[str, bool] = field(default_factory=dict)
    used_seqs: set[int] = field(default_factory=set)
    catalog: frozenset[str] = frozenset(CATALOG)

    def expect(self, sender: Sender, record: Any) -> tuple[str, list[tuple[str, int]]]:
        """The answer a record must get (a status, or "422"), and the stock it moves if applied."""
        try:
            envelope = PushRecord.model_validate(record)
        except ValidationError:
            return "rejected", []
        digest = payload_hash(envelope.payload)
        if envelope.event_id in self.seen:
            if self.seen[envelope.event_id] != digest:
                return "422", []
            # A repeat keeps a refusal a refusal: the till must still see it needs a person.
            return ("rejected" if self.refused.get(envelope.event_id) else "duplicate"), []
        if envelope.till_seq in self.used_seqs:
            return "rejected", []
        self.seen[envelope.event_id] = digest
        self.used_seqs.add(envelope.till_seq)
        status, moves = self._first_answer(sender, envelope)
        self.refused[envelope.event_id] = status == "rejected"
        return status, moves

    def _first_answer(self, sender: Sender, envelope: PushRecord) -> tuple[str, list[tuple[str, int]]]:
        if len(json.dumps(envelope.payload)) > MAX_RECORD_BYTES:
            return "rejected", []
        try:
            fact = parse_fact(envelope.type, envelope.schema_version, envelope.payload)
        except ContractError:
            return "rejected", []
        if fact.identity_problem(sender.identity) is not None:
            return "rejected", []
        if not isinstance(fact, SaleCompleted):
            return "rejected", []  # only sales are built here; another type parsing would be a surprise
        if fact.currency != "CHF" or any(line.sku not in self.catalog for line in fact.lines):
            return "rejected", []
        return "applied", [(line.sku, -line.quantity) for line in fact.lines]


def test_hostile_records_are_rejected_alone_and_never_applied_or_fed(hub: HubEvent) -> None:
    sender = enroll(hub, "P")
    others = other_till_and_event(hub)
    oracle = Oracle()
    store = hub.hub.store
    for sku in SKUS:
        store.set_stock(hub.event_id, sku, 100_000)

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )
    @given(
        mutation=mutations(others),
        genuine=st.lists(st.tuples(st.sampled_from(SKUS), st.integers(1, 5)), min_size=1, max_size=2),
        position=st.integers(0, 2),
    )
    def push_one(mutation: Mutation, genuine: list[tuple[str, int]], position: int) -> None:
        name, mutate = mutation
        # The hostile record's sequence is taken first, so a genuine record never shares it.
        hostile = a_record(a_sale(sender), next(sender.seqs))
        mutate(hostile)
        hostile_seq = hostile.get("till_seq")
        valid = []
        for sku, quantity in genuine:
            seq = next(sender.seqs)
            while seq == hostile_seq or seq in oracle.used_seqs:
                seq = next(sender.seqs)
            valid.append(a_record(a_sale(sender, sku, quantity), seq))
        batch = [*valid]
        batch.insert(min(position, len(batch)), hostile)

        # What the hub must do, decided from the contracts before sending (as JSON travels).
        try:
            wire = json.loads(json.dumps({"records": batch}))["records"]
        except ValueError:
            wire = None
        before_levels = {sku: store.stock_level(hub.event_id, sku) for sku in CATALOG if sku in SKUS}
        before_feed = last_feed_seq(hub)
        before_inbox = store.inbox_count()
        saved = (dict(oracle.seen), set(oracle.used_seqs))
        expected = [oracle.expect(sender, record) for record in wire] if wire is not None else None

        response = sender.push(batch)
        assert response.status_code < 500, (name, response.text)
        if expected is None or any(status == "422" for status, _ in expected):
            # A body Python cannot read back, or an id reused with another payload: nothing of it is stored.
            oracle.seen, oracle.used_seqs = saved
            assert response.status_code in (400, 422), (name, response.status_code, response.text)
            assert store.inbox_count() == before_inbox
            assert {sku: store.stock_level(hub.event_id, sku) for sku in before_levels} == before_levels
            assert sales_in_feed(hub, before_feed) == set()
            return
        answers = answers_of(response)
        assert len(answers) == len(batch), name
        moved: dict[str, int] = dict.fromkeys(before_levels, 0)
        applied_sales = set()
        for record, answer, (status, movements) in zip(wire, answers, expected, strict=True):
            got = answer["status"]
            if status == "applied":
                assert got in ("applied", "conflict"), (name, record is hostile, answer)
                for sku, quantity in movements:
                    moved[sku] += quantity
                applied_sales.add(record["payload"]["sale_id"])
            else:
                assert got == status, (name, answer)
        for record in valid:
            assert answers[batch.index(record)]["status"] in ("applied", "conflict"), (name, answers)
        after = {sku: store.stock_level(hub.event_id, sku) for sku in before_levels}
        assert after == {sku: before_levels[sku] + moved[sku] for sku in before_levels}, name
        fed = sales_in_feed(hub, before_feed)
        assert fed == applied_sales, name
        for record, answer in zip(batch, answers, strict=True):
            if answer["status"] == "rejected":
                payload = record.get("payload")
                sale_id = payload.get("sale_id") if isinstance(payload, dict) else None
                assert sale_id not in fed, name
                assert record.get("event_id") not in fed, name

    push_one()
    # Every sale the feed ever carried is one any till can apply.
    sales_in_feed(hub)
