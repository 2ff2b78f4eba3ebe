"""The event report's group-buy section on a till: what the hub fed, and this till's commitments not yet fed back.

Every commitment of the event reaches this till as its outcome (the hub's
``group_buy_commitment`` feed entries); this till's own that the hub has not
answered yet count as counted, as the progress line counts them. A refund is
done once a return of the commitment's sale is here, this till's or pulled.
The figures themselves are sync/group_buy_figures.py's, as on the hub.
"""

from __future__ import annotations

from sqlalchemy import Connection, exists, select, union

from app.store.schema import foreign_returns, group_buy_commitments, group_buy_outcomes, group_buys, returns
from sync.group_buy_figures import CommitmentRow, GroupBuyFigures, GroupBuyHead, group_buy_figures


def group_buy_section(connection: Connection) -> tuple[GroupBuyFigures, ...]:
    heads = [
        GroupBuyHead(row.id, row.name, row.sku, int(row.minimum), row.deadline, row.state)
        for row in connection.execute(select(group_buys))
    ]
    if not heads:
        return ()
    fed = [
        CommitmentRow(row.group_buy_id, row.sale_id, int(row.quantity), int(row.amount), row.state, bool(row.late))
        for row in connection.execute(select(group_buy_outcomes))
    ]
    answered = exists().where(group_buy_outcomes.c.commitment_id == group_buy_commitments.c.id)
    unanswered = [
        CommitmentRow(row.group_buy_id, row.sale_id, int(row.quantity), int(row.amount), "counted", False)
        for row in connection.execute(select(group_buy_commitments).where(~answered))
    ]
    sales = {row.sale_id for row in [*fed, *unanswered]}
    refunded = set(
        connection.execute(
            union(
                select(returns.c.sale_id).where(returns.c.sale_id.in_(sales)),
                select(foreign_returns.c.sale_id).where(foreign_returns.c.sale_id.in_(sales)),
            )
        ).scalars()
    )
    return group_buy_figures(heads, [*fed, *unanswered], refunded)
