"""Can this till apply a change of the hub's feed? If not, say why, in words a manager can pass on.

Checked before anything is written, against the feed's contracts in
sync/records, so that a malformed entry is set aside whole instead of failing
halfway through the page.
"""

from __future__ import annotations

from sync.protocol import Change
from sync.records import ContractError, parse_change


def check_change(change: Change) -> str | None:
    """Why ``change`` cannot be applied, or None when it can."""
    try:
        parse_change(change.kind, change.key, change.data)
    except ContractError as broken:
        return str(broken)
    return None
