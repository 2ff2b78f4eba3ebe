"""What a manager may set for a group buy, and when (docs/group_buys.md, "Set by a manager").

A manager opens a group buy with a name, a product, a minimum, a deadline in
the future and a price per unit (a deposit or the full price). Until its
deadline, and while the hub has not closed it, the manager may change it or
cancel it. Once a customer committed, the product, the price and the payment
stay as they are: the money already taken was for those; cancel and open
another instead. The hub counts and closes; these rules only guard what a
manager types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.group_buys import CANCELLED, DEPOSIT, FULL, MAX_COMMITMENT_QUANTITY, MISSED, OPEN, REACHED, GroupBuy
from app.domain.texts import N_, _

MAX_GROUP_BUY_NAME = 80
# What a group buy came to, as the event report names it.
OUTCOME_LABELS = {OPEN: N_("open"), REACHED: N_("reached"), MISSED: N_("missed"), CANCELLED: N_("cancelled")}
__all__ = ["CANCELLED", "OUTCOME_LABELS", "GroupBuyTerms", "check_change", "check_changeable", "check_terms"]


@dataclass(frozen=True, slots=True)
class GroupBuyTerms:
    """The terms as a manager sets them; ``price`` in minor units, ``deadline`` with its zone."""

    name: str
    sku: str
    minimum: int
    deadline: datetime
    price: int
    payment: str


def check_terms(terms: GroupBuyTerms, now: datetime) -> GroupBuyTerms:
    """The terms with a tidy name; raises InvalidInput saying what to type instead."""
    name = " ".join(terms.name.split())
    if not name or len(name) > MAX_GROUP_BUY_NAME:
        raise InvalidInput(
            _("Name the group buy, at most {most} characters (e.g. Teapot run).").format(most=MAX_GROUP_BUY_NAME)
        )
    if not terms.sku.strip():
        raise InvalidInput(_("Type the SKU of the product the group buy makes."))
    if not 1 <= terms.minimum <= MAX_COMMITMENT_QUANTITY:
        raise InvalidInput(_("The minimum is 1 to {most} units: type it again.").format(most=MAX_COMMITMENT_QUANTITY))
    if terms.price <= 0:
        raise InvalidInput(_("The price per unit must be more than 0: type the deposit or the full price."))
    if terms.payment not in (DEPOSIT, FULL):
        raise InvalidInput(_("Choose whether the customer pays a deposit or the full price."))
    if terms.deadline <= now:
        raise InvalidInput(_("The deadline is already past: choose a later date and time."))
    return GroupBuyTerms(name, terms.sku.strip(), terms.minimum, terms.deadline, terms.price, terms.payment)


def check_changeable(group_buy: GroupBuy, now: datetime) -> None:
    """A manager changes or cancels a group buy only while it is open and before its deadline."""
    if group_buy.state != OPEN:
        raise RuleViolation(
            _("The group buy {name} is already closed: it can no longer be changed.").format(name=group_buy.name)
        )
    if now >= group_buy.deadline:
        raise RuleViolation(
            _("The deadline of the group buy {name} has passed: the hub closes it now, no change is taken.").format(
                name=group_buy.name
            )
        )


def check_change(group_buy: GroupBuy, terms: GroupBuyTerms, committed: int, now: datetime) -> None:
    """A change of an open group buy; with commitments, its product, price and payment stay."""
    check_changeable(group_buy, now)
    fixed = (group_buy.sku, group_buy.price, group_buy.payment)
    if committed > 0 and fixed != (terms.sku, terms.price, terms.payment):
        raise RuleViolation(
            _(
                "Customers have committed to the group buy {name}: its product, price and payment stay as they are. "
                "Cancel it and open another to change them."
            ).format(name=group_buy.name)
        )
