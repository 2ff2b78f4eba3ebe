"""Demand across the border: ``demand.recorded`` (a till's fact) and ``demand_erasure`` (a feed entry).

``DemandRecorded`` is what a customer asked for at the counter that the till
could not sell: a product by SKU (sold out, or a size the event lacks) or an
item the event does not stock as free text, an optional quantity and note, and
only with the customer's explicit consent, their contact (an email or phone
number, normalised as sync/records/group_buys.py's ``Contact``) with the
version of the consent words read to them. A contact without consent, or
consent without a contact, breaks the contract.

``DemandErased`` (feed kind ``demand_erasure``, keyed by the demand's id) tells
the till that recorded it that the customer asked for their contact to be
erased: the till clears its copy (docs/demand.md).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict, StringConstraints, model_validator

from sync.records.facts import Fact, TillIdentity, _claims
from sync.records.fields import Code, Contract, Flag, Name, TillCode, Timestamp, Uuid
from sync.records.group_buys import Contact

MAX_DEMAND_QUANTITY = 99
MAX_DEMAND_NOTE = 200

DemandQuantity = Annotated[int, Strict(), Field(ge=1, le=MAX_DEMAND_QUANTITY)]
DemandNote = Annotated[str, Strict(), StringConstraints(max_length=MAX_DEMAND_NOTE, pattern=r"^[^\x00-\x1f\x7f]*$")]
# An item the event does not stock, as the counter typed it: printable, not blank.
ItemName = Annotated[
    str,
    Strict(),
    StringConstraints(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*[^\x00-\x20\x7f][^\x00-\x1f\x7f]*$"),
]
ConsentWording = Annotated[str, Strict(), StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,39}$")]


class DemandRecorded(Fact):
    """One "asked for" at the counter; ``sku`` xor ``item``; ``contact`` exactly when ``consent``."""

    demand_id: Uuid
    event_id: Uuid
    till_id: Uuid
    till_code: TillCode
    staff_id: Uuid
    staff_name: Name
    sku: Code | None
    # The product's name and variant as the till knew them (empty for a not-stocked item).
    product_name: Name
    item: ItemName | None
    quantity: DemandQuantity | None
    note: DemandNote
    recorded_at: Timestamp
    contact: Contact | None
    consent: Flag
    consent_wording: ConsentWording | None

    @model_validator(mode="after")
    def _one_subject_and_consent(self) -> DemandRecorded:
        if (self.sku is None) == (self.item is None):
            raise ValueError("a demand names either a product's SKU or a not-stocked item, exactly one")
        if self.contact is not None and not self.consent:
            raise ValueError("a contact is kept only with the customer's consent")
        if self.consent and self.contact is None:
            raise ValueError("consent is given for a contact, and there is none")
        if (self.consent_wording is None) == self.consent:
            raise ValueError("the consent's wording version is given exactly when consent is")
        return self

    def identity_problem(self, sender: TillIdentity) -> str | None:
        return _claims(sender, till_id=self.till_id, event_id=self.event_id, till_code=self.till_code)


class DemandErased(Contract):
    """The contact of demand ``demand_id`` was erased on the customer's request, on the hub and everywhere."""

    demand_id: Uuid
    erased_at: Timestamp
