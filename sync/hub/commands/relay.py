"""``popup-hub relay``: a relay code on the marketplace's hub, and a venue hub enrolled with it (docs/relay.md)."""

from __future__ import annotations

import argparse

import httpx

from sync.client import HubUnreachable
from sync.hub.relay import UpstreamRefused, enroll_upstream
from sync.hub.store import HubError, HubStore
from sync.hub.store.relay_link import link, waiting
from sync.hub.store.relay_upstream import create_relay_code


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser(
        "relay", help="venue hubs that relay to this one, or this hub relaying"
    ).add_subparsers(dest="action", required=True)
    code = actions.add_parser("code", help="on the upstream hub: a one-time code that enrolls a venue hub")
    code.add_argument("--event", required=True, help="the event id")
    code.add_argument("name", help="the venue hub's name, e.g. VENUE (a till code of the event)")
    code.set_defaults(run=run_code)
    enroll = actions.add_parser("enroll", help="on the venue hub: enroll it upstream with a relay code")
    enroll.add_argument("--upstream", required=True, help="the upstream hub's address, http:// or https://")
    enroll.add_argument("code", help="the code popup-hub relay code printed upstream")
    enroll.set_defaults(run=run_enroll)
    status = actions.add_parser("status", help="on the venue hub: its upstream, and the records waiting for it")
    status.set_defaults(run=run_status)


def run_code(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        print(create_relay_code(connection, args.event, args.name))


def run_enroll(store: HubStore, args: argparse.Namespace) -> None:
    try:
        enrolled = enroll_upstream(store.engine, args.upstream, args.code)
    except HubUnreachable:
        raise HubError(
            f"The upstream hub {args.upstream} could not be reached: check the network and the address, then run "
            "this again with the same code (an answer lost on the way does not spend it)."
        ) from None
    except httpx.HTTPError as error:
        raise HubError(f"The upstream hub {args.upstream} cannot be reached ({error}): try again.") from None
    except (UpstreamRefused, ValueError) as error:
        raise HubError(str(error)) from None
    print(
        f"Relaying event {enrolled.event.event_id} ({enrolled.event.name}) to {args.upstream} as {enrolled.till_code}."
    )


def run_status(store: HubStore, _args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        current = link(connection)
        if current is None:
            raise HubError("This hub relays to no upstream hub (popup-hub relay enroll).")
        print(f"upstream: {current.upstream_url}")
        print(f"event: {current.event_id}")
        print(f"records waiting: {waiting(connection)}")
        print(f"feed cursor: {current.feed_cursor or '(start)'}")
