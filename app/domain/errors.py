"""Errors that carry a message a person at the counter can act on.

Every rule the domain or a service enforces raises a subclass of
:class:`PosError`; the screens and the command line show ``str(error)`` as is,
so each message says what went wrong and what to do next.
"""

from __future__ import annotations

from app.domain.texts import _


class PosError(Exception):
    """A refusal with a message meant for the person at the till."""


class InvalidInput(PosError):
    """Something typed, scanned or imported is malformed."""


class NotFound(PosError):
    """A code, receipt or record that the store does not hold."""


class RuleViolation(PosError):
    """A business rule forbids the operation (tender too short, cart empty...)."""


class PermissionDenied(PosError):
    """The signed-in person's role does not allow the operation."""


class ApprovalRequired(PosError):
    """The operation needs a manager's PIN; the screen asks for it and retries."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            _("{reason} needs a manager's approval: ask a manager to enter their PIN.").format(reason=reason)
        )
        self.reason = reason
