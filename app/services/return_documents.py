"""The returns desk's documents and the manager's view: the return receipt, recent returns, quality holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.domain import texts
from app.domain.errors import NotFound
from app.domain.returns import Disposition
from app.services.printing import queue_document
from app.services.returns import REFUND_LABELS
from app.store.returns import ReturnRow
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Document, DocumentKind, Row, Separator, Text


def return_receipt(return_id: str, uow: UnitOfWork) -> Document:
    with uow.for_reading():
        return _return_receipt(return_id, uow)


def queue_return_receipt(return_id: str, uow: UnitOfWork) -> str:
    """The return receipt (with the store-credit voucher if any); cash refunds open the drawer."""
    return queue_document(lambda entered: _return_receipt(return_id, entered), return_id, uow)


def _return_receipt(return_id: str, uow: UnitOfWork) -> Document:
    till, event = uow.tills.this_till_and_event()
    row = uow.returns.get(return_id)
    if row is None:
        raise NotFound(texts._("No such return on this till."))  # on the screen, in the person's language
    refunds = uow.returns.refunds(return_id)
    _ = texts.for_locale(event.locale).gettext  # printed in the event's language, whoever takes the return
    fmt = event.format
    when = event.format_datetime(row.created_at)
    blocks: list[Text | Row | Separator] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
        Text(_("Return {return_no}").format(return_no=row.return_no), Align.CENTER, bold=True),
        Text(_("{when} · till {till}").format(when=when, till=till.code), Align.CENTER),
        Text(_original(row.receipt_no, _), Align.CENTER),
        Separator(),
    ]
    for line in row.lines:
        blocks.append(Row(f"{line.quantity} x {line.name}", f"-{fmt(line.refund)}"))
        blocks.append(Text(f"   {line.maker_name} · {line.reason} · {line.disposition.replace('_', ' ')}"))
    blocks.append(Separator())
    for refund in refunds:
        label = _(REFUND_LABELS[refund.kind]) if refund.kind in REFUND_LABELS else refund.kind
        reference = f" {refund.reference}" if refund.kind == "card" else ""
        blocks.append(Row(_("Refund {label}").format(label=label) + reference, fmt(refund.amount)))
    blocks.append(Row(_("TOTAL REFUNDED"), fmt(row.refund_total), bold=True, large=True))
    if row.receipt_no and row.receipt_no.startswith("order "):
        blocks.append(Text(_("The marketplace refunds the online payment."), Align.CENTER, bold=True))
    codes = sorted({refund.voucher_code for refund in refunds if refund.voucher_code})
    for code in codes:
        blocks += [
            Separator(),
            Text(_("Store credit voucher"), Align.CENTER, bold=True),
            Text(code, Align.CENTER, large=True),
        ]
    return Document(
        DocumentKind.RETURN_RECEIPT,
        _("{event} return {return_no}").format(event=event.name, return_no=row.return_no),
        tuple(blocks),
        open_drawer=any(refund.kind == "cash" for refund in refunds),
        meta={"file_name": f"return-{row.return_no}", "return_no": row.return_no},
    )


def _original(receipt_no: str | None, _: Callable[[str], str]) -> str:
    if receipt_no is None:
        return _("Without receipt")
    if receipt_no.startswith("order "):
        return _("Marketplace order {number}").format(number=receipt_no.removeprefix("order "))
    return _("Original receipt {receipt_no}").format(receipt_no=receipt_no)


@dataclass(frozen=True, slots=True)
class QualityHold:
    maker_name: str
    sku: str
    name: str
    quantity: int
    reasons: tuple[str, ...]


def recent_returns(uow: UnitOfWork, limit: int = 200) -> list[ReturnRow]:
    """The manager's list: each return with its lines, reasons and dispositions."""
    with uow.for_reading():
        return uow.returns.recent(limit)


def quality_holds(uow: UnitOfWork) -> list[QualityHold]:
    """Items held for quality, per maker: the defects that feed each maker's scorecard."""
    with uow.for_reading():
        rows = uow.returns.recent(1_000_000)
    held: dict[tuple[str, str], tuple[str, int, list[str]]] = {}
    for row in rows:
        for line in row.lines:
            if line.disposition == Disposition.QUALITY_HOLD:
                name, quantity, reasons = held.get((line.maker_name, line.sku), (line.name, 0, []))
                held[(line.maker_name, line.sku)] = (name, quantity + line.quantity, [*reasons, line.reason])
    return [
        QualityHold(maker, sku, name, quantity, tuple(reasons))
        for (maker, sku), (name, quantity, reasons) in sorted(held.items())
    ]
