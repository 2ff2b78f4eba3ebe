"""What an event's country suggests when it is set up: its tax rates, currency, language and time zone.

A person setting up a till picks a language-and-country (``Deutsch (Schweiz)``
is the locale ``de_CH``); the rest is suggested from the country and stays
editable, since a stall may sell in euros in Switzerland or need a rate the
table does not know. The rates are the VAT rates in force when this table was
last checked (2025); a country not in it gets one rate to fill in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from zoneinfo import available_timezones

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.localedata import locale_identifiers

from app.domain.dates import local_zone_name, zones_of_country


@dataclass(frozen=True, slots=True)
class SuggestedRate:
    name: str
    percent: Decimal


def _rates(*pairs: tuple[str, str]) -> tuple[SuggestedRate, ...]:
    return tuple(SuggestedRate(name, Decimal(percent)) for name, percent in pairs)


SUGGESTED_RATES: Mapping[str, tuple[SuggestedRate, ...]] = {
    "AT": _rates(("standard", "20"), ("reduced", "10"), ("reduced 13", "13")),
    "AU": _rates(("GST", "10"), ("GST-free", "0")),
    "BE": _rates(("standard", "21"), ("reduced", "6"), ("intermediate", "12")),
    "CA": _rates(("GST", "5"), ("zero-rated", "0")),
    "CH": _rates(("standard", "8.1"), ("reduced", "2.6"), ("accommodation", "3.8")),
    "CZ": _rates(("standard", "21"), ("reduced", "12")),
    "DE": _rates(("standard", "19"), ("reduced", "7")),
    "DK": _rates(
        ("standard", "25"),
    ),
    "ES": _rates(("standard", "21"), ("reduced", "10"), ("super-reduced", "4")),
    "FI": _rates(("standard", "25.5"), ("reduced", "14"), ("reduced 10", "10")),
    "FR": _rates(("standard", "20"), ("intermediate", "10"), ("reduced", "5.5"), ("super-reduced", "2.1")),
    "GB": _rates(("standard", "20"), ("reduced", "5"), ("zero", "0")),
    "IE": _rates(("standard", "23"), ("reduced", "13.5"), ("second reduced", "9")),
    "IT": _rates(("standard", "22"), ("reduced", "10"), ("reduced 5", "5"), ("super-reduced", "4")),
    "LU": _rates(("standard", "17"), ("intermediate", "14"), ("reduced", "8"), ("super-reduced", "3")),
    "NL": _rates(("standard", "21"), ("reduced", "9")),
    "NO": _rates(("standard", "25"), ("food", "15"), ("reduced", "12")),
    "PL": _rates(("standard", "23"), ("reduced", "8"), ("reduced 5", "5")),
    "PT": _rates(("standard", "23"), ("intermediate", "13"), ("reduced", "6")),
    "SE": _rates(("standard", "25"), ("reduced", "12"), ("reduced 6", "6")),
    # Sales tax in the US is set by states and cities and added at the till: the manager types it.
    "US": _rates(
        ("sales tax", "0"),
    ),
}
_UNKNOWN = _rates(
    ("standard", "0"),
)


def suggested_rates(country: str) -> tuple[SuggestedRate, ...]:
    return SUGGESTED_RATES.get(country.upper(), _UNKNOWN)


@dataclass(frozen=True, slots=True)
class Choice:
    """One entry of a list: the value kept (``de_CH``, ``CHF``) and the words shown (``Deutsch (Schweiz)``)."""

    value: str
    label: str


@cache
def locale_choices() -> tuple[Choice, ...]:
    """Every language-and-country Babel knows, named in its own language, in alphabetical order.

    Reading 600 locales takes a second or two: a screen asks for it off the GUI thread, once.
    """
    found: list[Choice] = []
    for identifier in locale_identifiers():
        territory = identifier.partition("_")[2]
        # Only plain language_COUNTRY: a script or variant (sr_Latn, ca_ES_VALENCIA) is not a counter's choice.
        if len(territory) != 2 or not territory.isalpha():
            continue
        name = Locale.parse(identifier).get_display_name()
        if name:
            found.append(Choice(identifier, name[:1].upper() + name[1:]))
    return tuple(sorted(found, key=lambda choice: choice.label.casefold()))


def country_of(locale: str) -> str:
    try:
        return Locale.parse(locale).territory or ""
    except (ValueError, UnknownLocaleError):
        return ""


def currency_choices(country: str, shown_in: str) -> list[Choice]:
    """Every currency in use today as ``CHF · Swiss franc``, named in ``shown_in``; the country's own first."""
    names: Mapping[str, str] = Locale.parse(shown_in).currencies
    tender: Mapping[str, list[tuple[str, object, object, bool]]] = get_global("territory_currencies")

    def in_use(territory: str) -> list[str]:
        return [code for code, _start, end, legal in tender.get(territory, []) if end is None and legal]

    own = in_use(country.upper())
    codes = own + sorted({code for territory in tender for code in in_use(territory)} - set(own))
    return [Choice(code, f"{code} · {names.get(code, code)}") for code in codes]


def zone_choices(country: str) -> list[str]:
    """Every zone, the country's own first (its main one at the top), then this machine's, then the rest."""
    own = zones_of_country(country)
    rest = sorted(set(_all_zones()) - set(own))
    local = local_zone_name()
    if local in rest:
        rest.remove(local)
        rest.insert(0, local)
    return own + rest


def _all_zones() -> list[str]:
    # Region/City names only: the legacy aliases (US/Pacific, Etc/GMT+5, posixrules) are no one's answer.
    prefixes = ("Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/", "Europe/", "Indian/")
    return [name for name in available_timezones() if name.startswith((*prefixes, "Pacific/")) or name == "Etc/UTC"]
