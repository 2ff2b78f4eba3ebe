"""The hub's records: events, tills, the inbox of every record received, stock, conflicts, the change feed.

Modules by concern: schema (the tables), engine (opening and migrating),
enrollment (events, tills, tokens), catalog (products and stock), pickups and
handoffs, returns, push (the inbox and applying records), feed (the changes
tills pull), conflict_log; HubStore (hub_store) runs each operation in its
transaction.
"""

from sync.hub.store.engine import migrate_hub, open_hub_engine
from sync.hub.store.enrollment import AuthenticatedTill
from sync.hub.store.errors import HubError, PayloadMismatchError
from sync.hub.store.feed import publish as _publish
from sync.hub.store.hub_store import HubStore
from sync.hub.store.pickups import PickupCreated
from sync.hub.store.schema import (
    changes,
    conflicts,
    enroll_codes,
    events,
    inbox,
    metadata,
    pickup_handoffs,
    pickup_keys,
    pickup_orders,
    products,
    returned_lines,
    stock_movements,
    tills,
)

__all__ = [
    "AuthenticatedTill",
    "HubError",
    "HubStore",
    "PayloadMismatchError",
    "PickupCreated",
    "_publish",
    "changes",
    "conflicts",
    "enroll_codes",
    "events",
    "inbox",
    "metadata",
    "migrate_hub",
    "open_hub_engine",
    "pickup_handoffs",
    "pickup_keys",
    "pickup_orders",
    "products",
    "returned_lines",
    "stock_movements",
    "tills",
]
