"""The returns desk: take items back, refund the right tender, once (the original is found by
app/services/return_lookup.py, under the event's policy in app/services/return_policy.py).

Honest customers with a receipt are quick: scan its QR code, pick lines, done.
What is easy to abuse asks for a manager: a return after the event's window,
or one without a receipt (refunded as store credit, capped per return and per
event). A return is a fact: it moves stock by its disposition, goes to the
outbox, and is never changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.domain.barcodes import normalize_code
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, PosError, RuleViolation
from app.domain.fact_digest import FactKind
from app.domain.ids import new_id
from app.domain.returns import (
    Disposition,
    PaidFacts,
    Refund,
    RefundKind,
    RefundMethod,
    ReturnLineRequest,
    check_return_lines,
    line_refund,
    split_refund,
)
from app.domain.staff import Permission
from app.domain.tenders import Tender, TenderKind
from app.domain.texts import N_, _
from app.domain.vouchers import new_voucher_code
from app.services.audit import append_fact
from app.services.authorization import ManagerApproval, approve, ensure_event_open, require
from app.services.cash import require_open_session
from app.services.counter_prices import counter_prices_in
from app.services.drop_returns import ReturnedUnits, record_drop_returns_in
from app.services.gift_cards import refuse_gift_card_return
from app.services.records import return_record, voucher_record
from app.services.return_lookup import returnable_sale
from app.services.return_policy import policy_in
from app.services.selling import CompleteSale, SaleCompleted, complete_sale_in
from app.store.returns import RefundWrite, ReturnLineWrite, ReturnWrite
from app.store.stock import Movement, MovementKind
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import is_custom_sku
from sync.records import RecordType

RETURN_CHANGE_KINDS = frozenset({"sale", "return"})
QUALITY_HOLD_LOCATION = "quality_hold"
WRITTEN_OFF_LOCATION = "written_off"
# Translated where shown (the event's language on a receipt, the person's on a screen).
REFUND_LABELS = {"cash": N_("Cash"), "card": N_("Card"), "store_credit": N_("Store credit")}
DISPOSITION_MOVES = {
    Disposition.RESTOCK: MovementKind.RETURN_RESTOCK,
    Disposition.QUALITY_HOLD: MovementKind.QUALITY_HOLD,
    Disposition.WRITE_OFF: MovementKind.WRITE_OFF,
}


@dataclass(frozen=True, slots=True)
class NoReceiptItem:
    code: str
    quantity: int
    reason: str
    disposition: Disposition


@dataclass(frozen=True, slots=True)
class RecordReturn:
    staff_id: str
    sale_id: str | None
    lines: tuple[ReturnLineRequest, ...] = ()
    method: RefundMethod = RefundMethod.ORIGINAL
    # The card terminal's refund reference, per original card tender (by its position on the sale).
    card_refund_references: Mapping[int, str] = field(default_factory=dict)
    no_receipt_items: tuple[NoReceiptItem, ...] = ()


@dataclass(frozen=True, slots=True)
class ReturnDone:
    return_id: str
    return_no: str
    refund_total: int
    refunds: tuple[RefundWrite, ...]
    voucher_code: str | None
    currency: str
    sale: SaleCompleted | None = None
    # After an exchange: the store credit the new items did not use, left on the voucher.
    credit_left: int = 0

    @property
    def cash_refund(self) -> int:
        return sum(refund.amount for refund in self.refunds if refund.kind == RefundKind.CASH)


# Taking items back


def record_return(
    cmd: RecordReturn, uow: UnitOfWork, approval: ManagerApproval | None = None, now: datetime | None = None
) -> ReturnDone:
    """Record a return and its refunds in one transaction; a manager approves what the policy asks."""
    with uow:
        done = _record_return_in(cmd, uow, approval, now or datetime.now(UTC))
        uow.commit()
    return done


@dataclass(frozen=True, slots=True)
class PendingExchange:
    """Lines chosen at the returns desk, waiting for the new items to be scanned on the sell screen."""

    request: RecordReturn
    receipt_no: str
    credit: int


def prepare_exchange(request: RecordReturn, uow: UnitOfWork) -> PendingExchange:
    """Check the lines can come back and work out their credit, writing nothing (the exchange writes it all)."""
    if request.sale_id is None:
        raise InvalidInput(_("An exchange starts from a receipt: scan it first."))
    with uow.for_reading():
        sale = returnable_sale(request.sale_id, uow, datetime.now(UTC))
        refuse_gift_card_return(uow, sale.sale_id, {n.line_no: n.sku for n in sale.lines}, request.lines)
    if sale.online_order:
        raise InvalidInput(
            _("A marketplace order is refunded online: take it back as a return, then sell the new items.")
        )
    by_line = {line.line_no: line for line in sale.lines}
    check_return_lines({number: line.facts() for number, line in by_line.items()}, request.lines)
    credit = sum(line_refund(by_line[r.line_no].facts(), r.quantity) for r in request.lines if r.quantity)
    return PendingExchange(request, sale.receipt_no, credit)


def exchange(
    cmd: RecordReturn,
    cart_id: str,
    extra_tenders: Sequence[Tender],
    uow: UnitOfWork,
    approval: ManagerApproval | None = None,
) -> ReturnDone:
    """A return and a sale in one step: the refund becomes store credit that pays the new cart first.

    What the new items cost beyond the credit is paid with ``extra_tenders``;
    credit left over stays on the voucher for the customer.
    """
    credit = RecordReturn(cmd.staff_id, cmd.sale_id, cmd.lines, RefundMethod.STORE_CREDIT, {}, cmd.no_receipt_items)
    with uow:
        done = _record_return_in(credit, uow, approval, datetime.now(UTC))
        stored = uow.carts.get(cart_id)
        if stored is None or stored.cart.is_empty():
            raise RuleViolation(_("Scan the new items into the cart first, then exchange."))
        event = uow.tills.this_till_and_event()[1]
        due = counter_prices_in(uow).price(stored.cart, event).total  # with the markdowns and bundles in force
        paid_elsewhere = sum(t.amount for t in extra_tenders if t.kind is not TenderKind.CASH)
        voucher_part = min(done.refund_total, max(due - paid_elsewhere, 0))
        tenders = tuple(extra_tenders)
        if voucher_part and done.voucher_code:
            tenders = (Tender(TenderKind.VOUCHER, voucher_part, done.voucher_code), *tenders)
        sale = complete_sale_in(CompleteSale(cart_id, cmd.staff_id, tenders), uow)
        uow.commit()
    return ReturnDone(
        done.return_id,
        done.return_no,
        done.refund_total,
        done.refunds,
        done.voucher_code,
        done.currency,
        sale,
        done.refund_total - voucher_part,
    )


def _record_return_in(
    cmd: RecordReturn, uow: UnitOfWork, approval: ManagerApproval | None, now: datetime
) -> ReturnDone:
    clerk = require(uow, cmd.staff_id, Permission.SELL)
    ensure_event_open(uow)
    till, event = uow.tills.this_till_and_event()
    policy = policy_in(uow)
    approved_by: str | None = None
    if cmd.sale_id is not None:
        sale = returnable_sale(cmd.sale_id, uow, now)
        by_line = {line.line_no: line for line in sale.lines}
        check_return_lines({n: line.facts() for n, line in by_line.items()}, cmd.lines)
        refuse_gift_card_return(uow, sale.sale_id, {n: line.sku for n, line in by_line.items()}, cmd.lines)
        if not sale.within_window:
            approved_by = approve(
                uow,
                clerk,
                approval,
                f"A return {sale.age_days} days after the sale (the window is {policy.window_days})",
            )
        lines = [
            ReturnLineWrite(
                request.line_no,
                by_line[request.line_no].product_id,
                by_line[request.line_no].sku,
                by_line[request.line_no].name,
                by_line[request.line_no].maker_name,
                request.quantity,
                line_refund(by_line[request.line_no].facts(), request.quantity),
                request.reason.strip(),
                request.disposition.value,
            )
            for request in cmd.lines
            if request.quantity
        ]
        owed = sum(line.refund for line in lines)
        if cmd.method is RefundMethod.STORE_CREDIT:
            refunds = [Refund(RefundKind.STORE_CREDIT, owed)] if owed else []
        else:
            paid = [PaidFacts(t.kind, t.paid, t.reference, t.refunded) for t in sale.tenders]
            refunds = split_refund(owed, paid, event.cash_rounding_step)
        receipt_no: str | None = sale.receipt_no
    else:
        approved_by = approve(uow, clerk, approval, "A return without a receipt")
        lines = _no_receipt_lines(cmd.no_receipt_items, uow)
        owed = sum(line.refund for line in lines)
        if owed > policy.no_receipt_cap_per_return:
            raise RuleViolation(
                _(
                    "A return without a receipt refunds at most {no_receipt_cap_per_return}: take fewer items back."
                ).format(no_receipt_cap_per_return=event.format(policy.no_receipt_cap_per_return))
            )
        if uow.returns.no_receipt_total() + owed > policy.no_receipt_cap_per_event:
            raise RuleViolation(
                _(
                    "Returns without a receipt have reached this event's limit of {no_receipt_cap_per_event}: "
                    "no more can be taken back."
                ).format(no_receipt_cap_per_event=event.format(policy.no_receipt_cap_per_event))
            )
        cash = cmd.method is RefundMethod.ORIGINAL and policy.no_receipt_cash_allowed
        kind = RefundKind.CASH if cash else RefundKind.STORE_CREDIT
        refunds = [Refund(kind, owed)] if owed else []
        receipt_no = None
    writes: list[RefundWrite] = []
    voucher_code: str | None = None
    at = now_iso()
    return_id = new_id()
    for refund in refunds:
        if refund.kind is RefundKind.CARD:
            reference = (cmd.card_refund_references.get(refund.tender_index or 0) or "").strip()
            if not reference:
                raise InvalidInput(
                    _(
                        "Refund {amount} on the card terminal (payment {original_reference}), then type the "
                        "terminal's refund reference."
                    ).format(amount=event.format(refund.amount), original_reference=refund.original_reference)
                )
            writes.append(RefundWrite(refund.kind.value, refund.amount, refund.tender_index, reference))
        elif refund.kind is RefundKind.STORE_CREDIT:
            voucher_code = voucher_code or new_voucher_code()
            writes.append(
                RefundWrite(
                    refund.kind.value, refund.amount, refund.tender_index, refund.original_reference, voucher_code
                )
            )
        else:
            writes.append(RefundWrite(refund.kind.value, refund.amount, refund.tender_index, ""))
    refund_total = sum(write.amount for write in writes)
    # Cash refunds come out of the drawer: a return belongs to the till's open session, as a sale does.
    session = require_open_session(uow, till.till_id)
    sequence = uow.returns.next_sequence(till.till_id)
    record = ReturnWrite(
        return_id=return_id,
        return_no=f"{till.code}-R{sequence:05d}",
        return_seq=sequence,
        till_id=till.till_id,
        event_id=event.event_id,
        staff_id=cmd.staff_id,
        sale_id=cmd.sale_id,
        receipt_no=receipt_no,
        created_at=at,
        currency=event.currency,
        refund_total=refund_total,
        rounding=refund_total - owed,
        approved_by=approved_by,
        no_receipt=cmd.sale_id is None,
        lines=tuple(lines),
        refunds=tuple(writes),
        cash_session_id=session.session_id,
    )
    uow.returns.add(record)
    uow.stock.add(
        [
            Movement(
                line.product_id,
                _location(Disposition(line.disposition), till.location),
                DISPOSITION_MOVES[Disposition(line.disposition)],
                line.quantity,
                return_id,
                cmd.staff_id,
            )
            for line in lines
            # An online order's product this till's catalog lacks: the hub moves its stock. A custom
            # amount is no goods on a shelf (sync/custom_lines.py).
            if line.product_id and not is_custom_sku(line.sku)
        ],
        at,
    )
    if voucher_code is not None:
        credit = sum(w.amount for w in writes if w.kind == RefundKind.STORE_CREDIT)
        voucher_id = uow.vouchers.issue(
            voucher_code, event.currency, credit, f"return {record.return_no}", cmd.staff_id, at
        )
        uow.outbox.append(till.till_id, voucher_record(voucher_id, voucher_code, event.currency, credit, at))
    sold = {line.line_no: line.sold for line in sale.lines} if cmd.sale_id is not None else None
    online_order = cmd.sale_id is not None and sale.online_order
    uow.outbox.append(till.till_id, return_record(record, online_order, sold))
    record_drop_returns_in(
        uow, return_id, cmd.sale_id, (ReturnedUnits(ln.sku, ln.quantity, ln.disposition) for ln in lines), at
    )
    append_fact(
        uow,
        FactKind.RETURN,
        return_id,
        till_id=till.till_id,
        staff_id=cmd.staff_id,
        action=RecordType.RETURN_RECORDED,
        subject=return_id,
        details={"return_no": record.return_no, "receipt_no": receipt_no, "refund_total": refund_total},
        approved_by=approved_by,
    )
    return ReturnDone(return_id, record.return_no, refund_total, tuple(writes), voucher_code, event.currency)


def _location(disposition: Disposition, till_location: str) -> str:
    if disposition is Disposition.QUALITY_HOLD:
        return QUALITY_HOLD_LOCATION
    if disposition is Disposition.WRITE_OFF:
        return WRITTEN_OFF_LOCATION
    return till_location


def _no_receipt_lines(items: Sequence[NoReceiptItem], uow: UnitOfWork) -> list[ReturnLineWrite]:
    if not items:
        raise InvalidInput(_("Scan the items the customer brings back."))
    lines = []
    for item in items:
        try:
            product = uow.catalog.by_code(normalize_code(item.code))
        except PosError:
            product = None
        if product is None:
            raise NotFound(
                _("No product has the code {code}: scan the item's barcode or type its SKU.").format(code=item.code)
            )
        if item.quantity <= 0:
            raise InvalidInput(_("A quantity to return is 1 or more."))
        if not item.reason.strip():
            raise InvalidInput(_("Say why each item comes back (e.g. broken, wrong size, changed mind)."))
        name = f"{product.item.name} {product.item.variant}".strip()
        lines.append(
            ReturnLineWrite(
                None,
                product.item.product_id,
                product.item.sku,
                name,
                product.item.maker_name,
                item.quantity,
                product.item.unit_price * item.quantity,
                item.reason.strip(),
                item.disposition.value,
            )
        )
    return lines


# Pulled from the hub


def apply_return_change(uow: UnitOfWork, kind: str, data: Mapping[str, Any]) -> None:
    """Another till's sale (so its receipt can come back here) or return (so its lines are not returned twice)."""
    if kind == "sale":
        uow.returns.save_foreign_sale(dict(data))
    elif kind == "return":
        uow.returns.save_foreign_return(dict(data))
