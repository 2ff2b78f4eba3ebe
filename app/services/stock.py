"""Receiving stock and reading what is on hand."""

from __future__ import annotations

from collections.abc import Sequence

from app.domain.barcodes import normalize_code
from app.domain.cart import check_quantity
from app.domain.clock import now_iso
from app.domain.errors import NotFound
from app.domain.fact_digest import FactKind
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audit import append_fact
from app.services.authorization import ensure_event_open, require
from app.services.records import stock_record
from app.store.stock import Movement, MovementKind
from app.store.unit_of_work import UnitOfWork
from sync.records import StockMoveKind


def receive_stock(lines: Sequence[tuple[str, int]], staff_id: str, uow: UnitOfWork) -> int:
    """Book goods in at the till's location: (product code, quantity) pairs. Returns the units received."""
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        ensure_event_open(uow)
        till = uow.tills.this_till()
        movements: list[Movement] = []
        skus: list[str] = []
        for code, quantity in lines:
            product = uow.catalog.by_code(normalize_code(code))
            if product is None:
                raise NotFound(_("No product has the code {code}: import the catalog first.").format(code=code))
            check_quantity(quantity)
            skus.append(product.item.sku)
            movements.append(
                Movement(product.item.product_id, till.location, MovementKind.RECEIVE, quantity, None, staff_id)
            )
        at = now_iso()
        uow.stock.add(movements, at)
        deltas = [(sku, movement.quantity) for sku, movement in zip(skus, movements, strict=True)]
        uow.outbox.append(till.till_id, stock_record(StockMoveKind.RECEIVE, till.location, at, deltas))
        append_fact(
            uow,
            FactKind.STOCK_RECEIVED,
            at,
            till_id=till.till_id,
            staff_id=staff_id,
            action="stock.received",
            subject=till.location,
            # The instant names the movements: goods received have no record of their own.
            details={"lines": len(movements), "units": sum(m.quantity for m in movements), "at": at},
        )
        uow.commit()
    return sum(movement.quantity for movement in movements)


def on_hand(code: str, uow: UnitOfWork) -> int:
    with uow.for_reading():
        till = uow.tills.this_till()
        product = uow.catalog.by_code(normalize_code(code))
        if product is None:
            raise NotFound(_("No product has the code {code}.").format(code=code))
        return uow.stock.on_hand(product.item.product_id, till.location)
