"""``popup-hub apikey create|list|revoke|log``: the admin API's keys and the log of its calls.

The key is printed once, at its creation; the hub keeps only its hash
(sync/hub/store/api_keys.py).
"""

from __future__ import annotations

import argparse

from sync.hub.store import HubStore
from sync.hub.store import api_keys as keys


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser("apikey", help="keys of the admin API (/v1/admin/)").add_subparsers(
        dest="action", required=True
    )
    create = actions.add_parser("create", help="make a key with its scopes; prints it once")
    create.add_argument("name", help="who uses it, e.g. shopify-prod (kept in the call log)")
    create.add_argument(
        "--scope", action="append", required=True, choices=sorted(keys.SCOPES), help="a scope it grants, repeat"
    )
    create.set_defaults(run=run_create)
    actions.add_parser("list", help="the keys, their scopes and whether they are revoked").set_defaults(run=run_list)
    revoke = actions.add_parser("revoke", help="refuse the key from now on")
    revoke.add_argument("name")
    revoke.set_defaults(run=run_revoke)
    log = actions.add_parser("log", help="the latest admin calls: when, which key, what, the answer")
    log.add_argument("--limit", type=int, default=50, help="how many calls (default 50)")
    log.add_argument("--key", metavar="NAME", help="only the calls made with this key")
    log.set_defaults(run=run_log)


def run_create(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        key = keys.create_key(connection, args.name, args.scope)
    print(key)
    print(f"Key {args.name} created: this is the only time it is shown, store it now.")


def run_list(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        listed = keys.list_keys(connection)
    if not listed:
        print("No API key yet: make one with 'popup-hub apikey create NAME --scope SCOPE'.")
    for key in listed:
        state = f"revoked {key.revoked_at}" if key.revoked_at else "active"
        print(f"{key.name}\t{state}\tcreated {key.created_at}\t{' '.join(sorted(key.scopes))}")


def run_revoke(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        keys.revoke_key(connection, args.name)
    print(f"Key {args.name} revoked: the admin API refuses it from now on.")


def run_log(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        calls = keys.call_log(connection, max(args.limit, 1), key_name=args.key)
    if not calls:
        print("No admin call yet.")
    # Oldest first, as a terminal reads a log: the latest call is on the last line.
    for call in reversed(calls):
        print(f"{call.at}\t{call.key_name or '(no key)'}\t{call.method} {call.path}\t{call.status}")
