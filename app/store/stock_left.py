"""The read behind what the counter may still sell: the hub's last levels less this till's unsent movements.

A level pulled from the hub counts every record of this till the hub had
applied when it published it; what the till has not had answered yet is in
``unsent_stock``, which triggers on the outbox keep (migration 0017).
docs/stock_view.md.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection

from app.store.database import driver

_LEFT = (
    "SELECT hub_stock_levels.sku, hub_stock_levels.level + coalesce(unsent_stock.quantity, 0)"
    " FROM hub_stock_levels LEFT JOIN unsent_stock ON unsent_stock.sku = hub_stock_levels.sku"
    " WHERE hub_stock_levels.sku IN (SELECT value FROM json_each(?))"
)


def stock_left(connection: Connection, skus: Iterable[str]) -> dict[str, int]:
    """What is left of each SKU the hub has sent a level for; the others are not in it."""
    wanted = sorted(set(skus))
    if not wanted:
        return {}
    return {str(sku): int(left) for sku, left in driver(connection).execute(_LEFT, (json.dumps(wanted),))}
