"""The admin API over real HTTP, on SQLite and PostgreSQL: scoped keys, tills and events, reports, conflicts and
signing keys, a refused catalog, and the same hub state whether the commands or the API did the work.
Marketplace orders and the pickup desk: test_admin_api_orders.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from app.services.demo import DEMO_CATALOG
from sync.hub.cli import main as hub_main
from sync.hub.store import HubStore, metadata, open_hub_engine, products
from sync.hub.store.availability import stock_figures
from tests.sync.admin_client import ORDER, TAXES, Admin, admin, db_args, new_key, second_hub_url
from tests.sync.conftest import HubEvent

# The fixtures (a served hub with a key of every scope, another empty hub database) the tests here take.
__all__ = ["admin", "second_hub_url"]
MY_TABLES = {"api_keys", "admin_calls", "marketplace_orders"}


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
