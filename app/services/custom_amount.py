"""Selling what the catalog forgot: a custom amount with a tax class, an optional note and maker.

The line is sold as the custom-amount product of its tax class
(sync/custom_lines.py), with the amount as its price and the note as its
name, so it prints, syncs, settles and reports like any line: with a maker,
on that maker's settlement; without one, on the shop's own, which keeps it all.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.cart import CartItem
from app.domain.catalog import Maker, TaxClass
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventSettings
from app.domain.texts import _
from app.services.carts import CartState, add_line
from app.store.custom_lines import CUSTOM_PRODUCT_NAME, HOUSE_MAKER, CustomLineRepository
from app.store.unit_of_work import UnitOfWork
from sync.catalog_rows import BadValue, parse_minor
from sync.custom_lines import custom_sku

# What a receipt line and the sale's record hold as a product's name.
MAX_NOTE_LENGTH = 200


@dataclass(frozen=True, slots=True)
class CustomAmount:
    """As typed at the counter: ``amount`` in major units ("12.50"); no ``maker_id`` is the shop's own."""

    amount: str
    tax_class: str
    note: str = ""
    maker_id: str | None = None


@dataclass(frozen=True, slots=True)
class CustomAmountChoices:
    tax_classes: tuple[TaxClass, ...]
    makers: tuple[Maker, ...]
    currency: str


def custom_amount_choices(uow: UnitOfWork) -> CustomAmountChoices:
    """The tax classes (the most common rate first) and makers the dialog offers."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        classes = sorted(uow.catalog.tax_classes().values(), key=lambda tax: (-tax.rate, tax.code))
        makers = [maker for maker in uow.catalog.makers() if maker.name != HOUSE_MAKER]
    return CustomAmountChoices(tuple(classes), tuple(makers), event.currency)


def add_custom_amount(cart_id: str, entry: CustomAmount, staff_id: str, uow: UnitOfWork) -> CartState:
    note = " ".join(entry.note.split())
    if len(note) > MAX_NOTE_LENGTH:
        raise InvalidInput(
            _("The note is longer than {MAX_NOTE_LENGTH} characters: shorten it.").format(
                MAX_NOTE_LENGTH=MAX_NOTE_LENGTH
            )
        )

    def item(event: EventSettings) -> CartItem:
        amount = _amount(entry.amount, event.currency)
        tax = uow.catalog.tax_classes().get(entry.tax_class)
        if tax is None:
            raise InvalidInput(
                _("'{tax_class}' is not a tax class of this event: choose one from the list.").format(
                    tax_class=entry.tax_class
                )
            )
        custom = CustomLineRepository(uow.connection)
        maker = custom.house_maker() if entry.maker_id is None else _maker(uow, entry.maker_id)
        try:
            sku = custom_sku(tax.code)
        except ValueError as error:
            raise InvalidInput(
                _("A custom amount cannot be sold in this tax class: {error}.").format(error=error)
            ) from None
        return CartItem(
            product_id=custom.product_id(sku, tax.code, now_iso()),
            sku=sku,
            name=note or CUSTOM_PRODUCT_NAME,
            variant="",
            maker_id=maker.maker_id,
            maker_name=maker.name,
            tax_class=tax.code,
            tax_rate=tax.rate,
            unit_price=amount,
        )

    return add_line(cart_id, staff_id, uow, item)


def _amount(text: str, currency: str) -> int:
    try:
        amount = parse_minor(text, currency)
    except BadValue as error:
        raise InvalidInput(str(error)) from None
    if amount <= 0:
        raise InvalidInput(_("A custom amount is more than zero: type the price, e.g. 12.50."))
    return amount


def _maker(uow: UnitOfWork, maker_id: str) -> Maker:
    for maker in uow.catalog.makers():
        if maker.maker_id == maker_id:
            return maker
    raise NotFound(_("That maker is no longer in the catalog: choose another, or none."))
