"""Demand at the counter: what a customer asked for that the till could not sell (docs/demand.md).

An entry names a product of the catalog (sold out, or not in the wanted
size) by its SKU, or an item the event does not stock at all as free text;
an optional quantity (1 to 99) and an optional note (at most 200 characters).
A customer's contact (an email or a phone number) is kept only with their
explicit consent to be told when the item is back, and the consent is kept
with the version of the words that were read to them (``CONSENT_WORDING``):
a contact without a ticked consent is refused, never stored without it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.errors import InvalidInput
from app.domain.group_buys import normalize_contact
from app.domain.texts import _

MAX_DEMAND_QUANTITY = 99
MAX_DEMAND_NOTE = 200
MAX_ITEM_NAME = 200
# The version of the consent words the counter shows (CONSENT_TEXT); a new wording is a new version.
CONSENT_WORDING = "demand-consent-1"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def consent_text() -> str:
    """The words the person at the counter reads to the customer, version ``CONSENT_WORDING``."""
    return _("The customer agrees to be told by the marketplace when this item is back (email or phone)")


@dataclass(frozen=True, slots=True)
class DemandInput:
    """What the counter typed: a SKU or a free-text item, and the optional rest."""

    sku: str | None
    item: str
    quantity: int | None
    note: str
    contact: str
    consent: bool


@dataclass(frozen=True, slots=True)
class Demand:
    """A demand entry checked and normalised: exactly one of ``sku`` and ``item``; a contact only with consent."""

    sku: str | None
    item: str | None
    quantity: int | None
    note: str
    contact: str | None
    consent: bool
    consent_wording: str | None


def _one_line(text: str, limit: int, what: str) -> str:
    cleaned = " ".join(_CONTROL.sub(" ", text).split())
    if len(cleaned) > limit:
        raise InvalidInput(
            _("The {what} is {length} characters long: shorten it to {limit} at most.").format(
                what=what, length=len(cleaned), limit=limit
            )
        )
    return cleaned


def check_demand(typed: DemandInput) -> Demand:
    """The entry to record; raises InvalidInput saying what to change (nothing is stored then)."""
    sku = (typed.sku or "").strip() or None
    item = _one_line(typed.item, MAX_ITEM_NAME, _("item's name")) or None
    if sku is None and item is None:
        raise InvalidInput(_("Say what the customer asked for: choose a product or type the item's name."))
    if sku is not None and item is not None:
        raise InvalidInput(_("A demand names a product or a not-stocked item, not both: clear one of them."))
    if typed.quantity is not None and not 1 <= typed.quantity <= MAX_DEMAND_QUANTITY:
        raise InvalidInput(
            _("Asked for {quantity}? Type a quantity from 1 to {most}, or leave it empty.").format(
                quantity=typed.quantity, most=MAX_DEMAND_QUANTITY
            )
        )
    note = _one_line(typed.note, MAX_DEMAND_NOTE, _("note"))
    contact: str | None = None
    if typed.contact.strip():
        if not typed.consent:
            raise InvalidInput(
                _(
                    "Tick the customer's consent to be told when it is back, or clear the contact: "
                    "without consent no contact is kept."
                )
            )
        contact = normalize_contact(typed.contact)
    elif typed.consent:
        raise InvalidInput(
            _("The consent is ticked but no contact is typed: type the customer's email or phone, or untick it.")
        )
    return Demand(
        sku=sku,
        item=item,
        quantity=typed.quantity,
        note=note,
        contact=contact,
        consent=contact is not None,
        consent_wording=CONSENT_WORDING if contact is not None else None,
    )
