"""Maker settlements: what each maker sold, got back, and is owed after the pop-up's commission.

Figures cover every till of the event this till knows of: its own sales and
returns plus those pulled from the hub, added up and settled by the rules the
hub's settlements use too (sync/event_figures.py, sync/maker_settlements.py).
The commission is a rate on what remains after refunds, per product when the
product has its own rate, else the maker's, else the event's default; it is
rounded half up per product.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from app.domain import texts
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventSettings
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import require
from app.services.event_changes import queue_commission_change
from app.store.database import driver
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Block, Document, DocumentKind, Row, Separator, Text
from printers.pdf_output import render_pdf
from sync.event_figures import event_figures
from sync.maker_settlements import MakerSettlement as MakerSettlement
from sync.maker_settlements import percent, settle

DEFAULT_COMMISSION_KEY = "default_commission_rate"


def parse_rate(text: str) -> Decimal:
    """A commission typed in percent ("25", "12.5%") as a fraction."""
    try:
        percent = Decimal(text.strip().rstrip("%").replace(",", "."))
    except InvalidOperation:
        raise InvalidInput(
            _("'{text}' is not a commission: type a percentage such as 25 or 12.5.").format(text=text)
        ) from None
    if not 0 <= percent <= 100:
        raise InvalidInput(_("A commission is between 0 and 100 percent."))
    return percent / 100


def set_commission(
    percent: str, staff_id: str, uow: UnitOfWork, maker: str | None = None, sku: str | None = None
) -> None:
    """The commission rate of a product, of a maker, or (neither given) the event's default."""
    rate = parse_rate(percent)
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        till = uow.tills.this_till()
        db = driver(uow.connection)
        if sku is not None:
            changed = db.execute("UPDATE products SET commission_rate = ? WHERE sku = ?", (str(rate), sku)).rowcount
            if not changed:
                raise NotFound(_("No product with SKU {sku}.").format(sku=sku))
        elif maker is not None:
            changed = db.execute("UPDATE makers SET commission_rate = ? WHERE name = ?", (str(rate), maker)).rowcount
            if not changed:
                raise NotFound(
                    _("No maker called {maker}: check the name as the catalog spells it.").format(maker=maker)
                )
        else:
            uow.tills.set_setting(DEFAULT_COMMISSION_KEY, str(rate))
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="settlement.commission_set",
            subject=sku or maker or "event",
            details={"rate": str(rate)},
        )
        queue_commission_change(uow, str(rate), staff_id, maker, sku)
        uow.commit()


def maker_settlements(uow: UnitOfWork) -> list[MakerSettlement]:
    with uow.for_reading():
        return _settlements(uow)


def settlements_in(uow: UnitOfWork) -> list[MakerSettlement]:
    """The settlements read inside the caller's open unit of work (app/services/consignment.py)."""
    return _settlements(uow)


def _settlements(uow: UnitOfWork) -> list[MakerSettlement]:
    db = driver(uow.connection)
    till = uow.tills.this_till()
    items = event_figures(*uow.reports.event_sources(till.code)).items
    product_rates = dict(db.execute("SELECT sku, commission_rate FROM products WHERE commission_rate IS NOT NULL"))
    maker_rates = dict(db.execute("SELECT name, commission_rate FROM makers WHERE commission_rate IS NOT NULL"))
    default = Decimal(uow.tills.setting(DEFAULT_COMMISSION_KEY) or "0")
    return settle(items, lambda maker, sku: Decimal(product_rates.get(sku) or maker_rates.get(maker) or default))


def settlement_document(
    settlement: MakerSettlement, event: EventSettings, consignment: Sequence[Block] = ()
) -> Document:
    """The maker's settlement; ``consignment`` adds their consignment's lines, fees and payout (consignment.md)."""
    printed = texts.for_locale(event.locale)  # the event's language, whoever exports it
    _, ngettext = printed.gettext, printed.ngettext
    fmt = event.format
    blocks: list[Block] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
        Text(_("Settlement statement: {maker}").format(maker=settlement.maker_name), Align.CENTER, bold=True),
        Text(event.place, Align.CENTER),
        Text(_("Every till's sales and returns this till has synced"), Align.CENTER),
        Separator(),
    ]
    for line in settlement.lines:
        blocks.append(Row(f"{line.units_sold} x {line.name} ({line.sku})", fmt(line.revenue)))
        if line.units_returned:
            returned = (
                _("returned {count}, {held} held for quality") if line.quality_holds else _("returned {count}")
            ).format(count=line.units_returned, held=line.quality_holds)
            blocks.append(Row(f"   {returned}", f"-{fmt(line.refunds)}"))
        commission = _("commission {rate}").format(rate=percent(line.rate))
        blocks.append(Row(f"   {commission}", f"-{fmt(line.commission)}"))
    blocks += [
        Separator(),
        Row(_("Units sold ({count})").format(count=settlement.units_sold), fmt(settlement.revenue)),
        Row(_("Returns ({count})").format(count=settlement.units_returned), f"-{fmt(settlement.refunds)}"),
        Row(_("Net revenue"), fmt(settlement.revenue - settlement.refunds)),
        Row(_("Commission"), f"-{fmt(settlement.commission)}"),
        Row(_("PAYOUT DUE"), fmt(settlement.payout), bold=True, large=True),
    ]
    if settlement.quality_holds:
        holds = ngettext(
            "Quality holds: {count} unit, see the returns list for the reason.",
            "Quality holds: {count} units, see the returns list for the reasons.",
            settlement.quality_holds,
        )
        blocks.append(Text(holds.format(count=settlement.quality_holds)))
    blocks += consignment
    return Document(
        DocumentKind.MAKER_SETTLEMENT,
        _("{event} settlement {maker}").format(event=event.name, maker=settlement.maker_name),
        tuple(blocks),
        cut=False,
        meta={"file_name": f"settlement-{settlement.maker_name}"},
    )


def export_settlement_pdfs(folder: Path, uow: UnitOfWork, maker: str | None = None) -> list[Path]:
    """One A4 PDF statement per maker (or only ``maker``), ready to send."""
    # Imported here: the consignment's statements read this module's settlements.
    from app.services.consignment import maker_statements
    from app.services.consignment_documents import statement_blocks

    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
        settlements = _settlements(uow)
    stated = {statement.maker: statement for statement in maker_statements(uow)}
    if maker is not None:
        settlements = [s for s in settlements if s.maker_name.casefold() == maker.casefold()]
        if not settlements:
            raise NotFound(_("No sales or returns for a maker called {maker}.").format(maker=maker))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for settlement in settlements:
            safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in settlement.maker_name).strip("-")
            target = folder / f"settlement-{safe or 'maker'}.pdf"
            statement = stated.get(settlement.maker_name)
            lines = statement_blocks(statement, event) if statement else []
            target.write_bytes(render_pdf(settlement_document(settlement, event, lines), "A4"))
            written.append(target)
    except OSError as error:
        raise InvalidInput(
            _("Cannot write the statements to {folder}: {strerror}.").format(folder=folder, strerror=error.strerror)
        ) from None
    return written
