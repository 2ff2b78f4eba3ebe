"""``popup-hub operator add|list|remove``: the people who sign in to the event page (/page/).

The password is read from the terminal twice, or once from stdin with
``--password-stdin`` (for scripts); the hub keeps only its slow hash
(sync/hub/store/operators.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sync.hub.store import HubError, HubStore, operators


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser("operator", help="who signs in to the event page (/page/)").add_subparsers(
        dest="action", required=True
    )
    add = actions.add_parser("add", help="an operator with a password (asked twice)")
    add.add_argument("name", help="the name typed at sign-in, e.g. anna or anna@market.example")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    add.set_defaults(run=run_add)
    actions.add_parser("list", help="the operators, and whether one is locked out").set_defaults(run=run_list)
    remove = actions.add_parser("remove", help="the operator and its open sessions")
    remove.add_argument("name")
    remove.set_defaults(run=run_remove)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise HubError("The two passwords differ: run the command again.")
    return password


def run_add(store: HubStore, args: argparse.Namespace) -> None:
    password = read_password(args.password_stdin)
    with store.engine.begin() as connection:
        operators.add_operator(connection, args.name, password)
    print(f"Operator {args.name} added: sign in at /page/sign-in on this hub.")


def run_list(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        listed = operators.list_operators(connection)
    if not listed:
        print("No operator yet: add one with 'popup-hub operator add NAME'.")
    for operator in listed:
        state = f"locked until {operator.locked_until}" if operator.locked_until else "active"
        print(f"{operator.name}\t{state}\tcreated {operator.created_at}")


def run_remove(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        operators.remove_operator(connection, args.name)
    print(f"Operator {args.name} removed: its browsers are signed out.")
