"""Selling a gift card: its amount from the number pad (a usual amount tapped, or typed), its codes after payment.

The pad only gathers the amount; the cart service checks it and adds the card
(app/services/gift_cards.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from app.domain.events import EventSettings
from app.domain.gift_cards import SoldGiftCard
from app.domain.money import currency_exponent
from app.ui.number_pad import NumberPadDialog, Preset, ask_number

# The amounts most cards are sold at, in major units of the event's currency.
USUAL_AMOUNTS = (20, 50, 100)


def _tr(text: str) -> str:
    return QCoreApplication.translate("GiftCardDialog", text)


def gift_card_presets(event: EventSettings) -> list[Preset]:
    minor = 10 ** currency_exponent(event.currency)
    return [Preset(event.format(amount * minor), str(amount)) for amount in USUAL_AMOUNTS]


def ask_gift_card_amount(parent: QWidget, event: EventSettings, then: Callable[[str], None]) -> NumberPadDialog:
    return ask_number(
        parent,
        _tr("Gift card"),
        _tr("How much goes on the card? Tap an amount or type it:"),
        then,
        currency=event.currency,
        presets=gift_card_presets(event),
    )


def gift_card_codes(cards: Sequence[SoldGiftCard], event: EventSettings) -> str:
    """What the screen says after payment: each card's code and value, to write down if the printer fails."""
    if not cards:
        return ""
    listed = ", ".join(_tr("{0} ({1})").format(card.code, event.format(card.amount)) for card in cards)
    return _tr("Gift card code(s) for the customer: {0}").format(listed)
