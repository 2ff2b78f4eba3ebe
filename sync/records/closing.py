"""Closing the event across its tills: what a till declares when it closes, and what the hub feeds back.

A till's close sends ``till.closed`` as its last record: the sequence number
of that record itself (so the hub can tell whether every record before it has
arrived), whether its cash is closed and the numbers of its Z reports (which
travel as ``cash.session`` records of their own). The hub answers every till
of the event with a ``till_status`` feed entry per till, so a manager on any
till sees what still blocks the event's close.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict, StringConstraints, model_validator

from sync.records.facts import Fact, TillIdentity
from sync.records.fields import MAX_SEQ, Contract, Count, Flag, TillCode, Timestamp

ZNumber = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=40, pattern=r"^[^\x00-\x1f\x7f]*$")]
Sequence = Annotated[int, Strict(), Field(ge=1, le=MAX_SEQ)]


class TillClosed(Fact):
    """``till.closed``: the till's last record; ``last_seq`` is this record's own sequence number."""

    till_code: TillCode
    last_seq: Sequence
    cash_closed: Flag
    z_numbers: Annotated[list[ZNumber], Field(max_length=1000)]
    at: Timestamp

    @model_validator(mode="after")
    def _z_reports_once(self) -> TillClosed:
        if len(set(self.z_numbers)) != len(self.z_numbers):
            raise ValueError("a Z report number appears twice")
        return self

    def identity_problem(self, sender: TillIdentity) -> str | None:
        if self.till_code != sender.till_code:
            return f"the record names till {self.till_code}, but till {sender.till_code} sent it"
        return None


class TillStatusChanged(Contract):
    """``till_status`` (key: the till's code): where one till stands in the event's close, as the hub sees it."""

    closed: Flag
    cash_closed: Flag
    # None until the till has declared its close.
    last_seq_declared: Count | None
    last_seq_received: Count
    # Sequence numbers up to the declared last one that have not arrived.
    missing: Count
    conflicts_open: Count
    event_frozen: Flag
