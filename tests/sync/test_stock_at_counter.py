"""Stock the counter can see, over real HTTP on SQLite and PostgreSQL: the hub reserves stock for paid pickup
orders and feeds what is available; the till sells from it, less its own unsent sales (docs/stock_view.md)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from app.domain.errors import ApprovalRequired
from app.domain.stock_left import OversellPolicy
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.availability import set_oversell_policy, stock_left
from app.services.handoffs import hand_over
from app.services.pickups import PickupCard, scan_pickup
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.store import migrations as app_migrations
from app.store.database import migrate
from sync.hub.cli import main as hub_main
from sync.hub.store.availability import StockFigures, stock_figures
from sync.hub.store.engine import MIGRATIONS as HUB_MIGRATIONS
from sync.hub.store.engine import migrate_hub
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.till_actions import sync

SKU = "ATE-001"
CASH = (Tender(TenderKind.CASH, 20000),)


def figures(hub: HubEvent) -> StockFigures:
    with hub.hub.store.engine.connect() as connection:
        return stock_figures(connection, hub.event_id, [SKU])[SKU]


def left(till: EnrolledTill) -> int | None:
    return stock_left([SKU], till.till.uow()).get(SKU)


def one_candle_cart(till: EnrolledTill) -> str:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    carts.scan(cart_id, SKU, till.cashier, till.till.uow())
    return cart_id


def pay(till: EnrolledTill, cart_id: str, approval: ManagerApproval | None = None) -> SaleCompleted:
    return complete_sale(CompleteSale(cart_id, till.cashier, CASH, approval), till.till.uow())


@pytest.fixture
def key(hub: HubEvent) -> bytes:
    _key_id, private_key = hub.hub.store.create_signing_key()
    return private_key


def test_a_paid_pickup_holds_its_unit_until_cancelled(
    hub: HubEvent, key: bytes, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    store = hub.hub.store
    store.set_stock(hub.event_id, SKU, 2)
    store.create_pickup(hub.event_id, "M-1", "Mia Keller", [(SKU, 1)], key, "", None)
    assert figures(hub) == StockFigures(on_hand=2, reserved=1)
    set_oversell_policy(OversellPolicy.MANAGER, till_a.manager, till_a.till.uow())

    sync(till_a)
    assert left(till_a) == 1
    pay(till_a, one_candle_cart(till_a))
    assert left(till_a) == 0  # the sale is not sent yet: the till counts it itself
    waiting = one_candle_cart(till_a)
    with pytest.raises(ApprovalRequired, match="needs a manager's approval"):
        pay(till_a, waiting)

    sync(till_a)
    assert (figures(hub), left(till_a)) == (StockFigures(on_hand=1, reserved=1), 0)
    db = ["--db", hub.hub.store.engine.url.render_as_string(hide_password=False)]
    capsys.readouterr()
    assert hub_main([*db, "stock", "show", "--event", hub.event_id, SKU]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "SKU      on hand  reserved  available",
        "ATE-001        1         1          0",
    ]

    # The customer never came: the manager cancels the order and its unit is for sale again.
    assert hub_main([*db, "pickup", "cancel", "--event", hub.event_id, "M-1"]) == 0
    assert figures(hub) == StockFigures(on_hand=1, reserved=0)
    sync(till_a)
    assert left(till_a) == 1
    pay(till_a, waiting)  # no manager needed any more
    sync(till_a)
    assert (figures(hub), left(till_a)) == (StockFigures(on_hand=0, reserved=0), 0)
    assert [conflict["kind"] for conflict in store.conflicts()] == []


def test_a_handoff_takes_its_own_reservation_and_leaves_available_as_it_was(
    hub: HubEvent, key: bytes, till_a: EnrolledTill
) -> None:
    store = hub.hub.store
    store.set_stock(hub.event_id, SKU, 2)
    order = store.create_pickup(hub.event_id, "M-2", "Noah Meier", [(SKU, 1)], key, "", None)
    sync(till_a)
    assert left(till_a) == 1
    shown = scan_pickup(order.code, till_a.till.uow())
    assert isinstance(shown, PickupCard)
    hand_over(order.order_id, {shown.lines[0].key: 1}, till_a.manager, till_a.till.uow())
    assert left(till_a) == 1  # a handoff moves no available stock: the till does not count it

    sync(till_a)
    assert (figures(hub), left(till_a)) == (StockFigures(on_hand=1, reserved=0), 1)
    assert store.conflicts() == []
    # Cancelling an order already handed over (with --force) gives nothing back: nothing was held any more.
    store.cancel_pickup(hub.event_id, "M-2", force=True)
    assert figures(hub) == StockFigures(on_hand=1, reserved=0)


def test_selling_what_a_pickup_holds_is_an_oversell_that_names_the_reservation(
    hub: HubEvent, key: bytes, till_a: EnrolledTill
) -> None:
    store = hub.hub.store
    store.set_stock(hub.event_id, SKU, 1)
    sync(till_a)
    store.create_pickup(hub.event_id, "M-3", "Lea Frei", [(SKU, 1)], key, "", None)
    # The till has not synced since the order: it believes one is left, and the policy only warns.
    assert left(till_a) == 1
    pay(till_a, one_candle_cart(till_a))
    sync(till_a)

    (conflict,) = store.conflicts()
    assert (conflict["kind"], conflict["subject"]) == ("stock_below_zero", SKU)
    details = json.loads(conflict["details"])
    assert {name: details[name] for name in ("level", "reserved", "available", "till")} == {
        "level": 0,
        "reserved": 1,
        "available": -1,
        "till": "A",
    }
    with till_a.till.uow() as uow:
        (answered,) = [record for record in uow.outbox.records() if record.type == "sale.completed"]
    assert answered.last_error == "recorded; stock went below zero for ATE-001 (1 reserved for pickup orders)"
    assert left(till_a) == -1


def _migrated_again(migrations: Path, engine: Engine, revision: str, upgrade: Callable[[Engine], None]) -> None:
    """Back to ``revision`` (before this part's tables), then up to the newest schema again."""
    config = Config()
    config.set_main_option("script_location", str(migrations))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    upgrade(engine)


def test_an_upgrade_reserves_what_open_orders_still_hold_and_counts_what_waits(
    hub: HubEvent, key: bytes, till_a: EnrolledTill
) -> None:
    store = hub.hub.store
    store.set_stock(hub.event_id, SKU, 5)
    collected = store.create_pickup(hub.event_id, "M-4", "Ida Roth", [(SKU, 2)], key, "", None)
    store.create_pickup(hub.event_id, "M-5", "Tim Graf", [(SKU, 1)], key, "", None)
    store.cancel_pickup(hub.event_id, "M-5")
    sync(till_a)
    shown = scan_pickup(collected.code, till_a.till.uow())
    assert isinstance(shown, PickupCard)
    hand_over(collected.order_id, {shown.lines[0].key: 1}, till_a.manager, till_a.till.uow())
    sync(till_a)
    pay(till_a, one_candle_cart(till_a))  # waits in the outbox
    assert (figures(hub), left(till_a)) == (StockFigures(on_hand=4, reserved=1), 2)

    _migrated_again(HUB_MIGRATIONS, store.engine, "0010", migrate_hub)
    _migrated_again(Path(app_migrations.__file__).parent, till_a.till.engine, "0016", migrate)
    assert (figures(hub), left(till_a)) == (StockFigures(on_hand=4, reserved=1), 2)
