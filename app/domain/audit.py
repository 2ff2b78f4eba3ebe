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

from app.domain.texts import _

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


# The hash's first characters printed on a Z report: enough to tell two chains apart by eye.
SHORT_HASH = 8
RESTORED_ACTION = "store.restored"


@dataclass(frozen=True, slots=True)
class AuditHead:
    """The chain's last entry: its number and hash. Once it leaves the till, a shorter chain shows."""

    seq: int
    hash: str

    def printed(self) -> str:
        return f"{self.seq} / {self.hash[:SHORT_HASH]}"

    def to_json(self) -> dict[str, object]:
        return {"seq": self.seq, "hash": self.hash}


def parse_head(text: str) -> AuditHead:
    """A head as typed off a Z report: ``1234:9f3a2c1b`` or ``1234 / 9f3a2c1b``."""
    seq, _sep, digest = text.replace("/", ":").replace(" ", "").partition(":")
    digest = digest.lower()
    if (
        not seq.isdigit()
        or int(seq) < 1
        or len(digest) < SHORT_HASH
        or any(c not in "0123456789abcdef" for c in digest)
    ):
        raise ValueError(
            _("'{text}' is not an audit head: type it as printed on the Z report, e.g. 1234:9f3a2c1b.").format(
                text=text
            )
        )
    return AuditHead(int(seq), digest)


def head_problem(store_head: AuditHead | None, hash_at: str | None, known: AuditHead, source: str) -> str | None:
    """What is wrong with this store against a head ``source`` saw (the hub, a Z report), if anything.

    ``hash_at`` is this store's entry hash at ``known.seq`` (None when the store is shorter).
    """
    ends = store_head.seq if store_head else 0
    if ends < known.seq:
        missing = known.seq - ends
        return (
            f"{source} has seen this till's audit trail up to entry {known.seq:,}; this store ends at {ends:,}: "
            f"{missing:,} {'entry is' if missing == 1 else 'entries are'} missing "
            "(truncated, rolled back or restored from an older backup)"
        )
    if hash_at is not None and not hash_at.startswith(known.hash):
        return (
            f"{source} saw entry {known.seq:,} as {known.hash[:SHORT_HASH]}, but this store's entry {known.seq:,} "
            f"is {hash_at[:SHORT_HASH]}: the store was replaced from that entry on"
        )
    return None


@dataclass(frozen=True, slots=True)
class Restore:
    """A ``store.restored`` entry: the backup's head, the replaced store's head, and the gap between them."""

    seq: int
    hash: str
    at: str
    backup: AuditHead | None
    replaced: AuditHead | None

    @property
    def missing(self) -> int:
        if self.replaced is None:
            return 0
        return max(self.replaced.seq - (self.backup.seq if self.backup else 0), 0)

    def explains(self, known: AuditHead) -> bool:
        """Whether the entries ``known`` reaches were in the store this restore replaced."""
        return self.replaced is not None and self.replaced.seq >= known.seq

    def describe(self) -> str:
        restored = f"restored from a backup at {self.at[:16].replace('T', ' ')} (entry {self.seq:,}); "
        if self.replaced is None:
            return restored + "the store it replaced could not be read (or there was none): the gap is not known"
        missing = self.missing
        return (
            restored + f"{missing:,} {'entry' if missing == 1 else 'entries'} of the replaced store are not in this one"
        )


def head_from_json(data: object) -> AuditHead | None:
    if isinstance(data, dict) and isinstance(data.get("seq"), int) and isinstance(data.get("hash"), str):
        return AuditHead(data["seq"], data["hash"])
    return None
