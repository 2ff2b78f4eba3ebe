"""``popup-hub operator add|list|set|grant|revoke|remove``: the people who sign in to the event page (/page/).

The password is read from the terminal twice, or once from stdin with
``--password-stdin`` (for scripts); the hub keeps only its slow hash
(sync/hub/store/operators.py). Each operator has a role (a viewer sees the
figures, a manager also reviews conflicts) and sees every event or only those
named with ``--event`` (sync/hub/store/operator_access.py).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from sync.hub.store import HubError, HubStore, operator_access, operators


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser("operator", help="who signs in to the event page (/page/)").add_subparsers(
        dest="action", required=True
    )
    add = actions.add_parser("add", help="an operator with a password (asked twice), a role and its events")
    add.add_argument("name", help="the name typed at sign-in, e.g. anna or anna@market.example")
    add.add_argument("--password-stdin", action="store_true", help="read the password from the first line of stdin")
    add_role_option(add, default=operators.VIEWER)
    add_event_option(add, "an event the operator may see (repeat for more); none: every event, later ones too")
    add.set_defaults(run=run_add)
    actions.add_parser("list", help="the operators, their role and events, and whether one is locked out").set_defaults(
        run=run_list
    )
    change = actions.add_parser("set", help="change an operator's role, or the events it sees (all those named)")
    change.add_argument("name")
    add_role_option(change, default=None)
    chosen = change.add_mutually_exclusive_group()
    add_event_option(chosen, "the events the operator sees from now on (repeat for more)")
    chosen.add_argument("--all-events", action="store_true", help="the operator sees every event, later ones too")
    change.set_defaults(run=run_set)
    for action, run, told in (("grant", run_grant, "sees these events too"), ("revoke", run_revoke, "no longer sees")):
        parser = actions.add_parser(action, help=f"the operator {told}")
        parser.add_argument("name")
        parser.add_argument("--event", action="append", required=True, metavar="EVENT_ID", help="repeat for more")
        parser.set_defaults(run=run)
    remove = actions.add_parser("remove", help="the operator and its open sessions")
    remove.add_argument("name")
    remove.set_defaults(run=run_remove)


def add_role_option(parser: argparse.ArgumentParser, default: str | None) -> None:
    shown = f" (default: {default})" if default else ""
    parser.add_argument(
        "--role", choices=operators.ROLES, default=default, help=f"a viewer sees, a manager also reviews{shown}"
    )


def add_event_option(parser: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup, told: str) -> None:
    parser.add_argument("--event", action="append", dest="events", metavar="EVENT_ID", help=told)


def read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Password again: ") != password:
        raise HubError("The two passwords differ: run the command again.")
    return password


def described(role: str, events: tuple[str, ...] | list[str] | None) -> str:
    if events is None:
        return f"{role} of every event"
    return f"{role} of {', '.join(events)}" if events else f"{role} of no event"


def run_add(store: HubStore, args: argparse.Namespace) -> None:
    password = read_password(args.password_stdin)
    with store.engine.begin() as connection:
        operators.add_operator(connection, args.name, password, args.role, args.events)
    print(f"Operator {args.name} added as {described(args.role, args.events)}: sign in at /page/sign-in on this hub.")


def run_list(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        listed = operators.list_operators(connection)
    if not listed:
        print("No operator yet: add one with 'popup-hub operator add NAME'.")
    for operator in listed:
        state = f"locked until {operator.locked_until}" if operator.locked_until else "active"
        events = "all events" if operator.events is None else ",".join(operator.events) or "no event"
        print(f"{operator.name}\t{operator.role}\t{events}\t{state}\tcreated {operator.created_at}")


def run_set(store: HubStore, args: argparse.Namespace) -> None:
    if args.role is None and args.events is None and not args.all_events:
        raise HubError("Say what changes: --role manager|viewer, --event EVENT_ID (repeat for more) or --all-events.")
    with store.engine.begin() as connection:
        if args.role is not None:
            operator_access.set_role(connection, args.name, args.role)
        if args.events is not None or args.all_events:
            operator_access.set_events(connection, args.name, None if args.all_events else args.events)
    print(f"Operator {args.name} changed: 'popup-hub operator list' shows it. Its open pages follow at once.")


def run_grant(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        operator_access.grant_events(connection, args.name, args.event)
    print(f"Operator {args.name} now also sees {', '.join(args.event)}.")


def run_revoke(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        operator_access.revoke_events(connection, args.name, args.event)
    print(f"Operator {args.name} no longer sees {', '.join(args.event)}: its open pages of them answer 404 at once.")


def run_remove(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        operators.remove_operator(connection, args.name)
    print(f"Operator {args.name} removed: its browsers are signed out.")
