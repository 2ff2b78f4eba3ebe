"""Setting up a till on an event (standalone; enrollment with a hub is in syncing), and its till-wide settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError

from app.domain.catalog import TaxClass
from app.domain.dates import check_time_zone, local_zone_name
from app.domain.errors import InvalidInput
from app.domain.events import EventSettings
from app.domain.ids import new_id
from app.domain.money import check_currency, currency_exponent
from app.domain.sales import check_till_code
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import require
from app.store.outbox import OutboxStatus
from app.store.tills import THIS_TILL_KEY, TillInfo
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class SetUpTill:
    event_name: str
    till_code: str
    currency: str
    locale: str
    prices_include_tax: bool
    cash_rounding_step: int
    tax_classes: tuple[TaxClass, ...]
    place: str = ""
    starts_on: str = ""
    ends_on: str = ""
    discount_limit_percent: Decimal = field(default=Decimal(10))
    location: str = "stall"
    # IANA name; empty: this machine's zone, written down so that moving the till later changes nothing.
    time_zone: str = ""


DEFAULT_FLOAT_KEY = "default_float_minor"


def parse_tax_class(text: str) -> TaxClass:
    """``standard=20`` or ``reduced=5.5%``: a tax class code and its rate in percent."""
    code, _equals, rate = text.partition("=")
    message = _("'{text}' is not a tax class: write CODE=RATE, e.g. standard=20 or reduced=5.5.").format(text=text)
    try:
        return tax_class(code, rate)
    except InvalidInput:
        raise InvalidInput(message) from None


def tax_class(name: str, rate: str) -> TaxClass:
    """A tax class from its name and its rate in percent as typed (``5.5``, ``5,5`` or ``5.5%``)."""
    name = name.strip()
    if not name:
        raise InvalidInput(
            _("The tax rate {rate} has no name: name it, e.g. standard or reduced.").format(rate=rate.strip())
        )
    try:
        percent = Decimal(rate.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        percent = Decimal(-1)
    if not percent.is_finite() or not 0 <= percent < 100:
        raise InvalidInput(
            _("'{rate}' is not a tax rate for '{name}': type a percentage such as 8.1.").format(
                rate=rate.strip(), name=name
            )
        )
    return TaxClass(name, f"{name} {percent}%", percent / 100)


def set_up_till(cmd: SetUpTill, uow: UnitOfWork) -> TillInfo:
    currency = check_currency(cmd.currency)
    try:
        Locale.parse(cmd.locale)
    except (ValueError, UnknownLocaleError):
        raise InvalidInput(
            _("'{locale}' is not a known locale: use one such as en_GB, fr_FR or de_CH.").format(locale=cmd.locale)
        ) from None
    try:
        currency_exponent(currency)
    except Exception:
        raise InvalidInput(_("'{currency}' is not a known currency.").format(currency=currency)) from None
    if cmd.cash_rounding_step < 1:
        raise InvalidInput(_("The cash rounding step is at least 1 minor unit."))
    if not cmd.tax_classes:
        raise InvalidInput(_("An event needs at least one tax class."))
    codes = [tax.code for tax in cmd.tax_classes]
    if len(set(codes)) != len(codes):
        twice = next(code for code in codes if codes.count(code) > 1)
        raise InvalidInput(_("Two tax rates are named '{twice}': give each rate its own name.").format(twice=twice))
    time_zone = check_time_zone(cmd.time_zone) if cmd.time_zone.strip() else local_zone_name()
    event = EventSettings(
        event_id=new_id(),
        name=cmd.event_name.strip() or "Pop-up",
        currency=currency,
        locale=cmd.locale,
        prices_include_tax=cmd.prices_include_tax,
        cash_rounding_step=cmd.cash_rounding_step,
        discount_limit_percent=cmd.discount_limit_percent,
        time_zone=time_zone,
    )
    till = TillInfo(new_id(), check_till_code(cmd.till_code), event.event_id, cmd.location)
    with uow:
        if uow.tills.setting(THIS_TILL_KEY) is not None:
            raise InvalidInput(_("This store already has a till: use another --data-dir for another till."))
        uow.tills.add_event(event, cmd.place, cmd.starts_on, cmd.ends_on)
        uow.tills.add_till(till)
        for tax_class in cmd.tax_classes:
            uow.catalog.add_tax_class(tax_class)
        uow.audit.append(
            till_id=till.till_id,
            staff_id=None,
            action="till.set_up",
            subject=till.till_id,
            details={"event": event.name, "till_code": till.code, "currency": currency},
        )
        uow.commit()
    return till


@dataclass(frozen=True, slots=True)
class TillStatus:
    till: TillInfo
    event: EventSettings
    products: int
    waiting_to_sync: int


def till_status(uow: UnitOfWork) -> TillStatus:
    with uow.for_reading():
        till = uow.tills.this_till()
        return TillStatus(
            till,
            uow.tills.event(till.event_id),
            uow.catalog.product_count(),
            uow.outbox.count(OutboxStatus.WAITING),
        )


def event_settings(uow: UnitOfWork) -> EventSettings:
    """This till's event: its name, currency, and how it writes money and dates."""
    with uow.for_reading():
        return uow.tills.this_till_and_event()[1]


def is_set_up(uow: UnitOfWork) -> bool:
    """True once the store holds its till (set up standalone, enrolled, or the demo)."""
    with uow.for_reading():
        return uow.tills.setting(THIS_TILL_KEY) is not None


def set_default_float(amount: int, staff_id: str, uow: UnitOfWork) -> int:
    """The cash float a new cash session starts from, in minor units (cash sessions offer it as the default)."""
    if amount < 0:
        raise InvalidInput(_("A cash float cannot be negative: count the coins and notes in the drawer."))
    with uow:
        # A till-wide setting, like the receipt printer's: a manager's decision.
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        till = uow.tills.this_till()
        uow.tills.set_setting(DEFAULT_FLOAT_KEY, str(amount))
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="till.default_float_set",
            subject=till.till_id,
            details={"amount": amount},
        )
        uow.commit()
    return amount


def default_float(uow: UnitOfWork) -> int | None:
    with uow.for_reading():
        stored = uow.tills.setting(DEFAULT_FLOAT_KEY)
    return int(stored) if stored is not None else None
