"""The admin API's last gaps over real HTTP, on SQLite and PostgreSQL: keys made, listed and revoked through the API
(never beyond the caller's scopes), the call log and the webhook delivery log in pages, the feed file from a given
cursor, and voucher.issued for vouchers the hub issues, at a real receiver."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sync.carried_feed import FeedFile, cursor_position, read_feed_file
from sync.hub.cli import main as hub_main
from sync.hub.store.enrollment import file_key_of
from sync.hub.store.feed_export import till_id_by_code
from sync.hub.store.schema import vouchers
from sync.hub.webhooks import RetryPolicy, WebhookSender
from tests.sync.admin_api_calls import Api, api
from tests.sync.admin_client import db_args, new_key, url_of
from tests.sync.conftest import EnrolledTill
from tests.sync.webhook_receiver import VERIFY, WAIT_SECONDS, Receiver, receiver

# Fixtures used by name below, imported from the modules that define them.
__all__ = ["api", "receiver"]


def pages(api: Api, path: str, limit: int, **params: str) -> Iterator[list[dict[str, Any]]]:
    """Every page of a paged list, following its Next-After header."""
    after: str | None = None
    while True:
        answer = api.call("GET", path, params={**params, "limit": limit, **({"after": after} if after else {})})
        assert answer.status_code == 200, answer.text
        yield answer.json()
        after = answer.headers.get("Next-After")
        if after is None:
            return


def test_a_key_makes_lists_and_revokes_keys_but_never_beyond_its_own_scopes(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    url = url_of(api.hub.hub.store.engine)
    keeper = new_key(url, "keeper", ["apikeys:admin", "events:read", "orders:read"], capsys)
    made = api.call("POST", "/apikeys", key=keeper, json={"name": "shop-2", "scopes": ["orders:read", "events:read"]})
    assert made.status_code == 201, made.text
    created = made.json()
    assert (created["name"], created["scopes"], created["revoked_at"]) == (
        "shop-2",
        ["events:read", "orders:read"],
        None,
    )
    assert created["key"].startswith("pk_")
    assert api.call("GET", f"{api.event}/orders", key=created["key"]).status_code == 200

    beyond = api.call(
        "POST", "/apikeys", key=keeper, json={"name": "sneaky", "scopes": ["orders:read", "orders:write", "keys:write"]}
    )
    assert beyond.status_code == 403
    assert "lacks keys:write, orders:write" in beyond.json()["detail"]
    listed = api.call("GET", "/apikeys", key=keeper)
    assert [row["name"] for row in listed.json()] == ["shop", "keeper", "shop-2"], "no key was made"
    assert created["key"] not in listed.text and "key_hash" not in listed.text
    taken = api.call("POST", "/apikeys", key=keeper, json={"name": "shop-2", "scopes": ["events:read"]})
    assert taken.status_code == 409 and "exists" in taken.json()["detail"]
    unknown = api.call("POST", "/apikeys", key=keeper, json={"name": "shop-3", "scopes": ["root"]})
    assert unknown.status_code == 422 and "unknown: root" in unknown.json()["detail"]
    refused = api.call("GET", "/apikeys", key=created["key"])
    assert refused.status_code == 403 and "apikeys:admin" in refused.json()["detail"]

    revoked = api.call("DELETE", "/apikeys/shop-2", key=keeper)
    assert revoked.status_code == 200 and revoked.json()["revoked_at"], revoked.text
    assert api.call("GET", f"{api.event}/orders", key=created["key"]).status_code == 401
    assert api.call("DELETE", "/apikeys/shop-2", key=keeper).status_code == 409
    assert api.call("DELETE", "/apikeys/nobody", key=keeper).status_code == 404
    capsys.readouterr()
    assert hub_main([*db_args(url), "apikey", "list"]) == 0
    assert "shop-2\trevoked" in capsys.readouterr().out, "the command sees the API's keys: one store"

    # A key may revoke itself (docs/admin_api.md): its next call is refused.
    assert api.call("DELETE", "/apikeys/keeper", key=keeper).status_code == 200
    assert api.call("GET", "/apikeys", key=keeper).status_code == 401


def test_the_call_log_comes_newest_first_in_pages_and_by_key(api: Api, capsys: pytest.CaptureFixture[str]) -> None:
    url = url_of(api.hub.hub.store.engine)
    reader = new_key(url, "reader", ["events:read"], capsys)
    for key in (api.key, reader, reader, api.key, reader):
        assert api.call("GET", f"{api.event}/tills", key=key).status_code == 200
    paged = [call for page in pages(api, "/calls", 2) for call in page]
    assert [call["id"] for call in paged] == sorted((call["id"] for call in paged), reverse=True)
    assert [call["key_name"] for call in paged[:5]] == ["reader", "shop", "reader", "reader", "shop"]
    assert all(call["path"] == f"/v1/admin{api.event}/tills" for call in paged[:5])

    capsys.readouterr()
    assert hub_main([*db_args(url), "apikey", "log", "--limit", "1000", "--key", "reader"]) == 0
    logged = [line.split("\t")[1:] for line in capsys.readouterr().out.splitlines()]
    by_reader = [call for page in pages(api, "/calls", 2, key="reader") for call in page]
    assert len(by_reader) == 3
    assert [[call["key_name"], f"{call['method']} {call['path']}", str(call["status"])] for call in by_reader] == (
        logged[::-1]
    ), "the command and the API read one log"

    assert api.call("GET", "/calls", params={"after": "999999"}).status_code == 422
    assert api.call("GET", "/calls", params={"after": "latest"}).status_code == 422
    assert api.call("GET", "/calls", params={"after": "99999999999999999"}).status_code == 422
    shop_call = next(call["id"] for call in paged if call["key_name"] == "shop")
    assert api.call("GET", "/calls", params={"after": str(shop_call), "key": "reader"}).status_code == 422


def settled(api: Api, count: int, **params: str) -> list[dict[str, Any]]:
    """The event's deliveries matching ``params`` once there are ``count`` of them (a sender settles them)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = api.call("GET", f"{api.event}/webhook-deliveries", params=params).json()
        if len(found) >= count or time.monotonic() > deadline:
            assert len(found) == count, found
            return list(found)
        time.sleep(0.05)


def sending(api: Api, policy: RetryPolicy) -> WebhookSender:
    return WebhookSender(api.hub.hub.store.engine, policy, poll_seconds=0.05, name="test-sender").start()


def test_the_delivery_log_pages_and_filters_hub_issued_vouchers_by_subscription_and_state(
    api: Api, receiver: Receiver
) -> None:
    failing = Receiver(statuses=[500] * 1000)
    try:
        good, bad = (
            api.call("POST", f"{api.event}/webhooks", json={"url": url, "types": ["voucher.issued"]}).json()
            for url in (receiver.url, failing.url)
        )
        # The first voucher's failed delivery is retried only in an hour; the second's is given up at once.
        patient = sending(api, RetryPolicy(first_delay=timedelta(hours=1)))
        first = api.call("POST", f"{api.event}/vouchers", json={"amount": "20.00"}).json()["code"]
        settled(api, 1, state="failing")
        settled(api, 1, state="delivered")
        patient.stop()
        hasty = sending(api, RetryPolicy(give_up_after=timedelta(0)))
        api.call("POST", f"{api.event}/vouchers", json={"amount": "5.00"})
        settled(api, 1, state="failed")
        settled(api, 2, state="delivered")
        hasty.stop()
    finally:
        failing.close()

    received = receiver.wait_for(2)
    assert all(VERIFY(good["secret"], each.headers, each.body) for each in received)
    with api.hub.hub.store.engine.connect() as connection:
        issued = connection.execute(select(vouchers).where(vouchers.c.code == first)).one()
    assert received[0].delivery["type"] == "voucher.issued"
    assert received[0].delivery["data"] == {
        "voucher_id": issued.voucher_id,
        "till": None,
        "currency": "CHF",
        "amount": 2000,
        "issued_at": issued.issued_at,
    }, "the shape of a till's voucher.issued, with no till"
    assert first.encode() not in received[0].body

    whole = api.call("GET", f"{api.event}/webhook-deliveries").json()
    assert [each["created_at"] for each in whole] == sorted((each["created_at"] for each in whole), reverse=True)
    assert [each["id"] for page in pages(api, f"{api.event}/webhook-deliveries", 3) for each in page] == [
        each["id"] for each in whole
    ]
    by_bad = settled(api, 2, subscription=bad["subscription_id"])
    assert [each["state"] for each in by_bad] == ["failed", "waiting"]
    assert {each["subscription_id"] for each in settled(api, 2, state="delivered")} == {good["subscription_id"]}
    unknown = api.call("GET", f"{api.event}/webhook-deliveries", params={"after": "no-such-delivery"})
    assert unknown.status_code == 422 and "No delivery" in unknown.json()["detail"]
    assert api.call("GET", f"{api.event}/webhook-deliveries", params={"state": "lost"}).status_code == 422


def test_a_voucher_issued_by_the_command_is_a_webhook_too(api: Api, receiver: Receiver) -> None:
    api.call("POST", f"{api.event}/webhooks", json={"url": receiver.url, "types": ["voucher.issued"]})
    url = url_of(api.hub.hub.store.engine)
    assert hub_main([*db_args(url), "voucher", "issue", "--amount", "7.50", "--event", api.hub.event_id]) == 0
    sender = sending(api, RetryPolicy())
    try:
        (delivered,) = receiver.wait_for(1)
    finally:
        sender.stop()
    data = delivered.delivery["data"]
    assert isinstance(data, dict) and (data["till"], data["amount"]) == (None, 750)


def feed_of(api: Api, text: str) -> FeedFile:
    """A feed file for till A read back as the till reads it, every signature checked."""
    with api.hub.hub.store.engine.connect() as connection:
        till_id = till_id_by_code(connection, api.hub.event_id, "A")
        assert till_id is not None
        key = file_key_of(connection, till_id)
    assert key is not None
    return read_feed_file(text, till_id, key)


def test_a_feed_file_from_a_later_cursor_holds_only_the_later_changes(
    api: Api, till_a: EnrolledTill, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = f"{api.event}/tills/A/feed-file"
    whole = api.call("GET", path, params={"since": ""})
    assert whole.status_code == 200, whole.text
    earlier = feed_of(api, whole.text)
    assert earlier.since == "" and earlier.entries and whole.headers["Feed-Until"] == earlier.until

    code = api.call("POST", f"{api.event}/vouchers", json={"amount": "15.00"}).json()["code"]
    api.hub.hub.store.set_stock(api.hub.event_id, "BER-003", 9)
    later = api.call("GET", path, params={"since": earlier.until})
    assert later.status_code == 200, later.text
    read = feed_of(api, later.text)
    assert read.since == earlier.until and not read.resync
    assert all(cursor_position(entry.cursor) > cursor_position(earlier.until) for entry in read.entries)
    assert {(entry.change.kind, entry.change.key) for entry in read.entries} >= {("voucher", code)}
    assert not {entry.cursor for entry in read.entries} & {entry.cursor for entry in earlier.entries}
    assert len(read.entries) == int(later.headers["Feed-Changes"])

    carried = tmp_path / "later.popupfeed"
    url = url_of(api.hub.hub.store.engine)
    export = [*db_args(url), "feed", "export", "--till", "A", "--event", api.hub.event_id, str(carried)]
    assert hub_main([*export, "--since", earlier.until]) == 0
    by_command = feed_of(api, carried.read_text(encoding="utf-8"))
    assert [entry.cursor for entry in by_command.entries] == [entry.cursor for entry in read.entries]

    for unserved in ("99999999.99999999", "9999999999999999999.1", "not-a-cursor"):
        refused = api.call("GET", path, params={"since": unserved})
        assert refused.status_code == 400 and "cannot start a feed" in refused.json()["detail"], refused.text
        capsys.readouterr()
        assert hub_main([*export, "--since", unserved]) == 2
        assert "an empty one for the whole feed" in capsys.readouterr().err
