"""Writing pulled feed pages into the till: each entry applied by its kind, the cursor in the same transaction.

An entry that breaks its contract or cannot be stored is quarantined with the
reason (app/store/quarantine.py) and the rest of its page is applied: one
malformed record must not stop the event's sync on every till.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from app.domain.clock import now_iso
from app.domain.errors import PosError
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
from app.services.feed_products import ProductDraft, product_drafts, write_products
from app.services.group_buys import GROUP_BUY_CHANGE_KINDS, apply_group_buy_change
from app.services.pickups import PICKUP_CHANGE_KINDS, apply_pickup_change
from app.services.price_rules import PRICE_RULE_KIND, apply_price_rule_change
from app.services.returns import RETURN_CHANGE_KINDS, apply_return_change
from app.services.till_statuses import TILL_STATUS_KIND, apply_till_status
from app.services.voucher_sync import VOUCHER_CHANGE_KINDS, apply_voucher_change
from app.store.unit_of_work import UnitOfWork
from sync.protocol import Change, ChangesPage

# The most pages written in one transaction. Each commit writes out every page
# of the store the transaction touched (products are keyed by random ids, so
# nearly one index page per product) and syncs the disk; a sale waiting for the
# write lock meanwhile waits for one such transaction at most.
PAGES_PER_WRITE = 8


@dataclass(frozen=True, slots=True)
class CheckedPage:
    """A fetched page, checked and made ready to write (``check_page``)."""

    page: ChangesPage
    # What check_changes said of each entry: None for one that can be applied.
    reasons: list[str | None]
    # Its products that passed, ready to write; None when one could not be made ready (then written one by one).
    products: dict[str, ProductDraft] | None


def check_page(page: ChangesPage) -> CheckedPage:
    """Check ``page``'s entries against their contracts and make its products ready to write.

    A pull calls it as soon as it has a page, while the pages before it are
    being written, so that the writer only writes.
    """
    return _checked(page, check_changes(page.changes))


def _checked(page: ChangesPage, reasons: list[str | None]) -> CheckedPage:
    fit = [change for change, reason in zip(page.changes, reasons, strict=True) if reason is None]
    try:
        products: dict[str, ProductDraft] | None = product_drafts(c for c in fit if c.kind == "product")
    except _BAD_ENTRY:
        products = None
    return CheckedPage(page, reasons, products)


def store_pages(
    new_uow: Callable[[], UnitOfWork], pages: list[ChangesPage], reasons: list[list[str | None]] | None = None
) -> None:
    """Write ``pages``; ``reasons``: what ``check_changes`` said of each page's entries, when already asked."""
    if reasons is None:
        reasons = [check_changes(page.changes) for page in pages]
    store_checked(new_uow, [_checked(page, page_reasons) for page, page_reasons in zip(pages, reasons, strict=True)])


def store_checked(new_uow: Callable[[], UnitOfWork], checked: list[CheckedPage]) -> None:
    """Write pages that ``check_page`` checked, the last one's cursor with them."""
    if all(page.products is not None for page in checked):
        try:
            _write_pages(new_uow, checked, careful=False)
            return
        except _BAD_ENTRY:
            pass
    for page in checked:
        _write_pages(new_uow, [page], careful=True)


def _write_pages(new_uow: Callable[[], UnitOfWork], checked: list[CheckedPage], *, careful: bool) -> None:
    """The pages' entries and the last one's cursor in one transaction; an entry that broke its contract is quarantined.

    First without savepoints: SQLite copies every page of the store a
    savepoint's writes touch to a temporary file, more writes than the entries'
    own. Only when an entry fails are the pages rolled back and written again
    one by one, ``careful``ly: each suspect in a savepoint, so the one that
    fails is quarantined with its reason and the rest is applied.
    """
    with new_uow() as uow:
        at = now_iso()
        fits: list[list[Change]] = []
        for checked_page in checked:
            changes = checked_page.page.changes
            fits.append(
                [change for change, reason in zip(changes, checked_page.reasons, strict=True) if reason is None]
            )
            for change, reason in zip(changes, checked_page.reasons, strict=True):
                if reason is not None:
                    _quarantine(uow, change, reason, at)
        if not careful:
            # The products of all the pages first, in one bulk write (the latest of each SKU wins, as
            # page after page would leave it), and indexed for search in one statement before the commit:
            # a few statements per write rather than per page, each a wait for the interpreter lock while
            # the next page is parsed. Other kinds may read products; they find them no older than in order.
            drafts: dict[str, ProductDraft] = {}
            for checked_page in checked:
                drafts.update(checked_page.products or {})
            unindexed: set[int] = set()
            write_products(uow, list(drafts.values()), unindexed)
            uow.catalog.index_for_search(unindexed)
        for fit in fits:
            others = [change for change in fit if change.kind != "product"]
            if careful:
                _apply_product_changes(uow, [change for change in fit if change.kind == "product"], at)
                for change in others:
                    _apply_or_quarantine(uow, change, _apply_change, at)
            else:
                # Stock levels touch nothing the other kinds read: a page's go in one statement.
                levels = {change.key: int(change.data["level"]) for change in others if change.kind == "stock_level"}
                uow.hub.set_stock_levels(levels)
                for change in others:
                    if change.kind != "stock_level":
                        _apply_change(uow, change)
        uow.hub.save_cursor(checked[-1].page.next_cursor)
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
    write_products(uow, list(product_drafts(changes).values()))
