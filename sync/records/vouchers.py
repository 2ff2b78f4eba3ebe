"""The ``voucher`` change of the hub's feed: a voucher of the event and its ledger, as the hub knows it.

A till that pulls it knows the voucher (wherever it was issued) and what the
other tills have spent from it, so that it can take the voucher offline up to
the balance it last knew less its own redemptions.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, Strict, StringConstraints, field_validator

from sync.records.fields import MAX_MONEY, Contract, Currency, Note, TillCode, Timestamp, Uuid
from sync.voucher_codes import is_voucher_code

# Far beyond what one voucher sees at an event; a ledger longer than this breaks the contract.
MAX_REDEMPTIONS = 1000
MARKETPLACE = "marketplace"


def _voucher_code(text: str) -> str:
    if not is_voucher_code(text):
        raise ValueError("is not a voucher code (V- and 11 characters, the last one a check character)")
    return text


VoucherCode = Annotated[str, Strict(), StringConstraints(max_length=20), AfterValidator(_voucher_code)]
PositiveMoney = Annotated[int, Strict(), Field(ge=1, le=MAX_MONEY)]
# Who issued the voucher: a till of the event (its code), or the marketplace.
Issuer = Annotated[str, Strict(), StringConstraints(pattern=rf"^([A-Z][A-Z0-9]{{0,3}}|{MARKETPLACE})$")]


class VoucherRedemption(Contract):
    sale_id: Uuid
    amount: PositiveMoney
    till_code: TillCode
    at: Timestamp


class VoucherChanged(Contract):
    voucher_id: Uuid
    code: VoucherCode
    currency: Currency
    amount: PositiveMoney
    issued_by: Issuer
    issued_at: Timestamp
    note: Note
    redemptions: Annotated[list[VoucherRedemption], Field(max_length=MAX_REDEMPTIONS)]

    @field_validator("redemptions")
    @classmethod
    def _one_entry_per_sale(cls, redemptions: list[VoucherRedemption]) -> list[VoucherRedemption]:
        sale_ids = [redemption.sale_id for redemption in redemptions]
        if len(set(sale_ids)) != len(sale_ids):
            raise ValueError("a sale appears twice in the voucher's ledger")
        return redemptions
