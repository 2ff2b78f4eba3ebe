"""A maker's terms for the event: the fees beside the commission, and the payout's state.

``maker_terms.set`` is an event change like a commission (sync/records/event_settings.py): set by a
manager on a till (an outbox record) or on the hub (``popup-hub makers``), the latest by
``changed_at`` (then ``change_id``) wins on both sides, and the hub feeds it to every till as change
kind ``maker_terms`` keyed by the maker's name. It carries the maker's whole state, so applying it
twice or late is harmless. The fees and the payout's rules are in sync/consignment.py.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Strict, StringConstraints, field_validator, model_validator

from sync.records.event_settings import EventChange
from sync.records.fields import Money, RequiredName

_FRACTION = re.compile(r"^(0(\.[0-9]{1,6})?|1(\.0{1,6})?)$")
MAX_REFERENCE = 60

Fraction = Annotated[str, Strict(), StringConstraints(max_length=8)]
Reference = Annotated[
    str, Strict(), StringConstraints(min_length=1, max_length=MAX_REFERENCE, pattern=r"^\S[^\x00-\x1f\x7f]*$")
]


def _fraction(text: str) -> str:
    if not _FRACTION.match(text):
        raise ValueError('is a fraction from 0 to 1 with at most 6 decimals ("0.015" is 1.5%)')
    return text


class MakerTermsSet(EventChange):
    """The maker's fees (fixed, a percentage of the net, a percentage of their share of card payments) and payout."""

    maker: RequiredName
    fixed_fee: Money
    fee_rate: Fraction
    card_fee_rate: Fraction
    payout_state: Literal["due", "paid"]
    paid_on: Annotated[str, Strict(), StringConstraints(max_length=10)] | None = None
    payout_reference: Reference | None = None

    @field_validator("fee_rate", "card_fee_rate")
    @classmethod
    def _rates(cls, text: str) -> str:
        return _fraction(text)

    @field_validator("paid_on")
    @classmethod
    def _date(cls, text: str | None) -> str | None:
        if text is not None:
            try:
                date.fromisoformat(text)
            except ValueError:
                raise ValueError("is a date written 2026-12-24") from None
        return text

    @model_validator(mode="after")
    def _paid_has_date(self) -> MakerTermsSet:
        if self.payout_state == "paid" and (self.paid_on is None or self.payout_reference is None):
            raise ValueError("a paid payout names the date it was paid and its reference")
        if self.payout_state == "due" and (self.paid_on is not None or self.payout_reference is not None):
            raise ValueError("a payout still due has no payment date or reference")
        return self

    def change_key(self) -> str:
        return self.maker

    @property
    def rates(self) -> tuple[Decimal, Decimal]:
        return Decimal(self.fee_rate), Decimal(self.card_fee_rate)


# The state a MakerTermsSet carries beside its maker and its change stamp (the tables' columns on both sides).
TERMS_COLUMNS = ("fixed_fee", "fee_rate", "card_fee_rate", "payout_state", "paid_on", "payout_reference")
