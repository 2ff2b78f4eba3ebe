"""Tamper evidence over the facts themselves: a digest of each fact's rows, kept in its audit entry.

The audit chain covers its own entries; a sale's total lives in the sales
table, out of its reach. So the audit entry of every fact carries, under
``details["fact"]``, a hash of the fact's canonical content (its rows, part by
part: a sale's header, lines, tenders and stock movements), and under
``details["tags"]`` a few bits per column and per row. The hash tells that a
fact changed; the tags tell which field and which row, without copying the
fact into the entry (a sale's tags are about 100 characters).

Canonical content: each part's rows as tuples of the columns listed in
``PARTS`` (ints, text or None, exactly as SQLite gives them back), in the
order they were written (their time-ordered ids, or their line numbers), the
whole as compact JSON (no ASCII escaping: the same text on every Python).

Tags: per part, one byte per column (a CRC of that column's values) then,
after a dot, one byte per row (a CRC of the row's values); parts are
separated by ``|``. A byte can
collide (1 in 256): the change is still caught by the hash, only not named.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from zlib import crc32

Value = str | int | None
Row = tuple[Value, ...]
# One list of rows per part, in the order of the kind's parts.
Content = Sequence[Sequence[Row]]

FACT_KEY, TAGS_KEY = "fact", "tags"
# 128 bits of SHA-256: out of reach of a forger, half the room in every audit entry.
_HASH_CHARS = 32
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False)


class FactKind(StrEnum):
    SALE = "sale"
    RETURN = "return"
    HANDOFF = "handoff"
    CASH_MOVEMENT = "cash_movement"
    CASH_SESSION = "cash_session"
    Z_REPORT = "z_report"
    STOCK_RECEIVED = "stock_received"
    STOCK_COUNT = "stock_count"


@dataclass(frozen=True, slots=True)
class Part:
    """A table's rows belonging to one fact, and the column that numbers a row for people (if any)."""

    name: str
    columns: tuple[str, ...]
    label: str | None = None
    # A part added to a kind after facts of it were hashed: while it has no rows it is left out of the
    # hash and the tags, so the facts hashed before it (which never have such rows) keep their hash.
    # Only a kind's last parts may be optional.
    optional: bool = False


_STOCK = Part("stock movement", ("product_id", "location", "kind", "quantity", "staff_id", "created_at"))

PARTS: dict[FactKind, tuple[Part, ...]] = {
    FactKind.SALE: (
        Part(
            "sale",
            (
                "receipt_no",
                "receipt_seq",
                "till_id",
                "event_id",
                "staff_id",
                "cart_id",
                "created_at",
                "currency",
                "prices_include_tax",
                "subtotal",
                "discount_total",
                "tax_total",
                "total",
                "rounding",
                "change_given",
                "cart_discount_approved_by",
                "cash_session_id",
            ),
        ),
        Part(
            "line",
            (
                "line_no",
                "product_id",
                "sku",
                "name",
                "variant",
                "maker_id",
                "maker_name",
                "tax_class",
                "tax_rate",
                "quantity",
                "catalog_unit_price",
                "unit_price",
                "line_discount",
                "cart_discount_share",
                "tax",
                "total",
                "approved_by",
            ),
            label="line_no",
        ),
        Part("tender", ("kind", "amount", "tendered", "reference")),
        _STOCK,
        # The lines a markdown or a bundle priced (migration 0021, docs/pricing_rules.md).
        Part(
            "automatic discount",
            ("line_no", "markdown", "markdown_id", "bundle", "bundle_ids"),
            label="line_no",
            optional=True,
        ),
    ),
    FactKind.RETURN: (
        Part(
            "return",
            (
                "return_no",
                "return_seq",
                "till_id",
                "event_id",
                "staff_id",
                "sale_id",
                "receipt_no",
                "created_at",
                "currency",
                "refund_total",
                "rounding",
                "approved_by",
                "no_receipt",
                "exchange_sale_id",
                "cash_session_id",
            ),
        ),
        Part(
            "line",
            ("line_no", "product_id", "sku", "name", "maker_name", "quantity", "refund", "reason", "disposition"),
            label="line_no",
        ),
        Part("refund", ("kind", "amount", "tender_index", "reference", "voucher_code")),
        _STOCK,
    ),
    FactKind.HANDOFF: (
        Part(
            "handed-over line",
            ("order_id", "line_id", "quantity", "till_code", "staff_name", "at", "approved_by", "local"),
            label="line_id",
        ),
        _STOCK,
    ),
    FactKind.CASH_MOVEMENT: (
        Part("cash movement", ("session_id", "direction", "amount", "reason", "staff_id", "approved_by", "created_at")),
    ),
    FactKind.CASH_SESSION: (
        Part("cash session", ("till_id", "number", "opened_at", "opened_by", "float_amount", "float_counts")),
    ),
    FactKind.Z_REPORT: (
        Part(
            "Z report",
            (
                "z_number",
                "closed_at",
                "closed_by",
                "counted_amount",
                "counted_counts",
                "expected_amount",
                "over_short",
                "report",
            ),
        ),
    ),
    FactKind.STOCK_RECEIVED: (_STOCK,),
    FactKind.STOCK_COUNT: (_STOCK,),
}

# The audit actions that record a fact, and the kind of fact each records.
FACT_ACTIONS: dict[str, FactKind] = {
    "sale.completed": FactKind.SALE,
    "return.recorded": FactKind.RETURN,
    "pickup.handed_off": FactKind.HANDOFF,
    "cash.in": FactKind.CASH_MOVEMENT,
    "cash.out": FactKind.CASH_MOVEMENT,
    "cash.session_opened": FactKind.CASH_SESSION,
    "cash.session_closed": FactKind.Z_REPORT,
    "stock.received": FactKind.STOCK_RECEIVED,
    "stock.count_posted": FactKind.STOCK_COUNT,
}


def canonical_json(value: object) -> str:
    """Sorted keys, no spaces: the one text of a JSON value (a count by denomination, a report)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _hashed(kind: FactKind, content: Content) -> Content:
    """``content`` without its trailing optional parts that have no rows (see ``Part.optional``)."""
    end = len(content)
    parts = PARTS[kind]
    while end and end <= len(parts) and parts[end - 1].optional and not content[end - 1]:
        end -= 1
    return content if end == len(content) else content[:end]


def fact_hash(kind: FactKind, content: Content) -> str:
    """The hash of a fact's canonical content, as its audit entry keeps it."""
    # One JSON text for the whole fact: checking 100,000 sales is then 100,000 encodings, not a million.
    encoded = _ENCODER.encode(_hashed(kind, content))
    return hashlib.sha256(f"{kind.value}:{encoded}".encode()).hexdigest()[:_HASH_CHARS]


def _tags(groups: Iterable[Sequence[str]]) -> str:
    """One byte of a CRC per group of texts, in hex."""
    return bytes(crc32(_SEPARATOR.join(texts).encode()) & 0xFF for texts in groups).hex()


_SEPARATOR = "\x1f"


def fact_tags(content: Content) -> str:
    """The per-column and per-row bytes that name what changed (see the module's note)."""
    tags = []
    for rows in content:
        # str() is enough, a tag only names what the hash caught; each value's text serves its column and its row.
        texts = [[str(value) for value in row] for row in rows]
        tags.append(f"{_tags(zip(*texts, strict=True))}.{_tags(texts)}")
    return "|".join(tags)


def fact_details(kind: FactKind, content: Content) -> dict[str, object]:
    """What a fact's audit entry adds to its details."""
    return {FACT_KEY: fact_hash(kind, content), TAGS_KEY: fact_tags(_hashed(kind, content))}


@dataclass(frozen=True, slots=True)
class FactChange:
    """A fact whose rows no longer hash to what its audit entry recorded, and what differs."""

    entry_seq: int
    label: str
    changes: tuple[str, ...]

    def message(self) -> str:
        return f"{self.label}: {'; '.join(self.changes)}"


def changed_fields(kind: FactKind, recorded: Mapping[str, object], content: Content, entry_seq: int) -> tuple[str, ...]:
    """Each field (part, row, column) whose content differs from what the entry recorded, in words.

    A column of a one-row part that the entry's details also hold (a sale's
    total) is named with both values.
    """
    tags = recorded.get(TAGS_KEY)
    stored_parts = tags.split("|") if isinstance(tags, str) else []
    since = f"since audit entry {entry_seq} recorded it"
    found: list[str] = []
    for index, (part, rows) in enumerate(zip(PARTS[kind], content, strict=True)):
        if index >= len(stored_parts) or "." not in stored_parts[index]:
            continue
        column_tags, row_tags = stored_parts[index].split(".", 1)
        stored_rows = Counter(row_tags[i : i + 2] for i in range(0, len(row_tags), 2))
        if len(rows) != sum(stored_rows.values()):
            found.append(
                f"{part.name} rows: {len(rows)} != {sum(stored_rows.values())} recorded in audit entry {entry_seq}"
            )
            continue
        if not rows:
            continue
        current = fact_tags([rows]).split(".", 1)[0]
        where = _changed_rows(part, rows, stored_rows)
        for column, name in enumerate(part.columns):
            if column_tags[column * 2 : column * 2 + 2] == current[column * 2 : column * 2 + 2]:
                continue
            value = rows[0][column]
            # The fact's own row (a sale's header, a cash movement) needs no part name.
            own_row = index == 0 and part.label is None and len(rows) == 1
            if own_row and name in recorded and recorded[name] != value:
                found.append(f"{name} {value} != {recorded[name]} recorded in audit entry {entry_seq}")
            elif own_row:
                found.append(f"{name} changed {since}")
            else:
                found.append(f"{part.name}{where} {name} changed {since}")
    if not found:
        found.append(f"its content changed {since} (which field cannot be told)")
    return tuple(found)


def _changed_rows(part: Part, rows: Sequence[Row], stored: Counter[str]) -> str:
    """Which rows differ, by their label (" 2" for line 2), or nothing for rows without one."""
    if part.label is None:
        return ""
    position = part.columns.index(part.label)
    left = Counter(stored)
    labels = []
    for row in rows:
        tag = _tags([[str(value) for value in row]])
        if left[tag] > 0:
            left[tag] -= 1
        else:
            labels.append(str(row[position]))
    return f" {', '.join(labels)}" if labels else ""


# How people know a fact: a name, and the key of the entry's details that numbers it (else its id).
_LABELS: dict[FactKind, tuple[str, str | None]] = {
    FactKind.SALE: ("sale", "receipt_no"),
    FactKind.RETURN: ("return", "return_no"),
    FactKind.HANDOFF: ("pickup handoff", None),
    FactKind.CASH_MOVEMENT: ("cash movement", None),
    FactKind.CASH_SESSION: ("cash session", "number"),
    FactKind.Z_REPORT: ("Z report", "z_number"),
    FactKind.STOCK_RECEIVED: ("stock received at", "at"),
    FactKind.STOCK_COUNT: ("stock count", None),
}


def fact_label(kind: FactKind, subject: str, details: Mapping[str, object]) -> str:
    name, key = _LABELS[kind]
    number = details.get(key) if key else None
    return f"{name} {number if number not in (None, '') else subject}"


@dataclass(frozen=True, slots=True)
class RecordedFact:
    """An audit entry that records a fact: where it is in the chain, and what it says of the fact."""

    seq: int
    kind: FactKind
    key: str
    details: Mapping[str, object]


def check_facts(
    recorded: Sequence[RecordedFact], stored: Mapping[FactKind, Mapping[str, Content]]
) -> tuple[list[str], int]:
    """Each fact that differs from its entry, is gone, or has no entry, in words; and how many were checked.

    Entries written before facts were hashed (no ``fact`` key) still vouch
    that their fact was audited, but its content cannot be checked.
    """
    problems: list[str] = []
    audited: dict[FactKind, set[str]] = {kind: set() for kind in stored}
    checked = 0
    for entry in recorded:
        audited[entry.kind].add(entry.key)
        fact = entry.details.get(FACT_KEY)
        if fact is None:
            continue
        checked += 1
        content = stored[entry.kind].get(entry.key) or [[] for _ in PARTS[entry.kind]]
        if fact_hash(entry.kind, content) == fact:
            continue
        label = fact_label(entry.kind, entry.key, entry.details)
        if not any(content):
            problems.append(f"{label}: its rows are gone from the store (recorded in audit entry {entry.seq})")
        else:
            problems.append(
                FactChange(entry.seq, label, changed_fields(entry.kind, entry.details, content, entry.seq)).message()
            )
    for kind, facts in stored.items():
        for key in sorted(facts.keys() - audited[kind]):
            problems.append(f"{fact_label(kind, key, {})}: in the store, but no audit entry records it")
    return problems, checked


@dataclass(frozen=True, slots=True)
class RecordedPrice:
    """A price a catalog import set, as its audit entry recorded it."""

    seq: int
    price: int
    at: str


def price_problems(recorded: Mapping[str, RecordedPrice], current: Mapping[str, tuple[int, str]]) -> list[str]:
    """Products still as an import wrote them (same instant) whose price is no longer the one it recorded.

    A product written since (a later import, the hub's feed) is current state
    that moved on; its sales keep their own prices under their hashes.
    """
    problems = []
    for sku, price in sorted(recorded.items()):
        now = current.get(sku)
        if now is not None and now[1] == price.at and now[0] != price.price:
            problems.append(f"product {sku}: price {now[0]} != {price.price} recorded in audit entry {price.seq}")
    return problems
