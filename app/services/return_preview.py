"""What a return would refund, per tender, worked out before anything is written (the clerk's last look)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.domain.returns import (
    PaidFacts,
    Refund,
    RefundKind,
    RefundMethod,
    check_return_lines,
    line_refund,
    split_refund,
)
from app.services.return_lookup import returnable_sale
from app.services.return_policy import policy_in
from app.services.returns import RecordReturn, _no_receipt_lines
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class RefundShare:
    kind: str  # a RefundKind value
    amount: int
    original_reference: str = ""


@dataclass(frozen=True, slots=True)
class RefundPreview:
    receipt_no: str | None
    total: int
    refunds: tuple[RefundShare, ...]
    currency: str


def preview_refund(cmd: RecordReturn, uow: UnitOfWork) -> RefundPreview:
    """The same split record_return makes, read-only; record_return checks everything again when it writes."""
    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
        policy = policy_in(uow)
        if cmd.sale_id is not None:
            sale = returnable_sale(cmd.sale_id, uow, datetime.now(UTC))
            by_line = {line.line_no: line for line in sale.lines}
            check_return_lines({n: line.facts() for n, line in by_line.items()}, cmd.lines)
            owed = sum(line_refund(by_line[r.line_no].facts(), r.quantity) for r in cmd.lines if r.quantity)
            if cmd.method is RefundMethod.STORE_CREDIT:
                refunds = [Refund(RefundKind.STORE_CREDIT, owed)] if owed else []
            else:
                paid = [PaidFacts(t.kind, t.paid, t.reference, t.refunded) for t in sale.tenders]
                refunds = split_refund(owed, paid, event.cash_rounding_step)
            receipt_no: str | None = sale.receipt_no
        else:
            owed = sum(line.refund for line in _no_receipt_lines(cmd.no_receipt_items, uow))
            cash = cmd.method is RefundMethod.ORIGINAL and policy.no_receipt_cash_allowed
            refunds = [Refund(RefundKind.CASH if cash else RefundKind.STORE_CREDIT, owed)] if owed else []
            receipt_no = None
    shares = tuple(RefundShare(r.kind.value, r.amount, r.original_reference) for r in refunds)
    return RefundPreview(receipt_no, sum(share.amount for share in shares), shares, event.currency)
