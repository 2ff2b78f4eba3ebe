"""The settings of a pop-up event that the selling rules depend on, and how the event writes money and dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.domain import dates
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
    # IANA name (Europe/Zurich); empty for an event set up before events had a zone: this machine's zone.
    time_zone: str = ""

    def zone_name(self) -> str:
        """The zone the event's times are written in (``Europe/Zurich``)."""
        return self.time_zone or dates.local_zone_name()

    def format(self, minor: int) -> str:
        return Money(minor, self.currency).format(self.locale)

    # The one place dates and times are written for people: every screen, receipt and report goes through these.

    def format_datetime(self, at: dates.Moment, width: dates.Width = "short") -> str:
        return dates.format_datetime(at, self.locale, self.time_zone, width)

    def format_date(self, at: dates.Moment | date, width: dates.Width = "short") -> str:
        return dates.format_date(at, self.locale, self.time_zone, width)

    def format_time(self, at: dates.Moment, width: dates.Width = "short") -> str:
        return dates.format_time(at, self.locale, self.time_zone, width)

    def parse_date(self, text: str) -> date:
        return dates.parse_date(text, self.locale)

    def date_hint(self) -> str:
        return dates.date_hint(self.locale)
