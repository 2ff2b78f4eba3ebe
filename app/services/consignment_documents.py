"""The printed side of consignment: the hand-back note the maker signs, and the maker statement's lines.

Both are device-independent documents (printers/document.py): the hand-back note goes to the
thermal printer's queue (app/services/printing.py ``queue_document``) and to an A4 PDF; the statement's
lines join the settlement statement (app/services/settlements.py). Texts are in the event's language.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from app.domain import texts
from app.domain.errors import InvalidInput
from app.domain.events import EventSettings
from app.domain.texts import _
from app.services.consignment import HandBackNote, hand_back_note, maker_statements
from app.services.printing import queue_document
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Block, Document, DocumentKind, Row, Separator, Text
from printers.pdf_output import render_pdf
from sync.consignment import PAYOUT_PAID, STATEMENT_HEADER, Statement, statement_rows
from sync.event_figures_csv import csv_text
from sync.maker_settlements import percent
from sync.records.locations import QUALITY_HOLD

SIGNATURE_LINE = "_" * 32


def hand_back_document(note: HandBackNote, event: EventSettings) -> Document:
    """The note the maker signs: what they took back, from the shelf and from the quality hold."""
    _ = texts.for_locale(event.locale).gettext
    blocks: list[Block] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
        Text(_("Hand-back note {number}").format(number=note.number), Align.CENTER, bold=True),
        Text(event.place, Align.CENTER),
        Text(_("Maker: {maker}").format(maker=note.maker)),
        Text(
            _("Handed back {when} by {staff}").format(when=event.format_datetime(note.handed_at), staff=note.staff_name)
        ),
        Separator(),
    ]
    for line in note.lines:
        held = f" ({_('from the quality hold')})" if line.place == QUALITY_HOLD else ""
        blocks.append(Row(f"{line.name} ({line.sku}){held}", str(line.quantity)))
    blocks += [
        Separator(),
        Row(_("Units handed back"), str(note.units), bold=True),
        Text(""),
        Text(_("Received by the maker:")),
        Text(""),
        Text(SIGNATURE_LINE),
        Text(_("Signature")),
    ]
    return Document(
        DocumentKind.HAND_BACK_NOTE,
        _("{event} hand-back {number}").format(event=event.name, number=note.number),
        tuple(blocks),
        meta={"file_name": f"hand-back-{note.number}"},
    )


def print_hand_back(number: str, uow: UnitOfWork) -> str:
    """Queue the hand-back note for the receipt printer; the print job's id."""
    note = hand_back_note(number, uow)
    return queue_document(lambda u: hand_back_document(note, u.tills.this_till_and_event()[1]), number, uow)


def export_hand_back_pdf(number: str, target: Path, uow: UnitOfWork) -> Path:
    note = hand_back_note(number, uow)
    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
    _write(target, render_pdf(hand_back_document(note, event), "A4"))
    return target


def statement_blocks(statement: Statement, event: EventSettings) -> list[Block]:
    """Received / sold / returned / held / handed back / written off / missing, fees, payout and its state."""
    _ = texts.for_locale(event.locale).gettext
    fmt = event.format
    units = statement.reconciliation
    terms = statement.terms
    blocks: list[Block] = [Separator(), Text(_("Consignment"), bold=True)]
    for label, name in (
        (_("Received"), "delivered"),
        (_("Sold"), "sold"),
        (_("Returned by customers"), "returned"),
        (_("Held for quality"), "held"),
        (_("Handed back"), "handed_back"),
        (_("Written off"), "written_off"),
        (_("Missing"), "missing"),
    ):
        blocks.append(Row(label, str(units.total(name))))
    rate = f"{(units.defect_rate * 100).quantize(Decimal('0.1'))}%"
    blocks += [
        Text(_("Defect rate: {rate}").format(rate=rate)),
        Separator(),
        Row(_("Net revenue"), fmt(statement.net)),
        Row(_("Commission"), fmt(-statement.commission)),
        Row(_("Fixed fee"), fmt(-statement.fixed_fee)),
        Row(_("Fee {rate}").format(rate=percent(terms.fee_rate)), fmt(-statement.percentage_fee)),
        Row(_("Card fee {rate}").format(rate=percent(terms.card_fee_rate)), fmt(-statement.card_fee)),
        Row(_("PAYOUT"), fmt(statement.payout), bold=True, large=True),
        Text(
            _("Paid on {day}, reference {reference}").format(day=terms.paid_on, reference=terms.payout_reference)
            if terms.payout_state == PAYOUT_PAID
            else _("Payout due")
        ),
    ]
    return blocks


def statement_document(statement: Statement, event: EventSettings) -> Document:
    _ = texts.for_locale(event.locale).gettext
    blocks: list[Block] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
        Text(_("Maker statement: {maker}").format(maker=statement.maker), Align.CENTER, bold=True),
        Text(event.place, Align.CENTER),
    ]
    for line in statement.reconciliation.lines:
        blocks.append(
            Row(
                f"{line.name} ({line.sku})",
                _("{delivered} in, {sold} sold, {missing} missing").format(
                    delivered=line.delivered, sold=line.sold, missing=line.missing
                ),
            )
        )
    return Document(
        DocumentKind.MAKER_SETTLEMENT,
        _("{event} statement {maker}").format(event=event.name, maker=statement.maker),
        (*blocks, *statement_blocks(statement, event)),
        cut=False,
        meta={"file_name": f"statement-{statement.maker}"},
    )


def export_statements(uow: UnitOfWork, pdf_folder: Path | None, csv_file: Path | None, maker: str | None) -> list[Path]:
    """The maker statements as one A4 PDF per maker and/or one CSV file (the hub's layout)."""
    statements = maker_statements(uow, maker)
    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
    written = []
    if pdf_folder is not None:
        for statement in statements:
            safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in statement.maker).strip("-")
            target = pdf_folder / f"statement-{safe or 'maker'}.pdf"
            _write(target, render_pdf(statement_document(statement, event), "A4"))
            written.append(target)
    if csv_file is not None:
        _write(csv_file, ("\ufeff" + csv_text(STATEMENT_HEADER, statement_rows(statements))).encode())
        written.append(csv_file)
    return written


def _write(target: Path, data: bytes) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    except OSError as error:
        raise InvalidInput(
            _("Cannot write {target}: {strerror}.").format(target=target, strerror=error.strerror)
        ) from None
