"""``popup-pos cash``: open, move, close and look at the till's cash session, as the manager screen does."""

from __future__ import annotations

import argparse
from decimal import Decimal

from app.bootstrap import Till
from app.cli.terminal import print_document, read_pin, signed_in
from app.domain.cash import MovementDirection
from app.domain.errors import ApprovalRequired, InvalidInput, RuleViolation
from app.domain.money import currency_exponent, parse_minor
from app.services.authorization import ManagerApproval
from app.services.cash import (
    cash_report_document,
    close_session,
    current_session,
    drawer_denominations,
    move_cash,
    open_session,
    x_report,
)
from app.services.setup import till_status
from app.services.staff import check_approval_pin

_OPEN_ONE = "open one with 'popup-pos cash open --staff NAME --count VALUE=PIECES ...' (the float counted)."


def _major(minor: int, currency: str) -> str:
    """A coin or note as printed on it: 0.05, 0.50, 20 (not 20.00)."""
    unit = 10 ** currency_exponent(currency)
    return str(minor // unit) if minor % unit == 0 else f"{Decimal(minor).scaleb(-currency_exponent(currency)):f}"


def _require_session(till: Till) -> None:
    # The services refuse too; this says it in the command line's words before any PIN is asked.
    if current_session(till.uow()) is None:
        raise RuleViolation(f"No cash session is open on this till: {_OPEN_ONE}")


def _counts(pairs: list[str], till: Till) -> dict[int, int]:
    """``--count 20=3 --count 0.50=10``: pieces per coin or note, the value in major units as printed on it."""
    currency = till_status(till.uow()).event.currency
    allowed = drawer_denominations(till.uow())
    valid = ", ".join(_major(value, currency) for value in allowed)
    counts: dict[int, int] = {}
    for pair in pairs:
        value_text, equals, pieces_text = pair.partition("=")
        if not equals or not (pieces_text.strip().isascii() and pieces_text.strip().isdigit()):
            raise InvalidInput(f"'{pair}' is not a count: write VALUE=PIECES, e.g. --count 20=3 for three notes of 20.")
        try:
            value = parse_minor(value_text.strip(), currency)
        except InvalidInput:
            value = -1
        if value not in allowed:
            raise InvalidInput(
                f"'{value_text.strip()}' is not a {currency} coin or note of this drawer: count by one of {valid}."
            )
        if value in counts:
            raise InvalidInput(f"{value_text.strip()} is counted twice: give each coin or note once.")
        counts[value] = int(pieces_text)
    return counts


def _amount(text: str, till: Till) -> int:
    return parse_minor(text.strip(), till_status(till.uow()).event.currency)


def cmd_open(args: argparse.Namespace, till: Till) -> int:
    counts = _counts(args.count, till)
    staff_id = signed_in(args.staff, till)
    session = open_session(counts, staff_id, till.uow())
    event = till_status(till.uow()).event
    print(
        f"Cash session {session.number} open with a float of {event.format(session.float_amount)}: the till can sell."
    )
    return 0


def _move(direction: MovementDirection, args: argparse.Namespace, till: Till, manager: str | None = None) -> int:
    amount = _amount(args.amount, till)
    _require_session(till)
    staff_id = signed_in(args.staff, till)
    try:
        move_cash(direction, amount, args.reason, staff_id, till.uow())
    except ApprovalRequired as needed:
        # As the screen does: the service says when a manager must approve, and only then is their PIN asked.
        if manager is None:
            raise InvalidInput(
                f"{needed.reason} needs a manager's approval: add --manager NAME (their PIN is read after yours)."
            ) from None
        approval = ManagerApproval(manager, read_pin(f"PIN of {manager}: "))
        check_approval_pin(approval, till.uow())
        move_cash(direction, amount, args.reason, staff_id, till.uow(), approval)
    event = till_status(till.uow()).event
    print(f"Cash {direction.value} of {event.format(amount)} recorded ({args.reason.strip()}).")
    return 0


def cmd_in(args: argparse.Namespace, till: Till) -> int:
    return _move(MovementDirection.IN, args, till)


def cmd_out(args: argparse.Namespace, till: Till) -> int:
    return _move(MovementDirection.OUT, args, till, args.manager)


def cmd_close(args: argparse.Namespace, till: Till) -> int:
    if not args.count:
        raise InvalidInput(
            "Count the drawer first: --count VALUE=PIECES for each coin and note in it (--count 20=0 if it is empty)."
        )
    counts = _counts(args.count, till)
    _require_session(till)
    staff_id = signed_in(args.staff, till)
    report = close_session(counts, staff_id, till.uow())
    event = till_status(till.uow()).event
    print_document(cash_report_document(report, event), args.pdf)
    over_short = report.over_short or 0
    result = "over" if over_short > 0 else "short" if over_short < 0 else "exact"
    print(
        f"{report.number}: counted {event.format(report.counted or 0)} for {event.format(report.expected)} "
        f"expected: {event.format(abs(over_short))} {result}."
    )
    return 0


def cmd_status(_args: argparse.Namespace, till: Till) -> int:
    session = current_session(till.uow())
    if session is None:
        print(f"No cash session open: {_OPEN_ONE}")
        return 0
    event = till_status(till.uow()).event
    report = x_report(till.uow())
    print(
        f"Cash session {session.number} open since {event.format_datetime(session.opened_at)} "
        f"by {session.opened_by}, float {event.format(session.float_amount)}."
    )
    for label, amount in report.expected_lines:
        print(f"  {label}: {event.format(amount)}")
    return 0
