"""Which pushed records the hub may apply: the border check, before any record touches stock or the feed.

Each record is parsed through its contract (sync/records), must come from the
till that sent it (its identity is the token's, never the payload's), must be
in the event's currency and name only products the marketplace sells. A record
that fails gets its own reason; the others of the batch go on.
"""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import events, products
from sync.protocol import PushRecord
from sync.records import (
    ContractError,
    Fact,
    ReturnRecorded,
    SaleCompleted,
    StockMoved,
    TillIdentity,
    VoucherIssued,
    parse_fact,
)

# A till's largest genuine record (a 500-line sale) is about 200 KB of JSON.
MAX_RECORD_BYTES = 256 * 1024


def admit(
    connection: Connection, till: AuthenticatedTill, records: list[PushRecord]
) -> tuple[list[PushRecord], dict[str, str]]:
    """The records to apply, in order, and the reason each refused one is refused (by record id)."""
    sender = TillIdentity(till_id=till.till_id, event_id=till.event_id, till_code=till.code)
    refused: dict[str, str] = {}
    parsed: list[tuple[PushRecord, Fact]] = []
    for record in records:
        if len(json.dumps(record.payload)) > MAX_RECORD_BYTES:
            refused[record.event_id] = f"the record is larger than {MAX_RECORD_BYTES:,} bytes: no till writes one"
            continue
        try:
            fact = parse_fact(record.type, record.schema_version, record.payload)
        except ContractError as broken:
            refused[record.event_id] = str(broken)
            continue
        problem = fact.identity_problem(sender)
        if problem:
            refused[record.event_id] = problem
            continue
        parsed.append((record, fact))
    if not parsed:
        return [], refused
    currency = connection.scalar(select(events.c.currency).where(events.c.id == till.event_id))
    named = {sku for _record, fact in parsed for sku in _skus(fact)}
    sold = set(connection.scalars(select(products.c.sku).where(products.c.sku.in_(named)))) if named else set()
    admitted = []
    for record, fact in parsed:
        spent = (
            getattr(fact, "currency", currency)
            if isinstance(fact, SaleCompleted | ReturnRecorded | VoucherIssued)
            else currency
        )
        unknown = sorted(set(_skus(fact)) - sold)
        if spent != currency:
            refused[record.event_id] = f"the record is in {spent}, the event sells in {currency}"
        elif unknown:
            refused[record.event_id] = f"the marketplace's catalog has no product {', '.join(unknown[:5])}"
        else:
            admitted.append(record)
    return admitted, refused


def _skus(fact: Fact) -> list[str]:
    if isinstance(fact, SaleCompleted | ReturnRecorded):
        return [line.sku for line in fact.lines]
    if isinstance(fact, StockMoved):
        return [sku for sku, _delta in fact.deltas]
    return []
