"""Micro-drops across the border: the hub's ``drop`` feed entry and the till's ``drop.sold`` fact.

A drop is a set of SKUs released at one moment, split between the
marketplace's online shop and the counter, with a cap per sale and a cap per
customer. The hub holds it (``popup-hub drops``, the admin API) and feeds its
whole state as a ``drop`` change keyed by the drop's id; each entry also says
how many units each till has sold at the counter as the hub knows it, so a
till offline counts what is left as the allocation less its own sales less the
other tills' (docs/drops.md).

A till that sells units of a drop sends ``drop.sold`` in the sale's own
transaction: the sale, the drop, the units, and the customer only as a salted
hash (sync/customer_codes.py). The hub sums these per drop and per customer and
flags what goes beyond (sync/hub/store/drops.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, Strict, StringConstraints, field_validator, model_validator

from sync.records.event_settings import EventChange
from sync.records.facts import Fact, TillIdentity
from sync.records.fields import Code, Contract, Name, Quantity, RequiredName, TillCode, Timestamp, Uuid

# Far beyond a drop: a few dozen mugs, a few hundred prints.
MAX_DROP_SKUS = 200
MAX_ALLOCATION = 1_000_000
MAX_TILLS = 100
# 32 random bytes as hex: the event's salt for customer hashes; a hash is 32 bytes as hex.
HexSalt = Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{64}$")]
CustomerHash = Annotated[str, Strict(), StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Allocation = Annotated[int, Strict(), Field(ge=0, le=MAX_ALLOCATION)]
Cap = Annotated[int, Strict(), Field(ge=1, le=9999)]


def _distinct_skus(skus: list[str]) -> list[str]:
    if len(set(skus)) != len(skus):
        raise ValueError("a SKU appears twice in the drop")
    return skus


def _check_caps(per_sale: int | None, per_customer: int | None) -> None:
    """A drop and a manager's drop alike: no sale may take more than one customer may buy."""
    if per_sale is not None and per_customer is not None and per_sale > per_customer:
        raise ValueError("the per-sale cap is larger than the per-customer cap")


class DropChanged(Contract):
    """The drop's whole state as the hub holds it: applying it twice or late is harmless."""

    drop_id: Uuid
    name: RequiredName
    skus: Annotated[list[Code], Field(min_length=1, max_length=MAX_DROP_SKUS)]
    release_at: Timestamp
    online_allocation: Allocation
    counter_allocation: Allocation
    per_sale_cap: Cap | None
    per_customer_cap: Cap | None
    # The event's salt for customer hashes: the same in every drop of the event.
    customer_salt: HexSalt
    # Units sold at the counter per till, as the hub knows it (a till counts its own sales itself).
    counter_sold: Annotated[dict[TillCode, Allocation], Field(max_length=MAX_TILLS)]
    changed_at: Timestamp

    @field_validator("skus")
    @classmethod
    def _distinct(cls, skus: list[str]) -> list[str]:
        return _distinct_skus(skus)

    @model_validator(mode="after")
    def _caps_in_order(self) -> DropChanged:
        _check_caps(self.per_sale_cap, self.per_customer_cap)
        return self

    def release_moment(self) -> datetime:
        return datetime.fromisoformat(self.release_at)


class DropSet(EventChange):
    """A manager's drop as set on a till: its definition only, never the counts (fact ``drop.set``).

    The hub keeps counting the tills' sales and stays the one that moves
    allocation later; of two definitions of one drop the later ``changed_at``
    (then ``change_id``) wins, on the hub as on every till (docs/drops.md).
    """

    drop_id: Uuid
    name: RequiredName
    skus: Annotated[list[Code], Field(min_length=1, max_length=MAX_DROP_SKUS)]
    release_at: Timestamp
    online_allocation: Allocation
    counter_allocation: Allocation
    per_sale_cap: Cap | None
    per_customer_cap: Cap | None

    @field_validator("skus")
    @classmethod
    def _distinct(cls, skus: list[str]) -> list[str]:
        return _distinct_skus(skus)

    @model_validator(mode="after")
    def _caps_in_order(self) -> DropSet:
        _check_caps(self.per_sale_cap, self.per_customer_cap)
        if self.name != " ".join(self.name.split()):
            raise ValueError("a drop's name is printable text without spaces around it")
        return self

    def change_key(self) -> str:
        return self.drop_id

    def release_moment(self) -> datetime:
        return datetime.fromisoformat(self.release_at)


class DropSoldLine(Contract):
    sku: Code
    quantity: Quantity


class _DropUnits(Fact):
    """Units of one drop a till sold or took back: its lines name each SKU once."""

    drop_id: Uuid
    till_code: TillCode
    lines: Annotated[list[DropSoldLine], Field(min_length=1, max_length=MAX_DROP_SKUS)]

    @field_validator("lines")
    @classmethod
    def _one_line_per_sku(cls, lines: list[DropSoldLine]) -> list[DropSoldLine]:
        skus = [line.sku for line in lines]
        if len(set(skus)) != len(skus):
            raise ValueError("a SKU appears twice in the drop's lines")
        return lines

    def units(self) -> int:
        return sum(line.quantity for line in self.lines)

    def identity_problem(self, sender: TillIdentity) -> str | None:
        if self.till_code != sender.till_code:
            return f"the record names till {self.till_code}, but till {sender.till_code} sent it"
        return None


class DropSold(_DropUnits):
    """Units of one drop sold at the counter by one sale."""

    sale_id: Uuid
    # The customer's salted hash, when one was given at the counter.
    customer: CustomerHash | None
    sold_at: Timestamp
    # The manager who let the sale go before the release, when one did.
    early_by: Name | None = None


class DropReturned(_DropUnits):
    """Units of one drop restocked at the returns desk: they go back to the counter's allocation.

    Sent in the return's transaction for a return of a sale that took units of
    the drop; units put on quality hold or written off are not sellable and are
    not in it.
    """

    return_id: Uuid
    sale_id: Uuid
    returned_at: Timestamp
