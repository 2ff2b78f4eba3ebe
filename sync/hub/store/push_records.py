"""What each type of pushed record does on the hub: one apply function a type, in the ``APPLY`` table.

An apply function either moves stock (then the record's answer waits for the batch's levels,
push_effects.py) or answers at once; what it gives the feed, a handoff's lines and a return's
payload are written with the batch's (push.py, docs/push_throughput.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from sync.custom_lines import is_custom_sku
from sync.hub.store.conflict_log import Answer
from sync.hub.store.demand import apply_demand
from sync.hub.store.drop_changes import apply_drop_returned, apply_drop_set
from sync.hub.store.drops import apply_drop_sold
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.event_close import declare_close
from sync.hub.store.event_settings import apply_pushed as apply_event_change
from sync.hub.store.feed import Published
from sync.hub.store.group_buy_changes import apply_group_buy_set
from sync.hub.store.group_buys import apply_commitment
from sync.hub.store.handoffs import UNKNOWN_ORDER, handoff_lines
from sync.hub.store.price_rules import apply_pushed as apply_price_rule
from sync.hub.store.relay_feed import unseen_answer
from sync.hub.store.stock_locations import Placed, fold
from sync.hub.store.till_reviews import apply_review
from sync.protocol import AnswerStatus, PushRecord
from sync.records import RecordType

# (sku, quantity) stock movements; a sale's are negative.
Movements = list[tuple[str, int]]


# Not frozen: one is made per record, and a frozen dataclass's __init__ costs nearly three times as much
# (about 0.7 ms a batch of 500, docs/push_throughput.md). Nothing changes one once made.
@dataclass(slots=True)
class Applied:
    """What one record does: move stock (then its answer depends on the levels) or answer at once.

    The rest is for the batch's later steps: a change the other tills pull,
    handoff lines and a return's payload checked against every till's.
    """

    outcome: Movements | Answer
    published: Published | None = None
    handoff: list[dict[str, Any]] | None = None
    returned: dict[str, Any] | None = None
    # A stock.moved record's units per location (stock_locations.py), inserted with the batch's.
    placed: list[Placed] | None = None


def _apply_sale(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    payload = record.payload
    return Applied(
        # A custom amount (sync/custom_lines.py) is no stocked product: it moves no level.
        [(line["sku"], -line["quantity"]) for line in payload["lines"] if not is_custom_sku(line["sku"])],
        # Other tills of the event pull sales and returns, so any till can take a return.
        published=("sale", payload["sale_id"], payload),
    )


def _apply_return(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    payload = record.payload
    # Only restocked items are sellable again; held and written-off ones are counted apart.
    restocked = [
        line for line in payload["lines"] if line["disposition"] == "restock" and not is_custom_sku(line["sku"])
    ]
    return Applied(
        [(line["sku"], int(line["quantity"])) for line in restocked],
        published=("return", payload["return_id"], payload),
        returned=payload,
    )


def _apply_stock_move(_connection: Connection, _till: AuthenticatedTill, record: PushRecord) -> Applied:
    # Only what crosses into or out of the sellable places moves the level (stock_locations.py).
    sellable, placed = fold(record.payload)
    # Other tills pull it, keyed by the record's id, to reconcile each maker's consignment (docs/consignment.md).
    return Applied(sellable, placed=placed, published=("stock_move", record.event_id, record.payload))


def _apply_handoff(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Applied:
    resolved = handoff_lines(connection, till, record.payload)
    if resolved == UNKNOWN_ORDER:
        # A venue hub may not have pulled the order yet: the upstream, which has every order, judges it.
        return Applied(unseen_answer(connection) or (AnswerStatus.REJECTED, resolved))
    if isinstance(resolved, str):
        return Applied((AnswerStatus.REJECTED, resolved))
    return Applied([(line["sku"], -int(line["quantity"])) for line in resolved], handoff=resolved)


def _keep_for_the_books(_connection: Connection, _till: AuthenticatedTill, _record: PushRecord) -> Applied:
    # Kept in the inbox for the marketplace's books; nothing on the hub derives from them yet.
    return Applied((AnswerStatus.APPLIED, None))


def _apply_till_closed(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Applied:
    return Applied(declare_close(connection, till, record))


def _into_the_voucher_ledger(_connection: Connection, _till: AuthenticatedTill, _record: PushRecord) -> Applied:
    # Issues and the sales' voucher tenders are folded together once the batch's answers are known (vouchers.py).
    return Applied((AnswerStatus.APPLIED, None))


# A new record type is its contract in sync/records, one apply function and its entry here.
# Every record reaching these functions has passed its contract (admission.py).
APPLY: dict[str, Callable[[Connection, AuthenticatedTill, PushRecord], Applied]] = {
    RecordType.SALE_COMPLETED: _apply_sale,
    RecordType.RETURN_RECORDED: _apply_return,
    RecordType.STOCK_MOVED: _apply_stock_move,
    RecordType.PICKUP_HANDED_OFF: _apply_handoff,
    RecordType.VOUCHER_ISSUED: _into_the_voucher_ledger,
    RecordType.CASH_SESSION: _keep_for_the_books,
    # The latest change per subject is kept and fed to every till (event_settings.py).
    RecordType.EVENT_SETTING_CHANGED: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.STAFF_CHANGED: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.COMMISSION_SET: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.MAKER_TERMS_SET: lambda c, t, r: Applied(apply_event_change(c, t, r)),
    RecordType.TILL_CLOSED: _apply_till_closed,
    RecordType.CONFLICT_REVIEWED: lambda c, t, r: Applied(apply_review(c, t, r)),
    # Counted per drop, flagged once when the counter's allocation or a customer's cap is passed (drops.py).
    RecordType.DROP_SOLD: lambda c, t, r: Applied(apply_drop_sold(c, t, r)),
    # A manager's drop from a till: the latest definition kept, the counts untouched (drop_changes.py).
    RecordType.DROP_SET: lambda c, t, r: Applied(apply_drop_set(c, t, r)),
    # Restocked drop units go back to the counter's allocation, counted once per return (drop_changes.py).
    RecordType.DROP_RETURNED: lambda c, t, r: Applied(apply_drop_returned(c, t, r)),
    # Counted in its window and fed as progress, or flagged when late (group_buys.py).
    RecordType.GROUP_BUY_COMMITTED: lambda c, t, r: Applied(apply_commitment(c, t, r)),
    # A manager's group buy from a till: the latest change kept, a cancellation refunds (group_buy_changes.py).
    RecordType.GROUP_BUY_CHANGED: lambda c, t, r: Applied(apply_group_buy_set(c, t, r)),
    # The latest change per rule is kept, logged and fed to every till (price_rules.py).
    RecordType.PRICE_RULE_CHANGED: lambda c, t, r: Applied(apply_price_rule(c, t, r)),
    # Kept per product for the demand list, the webhook and the event report (demand.py).
    RecordType.DEMAND_RECORDED: lambda c, t, r: Applied(apply_demand(c, t, r)),
}
