"""Setting up a till on an event (standalone; enrollment with a hub is in syncing), and its till-wide settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from babel import Locale, UnknownLocaleError

from app.domain.catalog import TaxClass
from app.domain.errors import InvalidInput
from app.domain.events import EventSettings
from app.domain.ids import new_id
from app.domain.money import check_currency, currency_exponent
from app.domain.sales import check_till_code
from app.domain.staff import Permission
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


DEFAULT_FLOAT_KEY = "default_float_minor"


def parse_tax_class(text: str) -> TaxClass:
    """``standard=20`` or ``reduced=5.5%``: a tax class code and its rate in percent."""
    code, _, rate = text.partition("=")
    message = f"'{text}' is not a tax class: write CODE=RATE, e.g. standard=20 or reduced=5.5."
    try:
        percent = Decimal(rate.strip().rstrip("%"))
    except InvalidOperation:
        raise InvalidInput(message) from None
    if not code.strip() or not 0 <= percent < 100:
        raise InvalidInput(message)
    return TaxClass(code.strip(), f"{code.strip()} {percent}%", percent / 100)


def set_up_till(cmd: SetUpTill, uow: UnitOfWork) -> TillInfo:
    currency = check_currency(cmd.currency)
    try:
        Locale.parse(cmd.locale)
    except (ValueError, UnknownLocaleError):
        raise InvalidInput(f"'{cmd.locale}' is not a known locale: use one such as en_GB, fr_FR or de_CH.") from None
    try:
        currency_exponent(currency)
    except Exception:
        raise InvalidInput(f"'{currency}' is not a known currency.") from None
    if cmd.cash_rounding_step < 1:
        raise InvalidInput("The cash rounding step is at least 1 minor unit.")
    if not cmd.tax_classes:
        raise InvalidInput("An event needs at least one tax class.")
    event = EventSettings(
        event_id=new_id(),
        name=cmd.event_name.strip() or "Pop-up",
        currency=currency,
        locale=cmd.locale,
        prices_include_tax=cmd.prices_include_tax,
        cash_rounding_step=cmd.cash_rounding_step,
        discount_limit_percent=cmd.discount_limit_percent,
    )
    till = TillInfo(new_id(), check_till_code(cmd.till_code), event.event_id, cmd.location)
    with uow:
        if uow.tills.setting(THIS_TILL_KEY) is not None:
            raise InvalidInput("This store already has a till: use another --data-dir for another till.")
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


def is_set_up(uow: UnitOfWork) -> bool:
    """True once the store holds its till (set up standalone, enrolled, or the demo)."""
    with uow.for_reading():
        return uow.tills.setting(THIS_TILL_KEY) is not None


def set_default_float(amount: int, staff_id: str, uow: UnitOfWork) -> int:
    """The cash float a new cash session starts from, in minor units (cash sessions offer it as the default)."""
    if amount < 0:
        raise InvalidInput("A cash float cannot be negative: count the coins and notes in the drawer.")
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
