"""The settings of a pop-up event that the selling rules depend on."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.domain.money import Money


@dataclass(frozen=True, slots=True)
class EventSettings:
    event_id: str
    name: str
    currency: str
    locale: str
    prices_include_tax: bool
    # Smallest cash step in minor units: 5 for CHF (0.05), 1 where coins go to the cent.
    cash_rounding_step: int
    # Line and cart discounts above this percentage need a manager's PIN.
    discount_limit_percent: Decimal
    place: str = ""

    def format(self, minor: int) -> str:
        return Money(minor, self.currency).format(self.locale)
