"""Dates and times for people: in the event's locale and time zone, read back in the locale's form.

The store keeps every timestamp in UTC as ISO 8601 (app/domain/clock.py);
people see them in the event's zone, written the way its locale writes them
(``02.12.26, 03:58`` in de_CH at Europe/Zurich, ``12/2/26, 2:58 AM`` in
en_US at UTC). Formatting goes through Babel with a ``zoneinfo`` zone, so a
daylight-saving change in the middle of an event moves the clock as the
hall's clocks move.

An event without a zone of its own (set up before events had one, or enrolled
from a hub that sends none) uses this machine's zone.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from babel.core import get_global
from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import format_time as babel_format_time
from babel.dates import get_date_format
from babel.dates import parse_date as babel_parse_date
from babel.localtime import get_localzone

from app.domain.errors import InvalidInput
from app.domain.texts import _

Width = Literal["short", "medium", "long", "full"]
Moment = str | datetime


def local_zone_name() -> str:
    """This machine's IANA zone name (``Etc/UTC`` when the machine names none)."""
    key = getattr(get_localzone(), "key", None)
    return key if isinstance(key, str) and key in available_timezones() else "Etc/UTC"


def check_time_zone(name: str) -> str:
    """An IANA zone name as written (``Europe/Zurich``), or a clear refusal."""
    name = name.strip()
    if name not in available_timezones():
        raise InvalidInput(
            _("'{name}' is not a time zone: use a name such as Europe/Zurich or America/New_York.").format(name=name)
        )
    return name


def zone(name: str) -> tzinfo:
    """The zone called ``name``; this machine's zone for an empty name."""
    if not name:
        return get_localzone()
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            _("'{name}' is not a time zone: use a name such as Europe/Zurich.").format(name=name)
        ) from None


def zones_of_country(country: str) -> list[str]:
    """The IANA zones of a territory (``CH`` -> Europe/Zurich), the main one first."""
    zones: Mapping[str, list[str]] = get_global("territory_zones")
    return [name for name in zones.get(country.upper(), []) if name in available_timezones()]


def moment(at: Moment) -> datetime:
    """A stored timestamp as an aware datetime; a naive one is UTC, as the store writes them."""
    found = datetime.fromisoformat(at) if isinstance(at, str) else at
    return found if found.tzinfo is not None else found.replace(tzinfo=UTC)


def format_datetime(at: Moment, locale: str, zone_name: str, width: Width = "short") -> str:
    return babel_format_datetime(moment(at), width, tzinfo=zone(zone_name), locale=locale)


def format_date(at: Moment | date, locale: str, zone_name: str, width: Width = "short") -> str:
    if isinstance(at, date) and not isinstance(at, datetime):
        return babel_format_date(at, width, locale=locale)
    return babel_format_date(moment(at).astimezone(zone(zone_name)).date(), width, locale=locale)


def format_time(at: Moment, locale: str, zone_name: str, width: Width = "short") -> str:
    return babel_format_time(moment(at), width, tzinfo=zone(zone_name), locale=locale)


def date_hint(locale: str) -> str:
    """How a date is typed in ``locale``, for a field's placeholder (``dd.MM.yy`` in de_CH)."""
    return str(get_date_format("short", locale=locale).pattern)


def date_example(locale: str) -> str:
    """A day written as ``locale`` writes it short (``05.12.26`` in de_CH), to show how to type one."""
    return babel_format_date(date(2026, 12, 5), "short", locale=locale)


def parse_date(text: str, locale: str) -> date:
    """A date typed in the locale's short form (``2.12.2026`` in de_CH, ``12/2/2026`` in en_US) or as ISO."""
    text = text.strip()
    message = f"'{text}' is not a date: type it as {date_example(locale)} (or 2026-12-05)."
    if not text:
        raise InvalidInput(message)
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        # Babel reads the day, month and year in the locale's order; it fails with several exception types.
        return babel_parse_date(text, locale=locale, format="short")
    except (ValueError, IndexError, TypeError):
        raise InvalidInput(message) from None


def local_date(at: Moment, zone_name: str) -> date:
    """The day a stored timestamp falls on in the event's zone."""
    return moment(at).astimezone(zone(zone_name)).date()


def utc_days_of(day: date, zone_name: str) -> list[date]:
    """The UTC days that a day in the event's zone overlaps (one, or two away from UTC)."""
    local = zone(zone_name)
    start = datetime(day.year, day.month, day.day, tzinfo=local).astimezone(UTC)
    end = (datetime(day.year, day.month, day.day, tzinfo=local) + timedelta(days=1)).astimezone(UTC)
    last = (end - timedelta(microseconds=1)).date()
    return [start.date()] if start.date() == last else [start.date(), last]
