"""Feed entries as the hub sends them, for the tests of the till's feed checks and quarantine.

The good entries are genuine feed entries of several kinds (each keeps its contract in sync/records); a
prepared feed hands out pages as the hub's network would, at the cursor the page before it gave.
"""

from __future__ import annotations

import base64
from typing import Any

from sync.protocol import Change, ChangesPage
from tests.conftest import DemoTill

PUBLIC_KEY = base64.b64encode(bytes(range(32))).decode()
PICKUP_LINE = {"line_id": "1", "sku": "BER-003", "name": "Mug", "maker": "Bergkeramik", "quantity": 1}

# Ids as the hub's feed carries them: lowercase UUID text.
NEW_PRODUCT_1 = "0190a1b2-0000-7000-8000-000000000101"
NEW_PRODUCT_2 = "0190a1b2-0000-7000-8000-000000000102"
NEW_PRODUCT_3 = "0190a1b2-0000-7000-8000-000000000103"
MUG_PRODUCT = "0190a1b2-0000-7000-8000-000000000112"
BERGKERAMIK = "0190a1b2-0000-7000-8000-000000000201"
TILL_B = "0190a1b2-0000-7000-8000-000000000301"
EVENT = "0190a1b2-0000-7000-8000-000000000401"
STAFF_B = "0190a1b2-0000-7000-8000-000000000501"
SALE_B = "0190a1b2-0000-7000-8000-000000000601"
BAD_SALE = "0190a1b2-0000-7000-8000-000000000602"
RETURN_B = "0190a1b2-0000-7000-8000-000000000701"
GOOD_ORDER = "0190a1b2-0000-7000-8000-000000000801"
BAD_ORDER = "0190a1b2-0000-7000-8000-000000000802"
HANDOFF = "0190a1b2-0000-7000-8000-000000000901"


class PreparedFeed:
    """Stands in for the hub's network: hands out prepared pages, each at the cursor the one before it gave."""

    def __init__(self, *pages: ChangesPage) -> None:
        cursors = ["", *(page.next_cursor for page in pages)]
        self._pages = dict(zip(cursors, pages, strict=False))
        self.asked: list[str] = []

    def pull(self, cursor: str) -> ChangesPage:
        self.asked.append(cursor)
        return self._pages.get(cursor) or ChangesPage(changes=[], next_cursor=cursor, more=False)


def change(seq: int, kind: str, key: str, data: dict[str, Any]) -> Change:
    return Change(seq=seq, kind=kind, key=key, data=data)


def product(sku: str, product_id: str, maker: str = "Bergkeramik", price: object = 4500) -> dict[str, Any]:
    return {
        "id": product_id,
        "sku": sku,
        "name": f"Vase {sku}",
        "variant": "",
        "maker": maker,
        "category": "Ceramics",
        "tax_class": "standard",
        "price": price,
        "barcodes": "",
    }


def sale(sale_id: str, receipt_no: str) -> dict[str, Any]:
    """Till B sold one speckled mug (CHF 32.00, VAT 8.1% included) by card: every number adds up."""
    line = {
        "line_no": 1,
        "product_id": MUG_PRODUCT,
        "sku": "BER-003",
        "name": "Mug",
        "variant": "speckled",
        "maker_id": BERGKERAMIK,
        "maker_name": "Bergkeramik",
        "quantity": 1,
        "unit_price": 3200,
        "discount": 0,
        "tax_rate": "0.081",
        "tax": 240,
        "total": 3200,
    }
    return {
        "sale_id": sale_id,
        "receipt_no": receipt_no,
        "till_id": TILL_B,
        "event_id": EVENT,
        "staff_id": STAFF_B,
        "created_at": "2026-12-05T10:00:00+00:00",
        "cash_session_id": None,
        "currency": "CHF",
        "prices_include_tax": True,
        "subtotal": 3200,
        "discount_total": 0,
        "tax_total": 240,
        "total": 3200,
        "rounding": 0,
        "change": 0,
        "lines": [line],
        "tenders": [{"kind": "card", "amount": 3200, "reference": "TRM-1"}],
    }


def a_return(return_id: str, **changed: object) -> dict[str, Any]:
    """Till B took the mug of ``sale`` back and refunded it to the card."""
    return {
        "return_id": return_id,
        "return_no": "B-R00001",
        "event_id": EVENT,
        "sale_id": SALE_B,
        "receipt_no": "B-000001",
        "created_at": "2026-12-05T11:00:00+00:00",
        "currency": "CHF",
        "refund_total": 3200,
        "no_receipt": False,
        "exchange_sale_id": None,
        "lines": [
            {
                "line_no": 1,
                "sku": "BER-003",
                "maker": "Bergkeramik",
                "quantity": 1,
                "refund": 3200,
                "reason": "chipped",
                "disposition": "write_off",
                "sold": 1,
            }
        ],
        "refunds": [{"kind": "card", "amount": 3200, "tender_index": 0}],
    } | changed


def pickup_order(**changed: object) -> dict[str, Any]:
    return {
        "number": "1001",
        "customer_name": "Ana",
        "notes": "",
        "cancelled": False,
        "lines": [PICKUP_LINE],
        "member_order_ids": [],
    } | changed


def handoff(**changed: object) -> dict[str, Any]:
    return {
        "lines": [{"order_id": GOOD_ORDER, "line_id": "1", "quantity": 1}],
        "till_code": "B",
        "staff_name": "Sam",
        "at": "2026-12-05T12:00:00+00:00",
    } | changed


def without(data: dict[str, Any], key: str) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name != key}


def enrolled(demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        uow.hub.save_link("http://127.0.0.1:9", "token")
        uow.commit()


def good_entries() -> list[Change]:
    """Genuine entries of several kinds; the bad one goes between the second and the third."""
    return [
        change(1, "product", "NEW-001", product("NEW-001", NEW_PRODUCT_1)),
        change(2, "stock_level", "BER-003", {"level": 7}),
        change(4, "stock_level", "ATE-001", {"level": 3}),
        change(5, "sale", SALE_B, sale(SALE_B, "B-000001")),
        change(6, "pickup_key", "1", {"public_key": PUBLIC_KEY, "revoked": False}),
        change(7, "product", "NEW-002", product("NEW-002", NEW_PRODUCT_2)),
        change(8, "pickup_order", GOOD_ORDER, pickup_order()),
    ]


def page_around(bad: Change) -> ChangesPage:
    """Good entries of several kinds before and after the bad one."""
    good = good_entries()
    return ChangesPage(changes=[*good[:2], bad, *good[2:]], next_cursor="0.8", more=False)


def assert_the_good_ones_applied(demo: DemoTill) -> None:
    with demo.till.uow().for_reading() as uow:
        assert uow.hub.stock_level("BER-003") == 7
        assert uow.hub.stock_level("ATE-001") == 3
        assert uow.returns.foreign_sale(sale_id=SALE_B) is not None
        assert [key_id for key_id, _, _ in uow.pickups.signing_keys()] == [1]
        assert set(uow.catalog.product_ids_by_sku(["NEW-001", "NEW-002"])) == {"NEW-001", "NEW-002"}
        assert uow.pickups.order(GOOD_ORDER) is not None
        link = uow.hub.link()
        assert link is not None and link.cursor == "0.8"
