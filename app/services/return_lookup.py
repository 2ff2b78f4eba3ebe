"""Finding the original of a return: by the receipt's QR code or number, a pickup code, or date and amount.

The sale may be this till's, another till's pulled from the hub, or a
marketplace order collected at this desk; each comes back with what is still
returnable and what each tender has already refunded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from app.domain.clock import now_iso
from app.domain.dates import local_date, utc_days_of
from app.domain.errors import InvalidInput, NotFound
from app.domain.money import parse_minor
from app.domain.pickups import PickupOrder
from app.domain.receipts import parse_receipt_qr
from app.domain.returns import SoldLineFacts
from app.domain.sales import parse_receipt_number
from app.domain.texts import _
from app.services.pickups import order_collected, order_for_return
from app.services.return_policy import policy_in
from app.store.unit_of_work import UnitOfWork
from sync.custom_lines import is_gift_card_sku
from sync.pickup_codes import looks_like_pickup_code

ONLINE_ORDER = "online_order"
FIND_LIMIT = 30


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    line_no: int
    product_id: str
    sku: str
    name: str
    maker_name: str
    sold: int
    returned: int
    total: int
    refunded: int

    @property
    def returnable(self) -> int:
        # A gift card is never taken back (app/services/gift_cards.py): the desk offers none of it.
        return 0 if is_gift_card_sku(self.sku) else max(self.sold - self.returned, 0)

    def facts(self) -> SoldLineFacts:
        return SoldLineFacts(self.line_no, self.sold, self.total, self.returned, self.refunded)


@dataclass(frozen=True, slots=True)
class PaidLine:
    kind: str
    paid: int
    refunded: int
    reference: str


@dataclass(frozen=True, slots=True)
class ReturnableSale:
    sale_id: str
    receipt_no: str
    created_at: str
    currency: str
    total: int
    lines: tuple[ReturnableLine, ...]
    tenders: tuple[PaidLine, ...]
    age_days: int
    within_window: bool
    # A marketplace order collected at the pickup desk: the marketplace refunds it online.
    online_order: bool = False
    # When it was sold, written in the event's locale and time zone.
    sold_at: str = ""


def find_sale(scanned: str, uow: UnitOfWork, now: datetime | None = None) -> ReturnableSale:
    """The sale behind a receipt's QR code or its number, with what is still returnable."""
    text = scanned.strip()
    sale_id: str | None = None
    receipt_no: str | None = None
    if looks_like_pickup_code(text):
        with uow.for_reading():
            # A marketplace order collected here: its items come back, the marketplace refunds online.
            return returnable_sale(order_for_return(scanned, uow).order_id, uow, now or datetime.now(UTC))
    if text.upper().startswith("R1:"):
        receipt_no, sale_id = parse_receipt_qr(text)
    else:
        till_code, sequence = parse_receipt_number(text)
        receipt_no = f"{till_code}-{sequence:06d}"
    with uow.for_reading():
        if sale_id is None:
            header = uow.sales.header_by_receipt(receipt_no or "")
            pulled = uow.returns.foreign_sale(receipt_no=receipt_no)
            sale_id = header.sale_id if header else (pulled["sale_id"] if pulled else None)
        if sale_id is None:
            raise NotFound(
                _(
                    "Receipt {receipt_no} is not on this till: sync to get the other tills' sales, or search "
                    "by date and amount."
                ).format(receipt_no=receipt_no)
            )
        return returnable_sale(sale_id, uow, now or datetime.now(UTC))


def load_sale_for_return(sale_id: str, uow: UnitOfWork, now: datetime | None = None) -> ReturnableSale:
    with uow.for_reading():
        return returnable_sale(sale_id, uow, now or datetime.now(UTC))


def search_sales(day: str, amount: str, card_reference: str, uow: UnitOfWork) -> list[ReturnableSale]:
    """Sales by date (typed in the event's locale, or ISO), amount and card reference, for a lost receipt."""
    card_reference = card_reference.strip()
    with uow.for_reading():
        event = uow.tills.this_till_and_event()[1]
        local_day = event.parse_date(day) if day.strip() else None
        minor = parse_minor(amount, event.currency) if amount.strip() else None
        if not (local_day or minor is not None or card_reference):
            raise InvalidInput(_("Give a date, an amount or a card reference to search by."))
        now = datetime.now(UTC)
        if local_day is None:
            return [
                returnable_sale(sale_id, uow, now)
                for sale_id in uow.returns.find_sales(None, minor, card_reference, FIND_LIMIT)
            ]
        # The store keeps UTC: the event's day spans one or two UTC days, each searched, then kept to the day.
        found = {
            sale_id: returnable_sale(sale_id, uow, now)
            for utc_day in utc_days_of(local_day, event.time_zone)
            for sale_id in uow.returns.find_sales(utc_day.isoformat(), minor, card_reference, FIND_LIMIT)
        }
        on_the_day = [sale for sale in found.values() if local_date(sale.created_at, event.time_zone) == local_day]
        return sorted(on_the_day, key=lambda sale: sale.created_at, reverse=True)[:FIND_LIMIT]


def _sale_facts(sale_id: str, uow: UnitOfWork) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """The sale's header, lines and tenders, from this till's records or a pulled sale of another till."""
    detail = uow.sales.detail(sale_id)
    if detail is not None:
        header = {
            "sale_id": detail.header.sale_id,
            "receipt_no": detail.header.receipt_no,
            "created_at": detail.header.created_at,
            "currency": detail.header.currency,
            "total": detail.header.total,
        }
        lines = [
            {
                "line_no": line.line_no,
                "product_id": line.product_id,
                "sku": line.sku,
                "name": f"{line.name} {line.variant}".strip(),
                "maker_name": line.maker_name,
                "quantity": line.quantity,
                "total": line.total,
            }
            for line in detail.lines
        ]
        tenders = [{"kind": t.kind, "amount": t.amount, "reference": t.reference} for t in detail.tenders]
        return header, lines, tenders
    payload = uow.returns.foreign_sale(sale_id=sale_id)
    if payload is None:
        order = uow.pickups.order(sale_id)
        if order is None:
            raise NotFound(_("That sale is not on this till: sync to get the other tills' sales."))
        return _order_facts(order, uow)
    lines = [
        {
            "line_no": line["line_no"],
            "product_id": line["product_id"],
            "sku": line["sku"],
            "name": f"{line.get('name', line['sku'])} {line.get('variant', '')}".strip(),
            "maker_name": line.get("maker_name", ""),
            "quantity": line["quantity"],
            "total": line["total"],
        }
        for line in payload["lines"]
    ]
    return payload, lines, list(payload["tenders"])


def _order_facts(
    order: PickupOrder, uow: UnitOfWork
) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """A collected marketplace order as a sale of what was handed over; it was paid online, so refunds are too."""
    collected = order_collected(order.order_id, uow)
    handed_at = sorted(h.at for h in uow.pickups.handoffs([order.order_id]))
    products = uow.catalog.product_ids_by_sku({line.sku for line in order.lines})
    header = {
        "sale_id": order.order_id,
        "receipt_no": f"order {order.number}",
        "created_at": handed_at[0] if handed_at else now_iso(),
        "currency": uow.tills.this_till_and_event()[1].currency,
        "total": 0,
        ONLINE_ORDER: True,
    }
    lines = [
        {
            "line_no": position,
            "product_id": products.get(line.sku, ""),
            "sku": line.sku,
            "name": line.name,
            "maker_name": line.maker,
            "quantity": collected.get(line.line_id, 0),
            "total": 0,
        }
        for position, line in enumerate(order.lines, start=1)
    ]
    return header, lines, [{"kind": "marketplace", "amount": 0, "reference": order.number}]


def returnable_sale(sale_id: str, uow: UnitOfWork, now: datetime) -> ReturnableSale:
    header, lines, tenders = _sale_facts(sale_id, uow)
    so_far = uow.returns.returned_so_far(sale_id)
    policy = policy_in(uow)
    age = (now - datetime.fromisoformat(header["created_at"])).days
    event = uow.tills.this_till_and_event()[1]
    return ReturnableSale(
        sale_id=header["sale_id"],
        receipt_no=header["receipt_no"],
        created_at=header["created_at"],
        currency=header["currency"],
        total=header["total"],
        lines=tuple(
            ReturnableLine(
                line["line_no"],
                line["product_id"],
                line["sku"],
                line["name"],
                line["maker_name"],
                line["quantity"],
                so_far.quantities.get(line["line_no"], 0),
                line["total"],
                so_far.refunds.get(line["line_no"], 0),
            )
            for line in lines
        ),
        tenders=tuple(
            PaidLine(t["kind"], t["amount"], so_far.tender_refunds.get(index, 0), t["reference"])
            for index, t in enumerate(tenders)
        ),
        age_days=age,
        within_window=age <= policy.window_days,
        online_order=bool(header.get(ONLINE_ORDER)),
        sold_at=event.format_datetime(header["created_at"]),
    )
