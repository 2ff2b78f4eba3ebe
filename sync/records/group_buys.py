"""Group buys: a product made only if enough people commit before a deadline (docs/group_buys.md).

Three records cross the border:

- ``GroupBuyChanged`` (feed kind ``group_buy``, keyed by its id): the group
  buy's whole state as the hub holds it, its terms, the units committed
  event-wide so far (every till shows "37 of 50") and, once the hub closed it,
  whether it was reached or missed.
- ``GroupBuyCommitted`` (the fact ``group_buy.committed``): a customer's
  commitment taken at a counter, paid by the sale it names, with the contact
  the marketplace uses to tell them the outcome. It cannot exist without the
  customer's consent: ``consent`` is always true.
- ``CommitmentOutcome`` (feed kind ``group_buy_commitment``, keyed by the
  commitment's id): what became of one commitment (counted, a pickup order, a
  refund due), without the contact, which no other till needs.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints, model_validator

from sync.records.event_settings import EventChange
from sync.records.facts import Fact, ReceiptNo, TillIdentity, _claims
from sync.records.fields import Code, Contract, Count, Currency, Flag, Money, Quantity, RequiredName, Timestamp, Uuid

# An email as the counter normalises it (lower case, no spaces), or a phone number as digits with an optional +.
_EMAIL = r"[a-z0-9._%+'-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+"
_PHONE = r"\+?[0-9]{6,15}"
CONTACT_PATTERN = re.compile(rf"^({_EMAIL}|{_PHONE})$")
Contact = Annotated[str, Strict(), StringConstraints(max_length=254, pattern=CONTACT_PATTERN.pattern)]

# cancelled: withdrawn by a manager before its deadline; every commitment is refunded.
GroupBuyState = Literal["open", "reached", "missed", "cancelled"]
Payment = Literal["deposit", "full"]
# counted: in the window's progress; pickup: a pickup order was made for it; refund_due: the money goes back.
OutcomeState = Literal["counted", "pickup", "refund_due"]
OrderNumber = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f]*$")]


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


class GroupBuyChanged(Contract):
    """A group buy's whole state: applying it twice or late is harmless (the later ``changed_at`` wins)."""

    group_buy_id: Uuid
    name: RequiredName
    sku: Code
    minimum: Quantity
    deadline: Timestamp
    # What one unit's commitment costs at the counter: a deposit or the full price.
    price: Annotated[int, Strict(), Field(ge=1, le=10**12 - 1)]
    payment: Payment
    currency: Currency
    committed: Count
    state: GroupBuyState
    closed_at: Timestamp | None
    changed_at: Timestamp

    @model_validator(mode="after")
    def _closed_when_decided(self) -> GroupBuyChanged:
        if (self.state == "open") != (self.closed_at is None):
            raise ValueError("a group buy has a closing time exactly when it is reached, missed or cancelled")
        if self.state == "cancelled":
            return self
        if self.closed_at is not None and _moment(self.closed_at) < _moment(self.deadline):
            raise ValueError("a group buy closes at or after its deadline")
        if self.state == "reached" and self.committed < self.minimum:
            raise ValueError("a group buy is reached only with its minimum committed")
        if self.state == "missed" and self.committed >= self.minimum:
            raise ValueError("a group buy with its minimum committed is not missed")
        return self


class GroupBuySet(EventChange):
    """A manager's group buy as set on a till or the hub: its terms, or its cancellation before the deadline.

    The fact ``group_buy.changed``. It carries the whole of what a manager
    sets, never the count nor the outcome: the hub counts the commitments and
    closes the window, and feeds the result as ``GroupBuyChanged``. Of two
    changes of one group buy the later ``changed_at`` (then ``change_id``) wins.
    """

    group_buy_id: Uuid
    name: RequiredName
    sku: Code
    minimum: Quantity
    deadline: Timestamp
    price: Annotated[int, Strict(), Field(ge=1, le=10**12 - 1)]
    payment: Payment
    currency: Currency
    cancelled: Flag

    @model_validator(mode="after")
    def _trimmed(self) -> GroupBuySet:
        if self.name != " ".join(self.name.split()):
            raise ValueError("a group buy's name is printable text without spaces around it")
        return self

    def change_key(self) -> str:
        return self.group_buy_id


class GroupBuyCommitted(Fact):
    """A commitment taken at a counter and paid by the sale ``sale_id`` (``amount`` of it)."""

    commitment_id: Uuid
    group_buy_id: Uuid
    event_id: Uuid
    till_id: Uuid
    sale_id: Uuid
    receipt_no: ReceiptNo
    quantity: Quantity
    amount: Money
    contact: Contact
    consent: Literal[True]
    committed_at: Timestamp

    def identity_problem(self, sender: TillIdentity) -> str | None:
        problem = _claims(sender, till_id=self.till_id, event_id=self.event_id)
        if problem is None and not self.receipt_no.startswith(f"{sender.till_code}-"):
            return f"the commitment's receipt {self.receipt_no} is not numbered as till {sender.till_code}'s"
        return problem


class CommitmentOutcome(Contract):
    """What became of one commitment, as every till's returns desk and progress line need it."""

    commitment_id: Uuid
    group_buy_id: Uuid
    sale_id: Uuid
    receipt_no: ReceiptNo
    quantity: Quantity
    amount: Money
    state: OutcomeState
    # Taken after the deadline, or reaching the hub after the group buy closed: flagged, refunded.
    late: Flag
    order_number: OrderNumber | None
    changed_at: Timestamp

    @model_validator(mode="after")
    def _order_when_pickup(self) -> CommitmentOutcome:
        if (self.state == "pickup") != (self.order_number is not None):
            raise ValueError("a commitment has a pickup order number exactly when it became a pickup order")
        if self.late and self.state != "refund_due":
            raise ValueError("a late commitment is refunded")
        return self


def outcome_key_problem(key: str, parsed: Contract) -> str | None:
    """Why ``key`` is not the feed key of a group buy or commitment entry, or None."""
    if isinstance(parsed, GroupBuyChanged):
        return None if key == parsed.group_buy_id else "its key is not the group buy's id"
    if isinstance(parsed, CommitmentOutcome):
        return None if key == parsed.commitment_id else "its key is not the commitment's id"
    return None
