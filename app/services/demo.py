"""The demo event that ``make run`` opens: a winter makers' market in Zurich.

It is built through the same services as a real till, so the demo also shows
that set-up works end to end.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from app.domain.catalog import TaxClass
from app.domain.staff import Role
from app.services.cash import open_session
from app.services.catalog import import_catalog
from app.services.pickups import apply_pickup_change
from app.services.setup import SetUpTill, set_up_till
from app.services.staff import AddStaff, add_staff
from app.services.stock import receive_stock
from app.services.vouchers import issue_voucher
from app.store.unit_of_work import UnitOfWork
from sync.pickup_codes import new_signing_key, public_key_of, sign_pickup_code

DEMO_FLOAT = {500: 10, 1000: 5, 2000: 5}
DEMO_CATALOG = Path(__file__).resolve().parents[2] / "resources" / "demo" / "catalog.csv"


@dataclass(frozen=True, slots=True)
class DemoPerson:
    name: str
    role: Role
    pin: str


DEMO_STAFF = (
    DemoPerson("Alex", Role.MANAGER, "1234"),
    DemoPerson("Sam", Role.CASHIER, "1111"),
    DemoPerson("Jo", Role.PICKUP_CLERK, "2222"),
)

DEMO_TILL = SetUpTill(
    event_name="Winter Makers Market",
    place="Kanzlei, Zurich",
    starts_on="2026-12-05",
    ends_on="2026-12-06",
    till_code="A",
    currency="CHF",
    locale="de_CH",
    time_zone="Europe/Zurich",
    prices_include_tax=True,
    cash_rounding_step=5,
    tax_classes=(
        TaxClass("standard", "VAT 8.1%", Decimal("0.081")),
        TaxClass("reduced", "VAT 2.6%", Decimal("0.026")),
    ),
)


def load_demo(new_uow: Callable[[], UnitOfWork], catalog: Path = DEMO_CATALOG) -> str:
    """Set up the demo till in an empty store; returns the demo voucher's code."""
    set_up_till(DEMO_TILL, new_uow())
    manager = add_staff(AddStaff(DEMO_STAFF[0].name, DEMO_STAFF[0].role, DEMO_STAFF[0].pin), new_uow())
    for person in DEMO_STAFF[1:]:
        add_staff(AddStaff(person.name, person.role, person.pin, added_by=manager.staff_id), new_uow())
    import_catalog(catalog.read_bytes(), manager.staff_id, new_uow())
    skus = [line.split(",", 1)[0] for line in catalog.read_text(encoding="utf-8").splitlines()[1:] if line]
    receive_stock([(sku, 12) for sku in skus], manager.staff_id, new_uow())
    load_demo_pickups(new_uow())
    # The demo's drawer is open, as at the start of a market day: CHF 200 in notes and coins.
    open_session(DEMO_FLOAT, manager.staff_id, new_uow())
    return issue_voucher(2500, "demo gift voucher", manager.staff_id, new_uow()).code


@dataclass(frozen=True, slots=True)
class DemoPickup:
    number: str
    customer_name: str
    code: str


# (number, customer, items, notes); the group's leader collects G-2001 and G-2002.
DEMO_PICKUPS = (
    ("M-1001", "Mia Keller", (("ATE-001", 2), ("BER-003", 1)), "ID check required"),
    ("M-1002", "Ben Frei", (("ATE-004", 1),), ""),
    ("G-2001", "Kim Roth", (("ATE-002", 1),), ""),
    ("G-2002", "Lou Graf", (("ATE-003", 1),), "Collected by a proxy: her sister Anna Graf"),
)
DEMO_GROUP = ("GROUP-7", "Kim Roth", ("G-2001", "G-2002"))
DEMO_PICKUP_CODES = "demo_pickup_codes"


def load_demo_pickups(uow: UnitOfWork) -> None:
    """Marketplace orders to collect, as if pulled from a hub, with their signed codes kept for the demo.

    The demo plays the marketplace once: it signs with a throwaway key and
    keeps only the public half, as a real till does.
    """
    private_key = new_signing_key()
    expires = datetime.now(UTC) + timedelta(days=365)
    codes: list[dict[str, str]] = []
    with uow:
        event_id = uow.tills.this_till().event_id
        apply_pickup_change(
            uow,
            "pickup_key",
            "1",
            {"public_key": base64.b64encode(public_key_of(private_key)).decode(), "revoked": False},
        )
        ids: dict[str, str] = {}
        orders: list[tuple[str, str, tuple[tuple[str, int], ...], str, tuple[str, ...]]] = [
            (number, customer, items, notes, ()) for number, customer, items, notes in DEMO_PICKUPS
        ]
        orders.append((DEMO_GROUP[0], DEMO_GROUP[1], (), "", DEMO_GROUP[2]))
        product_ids = uow.catalog.product_ids_by_sku()
        for number, customer, items, notes, members in orders:
            ids[number] = order_id = str(uuid.uuid4())
            lines = []
            for position, (sku, quantity) in enumerate(items, start=1):
                product = uow.catalog.by_id(product_ids[sku])
                assert product is not None, f"demo SKU {sku} is in the demo catalog"
                name = f"{product.item.name} {product.item.variant}".strip()
                lines.append(
                    {
                        "line_id": str(position),
                        "sku": sku,
                        "name": name,
                        "maker": product.item.maker_name,
                        "quantity": quantity,
                    }
                )
            data = {
                "number": number,
                "customer_name": customer,
                "notes": notes,
                "cancelled": False,
                "lines": lines,
                "member_order_ids": [ids[member] for member in members],
            }
            apply_pickup_change(uow, "pickup_order", order_id, data)
            code = sign_pickup_code(private_key, 1, order_id, event_id, expires)
            codes.append({"number": number, "customer_name": customer, "code": code})
        uow.tills.set_setting(DEMO_PICKUP_CODES, json.dumps(codes))
        uow.commit()


def demo_pickups(uow: UnitOfWork) -> list[DemoPickup]:
    """The demo orders' pickup codes, to paste into the pickup desk's scan field (or show as QR codes)."""
    with uow.for_reading():
        stored = uow.tills.setting(DEMO_PICKUP_CODES)
    return [DemoPickup(**code) for code in json.loads(stored or "[]")]
