"""Gift cards sold at the counter: the rules a sale with one follows (docs/gift_cards.md).

A gift card is a means of payment bought now and spent later: its line is
untaxed (tax is due when the card is spent), takes no discount, and is never
paid with store credit (credit bought with credit would only move it around).
Each card of a line becomes a voucher of the line's unit price when the sale completes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.domain.cart import Cart, PricedCart
from app.domain.errors import RuleViolation
from app.domain.returns import ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.domain.texts import _
from sync.custom_lines import is_gift_card_sku


@dataclass(frozen=True, slots=True)
class SoldGiftCard:
    """A card sold on a sale: the voucher code the customer spends, and what it was loaded with."""

    code: str
    amount: int


def holds_gift_card(cart: Cart) -> bool:
    return any(is_gift_card_sku(line.item.sku) for line in cart.lines)


def check_gift_card_payment(cart: Cart, tenders: Iterable[Tender]) -> None:
    """Refuse a voucher paying for a cart that sells a gift card."""
    if holds_gift_card(cart) and any(tender.kind is TenderKind.VOUCHER for tender in tenders):
        raise RuleViolation(
            _("A gift card cannot be paid with a voucher: take cash or card for it, or sell it on its own.")
        )


def card_amounts(priced: PricedCart) -> list[int]:
    """The value of each card the cart sells, one entry per card (a line of 3 is three cards)."""
    return [
        line.line.unit_price
        for line in priced.lines
        if is_gift_card_sku(line.line.item.sku)
        for _card in range(line.line.quantity)
    ]


def gift_card_lines(skus: Mapping[int, str], requested: Sequence[ReturnLineRequest]) -> list[int]:
    """The line numbers among ``requested`` that sold gift cards and are asked back (``skus``: by line number)."""
    return [
        request.line_no for request in requested if request.quantity and is_gift_card_sku(skus.get(request.line_no, ""))
    ]
