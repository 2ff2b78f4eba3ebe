"""Money as integer minor units with an ISO 4217 currency.

Floats never hold an amount. Conversions from text are done digit by digit and
refuse more decimals than the currency has, so "12.345 EUR" is an error rather
than a silent rounding; those rules live in :mod:`sync.catalog_rows`, so that
the hub prices a catalog exactly as the till does.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, is_currency

from app.domain.errors import InvalidInput
from app.domain.texts import _
from sync import catalog_rows
from sync.catalog_rows import MAX_MINOR_DIGITS, currency_exponent

__all__ = [
    "MAX_MINOR_DIGITS",
    "Money",
    "check_currency",
    "currency_exponent",
    "parse_minor",
    "round_half_up",
    "round_to_step",
]


def check_currency(code: str) -> str:
    code = code.strip().upper()
    if len(code) != 3 or not is_currency(code):
        raise InvalidInput(
            _("'{code}' is not an ISO 4217 currency code: use three letters such as EUR.").format(code=code)
        )
    return code


@dataclass(frozen=True, order=True, slots=True)
class Money:
    minor: int
    currency: str

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def times(self, quantity: int) -> Money:
        return Money(self.minor * quantity, self.currency)

    def is_zero(self) -> bool:
        return self.minor == 0

    def as_decimal(self) -> Decimal:
        return Decimal(self.minor).scaleb(-currency_exponent(self.currency))

    def format(self, locale: str) -> str:
        return format_currency(self.as_decimal(), self.currency, locale=locale)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(0, currency)

    @classmethod
    def parse(cls, text: str, currency: str) -> Money:
        """Read an amount typed in major units ("12.50", "12,50", "12")."""
        return cls(parse_minor(text, currency), currency)


def parse_minor(text: str, currency: str) -> int:
    """An amount typed in major units as minor units, by the rules the catalog import prices with."""
    try:
        return catalog_rows.parse_minor(text, currency)
    except catalog_rows.BadValue as error:
        raise InvalidInput(str(error)) from None


def round_half_up(value: Decimal) -> int:
    """Commercial rounding to a whole number of minor units (0.5 goes away from zero)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_to_step(minor: int, step: int) -> int:
    """Round an amount to the nearest multiple of ``step`` minor units, halves away from zero.

    This is cash rounding (CHF to 0.05, for example): it only ever applies to the
    part of a sale paid in cash, never to card payments.
    """
    if step <= 1:
        return minor
    sign = -1 if minor < 0 else 1
    quotient, remainder = divmod(abs(minor), step)
    if remainder * 2 >= step:
        quotient += 1
    return sign * quotient * step
