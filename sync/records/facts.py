"""The facts a till sends the hub (its outbox records), one model per record type and schema version.

The till builds every outbox payload through these models, the hub parses every
pushed record through them, and the till parses the sales and returns of other
tills that come back in the feed through them too. Besides each value's range,
a model holds the invariants a fact must keep (a sale's lines, totals and
tenders agree), so that a record the hub accepts is one any till can apply.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, Strict, StringConstraints, model_validator

from sync.records.fields import (
    MAX_LINES,
    MAX_STOCK_DELTA,
    Code,
    Contract,
    Count,
    Currency,
    Flag,
    LineNumber,
    Money,
    Name,
    Note,
    Quantity,
    Rate,
    RequiredName,
    SignedMoney,
    TillCode,
    Timestamp,
    Uuid,
)
from sync.records.locations import NEVER_MOVED_FROM, Location, is_location

ReceiptNo = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,3}-[0-9]{6,12}$")]
ReturnNo = Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z][A-Z0-9]{0,3}-R[0-9]{5,12}$")]
Reference = Annotated[str, Strict(), StringConstraints(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]


# Typed str, so that the till's own enums (app/domain) pass; checked as strictly as a Literal.
TenderKind = Annotated[str, Strict(), StringConstraints(pattern=r"^(cash|card|voucher)$")]
RefundKind = Annotated[str, Strict(), StringConstraints(pattern=r"^(cash|card|store_credit)$")]
Disposition = Annotated[str, Strict(), StringConstraints(pattern=r"^(restock|quality_hold|write_off)$")]
StockDelta = Annotated[int, Strict(), Field(ge=-MAX_STOCK_DELTA, le=MAX_STOCK_DELTA)]


class TillIdentity(Contract):
    """Who sent a record, as the hub knows it from the till's token (never from the payload)."""

    till_id: str
    event_id: str
    till_code: str


class Fact(Contract):
    def identity_problem(self, sender: TillIdentity) -> str | None:
        """Why this fact cannot come from ``sender`` (it names another till or event), or None."""
        return None


def _claims(
    sender: TillIdentity, *, till_id: str | None = None, event_id: str | None = None, till_code: str | None = None
) -> str | None:
    if event_id is not None and event_id != sender.event_id:
        return "the record names another event than the sending till's"
    if till_id is not None and till_id != sender.till_id:
        return "the record names another till than the one that sent it"
    if till_code is not None and till_code != sender.till_code:
        return f"the record names till {till_code}, but till {sender.till_code} sent it"
    return None


# sale.completed


class SaleLine(Contract):
    line_no: LineNumber
    product_id: Uuid
    sku: Code
    name: RequiredName
    variant: Name
    maker_id: Uuid
    maker_name: Name
    quantity: Quantity
    unit_price: Money
    discount: Money
    tax_rate: Rate
    tax: Money
    total: Money


class SaleTender(Contract):
    kind: TenderKind
    amount: Money
    reference: Reference


class SaleCompleted(Fact):
    sale_id: Uuid
    receipt_no: ReceiptNo
    till_id: Uuid
    event_id: Uuid
    staff_id: Uuid
    created_at: Timestamp
    cash_session_id: Uuid | None
    currency: Currency
    prices_include_tax: Flag
    subtotal: Money
    discount_total: Money
    tax_total: Money
    total: Money
    rounding: SignedMoney
    change: Money
    lines: Annotated[list[SaleLine], Field(min_length=1, max_length=MAX_LINES)]
    tenders: Annotated[list[SaleTender], Field(max_length=20)]

    @model_validator(mode="after")
    def _adds_up(self) -> SaleCompleted:
        numbers = [line.line_no for line in self.lines]
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError("the lines must be numbered 1, 2, 3... in order")
        for line in self.lines:
            gross = line.quantity * line.unit_price
            if line.discount > gross:
                raise ValueError(f"line {line.line_no}'s discount is more than the line's amount")
            expected = gross - line.discount + (0 if self.prices_include_tax else line.tax)
            if line.total != expected:
                raise ValueError(f"line {line.line_no}'s total is not quantity x price - discount (+ tax)")
            if line.tax > line.total:
                raise ValueError(f"line {line.line_no}'s tax is more than its total")
        if self.subtotal != sum(line.quantity * line.unit_price for line in self.lines):
            raise ValueError("the subtotal is not the sum of the lines")
        if self.discount_total != sum(line.discount for line in self.lines):
            raise ValueError("the discount total is not the sum of the lines' discounts")
        if self.tax_total != sum(line.tax for line in self.lines):
            raise ValueError("the tax total is not the sum of the lines' taxes")
        if self.total != sum(line.total for line in self.lines):
            raise ValueError("the total is not the sum of the lines")
        if sum(tender.amount for tender in self.tenders) != self.total + self.rounding:
            raise ValueError("the tenders do not add up to the total (with cash rounding)")
        if (self.rounding or self.change) and not any(tender.kind == "cash" for tender in self.tenders):
            raise ValueError("cash rounding and change need a cash tender")
        return self

    def identity_problem(self, sender: TillIdentity) -> str | None:
        wrong = _claims(sender, till_id=self.till_id, event_id=self.event_id)
        if wrong is None and not self.receipt_no.startswith(f"{sender.till_code}-"):
            return f"receipt {self.receipt_no} is not numbered by till {sender.till_code}"
        return wrong


# return.recorded


class ReturnLine(Contract):
    line_no: LineNumber | None
    sku: Code
    maker: Name
    quantity: Quantity
    refund: Money
    reason: RequiredName
    disposition: Disposition
    # What the original line sold: the hub flags a line returned beyond it across tills.
    sold: Quantity | None = None


class ReturnRefund(Contract):
    kind: RefundKind
    amount: Money
    tender_index: Annotated[int, Strict(), Field(ge=0, le=20)] | None


class ReturnRecorded(Fact):
    return_id: Uuid
    return_no: ReturnNo
    event_id: Uuid
    sale_id: Uuid | None
    receipt_no: Name | None
    created_at: Timestamp
    currency: Currency
    refund_total: Money
    no_receipt: Flag
    exchange_sale_id: Uuid | None
    lines: Annotated[list[ReturnLine], Field(min_length=1, max_length=MAX_LINES)]
    refunds: Annotated[list[ReturnRefund], Field(max_length=20)]
    online_order: Flag = False

    @model_validator(mode="after")
    def _names_its_sale(self) -> ReturnRecorded:
        if self.sale_id is None and not self.no_receipt:
            raise ValueError("a return names the sale it comes from, or is marked as without receipt")
        if self.sale_id is not None:
            if self.no_receipt:
                raise ValueError("a return without receipt names no sale")
            numbers = [line.line_no for line in self.lines]
            if None in numbers:
                raise ValueError("each line of a return names the sale line it takes back")
            if len(set(numbers)) != len(numbers):
                raise ValueError("a sale line appears twice in the return")
            for line in self.lines:
                if line.sold is not None and line.quantity > line.sold:
                    raise ValueError(f"line {line.line_no} takes back more than was sold")
        if self.refund_total != sum(refund.amount for refund in self.refunds):
            raise ValueError("the refund total is not the sum of the refunds")
        return self

    def identity_problem(self, sender: TillIdentity) -> str | None:
        wrong = _claims(sender, event_id=self.event_id)
        if wrong is None and not self.return_no.startswith(f"{sender.till_code}-"):
            return f"return {self.return_no} is not numbered by till {sender.till_code}"
        return wrong


# pickup.handed_off


class HandoffLine(Contract):
    order_id: Uuid
    line_id: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]*$")]
    sku: Code
    quantity: Quantity


class PickupHandedOff(Fact):
    handoff_id: Uuid
    order_id: Uuid
    whole_order: Flag
    lines: Annotated[list[HandoffLine], Field(max_length=MAX_LINES)]
    staff_name: RequiredName
    till_code: TillCode
    at: Timestamp
    approved_by: Name | None = None

    @model_validator(mode="after")
    def _hands_over_something(self) -> PickupHandedOff:
        if self.whole_order and self.lines:
            raise ValueError("a whole-order handoff lists no lines: the hub knows them")
        if not self.whole_order and not self.lines:
            raise ValueError("a handoff names the lines handed over")
        keys = [(line.order_id, line.line_id) for line in self.lines]
        if len(set(keys)) != len(keys):
            raise ValueError("a line appears twice in the handoff")
        return self

    def identity_problem(self, sender: TillIdentity) -> str | None:
        return _claims(sender, till_code=self.till_code)


# stock.moved


class StockMoveKind(StrEnum):
    """The movements a till books outside a sale, return or handoff (those carry their own stock)."""

    RECEIVE = "receive"
    COUNT_ADJUSTMENT = "count_adjustment"
    TRANSFER = "transfer"
    WRITE_OFF = "write_off"


class StockMoved(Fact):
    """Stock booked at ``location``; a transfer names where it went (``to_location``), a delivery its maker and note.

    The last three keys came later: a record without them is the older shape, applied as it always was.
    """

    kind: StockMoveKind
    location: RequiredName
    at: Timestamp
    deltas: Annotated[list[tuple[Code, StockDelta]], Field(min_length=1, max_length=10_000)]
    to_location: Location | None = None
    reference: RequiredName | None = None
    maker: RequiredName | None = None
    # Why a transfer was made: a quality decision's reason (docs/consignment.md).
    reason: RequiredName | None = None

    @model_validator(mode="after")
    def _moves_stock(self) -> StockMoved:
        if any(delta == 0 for _sku, delta in self.deltas):
            raise ValueError("a stock movement moves at least one unit")
        if self.kind is StockMoveKind.RECEIVE and any(delta < 0 for _sku, delta in self.deltas):
            raise ValueError("goods received are a positive quantity")
        if self.maker is not None and self.kind is not StockMoveKind.RECEIVE:
            raise ValueError("only goods received name the maker who delivered them")
        if self.reference is not None and self.kind not in (StockMoveKind.RECEIVE, StockMoveKind.TRANSFER):
            raise ValueError("only a delivery or a transfer carries a reference")
        if self.reason is not None and self.kind is not StockMoveKind.TRANSFER:
            raise ValueError("only a transfer carries a reason")
        if self.to_location is not None:
            self._transfers()
        return self

    def _transfers(self) -> None:
        if self.kind is not StockMoveKind.TRANSFER:
            raise ValueError("only a transfer names the location it moves stock to")
        if self.location == self.to_location:
            raise ValueError(f"a transfer moves stock between two places, not from {self.location} to itself")
        if not is_location(self.location):
            raise ValueError(f"'{self.location}' is not a place stock is kept")
        if self.location in NEVER_MOVED_FROM:
            raise ValueError(f"a transfer cannot take stock from '{self.location}': it has left the event")
        if any(delta < 0 for _sku, delta in self.deltas):
            raise ValueError("a transfer moves a positive quantity of each product")
        skus = [sku for sku, _delta in self.deltas]
        if len(set(skus)) != len(skus):
            raise ValueError("a product appears twice in the transfer")


# voucher.issued


class VoucherIssued(Fact):
    voucher_id: Uuid
    code: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9-]{3,39}$")]
    currency: Currency
    amount: Annotated[int, Strict(), Field(ge=1, le=10**12 - 1)]
    issued_at: Timestamp


# cash.session (the Z report of a closed cash session)


class CashSessionClosed(Fact):
    session_id: Uuid
    kind: Literal["Z"]
    number: Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]*$")]
    till_code: TillCode
    session_number: Annotated[int, Strict(), Field(ge=1, le=10**9)]
    opened_at: Timestamp
    opened_by: Name
    currency: Currency
    expected_lines: Annotated[list[tuple[Name, SignedMoney]], Field(max_length=100)]
    expected: SignedMoney
    sales: Count
    sales_total: Money
    card_total: Money
    voucher_total: Money
    returns: Count
    refunds_total: Money
    movements: Annotated[list[tuple[Name, SignedMoney, Note]], Field(max_length=10_000)]
    counted: Money
    over_short: SignedMoney
    closed_at: Timestamp
    closed_by: Name

    @model_validator(mode="after")
    def _counts_agree(self) -> CashSessionClosed:
        if self.over_short != self.counted - self.expected:
            raise ValueError("over/short is not the counted amount less the expected one")
        return self

    def identity_problem(self, sender: TillIdentity) -> str | None:
        return _claims(sender, till_code=self.till_code)
