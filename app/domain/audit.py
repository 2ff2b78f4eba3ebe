"""The audit trail as a hash chain.

Each entry holds the hash of the one before it, and its own hash covers every
field plus that link. Editing, deleting or reordering any entry breaks the
chain from that point on, which ``find_broken_link`` reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, fields

GENESIS_HASH = "0" * 64


def canonical_details(details: dict[str, object]) -> str:
    return json.dumps(details, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class AuditFields:
    seq: int
    entry_id: str
    at: str
    till_id: str
    staff_id: str | None
    action: str
    subject: str
    details: str
    approved_by: str | None

    def hash_after(self, prev_hash: str) -> str:
        # getattr over the field names, not dataclasses.astuple: astuple deep-copies
        # every value, which cost more than the hash itself on every sale.
        body = json.dumps(
            [prev_hash, *(getattr(self, name) for name in _FIELD_NAMES)], separators=(",", ":"), ensure_ascii=False
        )
        return hashlib.sha256(body.encode()).hexdigest()


_FIELD_NAMES = tuple(field.name for field in fields(AuditFields))


@dataclass(frozen=True, slots=True)
class AuditEntry:
    fields: AuditFields
    prev_hash: str
    entry_hash: str

    @classmethod
    def chained(cls, fields: AuditFields, prev_hash: str) -> AuditEntry:
        return cls(fields, prev_hash, fields.hash_after(prev_hash))


@dataclass(frozen=True, slots=True)
class BrokenLink:
    seq: int
    reason: str


def find_broken_link(entries: Iterable[AuditEntry]) -> BrokenLink | None:
    """The first entry that does not follow from the ones before it, if any."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    for entry in entries:
        seq = entry.fields.seq
        if seq != expected_seq:
            return BrokenLink(seq, f"entry {expected_seq} is missing")
        if entry.prev_hash != expected_prev:
            return BrokenLink(seq, "it does not link to the entry before it")
        if entry.fields.hash_after(entry.prev_hash) != entry.entry_hash:
            return BrokenLink(seq, "its content was changed after it was written")
        expected_prev = entry.entry_hash
        expected_seq += 1
    return None
