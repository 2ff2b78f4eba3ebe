"""What the hub's change feed carries to the tills, one model per change kind.

The hub builds each entry from what it has already checked (a pushed record
that passed its contract in facts.py, a catalog row read by
sync/catalog_rows.py); every till still parses each entry through these models
before applying it, since a till trusts no border either. An entry that does
not parse is quarantined on the till with the reason, and the rest of the page
is applied.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict, StringConstraints, field_validator

from sync.records.fields import (
    MAX_LINES,
    Code,
    Contract,
    Flag,
    Money,
    Name,
    Note,
    PublicKey,
    Quantity,
    RequiredName,
    StockLevel,
    TillCode,
    Timestamp,
    Uuid,
)

LineId = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]*$")]


class ProductChanged(Contract):
    id: Uuid
    sku: Code
    name: RequiredName
    variant: Name
    maker: Name
    category: Name
    tax_class: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]*$")]
    price: Money
    # Space-separated product codes, as the catalog CSV has them.
    barcodes: Annotated[str, Strict(), StringConstraints(max_length=2000, pattern=r"^[A-Za-z0-9._/ -]*$")]


class StockLevelChanged(Contract):
    # What the counter may sell: on hand less what paid pickup orders hold (sync/hub/store/availability.py).
    level: StockLevel
    # Given by hubs since reservations; entries from before carry the level alone.
    on_hand: StockLevel | None = None
    reserved: StockLevel | None = None


class PickupKeyChanged(Contract):
    public_key: PublicKey
    revoked: Flag


class PickupOrderLine(Contract):
    line_id: LineId
    sku: Code
    name: RequiredName
    maker: Name
    quantity: Quantity


class PickupOrderChanged(Contract):
    number: RequiredName
    customer_name: RequiredName
    notes: Note
    cancelled: Flag
    lines: Annotated[list[PickupOrderLine], Field(max_length=MAX_LINES)]
    member_order_ids: Annotated[list[Uuid], Field(max_length=MAX_LINES)]


class HandedOverLine(Contract):
    order_id: Uuid
    line_id: LineId
    quantity: Annotated[int, Strict(), Field(ge=0, le=9999)]


class PickupHandoffChanged(Contract):
    lines: Annotated[list[HandedOverLine], Field(min_length=1, max_length=MAX_LINES)]
    till_code: TillCode
    staff_name: Name
    at: Timestamp

    @field_validator("lines")
    @classmethod
    def _one_entry_per_line(cls, lines: list[HandedOverLine]) -> list[HandedOverLine]:
        keys = [(line.order_id, line.line_id) for line in lines]
        if len(set(keys)) != len(keys):
            raise ValueError("a line appears twice in the handoff")
        return lines
