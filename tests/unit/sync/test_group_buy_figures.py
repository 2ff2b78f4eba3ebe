"""The event report's group-buy section as plain figures (sync/group_buy_figures.py)."""

from __future__ import annotations

from sync.group_buy_figures import CommitmentRow, GroupBuyFigures, GroupBuyHead, group_buy_figures


def test_each_group_buy_counts_its_commitments_refunds_and_orders() -> None:
    heads = [
        GroupBuyHead("g2", "Mugs", "BER-003", 10, "2026-12-07T18:00:00+01:00", "missed"),
        GroupBuyHead("g1", "Teapots", "ATE-001", 3, "2026-12-06T18:00:00+01:00", "reached"),
        GroupBuyHead("g3", "Vases", "ATE-009", 5, "2026-12-08T18:00:00+01:00", "open"),
    ]
    rows = [
        CommitmentRow("g1", "s1", 2, 4000, "pickup", False),
        CommitmentRow("g1", "s2", 1, 2000, "pickup", False),
        CommitmentRow("g2", "s3", 1, 1500, "refund_due", False),
        CommitmentRow("g2", "s4", 2, 3000, "refund_due", True),
        CommitmentRow("g9", "s5", 1, 100, "counted", False),  # a group buy not in the heads: left out
    ]
    assert group_buy_figures(heads, rows, {"s3", "s1"}) == (
        GroupBuyFigures(
            "Teapots", "ATE-001", 3, "2026-12-06T18:00:00+01:00", "reached", 2, 3, 6000, 0, 0, 0, 0, 0, 0, 2
        ),
        GroupBuyFigures(
            "Mugs", "BER-003", 10, "2026-12-07T18:00:00+01:00", "missed", 1, 1, 1500, 1, 3000, 2, 4500, 1, 1500, 0
        ),
        GroupBuyFigures("Vases", "ATE-009", 5, "2026-12-08T18:00:00+01:00", "open", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    )
