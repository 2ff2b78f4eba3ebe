"""The event report's group-buy section on the hub, from its group buys and the commitments tills pushed.

What the report shows and why it is never added to the sales is in
sync/group_buy_figures.py. A commitment's refund is done once a return of its
sale was pushed (``returned_lines``, any till's).
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from sync.group_buy_figures import CommitmentRow, GroupBuyFigures, GroupBuyHead, group_buy_figures
from sync.hub.store.schema import group_buy_commitments, group_buys, returned_lines


def group_buy_section(connection: Connection, event_id: str) -> tuple[GroupBuyFigures, ...]:
    heads = [
        GroupBuyHead(row.id, row.name, row.sku, int(row.minimum), row.deadline, row.state)
        for row in connection.execute(select(group_buys).where(group_buys.c.event_id == event_id))
    ]
    if not heads:
        return ()
    commitments = [
        CommitmentRow(row.group_buy_id, row.sale_id, int(row.quantity), int(row.amount), row.state, bool(row.late))
        for row in connection.execute(select(group_buy_commitments).where(group_buy_commitments.c.event_id == event_id))
    ]
    refunded = set(
        connection.execute(
            select(returned_lines.c.sale_id)
            .where(
                returned_lines.c.sale_id.in_(
                    select(group_buy_commitments.c.sale_id).where(group_buy_commitments.c.event_id == event_id)
                )
            )
            .distinct()
        ).scalars()
    )
    return group_buy_figures(heads, commitments, refunded)
