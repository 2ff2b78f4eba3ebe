"""Dates and times written and read the event's way; what a country suggests when an event is set up."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from babel.dates import format_datetime

from app.domain import dates
from app.domain.errors import InvalidInput
from app.domain.events import EventSettings
from app.domain.tax_suggestions import (
    SuggestedRate,
    currency_choices,
    locale_choices,
    suggested_rates,
    zone_choices,
)

AT = "2026-12-02T02:58:00.000+00:00"  # as the store keeps it


def event(locale: str, zone: str) -> EventSettings:
    return EventSettings("e", "Market", "CHF", locale, True, 5, Decimal(10), time_zone=zone)


def test_a_swiss_event_writes_the_stored_utc_time_on_its_own_clock() -> None:
    swiss = event("de_CH", "Europe/Zurich")
    assert swiss.format_datetime(AT) == "02.12.26, 03:58"
    assert swiss.format_date(AT) == "02.12.26"
    assert swiss.format_time(AT) == "03:58"
    assert swiss.format_time(AT, "medium") == "03:58:00"


def test_summer_time_moves_the_clock_as_the_hall_clocks_move() -> None:
    swiss = event("de_CH", "Europe/Zurich")
    assert swiss.format_time("2026-07-01T12:00:00+00:00") == "14:00"
    assert swiss.format_time("2026-01-15T12:00:00+00:00") == "13:00"


def test_an_american_event_writes_its_own_way_and_a_late_utc_time_falls_on_the_day_before() -> None:
    american = event("en_US", "America/New_York")
    expected = format_datetime(datetime(2026, 12, 1, 21, 58), "short", locale="en_US")
    assert american.format_datetime(AT) == expected
    assert american.format_date(AT) == "12/1/26"


def test_an_event_without_a_zone_uses_this_machines() -> None:
    older = event("de_CH", "")
    local = datetime.fromisoformat(AT).astimezone(dates.zone(""))
    assert older.format_time(AT) == f"{local:%H:%M}"
    assert older.zone_name() == dates.local_zone_name()


def test_a_naive_timestamp_is_utc_as_the_store_writes_them() -> None:
    assert event("de_CH", "Europe/Zurich").format_time("2026-12-02T02:58:00") == "03:58"


@pytest.mark.parametrize(
    ("typed", "locale", "day"),
    [
        ("2.12.2026", "de_CH", date(2026, 12, 2)),
        ("02.12.26", "de_CH", date(2026, 12, 2)),
        ("12/2/2026", "en_US", date(2026, 12, 2)),
        ("2/12/2026", "en_GB", date(2026, 12, 2)),
        ("2026-12-02", "en_US", date(2026, 12, 2)),  # ISO is always understood
        (" 2026-12-02 ", "de_CH", date(2026, 12, 2)),
    ],
)
def test_a_date_is_read_in_the_locales_form_or_as_iso(typed: str, locale: str, day: date) -> None:
    assert dates.parse_date(typed, locale) == day


@pytest.mark.parametrize("typed", ["", "hello", "32.12.2026", "2.12.", "2026-13-45"])
def test_a_wrong_date_is_refused_with_the_locales_example(typed: str) -> None:
    with pytest.raises(InvalidInput, match=r"type it as 05\.12\.26 \(or 2026-12-05\)"):
        dates.parse_date(typed, "de_CH")


def test_a_day_in_the_events_zone_spans_the_utc_days_it_overlaps() -> None:
    assert dates.utc_days_of(date(2026, 12, 2), "Europe/Zurich") == [date(2026, 12, 1), date(2026, 12, 2)]
    assert dates.utc_days_of(date(2026, 12, 2), "America/New_York") == [date(2026, 12, 2), date(2026, 12, 3)]
    assert dates.utc_days_of(date(2026, 12, 2), "Etc/UTC") == [date(2026, 12, 2)]
    assert dates.local_date("2026-12-01T23:30:00+00:00", "Europe/Zurich") == date(2026, 12, 2)


def test_time_zones_are_checked_by_name() -> None:
    assert dates.check_time_zone(" Europe/Zurich ") == "Europe/Zurich"
    with pytest.raises(InvalidInput, match="'Europe/Zürich' is not a time zone"):
        dates.check_time_zone("Europe/Zürich")
    assert dates.zones_of_country("ch") == ["Europe/Zurich"]


def test_a_country_suggests_its_rates_and_an_unknown_one_a_rate_to_fill_in() -> None:
    assert suggested_rates("CH") == (
        SuggestedRate("standard", Decimal("8.1")),
        SuggestedRate("reduced", Decimal("2.6")),
        SuggestedRate("accommodation", Decimal("3.8")),
    )
    assert [rate.percent for rate in suggested_rates("de")] == [Decimal(19), Decimal(7)]
    assert suggested_rates("ZZ") == (SuggestedRate("standard", Decimal(0)),)


def test_the_lists_put_the_countrys_own_first_and_name_them_in_words() -> None:
    currencies = currency_choices("CH", "de_CH")
    assert currencies[0].value == "CHF" and currencies[0].label == "CHF · Schweizer Franken"
    assert "EUR" in {choice.value for choice in currencies}
    assert "DEM" not in {choice.value for choice in currencies}  # no longer anyone's money
    assert zone_choices("CH")[0] == "Europe/Zurich"
    assert "US/Pacific" not in zone_choices("US")
    locales = {choice.value: choice.label for choice in locale_choices()}
    assert locales["de_CH"] == "Deutsch (Schweiz)"
    assert locales["fr_CH"] == "Français (Suisse)"
    assert "sr_Latn_RS" not in locales


def test_the_store_clock_is_utc() -> None:
    assert dates.moment(datetime(2026, 12, 2, 2, 58)).tzinfo is UTC
