"""``popup-hub voucher issue|list|show``: vouchers the marketplace issues, and every voucher's ledger over the tills
(sync/hub/store/vouchers.py)."""

from __future__ import annotations

import argparse

from sync.hub.store import HubError, HubStore
from sync.hub.store.schema import now
from sync.hub.store.voucher_ledger import money
from sync.hub.store.vouchers import VoucherState, find_voucher, issue_voucher, list_vouchers
from sync.voucher_codes import read_voucher_code


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    actions = commands.add_parser("voucher", help="vouchers of an event and their ledgers").add_subparsers(
        dest="action", required=True
    )
    issue = actions.add_parser("issue", help="issue a voucher from the marketplace; prints its code")
    issue.add_argument("--event", required=True, help="the event id")
    issue.add_argument("--amount", required=True, help="in major units of the event's currency, e.g. 20.00")
    issue.add_argument("--note", default="", help="why it is issued, e.g. 'sold online, order 1042'")
    issue.set_defaults(run=run_issue)
    listing = actions.add_parser("list", help="the event's vouchers: issued, spent, left, over-spent")
    listing.add_argument("--event", required=True, help="the event id")
    listing.set_defaults(run=run_list)
    show = actions.add_parser("show", help="a voucher's ledger: every sale that spent from it, on which till")
    show.add_argument("code")
    show.set_defaults(run=run_show)


def run_issue(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.begin() as connection:
        issued = issue_voucher(connection, args.event, args.amount, args.note, now())
    print(issued.code)


def run_list(store: HubStore, args: argparse.Namespace) -> None:
    with store.engine.connect() as connection:
        states = list_vouchers(connection, args.event)
    if not states:
        print("No voucher at this event yet: tills issue them, or 'popup-hub voucher issue'.")
        return
    print("\n".join(vouchers_table(states)))


def vouchers_table(states: list[VoucherState]) -> list[str]:
    header = ["code", "issued", "spent", "left", "issued by", "state"]
    rows = [
        [
            state.code,
            money(state.issued, state.currency) if state.issued is not None else "-",
            _amount(state.spent, state),
            _amount(state.left, state) if state.issued is not None else "-",
            state.issued_by or "-",
            _state(state),
        ]
        for state in states
    ]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    return [
        "  ".join(
            cell.ljust(width) if column in (0, 4, 5) else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, *rows]
    ]


def _amount(amount: int, state: VoucherState) -> str:
    # A code spent but never issued has no currency of its own: its amounts are shown in minor units.
    return money(amount, state.currency) if state.currency else str(amount)


def _state(state: VoucherState) -> str:
    # What needs looking into stands out in capitals.
    return state.standing.upper() if state.issued is None or state.overspent else state.standing


def run_show(store: HubStore, args: argparse.Namespace) -> None:
    code = read_voucher_code(args.code)
    if code is None:
        raise HubError(f"'{args.code}' is not a voucher code: it looks like V-XXXXXXXXXXX. Check each character.")
    with store.engine.connect() as connection:
        states = find_voucher(connection, code)
    if not states:
        raise HubError(f"No voucher {code} on this hub: check the code, or push the till that issued it.")
    for state in states:
        print("\n".join(ledger_lines(state)))


def ledger_lines(state: VoucherState) -> list[str]:
    if state.issued is None:
        head = [f"{state.code}  event {state.event_id}  NOT ISSUED: spent at tills, no issue has arrived"]
    else:
        note = f"  ({state.note})" if state.note else ""
        head = [
            f"{state.code}  event {state.event_id}  {_state(state)}",
            f"issued {money(state.issued, state.currency)} by {state.issued_by} at {state.issued_at}{note}",
        ]
    lines = [
        f"{redemption.at}  till {redemption.till_code}  sale {redemption.sale_id}  {_amount(redemption.amount, state)}"
        for redemption in state.redemptions
    ]
    total = f"spent {_amount(state.spent, state)}" + (
        f", left {_amount(state.left, state)}" if state.issued is not None else ""
    )
    return [*head, *lines, total]
