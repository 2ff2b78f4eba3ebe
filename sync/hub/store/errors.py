"""The hub's refusals, each with a message meant for the marketplace operator or the till."""

from __future__ import annotations


class HubError(Exception):
    """A refusal with a message for the marketplace operator or the till."""


class PayloadMismatchError(HubError):
    def __init__(self, event_ids: list[str]) -> None:
        super().__init__(f"{len(event_ids)} record id(s) were already received with another payload")
        self.event_ids = event_ids
