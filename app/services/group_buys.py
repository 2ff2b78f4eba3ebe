"""Group buys at the counter: the board with each window's progress, and taking a commitment (docs/group_buys.md).

A commitment is paid like a sale and IS a sale: one custom-amount line (the
product's tax class and maker, the group buy's price, sync/custom_lines.py)
completed through ``complete_sale_in``, so the drawer, the receipt, the audit
chain, the reports and the returns desk treat it as any sale. It is a custom
line rather than the product itself because no goods leave the counter: the
product's stock moves once, when the pickup order the hub makes at the close
is handed over. The commitment row, its outbox record and its audit entry are
written in the sale's transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.domain import clock
from app.domain.cart import Cart, CartItem, CartLine
from app.domain.errors import NotFound, RuleViolation
from app.domain.events import EventSettings
from app.domain.group_buys import (
    PAYMENT_LABELS,
    GroupBuy,
    Progress,
    check_commitment,
    commitment_amount,
    progress,
    progress_line,
)
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.tenders import Tender
from app.domain.texts import _
from app.services.audited_records import queue_audited
from app.services.authorization import require
from app.services.selling import CompleteSale, SaleCompleted, complete_sale_in
from app.store.carts import CartStatus
from app.store.custom_lines import CustomLineRepository
from app.store.group_buys import CommitmentWrite, GroupBuyRepository
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import custom_sku
from sync.records import GroupBuyCommitted, RecordType

GROUP_BUY_CHANGE_KINDS = ("group_buy", "group_buy_commitment")


@dataclass(frozen=True, slots=True)
class GroupBuyView:
    group_buy: GroupBuy
    progress: Progress
    # "37 of 50, closes Sunday 18:00"
    line: str
    open: bool
    # "CHF 20.00 deposit"
    price_text: str


@dataclass(frozen=True, slots=True)
class GroupBuyBoard:
    event: EventSettings
    group_buys: tuple[GroupBuyView, ...]


def _board(uow: UnitOfWork, event: EventSettings, now: datetime) -> GroupBuyBoard:
    repository = GroupBuyRepository(uow.connection)
    uncounted = repository.uncounted_here()
    views = []
    for group_buy in repository.all():
        shown = progress(group_buy, uncounted.get(group_buy.group_buy_id, 0))
        price = _("{price} {payment}").format(
            price=event.format(group_buy.price), payment=_(PAYMENT_LABELS.get(group_buy.payment, group_buy.payment))
        )
        views.append(
            GroupBuyView(
                group_buy,
                shown,
                progress_line(group_buy, shown, event, now),
                group_buy.is_open_at(now),
                price,
            )
        )
    return GroupBuyBoard(event, tuple(views))


def group_buy_board(uow: UnitOfWork) -> GroupBuyBoard:
    """Every group buy the hub fed, with its progress event-wide as this till knows it."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        return _board(uow, event, clock.now())


@dataclass(frozen=True, slots=True)
class TakeCommitment:
    group_buy_id: str
    quantity: int
    contact: str
    consent: bool
    staff_id: str
    tenders: tuple[Tender, ...]


@dataclass(frozen=True, slots=True)
class CommitmentTaken:
    commitment_id: str
    sale: SaleCompleted
    # The window's progress with this commitment in it.
    progress_line: str


def commitment_due(group_buy_id: str, quantity: int, contact: str, consent: bool, uow: UnitOfWork) -> int:
    """What the commitment costs, once its terms are checked (before the payment dialog; again when taken)."""
    with uow.for_reading():
        _till, event = uow.tills.this_till_and_event()
        group_buy = _group_buy(GroupBuyRepository(uow.connection), group_buy_id)
    check_commitment(group_buy, clock.now(), quantity, contact, consent, event)
    return commitment_amount(group_buy, quantity)


def take_commitment(cmd: TakeCommitment, uow: UnitOfWork) -> CommitmentTaken:
    """The sale paying the commitment, the commitment, its outbox record and audit entry: one transaction."""
    with uow:
        require(uow, cmd.staff_id, Permission.SELL)
        till, event = uow.tills.this_till_and_event()
        repository = GroupBuyRepository(uow.connection)
        group_buy = _group_buy(repository, cmd.group_buy_id)
        now = clock.now()
        contact = check_commitment(group_buy, now, cmd.quantity, cmd.contact, cmd.consent, event)
        if group_buy.currency != event.currency:
            raise RuleViolation(
                _("The group buy {name} is priced in {currency}, the event sells in {event_currency}.").format(
                    name=group_buy.name, currency=group_buy.currency, event_currency=event.currency
                )
            )
        cart = Cart(new_id(), event.currency, (CartLine(new_id(), _line_item(uow, group_buy), cmd.quantity),))
        uow.carts.save(
            cart,
            till_id=till.till_id,
            staff_id=cmd.staff_id,
            status=CartStatus.OPEN,
            label="",
            updated_at=clock.now_iso(),
        )
        sale = complete_sale_in(CompleteSale(cart.cart_id, cmd.staff_id, cmd.tenders), uow)
        at = clock.now_iso()
        write = CommitmentWrite(
            commitment_id=new_id(),
            group_buy_id=group_buy.group_buy_id,
            sale_id=sale.sale_id,
            receipt_no=sale.receipt_no,
            quantity=cmd.quantity,
            amount=sale.total,
            contact=contact,
            consent_at=at,
            staff_id=cmd.staff_id,
            committed_at=at,
        )
        repository.add_commitment(write)
        queue_audited(
            uow,
            GroupBuyCommitted(
                commitment_id=write.commitment_id,
                group_buy_id=write.group_buy_id,
                event_id=event.event_id,
                till_id=till.till_id,
                sale_id=write.sale_id,
                receipt_no=write.receipt_no,
                quantity=write.quantity,
                amount=write.amount,
                contact=write.contact,
                consent=True,
                committed_at=write.committed_at,
            ),
            till_id=till.till_id,
            staff_id=cmd.staff_id,
            action=RecordType.GROUP_BUY_COMMITTED,
            subject=write.commitment_id,
            # The contact stays out of the audit trail: it is kept once, with the customer's consent.
            details={
                "group_buy_id": group_buy.group_buy_id,
                "receipt_no": sale.receipt_no,
                "quantity": cmd.quantity,
                "amount": sale.total,
                "consent": True,
            },
        )
        board = _board(uow, event, now)
        uow.commit()
    line = next(view.line for view in board.group_buys if view.group_buy.group_buy_id == group_buy.group_buy_id)
    return CommitmentTaken(write.commitment_id, sale, line)


def _group_buy(repository: GroupBuyRepository, group_buy_id: str) -> GroupBuy:
    group_buy = repository.get(group_buy_id)
    if group_buy is None:
        raise NotFound(_("This group buy is not known on this till: sync, then choose it again."))
    return group_buy


def _line_item(uow: UnitOfWork, group_buy: GroupBuy) -> CartItem:
    """The commitment's line: the product's tax class and maker, the group buy's price, no stock."""
    product = uow.catalog.by_code(group_buy.sku)
    if product is None:
        raise NotFound(
            _("The product {sku} of the group buy {name} is not in this till's catalog: sync, then try again.").format(
                sku=group_buy.sku, name=group_buy.name
            )
        )
    item = product.item
    try:
        sku = custom_sku(item.tax_class)
    except ValueError as error:
        raise RuleViolation(_("A commitment cannot be sold in this tax class: {error}.").format(error=error)) from None
    name = _("{name} ({payment}, group buy)").format(
        name=group_buy.name, payment=_(PAYMENT_LABELS.get(group_buy.payment, group_buy.payment))
    )
    return CartItem(
        product_id=CustomLineRepository(uow.connection).product_id(sku, item.tax_class, clock.now_iso()),
        sku=sku,
        name=name[:200],
        variant="",
        maker_id=item.maker_id,
        maker_name=item.maker_name,
        tax_class=item.tax_class,
        tax_rate=item.tax_rate,
        unit_price=group_buy.price,
    )


def apply_group_buy_change(uow: UnitOfWork, kind: str, _key: str, data: Mapping[str, Any]) -> None:
    """A pulled group buy (its state and progress) or commitment outcome; the later change wins."""
    repository = GroupBuyRepository(uow.connection)
    if kind == "group_buy":
        repository.keep(data)
    else:
        repository.keep_outcome(data)
