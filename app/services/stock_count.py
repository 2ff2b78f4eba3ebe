"""Counting stock: scan or type what is on the table, see the variance, post it as adjustments.

The expected on-hand is the sum of the location's movements (received − sold
+ restocked − written off ± adjustments), shown by kind so a variance can be
explained. A count is a draft kept in the store until it is posted, so a long
count survives a crash; posting writes one adjustment per product counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.barcodes import normalize_code
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, PosError, RuleViolation
from app.domain.fact_digest import FactKind
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audit import append_fact
from app.services.authorization import ensure_event_open, require
from app.services.records import stock_record
from app.store.stock import Movement, MovementKind
from app.store.unit_of_work import UnitOfWork
from sync.records import StockMoveKind

MAX_COUNT = 1_000_000


@dataclass(frozen=True, slots=True)
class CountLine:
    product_id: str
    sku: str
    name: str
    expected: int
    counted: int | None
    # The expected on-hand explained: movement kind -> summed quantity.
    movements: tuple[tuple[str, int], ...]

    @property
    def variance(self) -> int | None:
        return None if self.counted is None else self.counted - self.expected


@dataclass(frozen=True, slots=True)
class CountSheet:
    count_id: str
    location: str
    lines: tuple[CountLine, ...]

    @property
    def counted_lines(self) -> tuple[CountLine, ...]:
        return tuple(line for line in self.lines if line.counted is not None)


def count_locations(uow: UnitOfWork) -> list[str]:
    """Where stock can be counted: the till's own location first, then every other one movements use."""
    with uow.for_reading():
        own = uow.tills.this_till().location
        return [own, *sorted(set(uow.stock.locations()) - {own})]


def start_count(staff_id: str, uow: UnitOfWork, location: str | None = None) -> str:
    """A count for a location (the till's by default); an unposted count there is resumed, not restarted."""
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        ensure_event_open(uow)
        where = location or uow.tills.this_till().location
        count_id = uow.stock.open_count(where)
        if count_id is None:
            count_id = new_id()
            uow.stock.start_count(count_id, where, now_iso(), staff_id)
        uow.commit()
    return count_id


def count_item(count_id: str, code: str, staff_id: str, uow: UnitOfWork, quantity: int | None = None) -> CountLine:
    """A scan adds one; a typed quantity sets the count for that product."""
    if quantity is not None and not 0 <= quantity <= MAX_COUNT:
        raise InvalidInput(_("A counted quantity is a whole number, zero or more."))
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        _open_location(count_id, uow)
        try:
            product = uow.catalog.by_code(normalize_code(code))
        except PosError:
            product = None
        if product is None:
            raise NotFound(
                _("No product has the code {code}: scan its barcode or type its SKU.").format(code=code.strip())
            )
        so_far = uow.stock.counted(count_id).get(product.item.product_id, 0)
        uow.stock.set_counted(count_id, product.item.product_id, so_far + 1 if quantity is None else quantity)
        uow.commit()
    sheet = count_sheet(count_id, uow)
    return next(line for line in sheet.lines if line.product_id == product.item.product_id)


def count_entry(count_id: str, entry: str, staff_id: str, uow: UnitOfWork) -> CountLine:
    """What the counter typed or scanned: a code adds one, ``CODE=QUANTITY`` sets the count."""
    code, equals, typed = entry.strip().partition("=")
    if equals and not typed.strip().isdigit():
        raise InvalidInput(_("Type CODE=QUANTITY with a whole number, e.g. ATE-001=12."))
    return count_item(count_id, code, staff_id, uow, int(typed) if equals else None)


def _open_location(count_id: str, uow: UnitOfWork) -> str:
    found = uow.stock.count_location(count_id)
    if found is None:
        raise NotFound(_("No such stock count: start a new one."))
    location, posted_at = found
    if posted_at is not None:
        raise RuleViolation(_("This count was posted already: start a new count."))
    return location


def count_sheet(count_id: str, uow: UnitOfWork) -> CountSheet:
    """Every product with stock or a count at the location: expected, counted, variance."""
    with uow.for_reading():
        found = uow.stock.count_location(count_id)
        if found is None:
            raise NotFound(_("No such stock count: start a new one."))
        location = found[0]
        counted = uow.stock.counted(count_id)
        movements = uow.stock.on_hand_by_kind(location)
        ids = sorted(set(counted) | {pid for pid, kinds in movements.items() if any(kinds.values())})
        lines = []
        for product_id in ids:
            product = uow.catalog.by_id(product_id)
            if product is None:
                continue
            kinds = movements.get(product_id, {})
            lines.append(
                CountLine(
                    product_id,
                    product.item.sku,
                    f"{product.item.name} {product.item.variant}".strip(),
                    sum(kinds.values()),
                    counted.get(product_id),
                    tuple(sorted(kinds.items())),
                )
            )
    return CountSheet(count_id, location, tuple(sorted(lines, key=lambda line: line.sku)))


def post_count(count_id: str, staff_id: str, uow: UnitOfWork) -> int:
    """Write the counted products' variances as adjustment movements; returns how many products moved.

    Products not counted are left as they are: a partial count (one table,
    one maker) never zeroes the rest of the stock.
    """
    sheet = count_sheet(count_id, uow)
    with uow:
        require(uow, staff_id, Permission.MANAGE_CATALOG)
        ensure_event_open(uow)
        _open_location(count_id, uow)
        till = uow.tills.this_till()
        at = now_iso()
        adjustments = [line for line in sheet.counted_lines if line.variance]
        uow.stock.add(
            [
                Movement(
                    line.product_id,
                    sheet.location,
                    MovementKind.COUNT_ADJUSTMENT,
                    line.variance or 0,
                    count_id,
                    staff_id,
                )
                for line in adjustments
            ],
            at,
        )
        uow.stock.mark_posted(count_id, at, staff_id)
        if adjustments:
            deltas = [(line.sku, line.variance or 0) for line in adjustments]
            uow.outbox.append(till.till_id, stock_record(StockMoveKind.COUNT_ADJUSTMENT, sheet.location, at, deltas))
        append_fact(
            uow,
            FactKind.STOCK_COUNT,
            count_id,
            till_id=till.till_id,
            staff_id=staff_id,
            action="stock.count_posted",
            subject=count_id,
            details={"location": sheet.location, "adjusted": {line.sku: line.variance for line in adjustments}},
        )
        uow.commit()
    return len(adjustments)
