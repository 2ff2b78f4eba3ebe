"""The rest of the admin API over real HTTP, on SQLite and PostgreSQL: webhooks to a real receiver, staff,
settings, commissions and vouchers that reach real tills, the close refused while a till's cash is open, the feed
file for a till with no network, and the same hub state whether the commands or the API did the work."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import PermissionDenied
from app.services.feed_files import import_feed
from app.services.staff import sign_in
from app.services.tender_settings import card_reference_required
from app.services.vouchers import voucher_for_payment
from sync.hub.cli import main as hub_main
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store import event_settings as kept
from sync.hub.store.vouchers import list_vouchers
from sync.hub.store.webhook_outbox import subscriptions
from sync.hub.webhooks import WebhookSender
from tests.sync.admin_api_calls import Api, api
from tests.sync.admin_client import new_key, second_hub_url, sign_orders_with, url_of
from tests.sync.conftest import EnrolledTill
from tests.sync.event_close_tills import close_till, tills
from tests.sync.till_actions import sell, sync
from tests.sync.till_settings import commission_of, staff_id
from tests.sync.voucher_payments import pay_with_voucher
from tests.sync.webhook_receiver import VERIFY, Receiver, receiver, sender

# Fixtures used by name below, imported from the modules that define them.
__all__ = ["api", "receiver", "second_hub_url", "sender", "tills"]

MAKER = "Atelier Lumen"
SKU = "ATE-001"  # 12.90 CHF, by Atelier Lumen


def test_a_webhook_subscribed_through_the_api_receives_a_signed_sale_and_is_replayed(
    api: Api, till_a: EnrolledTill, receiver: Receiver, sender: WebhookSender
) -> None:
    made = api.call("POST", f"{api.event}/webhooks", json={"url": receiver.url, "types": ["sale.completed"]})
    assert made.status_code == 201, made.text
    subscribed = made.json()
    assert re.fullmatch(r"whsec_[0-9a-f]{64}", subscribed["secret"])
    listed = api.call("GET", f"{api.event}/webhooks").json()
    assert [(each["id"], each["url"], each["types"]) for each in listed] == [
        (subscribed["subscription_id"], receiver.url, ["sale.completed"])
    ]
    assert "secret" not in listed[0], "the secret is shown once only"

    sync(till_a)
    sell(till_a, SKU)
    sync(till_a)
    (sale,) = receiver.wait_for(1)
    assert VERIFY(subscribed["secret"], sale.headers, sale.body)
    assert sale.delivery["type"] == "sale.completed"

    log = api.call("GET", f"{api.event}/webhook-deliveries").json()
    assert [(each["id"], each["state"], each["type"]) for each in log] == [
        (sale.headers["Webhook-Id"], "delivered", "sale.completed")
    ]
    assert log[0]["attempt_log"][0]["status_code"] == 200
    replayed = api.call("POST", f"/webhook-deliveries/{log[0]['id']}/replay")
    assert replayed.json() == {"delivery_id": log[0]["id"], "url": receiver.url, "status_code": 200}
    again = receiver.wait_for(2)[1]
    assert again.headers["Webhook-Id"] == sale.headers["Webhook-Id"]
    assert VERIFY(subscribed["secret"], again.headers, again.body)
    assert len(api.call("GET", f"{api.event}/webhook-deliveries").json()[0]["attempt_log"]) == 2

    bad = api.call("POST", f"{api.event}/webhooks", json={"url": "http:///hooks", "types": ["sale.completed"]})
    assert bad.status_code == 422 and "http(s) URL" in bad.json()["detail"]
    gone = api.call("DELETE", f"/webhooks/{subscribed['subscription_id']}")
    assert gone.json() == {"subscription_id": subscribed["subscription_id"], "waiting_dropped": 0}
    assert api.call("DELETE", f"/webhooks/{subscribed['subscription_id']}").status_code == 404
    assert api.call("POST", "/webhook-deliveries/no-such-delivery/replay").status_code == 404


def test_staff_added_through_the_api_sign_in_on_a_till_after_sync_and_no_pin_comes_back(
    api: Api, till_a: EnrolledTill
) -> None:
    added = api.call("POST", f"{api.event}/staff", json={"name": "Mia Keller", "role": "cashier", "pin": "4321"})
    assert added.status_code == 201, added.text
    assert "4321" not in added.text and "scrypt" not in added.text
    sync(till_a)
    mia = staff_id(till_a, "Mia Keller")
    assert mia == added.json()["staff_id"]
    assert sign_in(mia, "4321", till_a.till.uow()).name == "Mia Keller"

    changed = api.call("PUT", f"{api.event}/staff/Mia Keller/pin", json={"pin": "8642"})
    assert changed.status_code == 200 and "8642" not in changed.text
    sync(till_a)
    assert sign_in(mia, "8642", till_a.till.uow()).name == "Mia Keller"
    assert api.call("POST", f"{api.event}/staff/{mia}/deactivate").json()["active"] is False
    sync(till_a)
    with pytest.raises(PermissionDenied, match="no longer active"):
        sign_in(mia, "8642", till_a.till.uow())

    listed = api.call("GET", f"{api.event}/staff")
    assert ("Mia Keller", "cashier", False) in [(row["name"], row["role"], row["active"]) for row in listed.json()]
    assert "scrypt" not in listed.text, "PIN hashes stay on the hub"
    twice = api.call("POST", f"{api.event}/staff/Mia Keller/deactivate")
    assert twice.status_code == 409 and "already inactive" in twice.json()["detail"]
    assert api.call("POST", f"{api.event}/staff/Nobody/reactivate").status_code == 404
    short = api.call("POST", f"{api.event}/staff", json={"name": "Tom", "role": "cashier", "pin": "12"})
    assert short.status_code == 422
    with api.hub.hub.store.engine.connect() as connection:
        assert "Tom" not in [member.name for member in kept.staff(connection, api.hub.event_id)]


def test_a_setting_and_a_commission_set_through_the_api_reach_a_tills_rules(api: Api, till_a: EnrolledTill) -> None:
    sync(till_a)
    assert not card_reference_required(till_a.till.uow())
    setting = api.call("PUT", f"{api.event}/settings/card_reference_required", json={"value": "yes"})
    assert setting.status_code == 200, setting.text
    assert (setting.json()["key"], setting.json()["value"]) == ("card_reference_required", True)
    commission = api.call("PUT", f"{api.event}/commissions", json={"maker": MAKER, "percent": "25"})
    assert commission.json()["rate"] == "0.25"
    sync(till_a)
    assert card_reference_required(till_a.till.uow())
    sell(till_a, SKU)  # by card, with the terminal's reference the setting now asks for
    assert commission_of(till_a, MAKER) == 323  # 25% of 12.90, rounded half up

    assert [row["key"] for row in api.call("GET", f"{api.event}/settings").json()] == ["card_reference_required"]
    assert [(row["scope"], row["subject"]) for row in api.call("GET", f"{api.event}/commissions").json()] == [
        ("maker", MAKER)
    ]
    unknown = api.call("PUT", f"{api.event}/settings/colour", json={"value": "red"})
    assert unknown.status_code == 422 and "not an event setting" in unknown.json()["detail"]
    wrong = api.call("PUT", f"{api.event}/commissions", json={"sku": "NOPE-1", "percent": "10"})
    assert wrong.status_code == 422 and "No product with SKU NOPE-1" in wrong.json()["detail"]
    too_much = api.call("PUT", f"{api.event}/commissions", json={"percent": "120"})
    assert too_much.status_code == 422 and "between 0 and 100" in too_much.json()["detail"]


def test_a_voucher_issued_through_the_api_pays_at_a_till(api: Api, till_a: EnrolledTill) -> None:
    issued = api.call("POST", f"{api.event}/vouchers", json={"amount": "20.00", "note": "sold online, order 1042"})
    assert issued.status_code == 201, issued.text
    code = issued.json()["code"]
    assert (issued.json()["issued"], issued.json()["state"], issued.json()["issued_by"]) == (
        2000,
        "open",
        "marketplace",
    )
    api.hub.hub.store.set_stock(api.hub.event_id, "BER-003", 5)
    sync(till_a)
    assert voucher_for_payment(code, till_a.till.uow()).remaining == 2000
    sale = pay_with_voucher(till_a, code, 2000, "BER-003")
    sync(till_a)

    shown = api.call("GET", f"/vouchers/{code.lower()}").json()
    assert [(row["state"], row["left"]) for row in shown] == [("used up", 0)]
    assert [(each["till_code"], each["sale_id"], each["amount"]) for each in shown[0]["redemptions"]] == [
        ("A", sale.sale_id, 2000)
    ]
    assert [row["code"] for row in api.call("GET", f"{api.event}/vouchers").json()] == [code]
    assert api.call("POST", f"{api.event}/vouchers", json={"amount": "0"}).status_code == 422
    assert api.call("GET", "/vouchers/not-a-code").status_code == 422


def test_a_voucher_reaches_a_till_with_no_network_in_the_feed_file_downloaded_through_the_api(
    api: Api, till_a: EnrolledTill, tmp_path: Path
) -> None:
    code = api.call("POST", f"{api.event}/vouchers", json={"amount": "15.00"}).json()["code"]
    downloaded = api.call("GET", f"{api.event}/tills/A/feed-file")
    assert downloaded.status_code == 200, downloaded.text
    assert int(downloaded.headers["Feed-Changes"]) > 0
    carried = tmp_path / "feed.popupfeed"
    carried.write_bytes(downloaded.content)
    import_feed(carried, till_a.till.uow, till_a.till.data_dir / "sync.lock")
    assert voucher_for_payment(code, till_a.till.uow()).remaining == 1500
    assert api.call("GET", f"{api.event}/tills/Z/feed-file").status_code == 404


def test_checklist_and_close_through_the_api_refuse_while_a_tills_cash_is_open(
    api: Api, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_a, till_b = tills
    close_till(till_a)
    sync(till_a)
    listed = api.call("GET", f"{api.event}/checklist").json()
    assert listed["closed"] is False
    assert [(till["code"], till["ready"]) for till in listed["tills"]] == [("A", True), ("B", False)]
    assert "cash not closed" in listed["tills"][1]["problems"][0]

    refused = api.call("POST", f"{api.event}/close", json={"by": "Marta"})
    assert refused.status_code == 409
    assert "Till B: cash not closed" in refused.json()["detail"] and "Till A:" not in refused.json()["detail"]
    assert api.call("GET", f"{api.event}/checklist").json()["closed"] is False

    close_till(till_b)
    sync(till_b)
    closed = api.call("POST", f"{api.event}/close", json={"by": "Marta"})
    assert closed.status_code == 200, closed.text
    assert (closed.json()["closed"], closed.json()["closed_by"], closed.json()["override_reason"]) == (
        True,
        "Marta",
        None,
    )
    again = api.call("POST", f"{api.event}/close", json={})
    assert again.status_code == 409 and "already closed" in again.json()["detail"]
    located = api.call("GET", f"{api.event}/stock-locations", params={"sku": SKU}).json()
    assert [row["sku"] for row in located] == [SKU]


def test_the_orders_come_in_pages_that_follow_their_cursor(api: Api, tmp_path: Path) -> None:
    sign_orders_with(api.hub, tmp_path)
    for number in ("W-1", "W-2", "W-3"):
        body = {"external_id": number, "customer_name": "Nia", "lines": [{"sku": SKU, "quantity": 1}]}
        assert api.call("POST", f"{api.event}/orders", json=body).status_code == 201
    first = api.call("GET", f"{api.event}/orders", params={"limit": 2})
    assert [order["number"] for order in first.json()] == ["W-1", "W-2"]
    assert first.headers["Next-After"] == "W-2"
    last = api.call("GET", f"{api.event}/orders", params={"limit": 2, "after": first.headers["Next-After"]})
    assert [order["number"] for order in last.json()] == ["W-3"]
    assert "Next-After" not in last.headers
    whole = api.call("GET", f"{api.event}/orders")
    assert [order["number"] for order in whole.json()] == ["W-1", "W-2", "W-3"] and "Next-After" not in whole.headers
    unknown = api.call("GET", f"{api.event}/orders", params={"limit": 2, "after": "W-9"})
    assert unknown.status_code == 422 and "Next-After" in unknown.json()["detail"]
    assert api.call("GET", "/conflicts", params={"limit": 1}).json() == []


def hub_state(url: str, event_id: str) -> dict[str, Any]:
    """The event's staff, settings, commissions, vouchers and webhook subscriptions, without generated ids."""
    store = HubStore(open_hub_engine(url))
    try:
        with store.engine.connect() as connection:
            return {
                "staff": [(member.name, member.role, member.active) for member in kept.staff(connection, event_id)],
                "settings": [(key, value) for key, value, _at, _by in kept.settings(connection, event_id)],
                "commissions": [(key, rate) for key, rate, _at in kept.commissions(connection, event_id)],
                "vouchers": [
                    (state.issued, state.spent, state.issued_by, state.note)
                    for state in list_vouchers(connection, event_id)
                ],
                "webhooks": [(each["url"], each["types"]) for each in subscriptions(connection, event_id)],
            }
    finally:
        store.engine.dispose()


def test_the_same_through_the_commands_gives_the_same_hub_state(
    api: Api, second_hub_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    hook = "https://shop.example/hooks"
    calls = [
        ("POST", "/staff", {"name": "Mia Keller", "role": "manager", "pin": "4321"}),
        ("POST", "/staff", {"name": "Tom Weber", "role": "cashier", "pin": "9876"}),
        ("POST", "/staff/Tom Weber/deactivate", None),
        ("PUT", "/settings/receipt_footer", {"value": "See you in spring"}),
        ("PUT", "/commissions", {"percent": "12.5"}),
        ("POST", "/vouchers", {"amount": "20.00", "note": "prize"}),
        ("POST", "/webhooks", {"url": hook, "types": ["sale.completed", "event.closed"]}),
    ]
    for method, path, body in calls:
        answer = api.call(method, f"{api.event}{path}", json=body)
        assert answer.status_code in (200, 201), answer.text

    db = ["--db", second_hub_url]
    capsys.readouterr()
    assert hub_main([*db, "event", "create", "Winter Makers Market", "--currency", "CHF", "--tax", "standard=8.1"]) == 0
    event = ["--event", capsys.readouterr().out.strip()]
    assert hub_main([*db, "staff", "add", "Mia Keller", "--role", "manager", "--pin", "4321", *event]) == 0
    assert hub_main([*db, "staff", "add", "Tom Weber", "--role", "cashier", "--pin", "9876", *event]) == 0
    assert hub_main([*db, "staff", "deactivate", "Tom Weber", *event]) == 0
    assert hub_main([*db, "settings", "set", "receipt_footer", "See you in spring", *event]) == 0
    assert hub_main([*db, "commission", "set", "12.5", *event]) == 0
    assert hub_main([*db, "voucher", "issue", "--amount", "20.00", "--note", "prize", *event]) == 0
    types = ["--type", "sale.completed", "--type", "event.closed"]
    assert hub_main([*db, "webhooks", "subscribe", hook, *types, *event]) == 0

    assert hub_state(url_of(api.hub.hub.store.engine), api.hub.event_id) == hub_state(second_hub_url, event[1])


FAMILIES: list[tuple[str, str, str, dict[str, Any] | None]] = [
    ("webhooks:write", "POST", "{event}/webhooks", {"url": "https://shop.example/hooks", "types": ["sale.completed"]}),
    ("webhooks:read", "GET", "{event}/webhook-deliveries", None),
    ("settings:write", "PUT", "{event}/settings/receipt_footer", {"value": "Hello"}),
    ("settings:read", "GET", "{event}/staff", None),
    ("vouchers:write", "POST", "{event}/vouchers", {"amount": "5.00"}),
    ("vouchers:read", "GET", "{event}/vouchers", None),
    ("events:write", "POST", "{event}/close", {"override": "counted by hand"}),
    ("events:read", "GET", "{event}/checklist", None),
    ("tills:write", "GET", "{event}/tills/A/feed-file", None),
]


@pytest.fixture
def reader(api: Api, capsys: pytest.CaptureFixture[str]) -> Iterator[str]:
    """A key that may read reports and nothing else."""
    yield new_key(url_of(api.hub.hub.store.engine), "reports-only", ["reports:read"], capsys)


def test_a_key_without_the_scope_is_refused_with_403_on_each_new_family(api: Api, reader: str) -> None:
    for scope, method, path, body in FAMILIES:
        refused = api.call(method, path.format(event=api.event), key=reader, json=body)
        assert refused.status_code == 403, (scope, refused.text)
        assert f"lacks the scope {scope}" in refused.json()["detail"]
    state = hub_state(url_of(api.hub.hub.store.engine), api.hub.event_id)
    assert state == {"staff": [], "settings": [], "commissions": [], "vouchers": [], "webhooks": []}
    assert api.call("GET", f"{api.event}/checklist").json()["closed"] is False

    # With the scope, an override freezes the event although no till is ready, by the key's name.
    closed = api.call("POST", f"{api.event}/close", json={"override": "counted by hand"}).json()
    assert (closed["closed"], closed["closed_by"], closed["override_reason"]) == (True, "shop", "counted by hand")
