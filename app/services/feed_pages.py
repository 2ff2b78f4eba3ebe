"""Writing pulled feed pages into the till: each entry applied by its kind, the cursor in the same transaction.

An entry that breaks its contract or cannot be stored is quarantined with the
reason (app/store/quarantine.py) and the rest of its page is applied: one
malformed record must not stop the event's sync on every till.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

from sqlalchemy.exc import IntegrityError

from app.domain.barcodes import normalize_code
from app.domain.catalog import Maker
from app.domain.clock import now_iso
from app.domain.errors import PosError
from app.domain.ids import new_id
from app.services.consignment_terms import (
    STOCK_MOVE_KIND,
    TERMS_CHANGE_KINDS,
    apply_terms_change,
    save_foreign_stock_move,
)
from app.services.demand import DEMAND_CHANGE_KINDS, apply_demand_change
from app.services.drops import DROP_CHANGE_KINDS, apply_drop_change
from app.services.event_settings_sync import EVENT_CHANGE_KINDS, apply_event_change
from app.services.feed_checks import check_changes
from app.services.group_buys import GROUP_BUY_CHANGE_KINDS, apply_group_buy_change
from app.services.pickups import PICKUP_CHANGE_KINDS, apply_pickup_change
from app.services.price_rules import PRICE_RULE_KIND, apply_price_rule_change
from app.services.returns import RETURN_CHANGE_KINDS, apply_return_change
from app.services.till_statuses import TILL_STATUS_KIND, apply_till_status
from app.services.voucher_sync import VOUCHER_CHANGE_KINDS, apply_voucher_change
from app.store.catalog import ProductWrite
from app.store.unit_of_work import UnitOfWork
from sync.protocol import Change, ChangesPage

# The most pages written in one transaction. Each commit writes out every page
# of the store the transaction touched (products are keyed by random ids, so
# nearly one index page per product) and syncs the disk; a sale waiting for the
# write lock meanwhile waits for one such transaction at most.
PAGES_PER_WRITE = 8


def store_pages(
    new_uow: Callable[[], UnitOfWork], pages: list[ChangesPage], reasons: list[list[str | None]] | None = None
) -> None:
    """Write ``pages``; ``reasons``: what ``check_changes`` said of each page's entries, when already asked
    (a pull checks a page as soon as it has it, while the pages before it are being written)."""
    if reasons is None:
        reasons = [check_changes(page.changes) for page in pages]
    try:
        _write_pages(new_uow, pages, reasons, careful=False)
    except _BAD_ENTRY:
        for page, page_reasons in zip(pages, reasons, strict=True):
            _write_pages(new_uow, [page], [page_reasons], careful=True)


def _write_pages(
    new_uow: Callable[[], UnitOfWork], pages: list[ChangesPage], reasons: list[list[str | None]], *, careful: bool
) -> None:
    """The pages' entries and the last one's cursor in one transaction; an entry that broke its contract is quarantined.

    First without savepoints: SQLite copies every page of the store a
    savepoint's writes touch to a temporary file, more writes than the entries'
    own. Only when an entry fails are the pages rolled back and written again
    one by one, ``careful``ly: each suspect in a savepoint, so the one that
    fails is quarantined with its reason and the rest is applied.
    """
    with new_uow() as uow:
        at = now_iso()
        for page, page_reasons in zip(pages, reasons, strict=True):
            fit: list[Change] = []
            for change, reason in zip(page.changes, page_reasons, strict=True):
                if reason is None:
                    fit.append(change)
                else:
                    _quarantine(uow, change, reason, at)
            products = [change for change in fit if change.kind == "product"]
            others = [change for change in fit if change.kind != "product"]
            if careful:
                _apply_product_changes(uow, products, at)
                for change in others:
                    _apply_or_quarantine(uow, change, _apply_change, at)
            else:
                _apply_products(uow, products)
                # Stock levels touch nothing the other kinds read: a page's go in one statement.
                levels = {change.key: int(change.data["level"]) for change in others if change.kind == "stock_level"}
                uow.hub.set_stock_levels(levels)
                for change in others:
                    if change.kind != "stock_level":
                        _apply_change(uow, change)
        uow.hub.save_cursor(pages[-1].next_cursor)
        uow.commit()


# What applying a malformed entry raises. Anything else (a full disk, a locked
# store) is the till's own trouble: it stops the sync rather than being blamed
# on the entry.
_BAD_ENTRY = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    OverflowError,
    PosError,
    IntegrityError,
    sqlite3.IntegrityError,
)


def _quarantine(uow: UnitOfWork, change: Change, reason: str, at: str) -> None:
    data = json.dumps(change.data, ensure_ascii=False)
    uow.quarantine.add(change.seq, change.kind, change.key, data, reason, at)


def _failure(error: Exception) -> str:
    if isinstance(error, KeyError):
        return f"{error} is missing"
    # SQLAlchemy's message carries the statement and its parameters; the driver's says what broke.
    detail = str(error.orig if isinstance(error, IntegrityError) else error)
    return f"the till could not store it: {detail or type(error).__name__}"


def _apply_or_quarantine(uow: UnitOfWork, change: Change, apply: Callable[[UnitOfWork, Change], None], at: str) -> None:
    try:
        # A savepoint: a change that fails leaves none of its writes behind.
        with uow.connection.begin_nested():
            apply(uow, change)
    except _BAD_ENTRY as error:
        _quarantine(uow, change, _failure(error), at)


def _stock_level(uow: UnitOfWork, change: Change) -> None:
    uow.hub.set_stock_level(change.key, int(change.data["level"]))


def _pickup(uow: UnitOfWork, change: Change) -> None:
    apply_pickup_change(uow, change.kind, change.key, change.data)


def _return(uow: UnitOfWork, change: Change) -> None:
    apply_return_change(uow, change.kind, change.data)


def _event(uow: UnitOfWork, change: Change) -> None:
    apply_event_change(uow, change.kind, change.key, change.data)


def _price_rule(uow: UnitOfWork, change: Change) -> None:
    apply_price_rule_change(uow, change.key, change.data)


def _till_status(uow: UnitOfWork, change: Change) -> None:
    apply_till_status(uow, change.key, change.data)


def _group_buy(uow: UnitOfWork, change: Change) -> None:
    apply_group_buy_change(uow, change.kind, change.key, change.data)


def _maker_terms(uow: UnitOfWork, change: Change) -> None:
    apply_terms_change(uow, change.kind, change.key, change.data)


def _stock_move(uow: UnitOfWork, change: Change) -> None:
    save_foreign_stock_move(uow, change.key, change.data)


def _demand(uow: UnitOfWork, change: Change) -> None:
    apply_demand_change(uow, change.kind, change.key, change.data)


def _voucher(uow: UnitOfWork, change: Change) -> None:
    apply_voucher_change(uow, change.key, change.data)


def _drop(uow: UnitOfWork, change: Change) -> None:
    apply_drop_change(uow, change.key, change.data)


# Who applies each kind of feed entry the contracts in sync/records know (products go in bulk: _apply_products).
# A kind this till does not know (a newer hub's) never gets here: check_changes quarantines it first.
APPLY: dict[str, Callable[[UnitOfWork, Change], None]] = {
    "stock_level": _stock_level,
    **dict.fromkeys(PICKUP_CHANGE_KINDS, _pickup),
    **dict.fromkeys(RETURN_CHANGE_KINDS, _return),
    **dict.fromkeys(EVENT_CHANGE_KINDS, _event),
    TILL_STATUS_KIND: _till_status,
    **dict.fromkeys(VOUCHER_CHANGE_KINDS, _voucher),
    **dict.fromkeys(DROP_CHANGE_KINDS, _drop),
    **dict.fromkeys(GROUP_BUY_CHANGE_KINDS, _group_buy),
    **dict.fromkeys(DEMAND_CHANGE_KINDS, _demand),
    **dict.fromkeys(TERMS_CHANGE_KINDS, _maker_terms),
    STOCK_MOVE_KIND: _stock_move,
    PRICE_RULE_KIND: _price_rule,
}


def _apply_change(uow: UnitOfWork, change: Change) -> None:
    APPLY[change.kind](uow, change)


def _apply_product_changes(uow: UnitOfWork, changes: list[Change], at: str) -> None:
    try:
        with uow.connection.begin_nested():
            _apply_products(uow, changes)
    except _BAD_ENTRY:
        # Thousands of products go in one bulk write; only when it fails is each tried alone, to set the bad one aside.
        for change in changes:
            _apply_or_quarantine(uow, change, _apply_product, at)


def _apply_product(uow: UnitOfWork, change: Change) -> None:
    _apply_products(uow, [change])


def _apply_products(uow: UnitOfWork, changes: list[Change]) -> None:
    if not changes:
        return
    latest = {change.key: change.data for change in changes}
    tax_classes = uow.catalog.tax_classes()
    makers = uow.catalog.maker_ids(data["maker"] for data in latest.values())
    writes: list[ProductWrite] = []
    for sku, data in latest.items():
        if data["tax_class"] not in tax_classes:
            continue  # a product of another event's tax regime: not sellable here
        if data["maker"] not in makers:
            maker = Maker(new_id(), data["maker"])
            uow.catalog.add_maker(maker)
            makers[maker.name] = maker.maker_id
        codes = []
        for raw in str(data["barcodes"]).split():
            try:
                codes.append(normalize_code(raw))
            except PosError:
                continue
        writes.append(
            ProductWrite(
                product_id=str(data["id"]),  # a product the till knows keeps its own (upsert_products)
                sku=sku,
                name=str(data["name"]),
                variant=str(data["variant"]),
                maker_id=makers[data["maker"]],
                tax_class=str(data["tax_class"]),
                price=int(data["price"]),
                category=str(data["category"]),
                barcodes=tuple(codes),
            )
        )
    uow.catalog.release_barcodes([code for write in writes for code in write.barcodes])
    uow.catalog.upsert_products(writes, now_iso())
