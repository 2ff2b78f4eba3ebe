"""The demo event that ``make run`` opens: a winter makers' market in Zurich.

It is built through the same services as a real till, so the demo also shows
that set-up works end to end.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from app.domain.catalog import TaxClass
from app.domain.staff import Role
from app.services.catalog import import_catalog
from app.services.setup import SetUpTill, set_up_till
from app.services.staff import AddStaff, add_staff
from app.services.stock import receive_stock
from app.services.vouchers import issue_voucher
from app.store.unit_of_work import UnitOfWork

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
    return issue_voucher(2500, "demo gift voucher", manager.staff_id, new_uow()).code
