"""Marketplace orders through the admin API over real HTTP, on SQLite and PostgreSQL: the same order twice is one
pickup order, a real till at the pickup desk refuses a cancelled one, a conflict raised there is reviewed through
the API, a group leader's order, and a served hub signing the API's orders with its key file."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.domain.pickups import PickupRefused, PickupState
from app.domain.staff import Role
from app.services.demo import DEMO_CATALOG
from app.services.handoffs import hand_over
from app.services.pickups import PickupCard, scan_pickup
from app.services.staff import AddStaff, add_staff
from sync.hub.cli import main as hub_main
from tests.sync.admin_client import ORDER, TAXES, Admin, admin, db_args, new_key
from tests.sync.conftest import EnrolledTill, enrolled_till, free_port, wait_until_up
from tests.sync.till_actions import sync

# The admin fixture (a served hub with a key of every scope) the tests here take.
__all__ = ["admin"]


@pytest.fixture
def desk(admin: Admin, tmp_path: Path) -> Iterator[EnrolledTill]:
    """A pickup desk: a till enrolled at the admin's event."""
    enrolled = enrolled_till(admin.hub.hub.url, admin.store, admin.hub.event_id, tmp_path / "desk", code="P")
    yield enrolled
    enrolled.till.close()


def test_the_same_marketplace_order_twice_is_one_pickup_order(admin: Admin) -> None:
    path = f"/events/{admin.hub.event_id}/orders"
    first = admin.call("POST", path, json=ORDER)
    again = admin.call("POST", path, json=ORDER)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json() | {"created": False} == again.json()  # the same order, the same signed code

    changed = admin.call("POST", path, json=ORDER | {"lines": [{"sku": "ATE-001", "quantity": 3}]})
    assert changed.status_code == 409 and "shop-100234" in changed.json()["detail"]

    orders = admin.store.pickup_orders(admin.hub.event_id)
    assert [(order["number"], order["customer_name"]) for order in orders] == [("shop-100234", "Mia Keller")]
    listed = admin.call("GET", path).json()
    assert [(order["external_id"], order["state"]) for order in listed] == [("shop-100234", "waiting")]
    stock = {row["sku"]: row for row in admin.call("GET", f"/events/{admin.hub.event_id}/stock").json()}
    assert stock["ATE-001"]["reserved"] == 2


def test_an_order_cancelled_through_the_api_is_refused_at_the_desk(admin: Admin, desk: EnrolledTill) -> None:
    path = f"/events/{admin.hub.event_id}/orders"
    created = admin.call("POST", path, json=ORDER).json()
    other = admin.call("POST", path, json=ORDER | {"external_id": "shop-100235"}).json()
    sync(desk)
    shown = scan_pickup(created["code"], desk.till.uow())
    assert isinstance(shown, PickupCard) and shown.number == "shop-100234"

    clerk = add_staff(AddStaff("Jo", Role.PICKUP_CLERK, "2222", added_by=desk.manager), desk.till.uow()).staff_id
    card = scan_pickup(other["code"], desk.till.uow())
    assert isinstance(card, PickupCard)
    assert card.state is PickupState.WAITING
    hand_over(other["order_id"], {card.lines[0].key: 1}, clerk, desk.till.uow())

    cancelled = admin.call("POST", f"{path}/shop-100234/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    assert isinstance(scan_pickup(created["code"], desk.till.uow()), PickupCard)  # the till has not synced yet
    sync(desk)
    with pytest.raises(PickupRefused) as refused:
        scan_pickup(created["code"], desk.till.uow())
    assert "cancelled" in str(refused.value)

    states = {order["number"]: order["state"] for order in admin.call("GET", path).json()}
    assert states == {"shop-100234": "cancelled", "shop-100235": "partly collected"}
    assert [order["number"] for order in admin.call("GET", path, params={"state": "cancelled"}).json()] == [
        "shop-100234"
    ]
    refused_cancel = admin.call("POST", f"{path}/shop-100235/cancel")
    assert refused_cancel.status_code == 409 and "handed over" in refused_cancel.json()["detail"]


def test_a_conflict_raised_at_the_desk_is_reviewed_through_the_api(admin: Admin, desk: EnrolledTill) -> None:
    path = f"/events/{admin.hub.event_id}/orders"
    created = admin.call("POST", path, json=ORDER).json()
    sync(desk)
    card = scan_pickup(created["code"], desk.till.uow())
    assert isinstance(card, PickupCard)
    assert admin.call("POST", f"{path}/shop-100234/cancel").status_code == 200
    clerk = add_staff(AddStaff("Jo", Role.PICKUP_CLERK, "2222", added_by=desk.manager), desk.till.uow()).staff_id
    hand_over(created["order_id"], {card.lines[0].key: 2}, clerk, desk.till.uow())  # the till has not heard yet
    sync(desk)

    raised = [
        conflict
        for conflict in admin.call("GET", "/conflicts", params={"state": "open"}).json()
        if conflict["kind"] == "pickup_after_cancel"
    ]
    assert len(raised) == 1 and raised[0]["details"]["till"] == "P"
    review = f"/conflicts/{raised[0]['conflict_id']}/review"
    reviewed = admin.call("POST", review, json={"note": "Refunded online."})
    assert reviewed.status_code == 200
    assert (reviewed.json()["reviewed_by"], reviewed.json()["note"]) == ("shop", "Refunded online.")
    again = admin.call("POST", review, json={"note": "Twice?"})
    assert again.status_code == 409 and "already reviewed" in again.json()["detail"]
    still_open = admin.call("GET", "/conflicts", params={"state": "open"}).json()
    assert raised[0]["conflict_id"] not in [conflict["conflict_id"] for conflict in still_open]


def test_a_group_leaders_order_through_the_api(admin: Admin) -> None:
    path = f"/events/{admin.hub.event_id}/orders"
    for member in ("G-1", "G-2"):
        body = {"external_id": member, "customer_name": member, "lines": [{"sku": "ATE-002", "quantity": 1}]}
        assert admin.call("POST", path, json=body).status_code == 201
    group = {"external_id": "GROUP-7", "customer_name": "Kim", "members": ["G-1", "G-2"]}
    assert admin.call("POST", path, json=group).status_code == 201
    both = admin.call(
        "POST", path, json=group | {"external_id": "GROUP-8", "lines": [{"sku": "ATE-002", "quantity": 1}]}
    )
    assert both.status_code == 422
    listed = {order["number"]: order for order in admin.call("GET", path).json()}
    assert listed["GROUP-7"]["state"] == "waiting" and len(listed["GROUP-7"]["member_order_ids"]) == 2


def test_a_served_hub_signs_the_apis_orders_with_its_signing_key_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``popup-hub serve --signing-key FILE`` in its own process: without the flag, orders are refused with 503."""
    url = f"sqlite:///{tmp_path / 'hub.db'}"
    db = db_args(url)
    capsys.readouterr()
    assert hub_main([*db, "event", "create", "Spring Drop", "--currency", "CHF", *TAXES]) == 0
    event_id = capsys.readouterr().out.strip()
    assert hub_main([*db, "catalog", "import", str(DEMO_CATALOG)]) == 0
    pem = tmp_path / "signing.pem"
    assert hub_main([*db, "keys", "create", "--out", str(pem)]) == 0
    key = new_key(url, "shop", ["orders:write"], capsys)
    environment = {name: value for name, value in os.environ.items() if name != "POPUP_HUB_SIGNING_KEY"}
    root = Path(__file__).parents[2]

    def order_through(*flags: str) -> httpx.Response:
        port = free_port()
        command = [sys.executable, "-m", "sync.hub.cli", *db, "serve", "--port", str(port), *flags]
        hub = subprocess.Popen(command, cwd=root, env=environment, stderr=subprocess.DEVNULL)
        try:
            wait_until_up(port)
            return httpx.post(
                f"http://127.0.0.1:{port}/v1/admin/events/{event_id}/orders",
                json=ORDER,
                headers={"Authorization": f"Bearer {key}"},
                timeout=10,
            )
        finally:
            hub.terminate()
            hub.wait(timeout=30)

    unsigned = order_through()
    assert unsigned.status_code == 503 and "--signing-key" in unsigned.json()["detail"]
    signed = order_through("--signing-key", str(pem))
    assert signed.status_code == 201 and signed.json()["code"].startswith("PU:")
