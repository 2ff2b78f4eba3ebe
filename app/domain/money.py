"""Money as integer minor units with an ISO 4217 currency.

Floats never hold an amount. Conversions from text are done digit by digit and
refuse more decimals than the currency has, so "12.345 EUR" is an error rather
than a silent rounding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency, get_currency_precision, is_currency

from app.domain.errors import InvalidInput


def currency_exponent(currency: str) -> int:
    """Number of decimals of the currency's minor unit (EUR 2, JPY 0, BHD 3)."""
    return int(get_currency_precision(currency))


def check_currency(code: str) -> str:
    code = code.strip().upper()
    if len(code) != 3 or not is_currency(code):
        raise InvalidInput(f"'{code}' is not an ISO 4217 currency code: use three letters such as EUR.")
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


# Digits with at most one decimal separator, as typed at a till or found in a
# spreadsheet. ``Decimal`` alone would also take "1e3", "1_000" and non-ASCII
# digits, and round anything past 28 digits without a word.
_AMOUNT = re.compile(r"([+-]?)(\d*)(?:\.(\d*))?", re.ASCII)
# Far above any price or payment, and far below what SQLite's 64-bit integers
# hold even once multiplied by a quantity and summed over a sale.
MAX_MINOR_DIGITS = 12


def parse_minor(text: str, currency: str) -> int:
    cleaned = text.strip().replace(" ", "").replace(",", ".")
    match = _AMOUNT.fullmatch(cleaned)
    if match is None or not (match.group(2) or match.group(3)):
        raise InvalidInput(f"'{text}' is not an amount: type digits such as 12.50.")
    sign, whole, fraction = match.group(1), match.group(2), match.group(3) or ""
    exponent = currency_exponent(currency)
    if len(fraction.rstrip("0")) > exponent:
        raise InvalidInput(f"'{text}' has more than {exponent} decimals, which {currency} does not have.")
    digits = (whole + fraction.ljust(exponent, "0")[:exponent]).lstrip("0")
    if len(digits) > MAX_MINOR_DIGITS:
        raise InvalidInput(f"'{text}' is too large for an amount: check the number.")
    minor = int(digits or "0")
    return -minor if sign == "-" else minor


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
