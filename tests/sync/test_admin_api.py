"""The admin API over real HTTP, on SQLite and PostgreSQL: scoped keys, idempotent marketplace orders, a real till
at the pickup desk, the call log, and the same hub state whether the commands or the API did the work."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi import FastAPI
from sqlalchemy import Engine, select

from app.domain.pickups import PickupRefused, PickupState
from app.domain.staff import Role
from app.services.demo import DEMO_CATALOG
from app.services.handoffs import hand_over
from app.services.pickups import PickupCard, scan_pickup
from app.services.staff import AddStaff, add_staff
from sync.hub.cli import main as hub_main
from sync.hub.store import HubStore, metadata, open_hub_engine, products
from sync.hub.store.availability import stock_figures
from sync.pickup_codes import private_key_pem
from tests.postgres_server import new_database
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till, free_port
from tests.sync.test_many_tills import wait_until_up
from tests.sync.test_sync import sync

ALL_SCOPES = [
    "events:read",
    "events:write",
    "tills:write",
    "catalog:write",
    "stock:write",
    "orders:read",
    "orders:write",
    "keys:write",
    "conflicts:read",
    "conflicts:write",
    "reports:read",
]
MY_TABLES = {"api_keys", "admin_calls", "marketplace_orders"}
TAXES = ["--tax", "standard=8.1", "--tax", "reduced=2.6"]
ORDER = {"external_id": "shop-100234", "customer_name": "Mia Keller", "lines": [{"sku": "ATE-001", "quantity": 2}]}


def db_args(url: str) -> list[str]:
    return ["--db", url]


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def new_key(url: str, name: str, scopes: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """A key made with ``popup-hub apikey create``, as an operator makes one."""
    capsys.readouterr()
    assert hub_main([*db_args(url), "apikey", "create", name, *(f"--scope={scope}" for scope in scopes)]) == 0
    return capsys.readouterr().out.splitlines()[0]


@dataclasses.dataclass
class Admin:
    hub: HubEvent
    url: str
    key: str

    @property
    def store(self) -> HubStore:
        return self.hub.hub.store

    def call(
        self, method: str, path: str, key: str | None = None, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        sent = {"Authorization": f"Bearer {key or self.key}", **(headers or {})}
        return httpx.request(method, f"{self.hub.hub.url}/v1/admin{path}", headers=sent, timeout=30, **kwargs)


def sign_orders_with(hub: HubEvent, folder: Path) -> bytes:
    """A signing key registered on the hub, in the file the served hub is configured to sign its API orders with."""
    _key_id, private_key = hub.hub.store.create_signing_key()
    pem = folder / "signing.pem"
    pem.write_bytes(private_key_pem(private_key))
    app = hub.hub.server.config.app
    assert isinstance(app, FastAPI)
    app.state.settings = dataclasses.replace(app.state.settings, signing_key=str(pem))
    return private_key


@pytest.fixture
def admin(hub: HubEvent, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Admin:
    url = url_of(hub.hub.store.engine)
    sign_orders_with(hub, tmp_path)
    return Admin(hub, url, new_key(url, "shop", ALL_SCOPES, capsys))


@pytest.fixture
def second_hub_url(hub_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Another empty hub database of the same kind, for the commands' side of a comparison."""
    if hub_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'commands-hub.db'}"
    return new_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def desk(admin: Admin, tmp_path: Path) -> Iterator[EnrolledTill]:
    enrolled = enrolled_till(admin.hub.hub.url, admin.store, admin.hub.event_id, tmp_path / "desk", code="P")
    yield enrolled
    enrolled.till.close()


def test_a_key_without_orders_write_is_refused_with_403(admin: Admin, capsys: pytest.CaptureFixture[str]) -> None:
    reader = new_key(admin.url, "reader", ["orders:read"], capsys)
    refused = admin.call("POST", f"/events/{admin.hub.event_id}/orders", key=reader, json=ORDER)
    assert refused.status_code == 403
    assert "orders:write" in refused.json()["detail"]
    assert admin.store.pickup_orders(admin.hub.event_id) == []
    assert admin.call("GET", f"/events/{admin.hub.event_id}/orders", key=reader).json() == []

    anonymous = httpx.get(f"{admin.hub.hub.url}/v1/admin/events", timeout=10)
    assert anonymous.status_code == 401 and "Bearer pk_" in anonymous.json()["detail"]
    till_token = httpx.post(
        f"{admin.hub.hub.url}/v1/enroll",
        json={"code": admin.store.create_enroll_code(admin.hub.event_id, "T")},
        timeout=10,
    ).json()["token"]
    assert admin.call("GET", "/events", key=till_token).status_code == 401


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


def test_a_till_enrolled_and_revoked_through_the_api(admin: Admin) -> None:
    event = admin.hub.event_id
    made = admin.call("POST", f"/events/{event}/enroll-codes", json={"till_code": "c"})
    assert made.status_code == 201 and made.json()["till_code"] == "C"
    enrolled = httpx.post(f"{admin.hub.hub.url}/v1/enroll", json={"code": made.json()["code"]}, timeout=10).json()
    till = {"till_id": enrolled["till_id"], "code": "C", "revoked": False}
    assert admin.call("GET", f"/events/{event}/tills").json() == [till]

    assert admin.call("POST", f"/tills/{enrolled['till_id']}/revoke").status_code == 204
    pushed = httpx.post(
        f"{admin.hub.hub.url}/v1/push",
        json={"records": []},
        headers={"Authorization": f"Bearer {enrolled['token']}"},
        timeout=10,
    )
    assert pushed.status_code == 401
    assert admin.call("GET", f"/events/{event}/tills").json() == [till | {"revoked": True}]
    assert admin.call("POST", "/tills/no-such-till/revoke").status_code == 404
    assert admin.call("POST", "/events/no-such-event/enroll-codes", json={}).status_code == 404


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


def test_an_event_made_with_its_own_id_is_made_once(admin: Admin) -> None:
    event = {
        "event_id": "6a0d8f0e-3c1b-4f6e-9d2a-1b7c5e4f3a21",
        "name": "Night Market",
        "currency": "EUR",
        "tax_classes": [{"code": "standard", "name": "VAT 20%", "rate": "0.2"}],
    }
    assert admin.call("POST", "/events", json=event).status_code == 201
    again = admin.call("POST", "/events", json=event)
    assert again.status_code == 409 and "exists already" in again.json()["detail"]
    assert admin.call("POST", "/events", json=event | {"event_id": None, "currency": "XYZ"}).status_code == 422
    names = [listed["name"] for listed in admin.call("GET", "/events").json()]
    assert names.count("Night Market") == 1


EXTRA_PRODUCT = {
    "sku": "NEW-01",
    "name": "Felt slippers",
    "maker": "Filzwerk",
    "tax_class": "standard",
    "price": "49.90",
    "barcodes": ["4006381333931"],
}


def hub_state(url: str, event_id: str) -> dict[str, Any]:
    """What the marketplace cares about on a hub: the catalog, the event's stock and its pickup orders."""
    store = HubStore(open_hub_engine(url))
    try:
        with store.engine.connect() as connection:
            catalog = sorted(
                tuple(row)[:1] + tuple(row)[2:] for row in connection.execute(select(products)).all()
            )  # all but the products' own ids
            stock = stock_figures(connection, event_id)
        orders = [
            {key: value for key, value in order.items() if key != "order_id"} for order in store.pickup_orders(event_id)
        ]
        return {"catalog": catalog, "stock": stock, "orders": orders}
    finally:
        store.engine.dispose()


def test_the_commands_and_the_api_give_the_same_hub_state(
    admin: Admin, second_hub_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The API: a second event, a product added as JSON, stock, two orders, one cancelled.
    event = {
        "name": "Spring Drop",
        "currency": "CHF",
        "locale": "de_CH",
        "cash_rounding_step": 5,
        "tax_classes": [
            {"code": "standard", "name": "standard 8.1%", "rate": "0.081"},
            {"code": "reduced", "name": "reduced 2.6%", "rate": "0.026"},
        ],
    }
    made = admin.call("POST", "/events", json=event)
    assert made.status_code == 201
    api_event = made.json()["event_id"]
    assert admin.call("GET", f"/events/{api_event}").json()["name"] == "Spring Drop"
    imported = admin.call("PUT", "/catalog", json=[EXTRA_PRODUCT])
    assert imported.status_code == 200 and imported.json() == {"imported": 1, "warnings": []}
    assert admin.call("PUT", f"/events/{api_event}/stock/NEW-01", json={"level": 10}).json() == {
        "sku": "NEW-01",
        "on_hand": 10,
        "reserved": 0,
        "available": 10,
    }
    orders = f"/events/{api_event}/orders"
    for number, quantity in (("W-1", 2), ("W-2", 1)):
        body = {"external_id": number, "customer_name": "Nia", "lines": [{"sku": "NEW-01", "quantity": quantity}]}
        assert admin.call("POST", orders, json=body).status_code == 201
    assert admin.call("POST", f"{orders}/W-2/cancel").status_code == 200

    # The commands, on a hub of their own: the same demo catalog, event and flow.
    db = db_args(second_hub_url)
    capsys.readouterr()
    assert hub_main([*db, "event", "create", "Spring Drop", "--currency", "CHF", "--locale", "de_CH", *TAXES]) == 0
    cli_event = capsys.readouterr().out.strip()
    assert hub_main([*db, "catalog", "import", str(DEMO_CATALOG), "--currency", "CHF"]) == 0
    extra = tmp_path / "extra.csv"
    extra.write_text(
        "sku,name,maker,tax_class,price,barcodes\nNEW-01,Felt slippers,Filzwerk,standard,49.90,4006381333931\n"
    )
    assert hub_main([*db, "catalog", "import", str(extra)]) == 0
    assert hub_main([*db, "stock", "set", cli_event, "NEW-01", "10"]) == 0
    key = tmp_path / "cli.pem"
    assert hub_main([*db, "keys", "create", "--out", str(key)]) == 0
    for number, quantity in (("W-1", 2), ("W-2", 1)):
        pickup = ["pickup", "create", "--event", cli_event, "--number", number, "--customer", "Nia"]
        assert hub_main([*db, *pickup, "--item", f"NEW-01:{quantity}", "--key", str(key)]) == 0
    assert hub_main([*db, "pickup", "cancel", "--event", cli_event, "W-2"]) == 0

    assert hub_state(admin.url, api_event) == hub_state(second_hub_url, cli_event)
    assert hub_state(admin.url, api_event)["stock"]["NEW-01"].reserved == 2


def test_reports_conflicts_and_signing_keys(admin: Admin) -> None:
    event = admin.hub.event_id
    z_report = admin.call("GET", f"/events/{event}/reports/z").json()
    as_csv = admin.call("GET", f"/events/{event}/reports/z", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.lstrip("\ufeff").splitlines()[0].split(",") == z_report["columns"]
    settlement = admin.call("GET", f"/events/{event}/reports/settlement").json()
    assert settlement["currency"] == "CHF" and "Commission" in settlement["note"]
    assert admin.call("GET", "/conflicts", params={"state": "open"}).json() == []
    missing = admin.call("POST", "/conflicts/999/review", json={"note": "looked"})
    assert missing.status_code == 404

    made = admin.call("POST", "/signing-keys")
    assert made.status_code == 201 and "PRIVATE KEY" in made.json()["private_key_pem"]
    revoked = admin.call("POST", f"/signing-keys/{made.json()['key_id']}/revoke")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert admin.call("POST", "/signing-keys/4000/revoke").status_code == 404


def test_a_refused_catalog_names_its_lines_and_changes_nothing(admin: Admin) -> None:
    before = admin.call("GET", f"/events/{admin.hub.event_id}/stock").json()
    refused = admin.call(
        "PUT",
        "/catalog",
        content=b"sku,name,maker,tax_class,price\nOK-1,Fine,Maker,standard,1.00\nBAD-1,Bad,Maker,nope,1.00\n",
        headers={"Content-Type": "text/csv"},
    )
    assert refused.status_code == 422 and "line 3" in refused.json()["detail"]
    assert admin.call("PUT", "/catalog", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    with admin.store.engine.connect() as connection:
        assert connection.execute(select(products.c.sku).where(products.c.sku == "OK-1")).first() is None
    assert admin.call("GET", f"/events/{admin.hub.event_id}/stock").json() == before


def test_the_admin_tables_match_their_migration(hub: HubEvent) -> None:
    def mine(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        table = getattr(obj, "table", obj) if type_ != "table" else obj
        return getattr(table, "name", name) in MY_TABLES

    with hub.hub.store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": mine})
        assert compare_metadata(context, metadata) == []


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
