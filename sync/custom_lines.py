"""Custom-amount lines: what a till sells that is in no catalog (an amount typed at the counter).

A sale line always names a product (the sale contract and the till's store both
require one), so a till sells a custom amount as one well-known product per tax
class, whose SKU starts with :data:`CUSTOM_SKU_PREFIX`. The line carries its
own price, name (the note), maker and tax rate, so settlements and reports read
it like any other line. The hub knows these SKUs are no marketplace product:
it admits them without a catalog entry and keeps no stock level for them.
"""

from __future__ import annotations

import re

CUSTOM_SKU_PREFIX = "CUSTOM-AMOUNT."
# A gift card sold at the counter (docs/gift_cards.md): a custom-amount line, untaxed, on no maker's settlement.
GIFT_CARD_SKU = CUSTOM_SKU_PREFIX + "GIFT-CARD"
# The sale contract's product code: letters, digits, '.', '_', '/', '-', at most 40.
_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")


def custom_sku(tax_class: str) -> str:
    """The SKU of the custom-amount product of ``tax_class``; raises ValueError for a class no code can name."""
    sku = CUSTOM_SKU_PREFIX + tax_class
    if not _CODE.match(sku):
        raise ValueError(f"the tax class '{tax_class}' cannot be part of a product code")
    if sku.upper() == GIFT_CARD_SKU:
        raise ValueError(f"the tax class '{tax_class}' has the name kept for gift cards")
    return sku


def is_custom_sku(sku: str) -> bool:
    return sku.startswith(CUSTOM_SKU_PREFIX)


def is_gift_card_sku(sku: str) -> bool:
    return sku == GIFT_CARD_SKU
