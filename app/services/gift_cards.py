"""Gift cards sold at the counter (docs/gift_cards.md).

A card is a cart line of the well-known product ``GIFT_CARD_SKU``
(sync/custom_lines.py): untaxed, moving no stock, on no maker's settlement,
admitted by the hub like any custom amount. Completing the sale issues one
voucher per card in the sale's own transaction (``issue_sold_gift_cards``),
each naming its sale, so the receipt, a reprint and the screen after payment
show the codes, and the ``voucher.issued`` records make them known to every till.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from app.domain import texts
from app.domain.cart import CartItem
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, RuleViolation
from app.domain.events import EventSettings
from app.domain.gift_cards import SoldGiftCard, card_amounts, gift_card_lines
from app.domain.returns import ReturnLineRequest
from app.domain.sales import CompletedSale
from app.domain.texts import N_, _
from app.domain.vouchers import new_voucher_code
from app.services.audited_records import queue_audited
from app.services.carts import CartState, add_line
from app.services.records import voucher_record
from app.store.custom_lines import CustomLineRepository
from app.store.unit_of_work import UnitOfWork
from sync.catalog_rows import BadValue, parse_minor
from sync.custom_lines import GIFT_CARD_SKU
from sync.records import RecordType

UNTAXED = Decimal(0)
GIFT_CARD_NAME = N_("Gift card")


def add_gift_card(cart_id: str, amount: str, staff_id: str, uow: UnitOfWork) -> CartState:
    """A gift card of ``amount`` (major units, as typed: "50") as a line of its own in the cart."""

    def item(event: EventSettings) -> CartItem:
        value = _amount(amount, event.currency)
        classes = uow.catalog.tax_classes().values()
        if not classes:
            raise RuleViolation(_("This event has no tax class yet: import the catalog before selling gift cards."))
        # The product row needs a tax class; the line itself is untaxed whatever the class says.
        tax_class = min(classes, key=lambda tax: (tax.rate, tax.code)).code
        custom = CustomLineRepository(uow.connection)
        house = custom.house_maker()
        return CartItem(
            product_id=custom.product_id(GIFT_CARD_SKU, tax_class, now_iso()),
            sku=GIFT_CARD_SKU,
            # Named in the event's language, as its receipts print, whoever sells.
            name=texts.for_locale(event.locale).gettext(GIFT_CARD_NAME),
            variant="",
            maker_id=house.maker_id,
            maker_name=house.name,
            tax_class=tax_class,
            tax_rate=UNTAXED,
            unit_price=value,
        )

    return add_line(cart_id, staff_id, uow, item)


def _amount(text: str, currency: str) -> int:
    try:
        value = parse_minor(text, currency)
    except BadValue as error:
        raise InvalidInput(str(error)) from None
    if value <= 0:
        raise InvalidInput(_("A gift card is worth more than zero: type its amount, e.g. 50."))
    return value


def issue_sold_gift_cards(uow: UnitOfWork, sale: CompletedSale) -> list[SoldGiftCard]:
    """A voucher for each card ``sale`` sells, with its record and audit entry, in the sale's transaction."""
    cards: list[SoldGiftCard] = []
    reason = _("Gift card sold on receipt {receipt_no}").format(receipt_no=sale.receipt_no)
    for amount in card_amounts(sale.priced):
        code = new_voucher_code()
        voucher_id = uow.vouchers.issue(
            code, sale.currency, amount, reason, sale.staff_id, sale.created_at, sale_id=sale.sale_id
        )
        queue_audited(
            uow,
            voucher_record(voucher_id, code, sale.currency, amount, sale.created_at),
            till_id=sale.till_id,
            staff_id=sale.staff_id,
            action=RecordType.VOUCHER_ISSUED,
            subject=voucher_id,
            details={"amount": amount, "reason": reason, "sale_id": sale.sale_id},
        )
        cards.append(SoldGiftCard(code, amount))
    return cards


def sold_gift_cards(uow: UnitOfWork, sale_id: str) -> list[SoldGiftCard]:
    """The cards sold on ``sale_id``; the caller holds the unit of work open."""
    return [SoldGiftCard(code, amount) for code, amount in uow.vouchers.sold_on(sale_id)]


def refuse_gift_card_return(
    uow: UnitOfWork, sale_id: str, skus: Mapping[int, str], requested: Sequence[ReturnLineRequest]
) -> None:
    """Refuse taking back a gift card line: its credit stays on the card, to spend or give on."""
    if not gift_card_lines(skus, requested):
        return
    codes = ", ".join(card.code for card in sold_gift_cards(uow, sale_id))
    raise RuleViolation(_("A gift card is not refunded: its credit stays on the card {code}.").format(code=codes))
