"""Where an event's stock can be, and which of those places the counter can sell from.

A stock movement names its location by one of these names, on the till and on
the hub alike. The stall and the tills hold sellable stock; the quality hold
keeps items apart until someone decides; written-off items and what went back
to the maker (returned unsold) have left the event.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Strict, StringConstraints

STALL = "stall"
QUALITY_HOLD = "quality_hold"
WRITTEN_OFF = "written_off"
MAKER = "maker"
TILL_PREFIX = "till:"

LOCATION_PATTERN = r"^(stall|quality_hold|written_off|maker|till:[A-Z][A-Z0-9]{0,3})$"
# A transfer names two of these; older records name any location of their till's (RequiredName).
Location = Annotated[str, Strict(), StringConstraints(pattern=LOCATION_PATTERN)]

# Stock that has left the event or waits for a decision: never counted as sellable.
NOT_SELLABLE = frozenset({QUALITY_HOLD, WRITTEN_OFF, MAKER})
# Stock leaves these only through a new record of its own (a receive from the maker), never a transfer.
NEVER_MOVED_FROM = frozenset({WRITTEN_OFF, MAKER})

_LOCATION = re.compile(LOCATION_PATTERN)


def is_location(name: str) -> bool:
    return _LOCATION.match(name) is not None


def is_sellable(location: str) -> bool:
    """Whether units at ``location`` count into the event's sellable level.

    A till's own location from before locations were named (any name but the
    ones set apart) is its shelf, so sellable.
    """
    return location not in NOT_SELLABLE


def till_location(till_code: str) -> str:
    return f"{TILL_PREFIX}{till_code}"
