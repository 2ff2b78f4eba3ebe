"""The returns desk: find the original sale, take items back, refund the right tender, once.

Honest customers with a receipt are quick: scan its QR code, pick lines, done.
What is easy to abuse asks for a manager: a return after the event's window,
or one without a receipt (refunded as store credit, capped per return and per
event). A return is a fact: it moves stock by its disposition, goes to the
outbox, and is never changed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.domain.barcodes import normalize_code
from app.domain.cart import price_cart
from app.domain.clock import now_iso
from app.domain.dates import local_date, utc_days_of
from app.domain.errors import InvalidInput, NotFound, PosError, RuleViolation
from app.domain.fact_digest import FactKind
from app.domain.ids import new_id
from app.domain.money import parse_minor
from app.domain.pickups import PickupOrder
from app.domain.receipts import parse_receipt_qr
from app.domain.returns import (
    Disposition,
    PaidFacts,
    Refund,
    RefundKind,
    RefundMethod,
    ReturnLineRequest,
    SoldLineFacts,
    check_return_lines,
    line_refund,
    split_refund,
)
from app.domain.sales import parse_receipt_number
from app.domain.staff import Permission
from app.domain.tenders import Tender, TenderKind
from app.domain.texts import N_, _
from app.domain.vouchers import new_voucher_code
from app.services.audit import append_fact
from app.services.authorization import ManagerApproval, approve, ensure_event_open, require
from app.services.cash import require_open_session
from app.services.event_changes import queue_return_policy
from app.services.gift_cards import refuse_gift_card_return
from app.services.pickups import order_collected, order_for_return
from app.services.records import return_record, voucher_record
from app.services.selling import CompleteSale, SaleCompleted, complete_sale_in
from app.store.returns import RefundWrite, ReturnLineWrite, ReturnWrite
from app.store.stock import Movement, MovementKind
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import is_custom_sku, is_gift_card_sku
from sync.pickup_codes import looks_like_pickup_code
from sync.records import RecordType

ONLINE_ORDER = "online_order"
RETURN_CHANGE_KINDS = frozenset({"sale", "return"})
QUALITY_HOLD_LOCATION = "quality_hold"
WRITTEN_OFF_LOCATION = "written_off"
POLICY_KEY = "return_policy"
FIND_LIMIT = 30
# Translated where shown (the event's language on a receipt, the person's on a screen).
REFUND_LABELS = {"cash": N_("Cash"), "card": N_("Card"), "store_credit": N_("Store credit")}
DISPOSITION_MOVES = {
    Disposition.RESTOCK: MovementKind.RETURN_RESTOCK,
    Disposition.QUALITY_HOLD: MovementKind.QUALITY_HOLD,
    Disposition.WRITE_OFF: MovementKind.WRITE_OFF,
}


@dataclass(frozen=True, slots=True)
class ReturnPolicy:
    """Per event; the defaults suit a weekend market."""

    window_days: int = 30
    no_receipt_cap_per_return: int = 5000
    no_receipt_cap_per_event: int = 20000
    no_receipt_cash_allowed: bool = False


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    line_no: int
    product_id: str
    sku: str
    name: str
    maker_name: str
    sold: int
    returned: int
    total: int
    refunded: int

    @property
    def returnable(self) -> int:
        # A gift card is never taken back (app/services/gift_cards.py): the desk offers none of it.
        return 0 if is_gift_card_sku(self.sku) else max(self.sold - self.returned, 0)

    def facts(self) -> SoldLineFacts:
        return SoldLineFacts(self.line_no, self.sold, self.total, self.returned, self.refunded)


@dataclass(frozen=True, slots=True)
class PaidLine:
    kind: str
    paid: int
    refunded: int
    reference: str


@dataclass(frozen=True, slots=True)
class ReturnableSale:
    sale_id: str
    receipt_no: str
    created_at: str
    currency: str
    total: int
    lines: tuple[ReturnableLine, ...]
    tenders: tuple[PaidLine, ...]
    age_days: int
    within_window: bool
    # A marketplace order collected at the pickup desk: the marketplace refunds it online.
    online_order: bool = False
    # When it was sold, written in the event's locale and time zone.
    sold_at: str = ""


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


# The event's policy


def return_policy(uow: UnitOfWork) -> ReturnPolicy:
    with uow.for_reading():
        return _policy(uow)


def _policy(uow: UnitOfWork) -> ReturnPolicy:
    stored = uow.tills.setting(POLICY_KEY)
    return ReturnPolicy(**json.loads(stored)) if stored else ReturnPolicy()


def save_return_policy(policy: ReturnPolicy, staff_id: str, uow: UnitOfWork) -> None:
    if policy.window_days < 0 or policy.no_receipt_cap_per_return < 0 or policy.no_receipt_cap_per_event < 0:
        raise InvalidInput(_("A return window and caps are zero or more."))
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        till = uow.tills.this_till()
        uow.tills.set_setting(POLICY_KEY, json.dumps(asdict(policy)))
        uow.audit.append(
            till_id=till.till_id, staff_id=staff_id, action="returns.policy", subject="event", details=asdict(policy)
        )
        queue_return_policy(uow, asdict(policy), staff_id)
        uow.commit()


# Finding the original


def find_sale(scanned: str, uow: UnitOfWork, now: datetime | None = None) -> ReturnableSale:
    """The sale behind a receipt's QR code or its number, with what is still returnable."""
    text = scanned.strip()
    sale_id: str | None = None
    receipt_no: str | None = None
    if looks_like_pickup_code(text):
        with uow.for_reading():
            # A marketplace order collected here: its items come back, the marketplace refunds online.
            return _returnable(order_for_return(scanned, uow).order_id, uow, now or datetime.now(UTC))
    if text.upper().startswith("R1:"):
        receipt_no, sale_id = parse_receipt_qr(text)
    else:
        till_code, sequence = parse_receipt_number(text)
        receipt_no = f"{till_code}-{sequence:06d}"
    with uow.for_reading():
        if sale_id is None:
            header = uow.sales.header_by_receipt(receipt_no or "")
            pulled = uow.returns.foreign_sale(receipt_no=receipt_no)
            sale_id = header.sale_id if header else (pulled["sale_id"] if pulled else None)
        if sale_id is None:
            raise NotFound(
                _(
                    "Receipt {receipt_no} is not on this till: sync to get the other tills' sales, or search "
                    "by date and amount."
                ).format(receipt_no=receipt_no)
            )
        return _returnable(sale_id, uow, now or datetime.now(UTC))


def load_sale_for_return(sale_id: str, uow: UnitOfWork, now: datetime | None = None) -> ReturnableSale:
    with uow.for_reading():
        return _returnable(sale_id, uow, now or datetime.now(UTC))


def search_sales(day: str, amount: str, card_reference: str, uow: UnitOfWork) -> list[ReturnableSale]:
    """Sales by date (typed in the event's locale, or ISO), amount and card reference, for a lost receipt."""
    card_reference = card_reference.strip()
    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
        local_day = event.parse_date(day) if day.strip() else None
        minor = parse_minor(amount, event.currency) if amount.strip() else None
        if not (local_day or minor is not None or card_reference):
            raise InvalidInput(_("Give a date, an amount or a card reference to search by."))
        now = datetime.now(UTC)
        if local_day is None:
            return [
                _returnable(sale_id, uow, now)
                for sale_id in uow.returns.find_sales(None, minor, card_reference, FIND_LIMIT)
            ]
        # The store keeps UTC: the event's day spans one or two UTC days, each searched, then kept to the day.
        found = {
            sale_id: _returnable(sale_id, uow, now)
            for utc_day in utc_days_of(local_day, event.time_zone)
            for sale_id in uow.returns.find_sales(utc_day.isoformat(), minor, card_reference, FIND_LIMIT)
        }
        on_the_day = [sale for sale in found.values() if local_date(sale.created_at, event.time_zone) == local_day]
        return sorted(on_the_day, key=lambda sale: sale.created_at, reverse=True)[:FIND_LIMIT]


def _sale_facts(sale_id: str, uow: UnitOfWork) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The sale's header, lines and tenders, from this till's records or a pulled sale of another till."""
    detail = uow.sales.detail(sale_id)
    if detail is not None:
        header = {
            "sale_id": detail.header.sale_id,
            "receipt_no": detail.header.receipt_no,
            "created_at": detail.header.created_at,
            "currency": detail.header.currency,
            "total": detail.header.total,
        }
        lines = [
            {
                "line_no": line.line_no,
                "product_id": line.product_id,
                "sku": line.sku,
                "name": f"{line.name} {line.variant}".strip(),
                "maker_name": line.maker_name,
                "quantity": line.quantity,
                "total": line.total,
            }
            for line in detail.lines
        ]
        tenders = [{"kind": t.kind, "amount": t.amount, "reference": t.reference} for t in detail.tenders]
        return header, lines, tenders
    payload = uow.returns.foreign_sale(sale_id=sale_id)
    if payload is None:
        order = uow.pickups.order(sale_id)
        if order is None:
            raise NotFound(_("That sale is not on this till: sync to get the other tills' sales."))
        return _order_facts(order, uow)
    lines = [
        {
            "line_no": line["line_no"],
            "product_id": line["product_id"],
            "sku": line["sku"],
            "name": f"{line.get('name', line['sku'])} {line.get('variant', '')}".strip(),
            "maker_name": line.get("maker_name", ""),
            "quantity": line["quantity"],
            "total": line["total"],
        }
        for line in payload["lines"]
    ]
    return payload, lines, list(payload["tenders"])


def _order_facts(
    order: PickupOrder, uow: UnitOfWork
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """A collected marketplace order as a sale of what was handed over; it was paid online, so refunds are too."""
    collected = order_collected(order.order_id, uow)
    handed_at = sorted(h.at for h in uow.pickups.handoffs([order.order_id]))
    products = uow.catalog.product_ids_by_sku({line.sku for line in order.lines})
    header = {
        "sale_id": order.order_id,
        "receipt_no": f"order {order.number}",
        "created_at": handed_at[0] if handed_at else now_iso(),
        "currency": uow.tills.this_till_and_event()[1].currency,
        "total": 0,
        ONLINE_ORDER: True,
    }
    lines = [
        {
            "line_no": position,
            "product_id": products.get(line.sku, ""),
            "sku": line.sku,
            "name": line.name,
            "maker_name": line.maker,
            "quantity": collected.get(line.line_id, 0),
            "total": 0,
        }
        for position, line in enumerate(order.lines, start=1)
    ]
    return header, lines, [{"kind": "marketplace", "amount": 0, "reference": order.number}]


def _returnable(sale_id: str, uow: UnitOfWork, now: datetime) -> ReturnableSale:
    header, lines, tenders = _sale_facts(sale_id, uow)
    so_far = uow.returns.returned_so_far(sale_id)
    policy = _policy(uow)
    age = (now - datetime.fromisoformat(header["created_at"])).days
    event = uow.tills.this_till_and_event()[1]
    return ReturnableSale(
        sale_id=header["sale_id"],
        receipt_no=header["receipt_no"],
        created_at=header["created_at"],
        currency=header["currency"],
        total=header["total"],
        lines=tuple(
            ReturnableLine(
                line["line_no"],
                line["product_id"],
                line["sku"],
                line["name"],
                line["maker_name"],
                line["quantity"],
                so_far.quantities.get(line["line_no"], 0),
                line["total"],
                so_far.refunds.get(line["line_no"], 0),
            )
            for line in lines
        ),
        tenders=tuple(
            PaidLine(t["kind"], t["amount"], so_far.tender_refunds.get(index, 0), t["reference"])
            for index, t in enumerate(tenders)
        ),
        age_days=age,
        within_window=age <= policy.window_days,
        online_order=bool(header.get(ONLINE_ORDER)),
        sold_at=event.format_datetime(header["created_at"]),
    )


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
        sale = _returnable(request.sale_id, uow, datetime.now(UTC))
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
        due = price_cart(stored.cart, event.prices_include_tax).total
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
    policy = _policy(uow)
    approved_by: str | None = None
    if cmd.sale_id is not None:
        sale = _returnable(cmd.sale_id, uow, now)
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
