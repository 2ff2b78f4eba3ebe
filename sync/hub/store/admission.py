"""Which pushed records the hub may apply: the border check, before any record touches stock or the feed.

Each record is parsed through its contract (sync/records), must come from the
till that sent it (its identity is the token's, never the payload's), must be
in the event's currency and name only products the marketplace sells. A record
that fails gets its own reason; the others of the batch go on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import Connection, select

from sync.custom_lines import is_custom_sku
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.schema import events
from sync.hub.store.till_reviews import review_problems
from sync.protocol import PushRecord
from sync.records import (
    FACTS,
    ConflictReviewed,
    ContractError,
    Fact,
    GroupBuySet,
    PriceRuleChanged,
    ReturnRecorded,
    SaleCompleted,
    StockMoved,
    TillIdentity,
    VoucherIssued,
    parse_fact,
)

# Each contract as a validator of a list of payloads.
_CONTRACTS: dict[tuple[str, int], TypeAdapter[list[Fact]]] = {
    # A list of a model held in a variable, which mypy cannot check as a type.
    (kind.value, version): TypeAdapter(list[model])  # type: ignore[valid-type]
    for (kind, version), model in FACTS.items()
}

# The facts whose own currency must be the event's.
_PRICED = (SaleCompleted, ReturnRecorded, VoucherIssued)

# A till's largest genuine record (a 500-line sale) is about 200 KB of JSON.
MAX_RECORD_BYTES = 256 * 1024


def admit(
    connection: Connection, till: AuthenticatedTill, records: list[PushRecord], sizes: Sequence[int]
) -> tuple[list[PushRecord], dict[str, str]]:
    """The records to apply, in order, and the reason each refused one is refused (by record id).

    ``sizes`` are the records' payload sizes in bytes, as canonical JSON (protocol.canonical_payload).
    """
    sender = TillIdentity(till_id=till.till_id, event_id=till.event_id, till_code=till.code)
    refused: dict[str, str] = {}
    measured = []
    for record, size in zip(records, sizes, strict=True):
        if size > MAX_RECORD_BYTES:
            refused[record.event_id] = f"the record is larger than {MAX_RECORD_BYTES:,} bytes: no till writes one"
        else:
            measured.append(record)
    parsed: list[tuple[PushRecord, Fact, list[str]]] = []
    for record, fact in zip(measured, _facts(measured), strict=True):
        if isinstance(fact, ContractError):
            refused[record.event_id] = str(fact)
            continue
        problem = fact.identity_problem(sender)
        if problem:
            refused[record.event_id] = problem
            continue
        parsed.append((record, fact, _skus(fact)))
    if not parsed:
        return [], refused
    currency = connection.scalar(select(events.c.currency).where(events.c.id == till.event_id))
    sold = _sold(connection, sorted({sku for _record, _fact, skus in parsed for sku in skus}))
    # A till reviews only the conflicts the hub raised on its own records.
    reviews = [(record.event_id, fact) for record, fact, _skus in parsed if isinstance(fact, ConflictReviewed)]
    unreviewable = review_problems(connection, till, reviews)
    admitted = []
    for record, fact, skus in parsed:
        spent = getattr(fact, "currency", currency) if isinstance(fact, _PRICED) else currency
        if record.event_id in unreviewable:
            refused[record.event_id] = unreviewable[record.event_id]
        elif spent != currency:
            refused[record.event_id] = f"the record is in {spent}, the event sells in {currency}"
        elif not sold.issuperset(skus):
            unknown = sorted(set(skus) - sold)
            refused[record.event_id] = f"the marketplace's catalog has no product {', '.join(unknown[:5])}"
        else:
            admitted.append(record)
    return admitted, refused


def _facts(records: list[PushRecord]) -> list[Fact | ContractError]:
    """Each record's fact, or why it breaks its contract.

    The records of one type are parsed through their contract in one call, at
    half the cost of parse_fact on each; when one of them breaks it, parse_fact
    takes them one by one and says which and why.
    """
    kinds: dict[tuple[str, int], list[int]] = {}
    for index, record in enumerate(records):
        kinds.setdefault((record.type, record.schema_version), []).append(index)
    facts: dict[int, Fact | ContractError] = {}
    for kind, indexes in kinds.items():
        contract = _CONTRACTS.get(kind)
        if contract is not None:
            try:
                facts.update(zip(indexes, contract.validate_python([records[i].payload for i in indexes]), strict=True))
                continue
            except ValidationError:
                pass
        for index in indexes:
            record = records[index]
            try:
                facts[index] = parse_fact(record.type, record.schema_version, record.payload)
            except ContractError as broken:
                facts[index] = broken
    return [facts[index] for index in range(len(records))]


def _sold(connection: Connection, skus: list[str]) -> set[str]:
    """Which of ``skus`` the marketplace sells; through the driver, for SQLAlchemy's work on each of
    hundreds of bound values costs more than the query."""
    mark = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    sold: set[str] = set()
    # 500 at a time: well under the databases' limits on bound values.
    for start in range(0, len(skus), 500):
        chunk = skus[start : start + 500]
        query = f"SELECT sku FROM products WHERE sku IN ({', '.join([mark] * len(chunk))})"
        sold.update(connection.exec_driver_sql(query, tuple(chunk)).scalars())
    return sold


def _skus(fact: Fact) -> list[str]:
    """The products ``fact`` names, by the reader of its class (found once per class, not once per record)."""
    kind = type(fact)
    reader = _SKU_READERS.get(kind)
    if reader is None:
        reader = _SKU_READERS[kind] = _sku_reader(fact)
    return reader(fact)


def _sku_reader(fact: Fact) -> Callable[[Any], list[str]]:
    if isinstance(fact, SaleCompleted | ReturnRecorded):
        # A custom amount is sold by the counter, not from the marketplace's catalog (sync/custom_lines.py).
        return lambda each: [line.sku for line in each.lines if not is_custom_sku(line.sku)]
    if isinstance(fact, StockMoved):
        return lambda each: [sku for sku, _delta in each.deltas]
    if isinstance(fact, PriceRuleChanged):
        return lambda each: list(each.skus())
    if isinstance(fact, GroupBuySet):
        return lambda each: [each.sku]
    return lambda _each: []


_SKU_READERS: dict[type[Fact], Callable[[Any], list[str]]] = {}
