"""Group-buy commitments in the event report, one definition for the hub and the tills (docs/group_buys.md).

A commitment is paid by a sale of a custom-amount line, so its money is
already in the report's sales, tenders and tax. This section is a second view
of those same sales, per group buy: what was committed, what the window came
to, what is to be refunded and what was, and how many pickup orders were made.
It is never added to a total.

Plain Python over plain rows: the hub reads them from its tables
(sync/hub/store/group_buy_report.py), a till from what it was fed and its own
commitments (app/store/group_buy_figures.py); once everything is synced the
two agree.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

PICKUP, REFUND_DUE = "pickup", "refund_due"


@dataclass(frozen=True, slots=True)
class GroupBuyHead:
    group_buy_id: str
    name: str
    sku: str
    minimum: int
    deadline: str
    # open, reached, missed or cancelled
    state: str


@dataclass(frozen=True, slots=True)
class CommitmentRow:
    group_buy_id: str
    sale_id: str
    quantity: int
    amount: int
    # counted, pickup or refund_due
    state: str
    late: bool


@dataclass(frozen=True, slots=True)
class GroupBuyFigures:
    """One group buy's line of the report; amounts in minor units."""

    name: str
    sku: str
    minimum: int
    deadline: str
    outcome: str
    # Counted in the window (not late): how many commitments, units and their amount.
    commitments: int
    units: int
    amount: int
    # Taken after the deadline or arrived after the close: never counted, always refunded.
    late: int
    late_amount: int
    refunds_due: int
    refunds_due_amount: int
    # Of those due, the ones whose sale a return took back (at any till's desk).
    refunds_done: int
    refunds_done_amount: int
    orders: int


def group_buy_figures(
    heads: Iterable[GroupBuyHead], commitments: Iterable[CommitmentRow], refunded_sales: Collection[str]
) -> tuple[GroupBuyFigures, ...]:
    """Per group buy, by deadline then name; ``refunded_sales`` are the sale ids a return took back."""
    by_group: dict[str, list[CommitmentRow]] = {}
    for row in commitments:
        by_group.setdefault(row.group_buy_id, []).append(row)
    figures = []
    for head in heads:
        rows = by_group.get(head.group_buy_id, [])
        counted = [row for row in rows if not row.late]
        late = [row for row in rows if row.late]
        due = [row for row in rows if row.state == REFUND_DUE]
        done = [row for row in due if row.sale_id in refunded_sales]
        figures.append(
            GroupBuyFigures(
                name=head.name,
                sku=head.sku,
                minimum=head.minimum,
                deadline=head.deadline,
                outcome=head.state,
                commitments=len(counted),
                units=sum(row.quantity for row in counted),
                amount=sum(row.amount for row in counted),
                late=len(late),
                late_amount=sum(row.amount for row in late),
                refunds_due=len(due),
                refunds_due_amount=sum(row.amount for row in due),
                refunds_done=len(done),
                refunds_done_amount=sum(row.amount for row in done),
                orders=sum(1 for row in rows if row.state == PICKUP),
            )
        )
    figures.sort(key=lambda item: (item.deadline, item.name))
    return tuple(figures)
