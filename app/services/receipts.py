"""Building the printed documents of a sale from what the store holds."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from babel.dates import format_datetime

from app.domain.errors import NotFound
from app.domain.events import EventSettings
from app.domain.receipts import receipt_qr
from app.store.sales import SaleDetail
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Document, DocumentKind, QrCode, Row, Separator, Text

TENDER_LABELS = {"cash": "Cash", "card": "Card", "voucher": "Voucher"}


def _percent(rate: str) -> str:
    return f"{(Decimal(rate) * 100).normalize():f}%"


def sale_receipt(detail: SaleDetail, event: EventSettings, staff_name: str) -> Document:
    fmt = event.format
    header = detail.header
    sold_at = format_datetime(datetime.fromisoformat(header.created_at).astimezone(), "short", locale=event.locale)
    blocks: list[Text | Row | Separator | QrCode] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
    ]
    if event.place:
        blocks.append(Text(event.place, Align.CENTER))
    blocks += [
        Text(f"Receipt {header.receipt_no}", Align.CENTER, bold=True),
        Text(f"{sold_at} · served by {staff_name}", Align.CENTER),
        Separator(),
    ]
    for line in detail.lines:
        name = f"{line.name} {line.variant}".strip()
        blocks.append(Row(f"{line.quantity} x {name}", fmt(line.total)))
        blocks.append(Text(f"   {line.maker_name} · {fmt(line.unit_price)} each · VAT {_percent(line.tax_rate)}"))
        if line.discount:
            blocks.append(Row("   discount", f"-{fmt(line.discount)}"))
    blocks.append(Separator())
    if detail.discount_total:
        blocks.append(Row("Subtotal", fmt(detail.subtotal)))
        blocks.append(Row("Discounts", f"-{fmt(detail.discount_total)}"))
    blocks.append(Row("TOTAL", fmt(header.total), bold=True, large=True))
    if detail.rounding:
        blocks.append(Row("Cash rounding", fmt(detail.rounding)))
    by_rate: dict[str, tuple[int, int]] = {}
    for line in detail.lines:
        net, tax = by_rate.get(line.tax_rate, (0, 0))
        by_rate[line.tax_rate] = (net + line.total - line.tax, tax + line.tax)
    included = "included" if detail.prices_include_tax else "added"
    for rate, (net, tax) in sorted(by_rate.items()):
        blocks.append(Row(f"VAT {_percent(rate)} on {fmt(net)} ({included})", fmt(tax)))
    blocks.append(Separator())
    for tender in detail.tenders:
        label = TENDER_LABELS.get(tender.kind, tender.kind)
        reference = f" {tender.reference}" if tender.reference else ""
        blocks.append(Row(f"{label}{reference}", fmt(tender.amount)))
        if tender.kind == "cash" and tender.tendered != tender.amount:
            blocks.append(Row("   given", fmt(tender.tendered)))
    if header.change_given:
        blocks.append(Row("Change", fmt(header.change_given), bold=True))
    makers = sorted({line.maker_name for line in detail.lines})
    blocks += [
        Separator(),
        Text("Made by: " + ", ".join(makers), Align.CENTER),
        QrCode(receipt_qr(header.receipt_no, header.sale_id), f"Keep this receipt for returns · {header.receipt_no}"),
        Text("Thank you for supporting local makers!", Align.CENTER, bold=True),
    ]
    return Document(
        kind=DocumentKind.SALE_RECEIPT,
        title=f"{event.name} receipt {header.receipt_no}",
        blocks=tuple(blocks),
        open_drawer=any(tender.kind == "cash" for tender in detail.tenders),
        meta={"file_name": f"receipt-{header.receipt_no}", "receipt_no": header.receipt_no},
    )


def load_sale_receipt(sale_id: str, uow: UnitOfWork) -> Document:
    """The receipt of a stored sale; the caller holds the unit of work open."""
    detail = uow.sales.detail(sale_id)
    if detail is None:
        raise NotFound("That sale is not on this till: check the receipt number.")
    event = uow.tills.event(detail.event_id)
    staff = uow.staff.by_id(detail.header.staff_id)
    return sale_receipt(detail, event, staff.name if staff else "staff")
