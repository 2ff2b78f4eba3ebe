"""Who may sign in, and with which role and PIN, as the audit trail last recorded it.

The staff table is current state: the one place a person with the file would
write themself in as a manager, or put their own PIN hash on a manager's row.
So every staff change's audit entry carries the member's state after it
(name, role, active, and a fingerprint of the PIN hash, never the hash), and
``audit verify`` compares the table with the last state recorded for each
member. A member no entry ever added is named too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

STAFF_STATE_KEY = "staff"
STAFF_ADDED = "staff.added"
_FIELDS = ("name", "role", "active", "pin")


def staff_state(name: str, role: str, active: bool, pin_hash: str) -> dict[str, object]:
    """A member's state as an audit entry records it (the value under STAFF_STATE_KEY)."""
    return {"name": name, "role": role, "active": active, "pin": pin_fingerprint(pin_hash)}


def pin_fingerprint(pin_hash: str) -> str:
    """Enough of a hash of the (salted, slow) PIN hash to tell it changed; nothing to guess a PIN from."""
    return hashlib.sha256(pin_hash.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class RecordedStaff:
    seq: int
    state: Mapping[str, object]


def staff_problems(
    recorded: Mapping[str, RecordedStaff], added: set[str], stored: Mapping[str, Mapping[str, object]]
) -> list[str]:
    """Each member whose row is not as their last audited change left it, or whom no entry added.

    ``recorded``: the last state recorded per staff id (entries from before states were recorded have
    none: those members are checked for being added only); ``added``: the ids some ``staff.added``
    entry names; ``stored``: the table's rows by id, as ``staff_state`` builds them.
    """
    problems = []
    for staff_id, row in sorted(stored.items(), key=lambda item: str(item[1]["name"])):
        name = row["name"]
        if staff_id not in added:
            problems.append(f"staff {name}: no audit entry added them (written into the store directly?)")
            continue
        last = recorded.get(staff_id)
        if last is None:
            continue
        for field in _FIELDS:
            if row[field] != last.state.get(field):
                if field == "pin":
                    problems.append(f"staff {name}: the PIN is not the one audit entry {last.seq} recorded")
                else:
                    problems.append(
                        f"staff {name}: {field} {row[field]} != {last.state.get(field)} recorded in audit entry"
                        f" {last.seq}"
                    )
    for staff_id, last in sorted(recorded.items()):
        if staff_id not in stored:
            problems.append(f"staff {last.state.get('name')}: deleted since audit entry {last.seq} recorded them")
    return problems
