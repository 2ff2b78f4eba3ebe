"""Goods in and transfers: a maker's delivery received under its note's number, stock moved between places.

A delivery is one fact: the receive movements at the till's location, the
delivery's row (maker, note), one stock.moved record for the hub carrying the
maker and the note, and its audit entry, in one transaction. A transfer is
one too: the units leave one place and arrive at the other (two movements
per product), one stock.moved record names both places, and the audit entry
says what went where. The places are named in sync/records/locations.py; the
hub decides from them what stays sellable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.barcodes import normalize_code
from app.domain.cart import check_quantity
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, PosError, RuleViolation
from app.domain.fact_digest import FactKind
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audit import append_fact
from app.services.audited_records import queue_audited
from app.services.authorization import ensure_event_open, require
from app.services.records import delivery_record, transfer_record
from app.store.deliveries import DeliveryRepository, DeliveryRow
from app.store.stock import Movement, MovementKind
from app.store.unit_of_work import UnitOfWork
from sync.records.locations import (
    MAKER,
    NEVER_MOVED_FROM,
    QUALITY_HOLD,
    STALL,
    TILL_PREFIX,
    WRITTEN_OFF,
    is_location,
    till_location,
)

MAX_NOTE = 60
RECENT_DELIVERIES = 20
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class GoodsLine:
    """A product and how many of it: a line of a delivery or a transfer, before and after it is booked."""

    product_id: str
    sku: str
    name: str
    maker: str
    quantity: int


@dataclass(frozen=True, slots=True)
class BookedLine:
    sku: str
    name: str
    quantity: int
    # Units at the place they went to, this booking included (this till's own movements).
    on_hand: int


@dataclass(frozen=True, slots=True)
class DeliveryReceived:
    delivery_id: str
    maker: str
    note: str
    received_at: str
    lines: tuple[BookedLine, ...]

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)


@dataclass(frozen=True, slots=True)
class StockTransferred:
    transfer_id: str
    from_location: str
    to_location: str
    at: str
    lines: tuple[BookedLine, ...]

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)


def maker_names(uow: UnitOfWork) -> list[str]:
    with uow.for_reading():
        return [maker.name for maker in uow.catalog.makers()]


def transfer_places() -> list[str]:
    """The places a screen offers; another till is typed as till:CODE."""
    return [STALL, QUALITY_HOLD, MAKER, WRITTEN_OFF]


def place_name(text: str) -> str:
    """A place as typed ("Quality hold", "till:b") in the form records use, or a refusal that lists them."""
    typed = text.strip()
    if typed.casefold().startswith(TILL_PREFIX):
        name = till_location(typed[len(TILL_PREFIX) :].strip().upper())
    else:
        name = typed.casefold().replace(" ", "_").replace("-", "_")
    if not is_location(name):
        raise InvalidInput(
            _(
                "'{place}' is not a place stock is kept: use stall, quality_hold, maker, written_off"
                " or till:CODE (e.g. till:B)."
            ).format(place=typed)
        )
    return name


def goods_line(code: str, quantity: int, uow: UnitOfWork, maker: str | None = None) -> GoodsLine:
    """A scanned or typed line checked before it joins a list: a known product, a whole quantity, the right maker."""
    with uow.for_reading():
        return _goods_line(uow, code, quantity, maker)


def _goods_line(uow: UnitOfWork, code: str, quantity: int, maker: str | None) -> GoodsLine:
    check_quantity(quantity)
    try:
        product = uow.catalog.by_code(normalize_code(code))
    except PosError:
        product = None
    if product is None:
        raise NotFound(
            _("No product has the code {code}: check the code, or add the product to the catalog first.").format(
                code=code.strip()
            )
        )
    item = product.item
    name = f"{item.name} {item.variant}".strip()
    if maker is not None and item.maker_name.casefold() != maker.casefold():
        raise RuleViolation(
            _("{sku} ({name}) is made by {other}, not {maker}: receive it with {other}'s delivery.").format(
                sku=item.sku, name=name, other=item.maker_name, maker=maker
            )
        )
    return GoodsLine(item.product_id, item.sku, name, item.maker_name, quantity)


def _merged(uow: UnitOfWork, items: Sequence[tuple[str, int]], maker: str | None) -> list[GoodsLine]:
    """The items as lines, one per product: a product scanned twice is one line with both quantities."""
    if not items:
        raise InvalidInput(_("Scan or type at least one item with its quantity."))
    lines: dict[str, GoodsLine] = {}
    for code, quantity in items:
        line = _goods_line(uow, code, quantity, maker)
        before = lines.get(line.product_id)
        if before is not None:
            line = GoodsLine(line.product_id, line.sku, line.name, line.maker, before.quantity + line.quantity)
            check_quantity(line.quantity)
        lines[line.product_id] = line
    return list(lines.values())


def _note(text: str) -> str:
    note = text.strip()
    if not note:
        raise InvalidInput(_("Type the number of the delivery note."))
    if len(note) > MAX_NOTE or _CONTROL.search(note):
        raise InvalidInput(
            _("A delivery note's number is at most {limit} characters, on one line.").format(limit=MAX_NOTE)
        )
    return note


def receive_delivery(
    maker: str, note: str, items: Sequence[tuple[str, int]], staff_id: str, uow: UnitOfWork
) -> DeliveryReceived:
    """Book a maker's delivery in at the till's location: (product code, quantity) pairs, all the maker's."""
    number = _note(note)
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        ensure_event_open(uow)
        found = next((m for m in uow.catalog.makers() if m.name.casefold() == maker.strip().casefold()), None)
        if found is None:
            raise NotFound(
                _("No maker is called {maker}: pick one of the catalog's makers.").format(maker=maker.strip())
            )
        deliveries = DeliveryRepository(uow.connection)
        already = deliveries.received_at(found.maker_id, number)
        if already is not None:
            event = uow.tills.this_till_and_event()[1]
            raise RuleViolation(
                _(
                    "Delivery note {note} of {maker} was received already ({when}): a further delivery"
                    " has a note number of its own."
                ).format(note=number, maker=found.name, when=event.format_datetime(already))
            )
        lines = _merged(uow, items, found.name)
        till = uow.tills.this_till()
        at = now_iso()
        delivery_id = new_id()
        uow.stock.add(
            [
                Movement(line.product_id, till.location, MovementKind.RECEIVE, line.quantity, None, staff_id)
                for line in lines
            ],
            at,
        )
        deliveries.add(delivery_id, found.maker_id, number, till.location, staff_id, at)
        deltas = [(line.sku, line.quantity) for line in lines]
        uow.outbox.append(till.till_id, delivery_record(till.location, at, deltas, found.name, number))
        units = sum(line.quantity for line in lines)
        append_fact(
            uow,
            FactKind.STOCK_RECEIVED,
            at,
            till_id=till.till_id,
            staff_id=staff_id,
            action="stock.received",
            subject=till.location,
            # The instant names the movements (app/store/facts.py); the delivery's row names maker and note.
            details={"lines": len(lines), "units": units, "at": at, "maker": found.name, "note": number},
        )
        booked = _booked(uow, lines, till.location)
        uow.commit()
    return DeliveryReceived(delivery_id, found.name, number, at, booked)


def transfer_stock(
    from_place: str,
    to_place: str,
    items: Sequence[tuple[str, int]],
    staff_id: str,
    uow: UnitOfWork,
    reference: str = "",
) -> StockTransferred:
    """Move units from one place to another: the stall, the quality hold, another till, back to the maker."""
    source, target = place_name(from_place), place_name(to_place)
    if source == target:
        raise InvalidInput(_("Pick two different places: the stock is at {place} already.").format(place=source))
    if source in NEVER_MOVED_FROM:
        raise RuleViolation(
            _(
                "Nothing is moved out of {place}: those goods have left the event. Goods a maker brings back"
                " are received with their delivery note."
            ).format(place=source)
        )
    note = reference.strip()
    if len(note) > MAX_NOTE or _CONTROL.search(note):
        raise InvalidInput(_("A reference is at most {limit} characters, on one line.").format(limit=MAX_NOTE))
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        ensure_event_open(uow)
        moved = book_transfer(uow, source, target, items, staff_id, note)
        uow.commit()
    return moved


def book_transfer(
    uow: UnitOfWork,
    source: str,
    target: str,
    items: Sequence[tuple[str, int]],
    staff_id: str,
    note: str = "",
    reason: str | None = None,
    action: str = "stock.transferred",
) -> StockTransferred:
    """Write a transfer inside the caller's open unit of work (checked places, permission already required).

    A hand-back and a quality decision (app/services/consignment.py) book theirs this way, in their own
    transaction with their own rows; ``reason`` travels in the record and the audit entry.
    """
    till = uow.tills.this_till()
    if till_location(till.code) in (source, target):
        raise InvalidInput(
            _("{place} is this till: its stock is the stall, so move it to or from stall.").format(
                place=till_location(till.code)
            )
        )
    lines = _merged(uow, items, None)
    at = now_iso()
    transfer_id = new_id()
    here, there = _local(source, till.location), _local(target, till.location)
    uow.stock.add(
        [
            Movement(line.product_id, place, MovementKind.TRANSFER, sign * line.quantity, transfer_id, staff_id)
            for line in lines
            for place, sign in ((here, -1), (there, 1))
        ],
        at,
    )
    deltas = [(line.sku, line.quantity) for line in lines]
    queue_audited(
        uow,
        transfer_record(source, target, at, deltas, note or None, reason),
        till_id=till.till_id,
        staff_id=staff_id,
        action=action,
        subject=f"{source} -> {target}",
        details={
            "transfer": transfer_id,
            "from": source,
            "to": target,
            "units": sum(line.quantity for line in lines),
            "lines": {line.sku: line.quantity for line in lines},
            **({"reference": note} if note else {}),
            **({"reason": reason} if reason else {}),
        },
    )
    return StockTransferred(transfer_id, source, target, at, _booked(uow, lines, there))


def recent_deliveries(uow: UnitOfWork) -> list[DeliveryRow]:
    with uow.for_reading():
        return DeliveryRepository(uow.connection).recent(RECENT_DELIVERIES)


def _local(place: str, till_location_name: str) -> str:
    """The stall, on this till, is the till's own location; the other places keep their names."""
    return till_location_name if place == STALL else place


def _booked(uow: UnitOfWork, lines: Sequence[GoodsLine], location: str) -> tuple[BookedLine, ...]:
    return tuple(
        BookedLine(line.sku, line.name, line.quantity, uow.stock.on_hand(line.product_id, location)) for line in lines
    )
