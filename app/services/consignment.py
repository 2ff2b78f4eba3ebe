"""Consignment on the till: each maker's reconciliation and statement, quality decisions, hand-back, fees.

The figures are sync/consignment.py's, over the same records the hub reads: this till's own outbox
(its deliveries, transfers and returns, as it sent them) and the other tills' returns it pulled, with
the event's sales figures (sync/event_figures.py). A quality decision and a hand-back are transfers
(app/services/goods_in.py ``book_transfer``) with their reason or note in the same transaction. A
maker's fees and payout state are event changes (``maker_terms.set``) like a commission.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from app.domain.barcodes import normalize_code
from app.domain.clock import now_iso
from app.domain.consignment import (
    QualityOutcome,
    checked_reason,
    hand_back_number,
)
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import ensure_event_open, require
from app.services.consignment_terms import maker_terms
from app.services.goods_in import book_transfer
from app.services.settlements import settlements_in
from app.store.database import driver
from app.store.unit_of_work import UnitOfWork
from sync.consignment import (
    Placed,
    Reconciliation,
    Statement,
    fold_return,
    fold_stock_moved,
    reconcile,
    statements,
)
from sync.event_figures import event_figures
from sync.records import ChangeKind, RecordType
from sync.records.locations import MAKER, QUALITY_HOLD, STALL

TERMS_KIND = ChangeKind.MAKER_TERMS.value
MAX_FIXED_FEE = 10**12 - 1


@dataclass(frozen=True, slots=True)
class HeldItem:
    maker: str
    sku: str
    name: str
    held: int


@dataclass(frozen=True, slots=True)
class HandBackLine:
    sku: str
    name: str
    quantity: int
    place: str  # stall or quality_hold: where the units were


@dataclass(frozen=True, slots=True)
class HandBackNote:
    number: str
    maker: str
    handed_at: str
    staff_name: str
    lines: tuple[HandBackLine, ...]

    @property
    def units(self) -> int:
        return sum(line.quantity for line in self.lines)


def reconciliations(uow: UnitOfWork) -> list[Reconciliation]:
    with uow.for_reading():
        return _reconciliations(uow)


def maker_statements(uow: UnitOfWork, maker: str | None = None) -> list[Statement]:
    with uow.for_reading():
        return _statements(uow, maker)


def reconciliations_in(uow: UnitOfWork) -> list[Reconciliation]:
    """The reconciliations read inside the caller's open unit of work (the close checklist)."""
    return _reconciliations(uow)


def _reconciliations(uow: UnitOfWork) -> list[Reconciliation]:
    till = uow.tills.this_till()
    figures = event_figures(*uow.reports.event_sources(till.code))
    return reconcile(figures, _placed(uow), _names(uow))


def _statements(uow: UnitOfWork, maker: str | None) -> list[Statement]:
    till = uow.tills.this_till()
    figures = event_figures(*uow.reports.event_sources(till.code))
    found = reconcile(figures, _placed(uow), _names(uow))
    if maker is not None:
        found = [r for r in found if r.maker.casefold() == maker.strip().casefold()]
        if not found:
            raise NotFound(_("No delivery from a maker called {maker} at this event.").format(maker=maker.strip()))
    return statements(figures, found, settlements_in(uow), maker_terms(uow))


def _placed(uow: UnitOfWork) -> Placed:
    db = driver(uow.connection)
    makers = dict(db.execute("SELECT p.sku, m.name FROM products p JOIN makers m ON m.id = p.maker_id").fetchall())
    placed: Placed = {}
    own = db.execute(
        "SELECT type, payload FROM outbox WHERE type IN (?, ?) ORDER BY seq",
        (RecordType.STOCK_MOVED.value, RecordType.RETURN_RECORDED.value),
    )
    for record_type, payload in own:
        if record_type == RecordType.STOCK_MOVED:
            fold_stock_moved(placed, json.loads(payload), makers.get)
        else:
            fold_return(placed, json.loads(payload))
    for (payload,) in db.execute("SELECT payload FROM foreign_returns"):
        fold_return(placed, json.loads(payload))
    for (payload,) in db.execute("SELECT payload FROM foreign_stock_moves"):
        fold_stock_moved(placed, json.loads(payload), makers.get)
    return placed


def _names(uow: UnitOfWork) -> dict[str, str]:
    rows = driver(uow.connection).execute("SELECT sku, trim(name || ' ' || variant) FROM products")
    return {str(sku): str(name) for sku, name in rows.fetchall()}


# Quality decisions


def held_items(uow: UnitOfWork) -> list[HeldItem]:
    """Every product with units on the quality hold (this till's and the returns pulled from the others)."""
    with uow.for_reading():
        names = _names(uow)
        return [
            HeldItem(maker, sku, names.get(sku, sku), units.held)
            for (maker, sku), units in sorted(_placed(uow).items())
            if units.held > 0
        ]


def decide_quality(
    code: str, quantity: int, outcome: QualityOutcome, reason: str, staff_id: str, uow: UnitOfWork
) -> str:
    """A manager's decision for units on the quality hold: released to sale, back to the maker, or written off.

    A transfer out of the quality hold carrying the reason (one stock.moved record, audited as
    ``quality.decided``); refused for more units than the hold has of the product. Returns the transfer's id.
    """
    why = checked_reason(reason)
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        ensure_event_open(uow)
        product = uow.catalog.by_code(normalize_code(code))
        if product is None:
            raise NotFound(_("No product has the code {code}.").format(code=code.strip()))
        sku = product.item.sku
        held = sum(units.held for (_maker, held_sku), units in _placed(uow).items() if held_sku == sku)
        if quantity > held:
            raise RuleViolation(
                _("The quality hold has {held} of {sku}: decide for at most that many.").format(held=held, sku=sku)
            )
        moved = book_transfer(
            uow, QUALITY_HOLD, outcome.place, [(sku, quantity)], staff_id, reason=why, action="quality.decided"
        )
        uow.commit()
    return moved.transfer_id


# Hand-back at the close


def hand_back_suggestion(maker: str, uow: UnitOfWork) -> list[tuple[str, str, int, int]]:
    """(SKU, name, units that should be on the shelf, units on the quality hold) of the maker's products."""
    found = [r for r in reconciliations(uow) if r.maker.casefold() == maker.strip().casefold()]
    if not found:
        raise NotFound(_("No delivery from a maker called {maker} at this event.").format(maker=maker.strip()))
    return [(line.sku, line.name, max(line.missing, 0), line.held) for line in found[0].lines]


def hand_back(
    maker: str,
    items: Sequence[tuple[str, int]],
    staff_id: str,
    uow: UnitOfWork,
    held: Sequence[tuple[str, int]] = (),
) -> HandBackNote:
    """Hand unsold goods (``items`` from the stall) and, if chosen, held ones back to the maker, with a note.

    Transfers to ``maker`` (the held ones with the reason "handed back at the close", a quality decision),
    the note's row and an audit entry, in one transaction. Every product must be the maker's.
    """
    if not items and not held:
        raise InvalidInput(_("Scan or type at least one item to hand back, with its quantity."))
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        ensure_event_open(uow)
        member = uow.staff.by_id(staff_id)
        name = next((m.name for m in uow.catalog.makers() if m.name.casefold() == maker.strip().casefold()), None)
        if name is None:
            raise NotFound(_("No maker is called {maker}: pick one of the catalog's makers.").format(maker=maker))
        till = uow.tills.this_till()
        count = driver(uow.connection).execute("SELECT count(*) FROM hand_backs").fetchone()[0]
        number = hand_back_number(till.code, int(count) + 1)
        lines: list[HandBackLine] = []
        for place, chosen in ((STALL, items), (QUALITY_HOLD, held)):
            if not chosen:
                continue
            reason = _("handed back at the close") if place == QUALITY_HOLD else None
            moved = book_transfer(
                uow, place, MAKER, chosen, staff_id, note=number, reason=reason, action="consignment.handed_back"
            )
            for line in moved.lines:
                product = uow.catalog.by_code(line.sku)
                if product is None or product.item.maker_name != name:
                    raise RuleViolation(
                        _("{sku} ({name}) is not made by {maker}: hand it back to its own maker.").format(
                            sku=line.sku, name=line.name, maker=name
                        )
                    )
                lines.append(HandBackLine(line.sku, line.name, line.quantity, place))
        at = now_iso()
        payload = json.dumps([[line.sku, line.name, line.quantity, line.place] for line in lines])
        driver(uow.connection).execute(
            "INSERT INTO hand_backs (id, number, maker, lines, staff_id, handed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (new_id(), number, name, payload, staff_id, at),
        )
        uow.commit()
    return HandBackNote(number, name, at, member.name if member else "", tuple(lines))


def hand_back_note(number: str, uow: UnitOfWork) -> HandBackNote:
    with uow.for_reading():
        row = (
            driver(uow.connection)
            .execute("SELECT number, maker, handed_at, staff_id, lines FROM hand_backs WHERE number = ?", (number,))
            .fetchone()
        )
        if row is None:
            raise NotFound(_("No hand-back note {number} on this till.").format(number=number))
        member = uow.staff.by_id(row[3])
        lines = tuple(HandBackLine(str(a), str(b), int(c), str(d)) for a, b, c, d in json.loads(row[4]))
        return HandBackNote(row[0], row[1], row[2], member.name if member else "", lines)
