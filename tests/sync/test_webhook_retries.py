"""Webhooks that cannot be delivered at once (docs/webhooks.md): a failing receiver gets the event again with
the same bytes, every attempt logged and replayable; retries back off for a day; a subscription refuses what
cannot be sent, and unsubscribing ends the deliveries still waiting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sync.hub.store.webhook_deliveries import Attempt, Claimed
from sync.hub.webhooks import RetryPolicy, WebhookSender
from tests.sync.conftest import EnrolledTill, HubEvent, free_port
from tests.sync.till_actions import sell, sync
from tests.sync.webhook_receiver import VERIFY, Receiver, delivery_log, hub_command, sender, subscribe, wait_for_log

# The hub's sender, the fixture the tests here take.
__all__ = ["sender"]
SKU = "BER-003"


def test_a_receiver_failing_three_times_gets_the_event_once_more_all_logged_and_replayed(
    hub: HubEvent,
    hub_url: str,
    till_a: EnrolledTill,
    sender: WebhookSender,
    capsys: pytest.CaptureFixture[str],
) -> None:
    receiver = Receiver(statuses=[500, 500, 500])
    try:
        secret = subscribe(hub_url, hub.event_id, receiver.url, ["sale.completed"], capsys)
        sync(till_a)
        sell(till_a, SKU)
        sync(till_a)
        received = receiver.wait_for(4)
        assert len({each.headers["Webhook-Id"] for each in received}) == 1
        assert all(VERIFY(secret, each.headers, each.body) for each in received)
        assert len({each.body for each in received}) == 1, "every attempt sends the same bytes"

        [entry] = wait_for_log(hub_url, capsys, lambda entry: entry["state"] == "delivered")
        assert entry["id"] == received[0].headers["Webhook-Id"]
        assert entry["attempts"] == 4
        assert [attempt["status_code"] for attempt in entry["attempt_log"]] == [500, 500, 500, 200]  # type: ignore[attr-defined]
        assert entry["attempt_log"][0]["error"] == "the receiver answered 500"  # type: ignore[index]

        code, out, err = hub_command(hub_url, "webhooks", "replay", str(entry["id"]), capsys=capsys)
        assert code == 0, err
        assert "sent again" in out
        replayed = receiver.wait_for(5)[4]
        assert replayed.headers["Webhook-Id"] == entry["id"]
        assert replayed.body == received[0].body
        assert VERIFY(secret, replayed.headers, replayed.body)
        [after] = delivery_log(hub_url, capsys)
        assert [attempt["sender"] for attempt in after["attempt_log"]][-1] == "replay"  # type: ignore[attr-defined]
        assert len(after["attempt_log"]) == 5  # type: ignore[arg-type]
    finally:
        receiver.close()


def test_subscriptions_refuse_what_cannot_be_sent_and_unsubscribe_ends_waiting_deliveries(
    hub: HubEvent, hub_url: str, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = hub_command(
        hub_url, "webhooks", "subscribe", "--event", hub.event_id, "ftp://shop.example/x", "--type", "sale.completed",
        capsys=capsys,
    )  # fmt: skip
    assert (code, err.strip()) == (
        2,
        "popup-hub: 'ftp://shop.example/x' is not an http(s) URL: give the receiver's address, "
        "e.g. https://shop.example/hooks.",
    )
    code, _out, err = hub_command(
        hub_url, "webhooks", "subscribe", "--event", "no-such-event", "https://shop.example/x", "--type", "stock.low",
        capsys=capsys,
    )  # fmt: skip
    assert code == 2 and "No event no-such-event" in err
    # Nobody listens on this port: the delivery waits, and is given up when its subscription goes.
    subscribe(hub_url, hub.event_id, f"http://127.0.0.1:{free_port()}/x", ["sale.completed"], capsys)
    sync(till_a)
    sell(till_a, SKU)
    sync(till_a)
    code, out, _err = hub_command(hub_url, "webhooks", "list", "--event", hub.event_id, capsys=capsys)
    subscription_id = out.split("\t")[0]
    code, out, err = hub_command(hub_url, "webhooks", "unsubscribe", subscription_id, capsys=capsys)
    assert code == 0, err
    assert "1 waiting delivery(ies) will not be sent" in out
    [entry] = delivery_log(hub_url, capsys)
    assert (entry["state"], entry["last_error"]) == ("failed", "unsubscribed")


def test_retries_back_off_doubling_to_an_hour_for_at_least_a_day() -> None:
    policy = RetryPolicy()
    made = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)
    delays: list[timedelta] = []
    at = made
    attempts = 0
    while True:
        claimed = Claimed("d", "e", "sale.completed", "{}", made.isoformat(), attempts, "http://x", "s", "c")
        retry = policy.retry_at(claimed, Attempt(at, 500, "the receiver answered 500", 3))
        if retry is None:
            break
        delays.append(retry - at)
        at, attempts = retry, attempts + 1
    assert delays[:4] == [timedelta(seconds=30), timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240)]
    assert max(delays) == timedelta(hours=1)
    assert at - made >= timedelta(hours=24), "given up only after a day of trying"
    assert at - made < timedelta(hours=25)
