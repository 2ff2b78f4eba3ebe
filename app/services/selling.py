"""Completing a sale: one transaction for every fact it makes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from app.domain.errors import NotFound, RuleViolation
from app.domain.events import EventSettings
from app.domain.fact_digest import Content, FactKind, fact_details
from app.domain.gift_cards import SoldGiftCard, check_gift_card_payment, holds_gift_card
from app.domain.ids import new_id
from app.domain.sales import CompletedSale, receipt_number
from app.domain.staff import Permission
from app.domain.tenders import Tender, TenderKind, check_card_references, settle
from app.domain.texts import _
from app.domain.vouchers import normalize_voucher_code
from app.services.authorization import ManagerApproval, check_event_open, check_permission
from app.services.availability import approve_oversell_in, audit_oversold
from app.services.cash import NO_SESSION
from app.services.counter_prices import counter_prices_in
from app.services.drops import check_sale_in as check_drop_sale_in
from app.services.drops import record_sale_in as record_drop_sale_in
from app.services.gift_cards import issue_sold_gift_cards
from app.services.records import sale_record
from app.services.tender_settings import CARD_REFERENCE_REQUIRED_KEY, reference_required
from app.store.carts import CartStatus
from app.store.sales import SaleRows, sale_rows
from app.store.stock import MovementKind
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import is_custom_sku
from sync.records import RecordType

_SALE_MOVE = MovementKind.SALE.value


@dataclass(frozen=True, slots=True)
class CompleteSale:
    cart_id: str
    staff_id: str
    tenders: tuple[Tender, ...]
    # A manager's PIN, where the event asks for one to sell beyond what is left (app/services/availability.py).
    approval: ManagerApproval | None = None


@dataclass(frozen=True, slots=True)
class SaleCompleted:
    sale_id: str
    receipt_no: str
    total: int
    rounding: int
    change: int
    currency: str
    # True when this cart had already been completed (a double tap on "pay"):
    # the first sale is returned and nothing is written twice.
    repeated: bool = False
    # The cards this sale sold: their codes show on the screen as well as on the receipt.
    gift_cards: tuple[SoldGiftCard, ...] = ()


def complete_sale(cmd: CompleteSale, uow: UnitOfWork) -> SaleCompleted:
    """Write the sale, its lines and tenders, stock movements, voucher use, outbox and audit at once."""
    with uow:
        completed = complete_sale_in(cmd, uow)
        uow.commit()
    return completed


def complete_sale_in(cmd: CompleteSale, uow: UnitOfWork) -> SaleCompleted:
    """The sale's writes inside a unit of work the caller commits (an exchange adds its return to them)."""
    # Staff, till, event and its closing, the open cash session, whether a card payment needs its reference,
    # whether any drop or stock level is held, and the cart, in one read inside this transaction: never a
    # stale answer (app/store/tills.py).
    counter = uow.tills.counter(cmd.staff_id, cmd.cart_id, CARD_REFERENCE_REQUIRED_KEY)
    actor = check_permission(counter.member, Permission.SELL)
    check_event_open(counter.event_closed_at, counter.event)
    stored = counter.cart
    if stored is None:
        # The cart is deleted in the sale's own transaction: a missing cart is
        # either a sale already completed (a double tap on pay) or a void.
        done = uow.sales.header_by_cart(cmd.cart_id)
        if done is not None:
            return SaleCompleted(done.sale_id, done.receipt_no, done.total, 0, done.change_given, done.currency, True)
        raise NotFound(_("This cart no longer exists (voided on another screen?): start a new cart."))
    till, event = counter.till, counter.event
    if stored.status is not CartStatus.OPEN:
        raise RuleViolation(_("This cart is parked: recall it before taking payment."))
    if stored.cart.is_empty():
        raise RuleViolation(_("The cart is empty: scan an item first."))
    # Drops first: their reason (a release not reached) is the one the manager's PIN dialog shows.
    # Each skipped when the store holds nothing it would read (no drop, no level from the hub), as the
    # counter's one read says: then it could find nothing to check.
    drops_sold = check_drop_sale_in(uow, actor, stored.cart, event, cmd.approval) if counter.any_drop else []
    oversell_approved_by, beyond = (
        approve_oversell_in(uow, actor, stored.cart, cmd.approval) if counter.any_stock_level else (None, [])
    )
    check_gift_card_payment(stored.cart, cmd.tenders)
    tenders = _checked_vouchers(cmd.tenders, uow, event)
    check_card_references(tenders, reference_required(counter.setting))
    # One moment for the price and the sale's time: a markdown that started at 14:00 is charged on a sale
    # completed at 14:00:01, even if the screen showed the cart at 13:59 (docs/pricing_rules.md).
    prices = counter_prices_in(uow)
    priced = prices.price(stored.cart, event)
    settlement = settle(priced.total, tenders, event)
    session_id = counter.open_session_id
    if session_id is None:
        raise RuleViolation(_(NO_SESSION))
    sequence = uow.tills.take_receipt_sequence(till.till_id)
    created_at = prices.at.astimezone(UTC).isoformat(timespec="milliseconds")
    sale = CompletedSale(
        sale_id=new_id(),
        receipt_no=receipt_number(till.code, sequence),
        receipt_seq=sequence,
        till_id=till.till_id,
        event_id=event.event_id,
        staff_id=cmd.staff_id,
        created_at=created_at,
        priced=priced,
        settlement=settlement,
        cash_session_id=session_id,
        stock_location=till.location,
    )
    rows = sale_rows(sale)
    uow.sales.add(sale, rows)
    # Not written: the view stock_movements reads them from the sale's lines (migration 0026). They are
    # hashed with the sale as that view gives them back (product, location, kind, quantity, staff, time).
    movements = [
        (line.item.product_id, till.location, _SALE_MOVE, -line.quantity, cmd.staff_id, created_at)
        for line in stored.cart.lines
        # A custom amount is no goods on a shelf: it moves no stock (sync/custom_lines.py).
        if not is_custom_sku(line.item.sku)
    ]
    for tender in settlement.tenders:
        if tender.kind is TenderKind.VOUCHER:
            uow.vouchers.redeem(tender.reference, sale.sale_id, tender.amount, created_at)
    uow.outbox.append(till.till_id, sale_record(sale))
    # The cart's customer is cleared with the cart, when one was noted.
    customer_cart = cmd.cart_id if counter.cart_customer else None
    record_drop_sale_in(uow, drops_sold, sale.sale_id, sale.receipt_no, cmd.staff_id, created_at, customer_cart)
    gift_cards = issue_sold_gift_cards(uow, sale) if holds_gift_card(stored.cart) else []
    uow.audit.append(
        till_id=till.till_id,
        staff_id=cmd.staff_id,
        action=RecordType.SALE_COMPLETED,
        subject=sale.sale_id,
        details={
            "receipt_no": sale.receipt_no,
            "total": priced.total,
            "change": settlement.change,
            **fact_details(FactKind.SALE, _sale_content(sale, rows, movements)),
        },
    )
    if beyond:
        audit_oversold(uow, sale.sale_id, sale.receipt_no, beyond, cmd.staff_id, oversell_approved_by)
    uow.carts.delete(cmd.cart_id)
    return SaleCompleted(
        sale.sale_id,
        sale.receipt_no,
        priced.total,
        settlement.rounding,
        settlement.change,
        sale.currency,
        gift_cards=tuple(gift_cards),
    )


def _sale_content(sale: CompletedSale, rows: SaleRows, movements: list[tuple[Any, ...]]) -> Content:
    """The sale's rows as SaleRepository.add and StockRepository.add write them (FactRepository reads them back).

    Built from the values written rather than read back: the checkout path
    pays for one more pass over a few rows, not for queries.
    """
    return (
        [rows.sale],
        rows.lines,
        rows.tenders,
        movements,
        rows.automatic_lines,
    )


def _checked_vouchers(tenders: Sequence[Tender], uow: UnitOfWork, event: EventSettings) -> list[Tender]:
    """Tenders with voucher codes normalized, each voucher known and holding enough credit."""
    checked: list[Tender] = []
    wanted: dict[str, int] = {}
    for tender in tenders:
        if tender.kind is TenderKind.VOUCHER:
            code = normalize_voucher_code(tender.reference)
            tender = Tender(TenderKind.VOUCHER, tender.amount, code)
            wanted[code] = wanted.get(code, 0) + tender.amount
        checked.append(tender)
    for code, amount in wanted.items():
        balance = uow.vouchers.balance(code)
        if balance is None:
            raise NotFound(
                _("Voucher {code} is not known on this till: check the code, or sync and retry.").format(code=code)
            )
        if balance.currency != event.currency:
            raise RuleViolation(
                _("Voucher {code} is in {currency}, not {currency_2}: it cannot pay here.").format(
                    code=code, currency=balance.currency, currency_2=event.currency
                )
            )
        if balance.remaining < amount:
            raise RuleViolation(
                _("Voucher {code} has only {remaining} left: lower the voucher amount.").format(
                    code=code, remaining=event.format(balance.remaining)
                )
            )
    return checked
