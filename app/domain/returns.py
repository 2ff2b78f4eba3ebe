"""Returns: what is still returnable, what each line refunds, and which tender gives the money back.

The rules hold across every return of a sale, on this till and on others:
a line's returned quantity never exceeds what was sold, a line's refunds
never exceed what it cost, and a tender's refunds never exceed what it paid.
Refunds are worked out from the original sale's figures, never from today's
prices, so discounts and taxes come back exactly as they were charged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.money import round_to_step
from app.domain.texts import N_, _


class Disposition(StrEnum):
    RESTOCK = "restock"
    QUALITY_HOLD = "quality_hold"
    WRITE_OFF = "write_off"


# Stored in English as chosen (a typed reason as typed); translated where shown or printed (``_(reason)``).
RETURN_REASONS = (
    N_("changed mind"),
    N_("wrong size"),
    N_("defective"),
    N_("damaged in transport"),
    N_("not as described"),
    N_("gift"),
)
DISPOSITION_LABELS: dict[str, str] = {
    Disposition.RESTOCK: N_("back to stock"),
    Disposition.QUALITY_HOLD: N_("quality hold"),
    Disposition.WRITE_OFF: N_("write off"),
}


def disposition_label(key: str) -> str:
    """The English label of a stored disposition (a newer till's unknown one as stored), to translate where shown."""
    return DISPOSITION_LABELS.get(key, key.replace("_", " "))


class RefundKind(StrEnum):
    CASH = "cash"
    CARD = "card"
    STORE_CREDIT = "store_credit"


class RefundMethod(StrEnum):
    ORIGINAL = "original"  # back to the tenders that paid, in their proportions
    STORE_CREDIT = "store_credit"  # a new voucher for the whole refund


@dataclass(frozen=True, slots=True)
class SoldLineFacts:
    """A sold line and what earlier returns took from it."""

    line_no: int
    quantity: int
    total: int
    returned_quantity: int = 0
    refunded_amount: int = 0

    @property
    def returnable(self) -> int:
        return max(self.quantity - self.returned_quantity, 0)


@dataclass(frozen=True, slots=True)
class PaidFacts:
    """An original tender and what earlier returns refunded on it."""

    kind: str
    paid: int
    reference: str
    refunded: int = 0

    @property
    def refundable(self) -> int:
        return max(self.paid - self.refunded, 0)


@dataclass(frozen=True, slots=True)
class ReturnLineRequest:
    line_no: int
    quantity: int
    reason: str
    disposition: Disposition


@dataclass(frozen=True, slots=True)
class Refund:
    kind: RefundKind
    amount: int
    # Which of the sale's tenders gives it back (None: store credit chosen instead of the original tenders).
    tender_index: int | None = None
    # The original tender's reference (the card payment it reverses).
    original_reference: str = ""


def check_return_lines(lines: Mapping[int, SoldLineFacts], requests: Sequence[ReturnLineRequest]) -> None:
    """Refuse a return of nothing, of a line not on the sale, or of more than is left to return."""
    if not requests or all(request.quantity == 0 for request in requests):
        raise InvalidInput(_("Choose at least one item to return."))
    seen: set[int] = set()
    for request in requests:
        if request.line_no in seen:
            raise InvalidInput(_("Each line of the receipt is returned once per return: merge the quantities."))
        seen.add(request.line_no)
        line = lines.get(request.line_no)
        if line is None:
            raise InvalidInput(_("Line {line_no} is not on this receipt.").format(line_no=request.line_no))
        if request.quantity < 0:
            raise InvalidInput(_("A quantity to return is zero or more."))
        if request.quantity and not request.reason.strip():
            raise InvalidInput(_("Say why each item comes back (e.g. broken, wrong size, changed mind)."))
        if request.quantity > line.returnable:
            if line.returnable == 0:
                raise RuleViolation(
                    _("Line {line_no} was already returned in full: it cannot come back twice.").format(
                        line_no=request.line_no
                    )
                )
            raise RuleViolation(
                _(
                    "Only {returnable} of line {line_no} can still be returned ({returned_quantity} of "
                    "{quantity} already came back)."
                ).format(
                    returnable=line.returnable,
                    line_no=request.line_no,
                    returned_quantity=line.returned_quantity,
                    quantity=line.quantity,
                )
            )


def line_refund(line: SoldLineFacts, quantity: int) -> int:
    """What returning ``quantity`` of a line gives back: its share of what the line cost.

    Shares are rounded down and the last unit takes the remainder, so all the
    returns of a line add up to exactly its total and never more.
    """
    if quantity <= 0:
        return 0
    if line.returned_quantity + quantity >= line.quantity:
        return line.total - line.refunded_amount
    return line.total * quantity // line.quantity


def split_refund(amount: int, paid: Sequence[PaidFacts], cash_rounding_step: int) -> list[Refund]:
    """Share a refund over the original tenders in proportion to what each paid, capped by what each can give back.

    A voucher's share comes back as store credit (a new voucher); the cash
    share is rounded to the cash step, downwards when rounding up would take
    more than the cash paid.
    """
    if amount <= 0:
        return []
    room = [tender.refundable for tender in paid]
    if amount > sum(room):
        raise RuleViolation(_("This refund is more than the sale's payments can give back: call a manager."))
    total_room = sum(room)
    shares = [amount * r // total_room for r in room]
    left = amount - sum(shares)
    for index, r in enumerate(room):
        extra = min(left, r - shares[index])
        shares[index] += extra
        left -= extra
    refunds: list[Refund] = []
    for index, (tender, share, cap) in enumerate(zip(paid, shares, room, strict=True)):
        if share <= 0:
            continue
        if tender.kind == "cash":
            rounded = round_to_step(share, cash_rounding_step)
            if rounded > cap:
                rounded = cap - cap % cash_rounding_step
            if rounded > 0:
                refunds.append(Refund(RefundKind.CASH, rounded, index))
        elif tender.kind == "card":
            refunds.append(Refund(RefundKind.CARD, share, index, tender.reference))
        else:
            refunds.append(Refund(RefundKind.STORE_CREDIT, share, index, tender.reference))
    return refunds
