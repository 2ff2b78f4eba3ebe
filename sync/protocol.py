"""The wire format between a till and the hub, in one module shared by both sides.

Every request carries the protocol version in a header; a hub that speaks
another version answers 426 with both versions, so the till can say clearly
which side needs updating.
"""

from __future__ import annotations

import hashlib
import json
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Popup-Protocol"
MAX_PUSH_BATCH = 500
MAX_PULL_PAGE = 1000
# The highest ``EnrollRequest.try_number`` (docs/enrollment.md).
MAX_TRY_NUMBER = 1000
MAX_RECORDS_WAITING = 2**63 - 1
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"


class AnswerStatus(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    CONFLICT = "conflict"
    REJECTED = "rejected"


class TaxClassInfo(BaseModel):
    code: str
    name: str
    rate: str


class EventInfo(BaseModel):
    event_id: str
    name: str
    place: str = ""
    currency: str
    locale: str
    prices_include_tax: bool
    cash_rounding_step: int
    tax_classes: list[TaxClassInfo]


class EnrollRequest(BaseModel):
    """``attempt``: a random value the till makes once per enrollment and sends with every try of it, so that a
    retry after a lost answer gets the same till back; ``try_number`` counts the tries (1, 2, ...), so that a try
    the hub runs after a later one has been answered is refused (docs/enrollment.md). Both optional: an older
    till sends neither."""

    code: str = Field(min_length=4, max_length=64)
    attempt: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{16,64}$")] | None = None
    try_number: Annotated[int, Strict(), Field(ge=1, le=MAX_TRY_NUMBER)] | None = None


class PickupKeyInfo(BaseModel):
    """A marketplace public key for pickup codes: 32 raw Ed25519 bytes in base64."""

    key_id: int
    public_key: str
    revoked: bool = False


class EnrollResponse(BaseModel):
    till_id: str
    till_code: str
    token: str
    event: EventInfo
    pickup_keys: list[PickupKeyInfo] = []
    protocol_version: int = PROTOCOL_VERSION


class PushRecord(BaseModel):
    """One outbox record's envelope: its id is the till's UUIDv7, its sequence gap-free per till.

    What the payload holds is the contract of its type in sync/records.
    """

    model_config = ConfigDict(extra="forbid")

    event_id: Annotated[str, Strict(), StringConstraints(pattern=UUID_PATTERN)]
    till_seq: Annotated[int, Strict(), Field(ge=1, le=2**63 - 1)]
    type: Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z][a-z_.]{0,39}$")]
    schema_version: Annotated[int, Strict(), Field(ge=1, le=1000)]
    payload: dict[str, Any]


class ChainHead(BaseModel):
    """An entry of a till's audit chain: its number and SHA-256 hash."""

    model_config = ConfigDict(extra="forbid")

    seq: Annotated[int, Strict(), Field(ge=0, le=2**63 - 1)]
    hash: Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class RestoreDeclaration(BaseModel):
    """The till's store was restored from a backup: its ``store.restored`` entry, and the heads it names."""

    model_config = ConfigDict(extra="forbid")

    entry: ChainHead
    backup: ChainHead | None = None
    replaced: ChainHead | None = None


class PushedHead(BaseModel):
    """The till's audit head, sent with each push so that a store cut short or rolled back shows on the hub.

    ``since`` is this store's entry at the head the hub last acknowledged (the
    hub checks it is the one it saw); ``restore`` declares the newest restore
    from a backup, the one reason the hub takes a head lower than one it saw.
    """

    model_config = ConfigDict(extra="forbid")

    seq: Annotated[int, Strict(), Field(ge=0, le=2**63 - 1)]
    hash: Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    since: ChainHead | None = None
    restore: RestoreDeclaration | None = None


class PushRequest(BaseModel):
    records: list[PushRecord] = Field(max_length=MAX_PUSH_BATCH)
    # Tills before chain heads leave it out; the hub then checks nothing.
    audit_head: PushedHead | None = None
    # How many records still wait on the till after this batch, for the event page. Optional both ways: a hub
    # keeps nothing when it is left out, and a hub before it ignores it (this model ignores unknown fields).
    records_waiting: Annotated[int, Strict(), Field(ge=0, le=MAX_RECORDS_WAITING)] | None = None


class RecordAnswer(BaseModel):
    event_id: str
    status: AnswerStatus
    reason: str | None = None


class HeadAnswer(BaseModel):
    """What the hub made of the pushed head: ``seq``/``hash`` is the highest head it holds for the till now."""

    accepted: bool
    seq: int
    hash: str
    reason: str | None = None


class PushResponse(BaseModel):
    answers: list[RecordAnswer]
    # Present when the push carried an audit head. A refused head refuses no record.
    audit_head: HeadAnswer | None = None


class PayloadMismatch(BaseModel):
    """422: these ids were already received with another payload; nothing of the batch was stored."""

    detail: str
    event_ids: list[str]


class Change(BaseModel):
    seq: int
    # sync/records owns what each kind carries; a till checks ``data`` against it, entry by entry,
    # so one malformed entry is quarantined instead of failing the whole page.
    kind: str
    key: str
    data: Any


class ChangesPage(BaseModel):
    changes: list[Change]
    # Opaque to the till: it stores it and sends it back.
    next_cursor: str
    more: bool
    # The hub lost or rebuilt its feed: the till must forget its cursor and read from zero.
    resync: bool = False


class VersionMismatch(BaseModel):
    detail: str
    hub_version: int
    till_version: int


# One encoder for every payload: json.dumps with these options would build a new one per call.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical_payload(payload: dict[str, Any]) -> str:
    """A payload's canonical JSON form (sorted keys, no spaces): what the hub hashes, measures and keeps."""
    return _CANONICAL.encode(payload)


def canonical_hash(canonical: bytes) -> str:
    """The hash the hub keeps of each record, over its canonical form in UTF-8."""
    return hashlib.sha256(canonical).hexdigest()


def payload_hash(payload: dict[str, Any]) -> str:
    """The hash the hub keeps of a record's payload."""
    return canonical_hash(canonical_payload(payload).encode())
