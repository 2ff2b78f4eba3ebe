"""The till's facts in their wire form: each outbox payload is built here, through the contracts in sync/records.

A builder that breaks a contract raises at once, on the till, inside the
fact's own transaction: nothing the hub would refuse is ever queued.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.domain.cart import PricedLine
from app.domain.sales import CompletedSale
from app.store.returns import ReturnWrite
from sync import records


def sale_record(sale: CompletedSale) -> records.SaleCompleted:
    """Schema 2 when a markdown or a bundle priced a line (sync/records/priced_sales.py), else schema 1 as before."""
    # One validation of plain data, lines and tenders included, instead of building a model per
    # line and tender first: the same contract checks, about a fifth faster on every sale.
    priced, settlement = sale.priced, sale.settlement
    automatic = any(line.markdown or line.bundle for line in priced.lines)
    model = records.PricedSaleCompleted if automatic else records.SaleCompleted
    return model.model_validate(
        {
            "sale_id": sale.sale_id,
            "receipt_no": sale.receipt_no,
            "till_id": sale.till_id,
            "event_id": sale.event_id,
            "staff_id": sale.staff_id,
            "created_at": sale.created_at,
            "cash_session_id": sale.cash_session_id,
            "currency": sale.currency,
            "prices_include_tax": priced.prices_include_tax,
            "subtotal": priced.subtotal,
            "discount_total": priced.discount_total,
            "tax_total": priced.tax_total,
            "total": priced.total,
            "rounding": settlement.rounding,
            "change": settlement.change,
            "lines": _sale_lines(priced.lines, automatic),
            "tenders": [
                {"kind": tender.kind.value, "amount": tender.amount, "reference": tender.reference}
                for tender in settlement.tenders
            ],
        }
    )


def _sale_lines(lines: Sequence[PricedLine], automatic: bool) -> list[dict[str, object]]:
    """The record's lines as plain data, each value read once (the contract checks them all)."""
    built: list[dict[str, object]] = []
    for number, line in enumerate(lines, start=1):
        sold = line.line
        item = sold.item
        data: dict[str, object] = {
            "line_no": number,
            "product_id": item.product_id,
            "sku": item.sku,
            "name": item.name,
            "variant": item.variant,
            "maker_id": item.maker_id,
            "maker_name": item.maker_name,
            "quantity": sold.quantity,
            "unit_price": sold.unit_price,
            "discount": line.discount_total,
            "tax_rate": str(item.tax_rate),
            "tax": line.tax,
            "total": line.total,
        }
        if automatic:
            data.update(_automatic_discounts(line))
        built.append(data)
    return built


def _automatic_discounts(line: PricedLine) -> dict[str, object]:
    return {
        "markdown": line.markdown,
        "markdown_id": line.markdown_id if line.markdown else None,
        "bundle": line.bundle,
        "bundle_ids": list(line.bundle_ids) if line.bundle else [],
    }


def return_record(written: ReturnWrite, online_order: bool, sold: Mapping[int, int] | None) -> records.ReturnRecorded:
    """``sold`` is what each original line sold, so that the hub can flag a line returned twice across tills."""
    return records.ReturnRecorded(
        return_id=written.return_id,
        return_no=written.return_no,
        event_id=written.event_id,
        sale_id=written.sale_id,
        receipt_no=written.receipt_no,
        created_at=written.created_at,
        currency=written.currency,
        refund_total=written.refund_total,
        no_receipt=written.no_receipt,
        exchange_sale_id=written.exchange_sale_id,
        online_order=online_order,
        lines=[
            records.ReturnLine(
                line_no=line.line_no,
                sku=line.sku,
                maker=line.maker_name,
                quantity=line.quantity,
                refund=line.refund,
                reason=line.reason,
                disposition=line.disposition,
                **({"sold": sold[line.line_no]} if sold is not None and line.line_no is not None else {}),
            )
            for line in written.lines
        ],
        refunds=[
            records.ReturnRefund(kind=refund.kind, amount=refund.amount, tender_index=refund.tender_index)
            for refund in written.refunds
        ],
    )


def stock_record(
    kind: records.StockMoveKind, location: str, at: str, deltas: list[tuple[str, int]]
) -> records.StockMoved:
    return records.StockMoved(kind=kind, location=location, at=at, deltas=deltas)


def delivery_record(location: str, at: str, deltas: list[tuple[str, int]], maker: str, note: str) -> records.StockMoved:
    return records.StockMoved(
        kind=records.StockMoveKind.RECEIVE, location=location, at=at, deltas=deltas, maker=maker, reference=note
    )


def transfer_record(
    source: str, target: str, at: str, deltas: list[tuple[str, int]], reference: str | None, reason: str | None = None
) -> records.StockMoved:
    return records.StockMoved(
        kind=records.StockMoveKind.TRANSFER,
        location=source,
        to_location=target,
        at=at,
        deltas=deltas,
        **({"reference": reference} if reference else {}),
        **({"reason": reason} if reason else {}),
    )


def voucher_record(voucher_id: str, code: str, currency: str, amount: int, issued_at: str) -> records.VoucherIssued:
    return records.VoucherIssued(
        voucher_id=voucher_id, code=code, currency=currency, amount=amount, issued_at=issued_at
    )


def conflict_review_record(record_id: str, note: str, reviewed_by: str, reviewed_at: str) -> records.ConflictReviewed:
    return records.ConflictReviewed(record_id=record_id, note=note, reviewed_by=reviewed_by, reviewed_at=reviewed_at)
