"""What a manager types for a drop, a group buy or a price rule, read the same way for each.

A date and time typed without a zone is in the event's; a record the contract
refuses (sync/records) is refused in words naming the field, never as
pydantic's own report. Each caller keeps its own message, with its own example.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import ValidationError

from app.domain import dates
from app.domain.errors import InvalidInput


def typed_moment(text: str, zone_name: str, not_a_moment: str) -> datetime:
    """``text`` as an aware time, in ``zone_name`` when typed without a zone.

    ``not_a_moment`` is the caller's translated refusal, with ``{text}`` for what was typed.
    """
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput(not_a_moment.format(text=text[:40])) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dates.zone(zone_name))
    return moment


def contract_problem(broken: ValidationError) -> str:
    """The contract's first objection as ``field: what is wrong`` (``price: Input should be ...``)."""
    problem = broken.errors(include_url=False)[0]
    where = ".".join(str(part) for part in problem["loc"])
    message = str(problem["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}" if where else message
