"""The value types every record is built from: ids, codes, bounded text, money and quantities.

Each bound is the till's own limit, so that a record the counter can make is
always valid and anything larger can only come from a broken or hostile sender.
Strict types throughout: a quantity sent as "5" or 5.0 is a broken record, not a 5.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, StringConstraints

# 12 digits of minor units: the largest amount the till parses (app/domain/money.py MAX_MINOR_DIGITS).
MAX_MONEY = 10**12 - 1
# The counter's quantity limit (app/domain/cart.py MAX_QUANTITY).
MAX_QUANTITY = 9999
MAX_LINES = 500
MAX_STOCK_DELTA = 10**9
# A till's sequence is a signed 64-bit integer on both sides' databases.
MAX_SEQ = 2**63 - 1
MAX_NAME = 200
MAX_NOTE = 2000

_UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
# No control characters: a NUL breaks PostgreSQL text, an ESC would drive the receipt printer.
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
# The catalog's product codes (app/domain/barcodes.py): GTINs and the shop's own codes.
_CODE = r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$"


def _aware_timestamp(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("is not an ISO 8601 date and time") from None
    if moment.tzinfo is None:
        raise ValueError("has no time zone (write it as 2026-12-05T14:00:00+00:00)")
    return text


def _ed25519_public_key(text: str) -> str:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("is not base64") from None
    if len(raw) != 32:
        raise ValueError("is not a 32-byte Ed25519 public key")
    return text


Uuid = Annotated[str, Strict(), StringConstraints(pattern=_UUID)]
Code = Annotated[str, Strict(), StringConstraints(pattern=_CODE)]
Name = Annotated[str, Strict(), StringConstraints(max_length=MAX_NAME, pattern=_PRINTABLE)]
RequiredName = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=MAX_NAME, pattern=_PRINTABLE)]
Note = Annotated[str, Strict(), StringConstraints(max_length=MAX_NOTE, pattern=_PRINTABLE)]
TillCode = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,3}$")]
Currency = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{3}$")]
Timestamp = Annotated[str, Strict(), StringConstraints(max_length=40), AfterValidator(_aware_timestamp)]
# A tax rate as Decimal text, e.g. "0.081".
Rate = Annotated[str, Strict(), StringConstraints(pattern=r"^(0|[1-9][0-9]?)(\.[0-9]{1,8})?$")]
PublicKey = Annotated[str, Strict(), StringConstraints(max_length=64), AfterValidator(_ed25519_public_key)]

Money = Annotated[int, Strict(), Field(ge=0, le=MAX_MONEY)]
SignedMoney = Annotated[int, Strict(), Field(ge=-MAX_MONEY, le=MAX_MONEY)]
Quantity = Annotated[int, Strict(), Field(ge=1, le=MAX_QUANTITY)]
Count = Annotated[int, Strict(), Field(ge=0, le=MAX_SEQ)]
LineNumber = Annotated[int, Strict(), Field(ge=1, le=MAX_LINES)]
StockLevel = Annotated[int, Strict(), Field(ge=-MAX_STOCK_DELTA, le=MAX_STOCK_DELTA)]
Flag = Annotated[bool, Strict()]


class Contract(BaseModel):
    """A record's shape: no unknown keys, immutable once parsed."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def to_payload(self) -> dict[str, object]:
        """The record as it travels: only the keys its builder set, in JSON types."""
        return self.model_dump(mode="json", exclude_unset=True)

    def to_json(self) -> str:
        """``to_payload`` as compact JSON text, written by pydantic in one pass (an outbox row's payload)."""
        return self.model_dump_json(exclude_unset=True)
