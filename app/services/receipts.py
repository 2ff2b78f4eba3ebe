"""Building the printed documents of a sale from what the store holds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from app.domain import texts
from app.domain.errors import NotFound
from app.domain.events import EventSettings
from app.domain.receipts import receipt_qr
from app.domain.texts import N_, _
from app.services.counter_prices import rule_names_in
from app.store.sales import SaleDetail
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Document, DocumentKind, QrCode, Row, Separator, Text
from sync.custom_lines import is_gift_card_sku

# The event's own line at the foot of every receipt (set for every till through the hub); none by default.
RECEIPT_FOOTER_KEY = "receipt_footer"
# Translated where shown: a receipt in the event's language, a screen in the person's.
TENDER_LABELS = {"cash": N_("Cash"), "card": N_("Card"), "voucher": N_("Voucher")}


def _percent(rate: str) -> str:
    return f"{(Decimal(rate) * 100).normalize():f}%"


def sale_receipt(
    detail: SaleDetail,
    event: EventSettings,
    staff_name: str,
    footer: str = "",
    gift_cards: Sequence[tuple[str, int]] = (),
    rule_names: Mapping[str, str] | None = None,
) -> Document:
    _ = texts.for_locale(event.locale).gettext  # printed in the event's language, whoever sells
    fmt = event.format
    header = detail.header
    sold_at = event.format_datetime(header.created_at)
    blocks: list[Text | Row | Separator | QrCode] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
    ]
    if event.place:
        blocks.append(Text(event.place, Align.CENTER))
    blocks += [
        Text(_("Receipt {receipt_no}").format(receipt_no=header.receipt_no), Align.CENTER, bold=True),
        Text(_("{sold_at} · served by {staff_name}").format(sold_at=sold_at, staff_name=staff_name), Align.CENTER),
        Separator(),
    ]
    for line in detail.lines:
        name = f"{line.name} {line.variant}".strip()
        blocks.append(Row(f"{line.quantity} x {name}", fmt(line.total)))
        if is_gift_card_sku(line.sku):
            continue  # no maker, no VAT: each card's value and code print below the payment
        each = _("{maker} · {price} each · VAT {rate}").format(
            maker=line.maker_name, price=fmt(line.unit_price), rate=_percent(line.tax_rate)
        )
        blocks.append(Text(f"   {each}"))
        names = rule_names or {}
        # The automatic prices first, each by its rule's name (docs/pricing_rules.md), then what staff gave.
        if line.markdown:
            name = names.get(line.markdown_id or "", line.markdown_id or "")
            blocks.append(Row("   " + _("{name} (markdown)").format(name=name), f"-{fmt(line.markdown)}"))
        if line.bundle:
            name = ", ".join(names.get(rule_id, rule_id) for rule_id in line.bundle_ids)
            blocks.append(Row("   " + _("{name} (bundle)").format(name=name), f"-{fmt(line.bundle)}"))
        if line.discount - line.markdown - line.bundle:
            blocks.append(Row("   " + _("discount"), f"-{fmt(line.discount - line.markdown - line.bundle)}"))
    blocks.append(Separator())
    if detail.discount_total:
        blocks.append(Row(_("Subtotal"), fmt(detail.subtotal)))
        blocks.append(Row(_("Discounts"), f"-{fmt(detail.discount_total)}"))
    blocks.append(Row(_("TOTAL"), fmt(header.total), bold=True, large=True))
    if detail.rounding:
        blocks.append(Row(_("Cash rounding"), fmt(detail.rounding)))
    by_rate: dict[str, tuple[int, int]] = {}
    for line in detail.lines:
        net, tax = by_rate.get(line.tax_rate, (0, 0))
        by_rate[line.tax_rate] = (net + line.total - line.tax, tax + line.tax)
    on_net = _("VAT {rate} on {net} (included)") if detail.prices_include_tax else _("VAT {rate} on {net} (added)")
    for rate, (net, tax) in sorted(by_rate.items()):
        blocks.append(Row(on_net.format(rate=_percent(rate), net=fmt(net)), fmt(tax)))
    blocks.append(Separator())
    for tender in detail.tenders:
        label = _(TENDER_LABELS[tender.kind]) if tender.kind in TENDER_LABELS else tender.kind
        reference = f" {tender.reference}" if tender.reference else ""
        blocks.append(Row(f"{label}{reference}", fmt(tender.amount)))
        if tender.kind == "cash" and tender.tendered != tender.amount:
            blocks.append(Row("   " + _("given"), fmt(tender.tendered)))
    if header.change_given:
        blocks.append(Row(_("Change"), fmt(header.change_given), bold=True))
    for code, amount in gift_cards:
        blocks += [
            Separator(),
            Text(_("Gift card · {amount}").format(amount=fmt(amount)), Align.CENTER, bold=True),
            Text(code, Align.CENTER, large=True),
        ]
    # A gift card is nobody's make: the makers are those of the goods.
    makers = sorted({line.maker_name for line in detail.lines if not is_gift_card_sku(line.sku)})
    blocks.append(Separator())
    if makers:
        blocks.append(Text(_("Made by: {makers}").format(makers=", ".join(makers)), Align.CENTER))
    blocks += [
        QrCode(
            receipt_qr(header.receipt_no, header.sale_id),
            _("Keep this receipt for returns · {receipt_no}").format(receipt_no=header.receipt_no),
        ),
        Text(_("Thank you for supporting local makers!"), Align.CENTER, bold=True),
    ]
    if footer:
        blocks.append(Text(footer, Align.CENTER))
    return Document(
        kind=DocumentKind.SALE_RECEIPT,
        title=_("{event} receipt {receipt_no}").format(event=event.name, receipt_no=header.receipt_no),
        blocks=tuple(blocks),
        open_drawer=any(tender.kind == "cash" for tender in detail.tenders),
        meta={"file_name": f"receipt-{header.receipt_no}", "receipt_no": header.receipt_no},
    )


def load_sale_receipt(sale_id: str, uow: UnitOfWork) -> Document:
    """The receipt of a stored sale; the caller holds the unit of work open."""
    detail = uow.sales.detail(sale_id)
    if detail is None:
        raise NotFound(_("That sale is not on this till: check the receipt number."))
    event = uow.tills.event(detail.event_id)
    staff = uow.staff.by_id(detail.header.staff_id)
    footer = uow.tills.setting(RECEIPT_FOOTER_KEY) or ""
    gift_cards = uow.vouchers.sold_on(sale_id)
    automatic = any(line.markdown or line.bundle for line in detail.lines)
    names = rule_names_in(uow) if automatic else {}
    return sale_receipt(detail, event, staff.name if staff else "staff", footer, gift_cards, names)
