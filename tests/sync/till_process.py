"""One till process: opens a till's data folder, does the actions it is given, answers each on stdout, and exits.

Driven by test_three_till_processes.py. The actions are a JSON list on the command
line, each an object whose ``do`` names it; every action goes through the app's
services, as the screens call them. The answer to each action is one JSON line,
in order; a rule the till enforces (a PosError) is an answer too, ``{"refused":
KIND, "message": TEXT}``, so the test can assert a refusal; anything else is a
crash (exit code not 0, traceback on stderr).

The staff are the ones tests/sync/conftest.py ``enrolled_till`` puts on a till:
Alex (manager, PIN 1234) and Sam (cashier).
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.bootstrap import Till, open_till
from app.domain.errors import PosError
from app.domain.stock_left import stock_state
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.authorization import ManagerApproval
from app.services.availability import oversell_policy, stock_left
from app.services.cash import close_session
from app.services.event_close import close_checklist, close_event, review_conflict
from app.services.event_export import export_report_csv, export_settlements_csv
from app.services.event_report import event_wide_figures
from app.services.selling import CompleteSale, complete_sale
from app.services.settlements import maker_settlements
from app.services.staff import list_staff
from app.services.stock_count import count_item, post_count, start_count
from app.services.syncing import sync_once
from app.services.vouchers import issue_voucher, voucher_balance
from app.ui.stock_badges import stock_badge
from sync.client import HubClient

MANAGER, MANAGER_PIN, CASHIER = "Alex", "1234", "Sam"
Action = dict[str, Any]
Answer = Any


def as_json(value: object) -> Any:
    """A report's dataclasses as plain JSON values (tuples as lists, rates as text), the same on till and hub."""
    plain = dataclasses.asdict(value) if dataclasses.is_dataclass(value) and not isinstance(value, type) else value
    if isinstance(plain, list):
        plain = [as_json(item) for item in plain]
    return json.loads(json.dumps(plain, default=str))


def refusal(error: PosError) -> Answer:
    return {"refused": type(error).__name__, "message": str(error)}


class TillProcess:
    def __init__(self, till: Till) -> None:
        self.till = till
        staff = {member.name: member.staff_id for member in list_staff(till.uow())}
        self.manager, self.cashier = staff[MANAGER], staff[CASHIER]

    def sync(self, action: Action) -> Answer:
        """Through the hub the till enrolled with, or ``url`` (an unreachable one: the till is offline)."""
        url = action.get("url")
        if url is None:
            report = sync_once(self.till.uow, self.till.data_dir / "sync.lock")
        else:
            report = sync_once(
                self.till.uow, self.till.data_dir / "sync.lock", lambda _url, token: HubClient(url, token, attempts=1)
            )
        return {"sent": report.pushed.sent, "conflicts": report.pushed.conflicts, "pulled": report.pulled}

    def issue_voucher(self, action: Action) -> Answer:
        return issue_voucher(action["amount"], action["reason"], self.manager, self.till.uow()).code

    def voucher(self, action: Action) -> Answer:
        return voucher_balance(action["code"], self.till.uow()).remaining

    def sell(self, action: Action) -> Answer:
        """Scan ``skus`` into the current cart, saying what the counter warned, then pay it (see ``pay``)."""
        cart_id = carts.current_cart(self.cashier, self.till.uow()).cart.cart_id
        warnings = []
        for sku in action["skus"]:
            state = carts.scan(cart_id, sku, self.cashier, self.till.uow())
            if state.stock_warning:
                warnings.append(state.stock_warning)
        return {"warnings": warnings, "sale": self.pay(action)}

    def pay(self, action: Action) -> Answer:
        """The current cart paid by ``voucher`` [code, amount] if given, the rest by ``pay`` (cash or card),
        with the manager's PIN typed if ``approved``. A refused payment leaves the cart open, as on the screen."""
        state = carts.current_cart(self.cashier, self.till.uow())
        rest = state.priced.total
        tenders = []
        if "voucher" in action:
            code, amount = action["voucher"]
            tenders.append(Tender(TenderKind.VOUCHER, amount, code))
            rest -= amount
        if rest > 0:
            cash = action.get("pay", "card") == "cash"
            tenders.append(Tender(TenderKind.CASH, rest) if cash else Tender(TenderKind.CARD, rest, "TRM-1"))
        approval = ManagerApproval(MANAGER, MANAGER_PIN) if action.get("approved") else None
        command = CompleteSale(state.cart.cart_id, self.cashier, tuple(tenders), approval)
        try:
            sale = complete_sale(command, self.till.uow())
        except PosError as refused:
            return refusal(refused)
        return {"receipt_no": sale.receipt_no, "sale_id": sale.sale_id, "total": sale.total}

    def stock(self, action: Action) -> Answer:
        """What is left of each SKU event-wide, how the counter words it, and the event's oversell policy."""
        left = stock_left(action["skus"], self.till.uow())
        found = {
            sku: {"left": left.get(sku), "state": stock_state(left.get(sku)), "badge": stock_badge(left.get(sku))}
            for sku in action["skus"]
        }
        return {"left": found, "oversell_policy": oversell_policy(self.till.uow()).value}

    def figures(self, _action: Action) -> Answer:
        figures, _currency = event_wide_figures(self.till.uow())
        return {"event": as_json(figures), "settlements": as_json(maker_settlements(self.till.uow()))}

    def export(self, action: Action) -> Answer:
        export_report_csv(Path(action["event_csv"]), self.till.uow())
        export_settlements_csv(Path(action["settlements_csv"]), self.till.uow())
        return "exported"

    def review_conflicts(self, action: Action) -> Answer:
        waiting = [conflict for conflict in close_checklist(self.till.uow()).conflicts if not conflict.reviewed]
        for conflict in waiting:
            review_conflict(conflict.record_id, action["note"], self.manager, self.till.uow())
        return [conflict.reason for conflict in waiting]

    def close_cash(self, action: Action) -> Answer:
        counts = {int(value): number for value, number in action["counts"].items()}
        report = close_session(counts, self.manager, self.till.uow())
        return {"z": report.number, "expected": report.expected, "counted": report.counted}

    def close_till(self, action: Action) -> Answer:
        """The till's end of the event: a stock count posted, then the event closed on the till."""
        count_id = start_count(self.manager, self.till.uow())
        for sku, quantity in action["count"].items():
            count_item(count_id, sku, self.manager, self.till.uow(), quantity=quantity)
        post_count(count_id, self.manager, self.till.uow())
        return close_event(self.manager, self.till.uow(), accept_unsynced=True)

    def close_view(self, _action: Action) -> Answer:
        view = close_checklist(self.till.uow()).event
        return {"tills": [line.text() for line in view.tills], "frozen": view.frozen}

    def run(self, action: Action) -> Answer:
        handler: Callable[[Action], Answer] = getattr(self, action["do"])
        try:
            return handler(action)
        except PosError as refused:
            return refusal(refused)


def main(argv: list[str]) -> None:
    data_dir, actions = Path(argv[0]), json.loads(argv[1])
    till = open_till(data_dir)
    try:
        process = TillProcess(till)
        for action in actions:
            print(json.dumps(process.run(action)), flush=True)
    finally:
        till.close()


if __name__ == "__main__":
    main(sys.argv[1:])
