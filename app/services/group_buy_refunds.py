"""The returns desk's group-buy refunds: commitments the hub said to refund, back to the tenders that paid them.

A commitment is a sale (app/services/group_buys.py), so its refund is a return
of that sale's one line through ``record_return``: the same split over the
original tenders (cash from the drawer, the card through the terminal with its
reference), the same audit, outbox record and protection against refunding
twice. The desk lists every refund-due commitment of the event; one paid on
another till is refunded here once the feed brought its sale.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from app.domain.errors import NotFound, RuleViolation
from app.domain.events import EventSettings
from app.domain.returns import Disposition, RefundMethod, ReturnLineRequest
from app.domain.texts import _
from app.services.authorization import ManagerApproval
from app.services.returns import RecordReturn, ReturnDone, record_return
from app.store.group_buys import GroupBuyRepository, RefundDue
from app.store.unit_of_work import UnitOfWork

# The reason a return of a commitment records (stored as typed, like every return reason).
REFUND_REASON = "group buy refund"


@dataclass(frozen=True, slots=True)
class RefundCommitment:
    commitment_id: str
    staff_id: str
    # The card terminal's refund reference per tender index of the sale, where a card paid.
    card_refund_references: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RefundBoard:
    event: EventSettings
    due: tuple[RefundDue, ...]


def refund_board(uow: UnitOfWork) -> RefundBoard:
    """The desk's list, with the event that writes its amounts."""
    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
        return RefundBoard(event, tuple(GroupBuyRepository(uow.connection).refunds_due()))


def refunds_due(uow: UnitOfWork) -> list[RefundDue]:
    """The event's commitments to refund, those not refunded yet first."""
    with uow.for_reading():
        return GroupBuyRepository(uow.connection).refunds_due()


def refund_commitment(cmd: RefundCommitment, uow: UnitOfWork, approval: ManagerApproval | None = None) -> ReturnDone:
    """Return the commitment's sale line in full, refunded to its original tenders."""
    due = next((item for item in refunds_due(uow) if item.commitment_id == cmd.commitment_id), None)
    if due is None:
        raise NotFound(_("This commitment is not one to refund: sync, then look at the list again."))
    if due.refunded:
        raise RuleViolation(
            _("The commitment on receipt {receipt_no} was already refunded.").format(receipt_no=due.receipt_no)
        )
    request = RecordReturn(
        staff_id=cmd.staff_id,
        sale_id=due.sale_id,
        # A commitment's sale has one line: the group buy's, for the committed quantity.
        lines=(ReturnLineRequest(1, due.quantity, REFUND_REASON, Disposition.RESTOCK),),
        method=RefundMethod.ORIGINAL,
        card_refund_references=cmd.card_refund_references,
    )
    return record_return(request, uow, approval)
