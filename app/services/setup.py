"""Setting up a till on an event (standalone; enrollment with a hub comes with sync)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from babel import Locale, UnknownLocaleError

from app.domain.catalog import TaxClass
from app.domain.errors import InvalidInput
from app.domain.events import EventSettings
from app.domain.ids import new_id
from app.domain.money import check_currency, currency_exponent
from app.domain.sales import check_till_code
from app.store.outbox import OutboxStatus
from app.store.tills import TillInfo
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
        if uow.tills.setting("till_id") is not None:
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
