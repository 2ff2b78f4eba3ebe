"""``popup-hub webhooks``: subscribe a marketplace's URL to the hub's events, read the delivery log, replay a
delivery, and run a sender apart from ``popup-hub serve`` (docs/webhooks.md)."""

from __future__ import annotations

import argparse
import json
import os
import signal

from sync.hub.settings import HubSettings
from sync.hub.store import HubStore
from sync.hub.store.webhook_deliveries import LOG_STATES, deliveries, delivery
from sync.hub.store.webhook_outbox import (
    EVENT_TYPES,
    subscribe,
    subscriptions,
    unsubscribe,
)
from sync.hub.webhooks import replay, sender_for


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser("webhooks", help="signed webhooks to the marketplace").add_subparsers(
        dest="action", required=True
    )
    create = actions.add_parser("subscribe", help="send an event's webhooks of some types to a URL")
    create.add_argument("--event", required=True, help="the event id")
    create.add_argument("url", help="the receiver, http:// or https://")
    create.add_argument(
        "--type", dest="types", action="append", required=True, choices=EVENT_TYPES, help="a type to send, repeat"
    )
    create.set_defaults(run=run_subscribe)
    listing = actions.add_parser("list", help="the subscriptions (their secrets are never shown again)")
    listing.add_argument("--event", help="only this event's")
    listing.set_defaults(run=run_list)
    remove = actions.add_parser("unsubscribe", help="stop sending to a subscription; its waiting deliveries end")
    remove.add_argument("subscription_id")
    remove.set_defaults(run=run_unsubscribe)
    log = actions.add_parser("log", help="deliveries, newest first, with every attempt (JSON, one per line)")
    log.add_argument("--event", help="only this event's")
    log.add_argument("--limit", type=int, default=50, help="how many deliveries (default 50)")
    log.add_argument("--subscription", metavar="SUBSCRIPTION_ID", help="only this subscription's")
    log.add_argument(
        "--state", choices=LOG_STATES, help="only these: failing is still retried after a failure, failed gave up"
    )
    log.add_argument("--after", metavar="DELIVERY_ID", help="the deliveries older than this one (the next page)")
    log.set_defaults(run=run_log)
    again = actions.add_parser("replay", help="send a delivery again now, with the same Webhook-Id")
    again.add_argument("delivery_id")
    again.set_defaults(run=run_replay)
    send = actions.add_parser(
        "send", help="send due deliveries until stopped (popup-hub serve already runs a sender of its own)"
    )
    send.add_argument(
        "--first-retry-seconds",
        dest="webhook_first_retry_seconds",
        help="delay before the first retry; it doubles up to an hour",
    )
    send.add_argument(
        "--lock-seconds", dest="webhook_lock_seconds", help="how long a sender holds a delivery; keep it above 10"
    )
    send.set_defaults(run=run_send)


def run_subscribe(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        subscription_id, secret = subscribe(connection, args.event, args.url, args.types)
    print(f"Subscription {subscription_id}")
    print(f"Signing secret {secret}")
    print("Keep the secret with the receiver now: it verifies each delivery and is not shown again.")


def run_list(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        found = subscriptions(connection, args.event)
    if not found:
        print("No webhook subscription yet: add one with 'popup-hub webhooks subscribe'.")
    for each in found:
        print(f"{each['id']}\t{each['event_id']}\t{each['url']}\t{','.join(each['types'])}")


def run_unsubscribe(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        dropped = unsubscribe(connection, args.subscription_id)
    print(f"Subscription {args.subscription_id} removed; {dropped} waiting delivery(ies) will not be sent.")


def run_log(store: HubStore, args: argparse.Namespace) -> None:
    if args.limit < 1:
        raise ValueError(f"--limit {args.limit}: give a number of deliveries of 1 or more")
    with store.engine.connect() as connection:
        found = deliveries(
            connection, args.event, args.limit, after=args.after, subscription_id=args.subscription, state=args.state
        )
    for each in found:
        print(json.dumps({**each, "payload": json.loads(each["payload"])}))


def run_replay(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        claimed = delivery(connection, args.delivery_id)
    attempt = replay(store.engine, claimed)
    if attempt.delivered:
        print(f"Delivery {claimed.delivery_id} sent again to {claimed.url}: {attempt.status_code}.")
    else:
        raise ValueError(f"Delivery {claimed.delivery_id} could not be sent to {claimed.url}: {attempt.error}.")


def run_send(store: HubStore, args: argparse.Namespace) -> None:
    sender = sender_for(store.engine, HubSettings.from_sources(vars(args), os.environ))
    signal.signal(signal.SIGTERM, lambda _signal, _frame: sender.stop())
    print(f"Sending webhooks as {sender.name}; stop with Ctrl-C.", flush=True)
    try:
        sender.run()
    except KeyboardInterrupt:
        sender.stop()
