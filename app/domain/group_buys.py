"""Group buys at the counter: when a commitment may be taken, what it needs, and the window's progress.

A group buy is made only if ``minimum`` units are committed before its
``deadline``; the hub decides at the close (docs/group_buys.md). The counter
takes a commitment only while the window is open by its own clock, with the
customer's contact (email or phone) and their consent to be contacted; the
progress it shows is the hub's count plus this till's commitments the hub has
not counted yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_datetime as babel_format_datetime

from app.domain import dates
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.events import EventSettings
from app.domain.texts import N_, _

OPEN, REACHED, MISSED = "open", "reached", "missed"
# Withdrawn by a manager before its deadline (app/domain/group_buy_terms.py).
CANCELLED = "cancelled"
DEPOSIT, FULL = "deposit", "full"
# The counter's quantity limit (app/domain/cart.py MAX_QUANTITY).
MAX_COMMITMENT_QUANTITY = 9999

# As sync/records/group_buys.py accepts them once normalised.
_EMAIL = re.compile(r"^[a-z0-9._%+'-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63})+$")
_PHONE = re.compile(r"^\+?[0-9]{6,15}$")
_PHONE_SEPARATORS = re.compile(r"[\s().\-/]")

PAYMENT_LABELS = {DEPOSIT: N_("deposit"), FULL: N_("full price")}


@dataclass(frozen=True, slots=True)
class GroupBuy:
    group_buy_id: str
    name: str
    sku: str
    minimum: int
    deadline: datetime
    price: int
    payment: str
    currency: str
    # Units the hub has counted event-wide.
    committed: int
    state: str
    closed_at: datetime | None = None

    def is_open_at(self, now: datetime) -> bool:
        """Commitments are taken until the deadline (not at it), and never once the hub closed the window."""
        return self.state == OPEN and now < self.deadline


@dataclass(frozen=True, slots=True)
class Progress:
    """Units committed event-wide as this till knows them, against the minimum."""

    committed: int
    minimum: int

    @property
    def reached(self) -> bool:
        return self.committed >= self.minimum


def progress(group_buy: GroupBuy, uncounted_here: int) -> Progress:
    """The hub's count plus this till's own commitments not yet counted by the hub."""
    return Progress(group_buy.committed + uncounted_here, group_buy.minimum)


def outcome(committed: int, minimum: int) -> str:
    """What the close decides: reached with the minimum committed, else missed."""
    return REACHED if committed >= minimum else MISSED


def closing_words(deadline: datetime, event: EventSettings) -> str:
    """The deadline as the hall reads it: weekday and time in the event's zone and language ("Sunday 18:00")."""
    zone = dates.zone(event.zone_name())
    return babel_format_datetime(deadline, "EEEE HH:mm", tzinfo=zone, locale=event.locale)


def progress_line(group_buy: GroupBuy, shown: Progress, event: EventSettings, now: datetime) -> str:
    """ "37 of 50, closes Sunday 18:00", or what the window came to."""
    if group_buy.state == REACHED:
        return _("{committed} of {minimum}: reached, pickup orders are made").format(
            committed=shown.committed, minimum=shown.minimum
        )
    if group_buy.state == MISSED:
        return _("{committed} of {minimum}: missed, commitments are refunded").format(
            committed=shown.committed, minimum=shown.minimum
        )
    if group_buy.state == CANCELLED:
        return _("{committed} of {minimum}: cancelled, commitments are refunded").format(
            committed=shown.committed, minimum=shown.minimum
        )
    if not group_buy.is_open_at(now):
        return _("{committed} of {minimum}, closed {closing}: the hub decides").format(
            committed=shown.committed, minimum=shown.minimum, closing=closing_words(group_buy.deadline, event)
        )
    return _("{committed} of {minimum}, closes {closing}").format(
        committed=shown.committed, minimum=shown.minimum, closing=closing_words(group_buy.deadline, event)
    )


def normalize_contact(text: str) -> str:
    """An email in lower case, or a phone number as digits (a leading + kept); raises InvalidInput."""
    typed = text.strip()
    if not typed:
        raise InvalidInput(
            _("Type the customer's email or phone number: the marketplace tells them whether the group buy goes ahead.")
        )
    if "@" in typed:
        email = typed.lower()
        if _EMAIL.match(email) and len(email) <= 254:
            return email
        raise InvalidInput(_("'{contact}' is not an email address: check it with the customer.").format(contact=typed))
    phone = _PHONE_SEPARATORS.sub("", typed)
    if phone.startswith("00"):
        phone = "+" + phone[2:]
    if _PHONE.match(phone):
        return phone
    raise InvalidInput(
        _("'{contact}' is neither an email address nor a phone number: check it with the customer.").format(
            contact=typed
        )
    )


def check_commitment(
    group_buy: GroupBuy, now: datetime, quantity: int, contact: str, consent: bool, event: EventSettings
) -> str:
    """The normalised contact of a commitment the counter may take now; raises with what to do otherwise."""
    if group_buy.state != OPEN:
        raise RuleViolation(_("The group buy {name} is closed: no more commitments.").format(name=group_buy.name))
    if not group_buy.is_open_at(now):
        raise RuleViolation(
            _("The group buy {name} closed at {deadline}: no more commitments are taken.").format(
                name=group_buy.name, deadline=event.format_datetime(group_buy.deadline)
            )
        )
    if not 1 <= quantity <= MAX_COMMITMENT_QUANTITY:
        raise InvalidInput(_("Commit 1 to {most} units: type the quantity again.").format(most=MAX_COMMITMENT_QUANTITY))
    normalised = normalize_contact(contact)
    if not consent:
        raise InvalidInput(
            _("Ask the customer's consent to be contacted about this group buy and tick it: without it no commitment.")
        )
    return normalised


def commitment_amount(group_buy: GroupBuy, quantity: int) -> int:
    return group_buy.price * quantity
