"""How a sale is paid: cash, card, voucher, or several of them.

Rules every till applies the same way:

* the tenders must cover the total, or the sale cannot complete;
* change only ever comes from cash, so card and voucher amounts may not exceed
  what is left to pay;
* cash rounding (e.g. CHF to 0.05) applies to the part paid in cash only; the
  rounding difference is kept on the sale so the books still add up.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.events import EventSettings
from app.domain.money import round_to_step
from app.domain.texts import _


class TenderKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    VOUCHER = "voucher"


class ShortPayment(RuleViolation):
    """The payments so far fall short of the total: fine while the customer is still paying."""


@dataclass(frozen=True, slots=True)
class Tender:
    """What the customer hands over: for cash the notes given, otherwise the amount charged."""

    kind: TenderKind
    amount: int
    reference: str = ""

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise InvalidInput(_("A tender amount cannot be negative."))
        if self.kind is TenderKind.VOUCHER and not self.reference.strip():
            raise InvalidInput(_("A voucher payment needs the voucher code: scan or type it."))
        if self.kind is not TenderKind.CASH and self.amount == 0:
            # Only card and voucher get here; the kind is named in the sentence, not inserted as a code.
            zero = (
                _("A card payment of zero is not a payment: enter the amount.")
                if self.kind is TenderKind.CARD
                else _("A voucher payment of zero is not a payment: enter the amount.")
            )
            raise InvalidInput(zero)


def check_card_references(tenders: Sequence[Tender], required: bool) -> None:
    """Where the event asks for it, every card payment carries the terminal's reference (for disputes)."""
    if required and any(t.kind is TenderKind.CARD and not t.reference.strip() for t in tenders):
        raise InvalidInput(_("A card payment needs the terminal's reference here: type it from the terminal slip."))


@dataclass(frozen=True, slots=True)
class AppliedTender:
    kind: TenderKind
    amount: int
    tendered: int
    reference: str


@dataclass(frozen=True, slots=True)
class Settlement:
    total: int
    rounding: int
    change: int
    tenders: tuple[AppliedTender, ...]

    @property
    def amount_paid(self) -> int:
        return sum(tender.amount for tender in self.tenders)


def settle(total: int, tenders: Sequence[Tender], event: EventSettings) -> Settlement:
    """Check the tenders against the total and work out rounding and change."""
    if total < 0:
        raise RuleViolation(_("A sale cannot have a negative total: use a return instead."))
    non_cash = [tender for tender in tenders if tender.kind is not TenderKind.CASH]
    cash = [tender for tender in tenders if tender.kind is TenderKind.CASH]
    non_cash_total = sum(tender.amount for tender in non_cash)
    if non_cash_total > total:
        raise RuleViolation(
            _(
                "Card and voucher payments are more than the total, and change only comes from cash: lower "
                "the card or voucher amount."
            )
        )
    left_for_cash = total - non_cash_total
    applied = [AppliedTender(t.kind, t.amount, t.amount, t.reference.strip()) for t in non_cash]
    if not cash:
        if left_for_cash > 0:
            raise ShortPayment(
                _("The payments are short by {left_for_cash}: add a payment.").format(
                    left_for_cash=event.format(left_for_cash)
                )
            )
        return Settlement(total, 0, 0, tuple(applied))
    cash_due = round_to_step(left_for_cash, event.cash_rounding_step)
    cash_given = sum(tender.amount for tender in cash)
    if left_for_cash == 0 and cash_given > 0:
        raise RuleViolation(_("Nothing is left to pay in cash: remove the cash payment."))
    if cash_given < cash_due:
        raise ShortPayment(
            _("The cash is short by {amount}: take more cash.").format(amount=event.format(cash_due - cash_given))
        )
    applied.append(AppliedTender(TenderKind.CASH, cash_due, cash_given, ""))
    return Settlement(total, cash_due - left_for_cash, cash_given - cash_due, tuple(applied))


def check_partial(total: int, tenders: Sequence[Tender], event: EventSettings) -> None:
    """Payments being added may still fall short, but never break a rule that settling would refuse."""
    with suppress(ShortPayment):
        settle(total, tenders, event)


# Banknotes and the larger coins people pay with, in minor units, per currency.
_NOTES: dict[str, tuple[int, ...]] = {
    "EUR": (500, 1000, 2000, 5000, 10000, 20000),
    "CHF": (500, 1000, 2000, 5000, 10000, 20000),
    "GBP": (500, 1000, 2000, 5000),
    "USD": (100, 500, 1000, 2000, 5000, 10000),
}
_DEFAULT_NOTES = (500, 1000, 2000, 5000, 10000)


def quick_cash_amounts(due: int, currency: str, cash_rounding_step: int, count: int = 4) -> list[int]:
    """What the customer is likely to hand over: the exact (cash-rounded) amount, then the next notes up."""
    if due <= 0:
        return []
    exact = round_to_step(due, cash_rounding_step)
    amounts = [exact]
    notes = _NOTES.get(currency, _DEFAULT_NOTES)
    for note in notes:
        next_multiple = -(-due // note) * note
        if next_multiple > amounts[-1] and next_multiple not in amounts:
            amounts.append(next_multiple)
        if len(amounts) >= count:
            break
    return sorted(amounts)[:count]
