"""How this till takes payment: whether a card payment must carry the terminal's reference."""

from __future__ import annotations

from app.domain.staff import Permission
from app.services.authorization import require
from app.services.event_changes import queue_setting_change
from app.store.unit_of_work import UnitOfWork

# Stored on the till: the event's manager sets it where the terminals are (some events reconcile by reference).
CARD_REFERENCE_REQUIRED_KEY = "card_reference_required"


def card_reference_required_in(uow: UnitOfWork) -> bool:
    """Inside an open unit of work (the sale's own transaction)."""
    return reference_required(uow.tills.setting(CARD_REFERENCE_REQUIRED_KEY))


def reference_required(stored: str | None) -> bool:
    """The setting's stored value read (the sale reads it with its first statement, app/store/tills.py)."""
    return stored == "1"


def card_reference_required(uow: UnitOfWork) -> bool:
    with uow.for_reading():
        return card_reference_required_in(uow)


def set_card_reference_required(required: bool, staff_id: str, uow: UnitOfWork) -> bool:
    """A manager's choice; the payment screen reads it each time it opens."""
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        uow.tills.set_setting(CARD_REFERENCE_REQUIRED_KEY, "1" if required else "0")
        uow.audit.append(
            till_id=uow.tills.this_till().till_id,
            staff_id=staff_id,
            action="payment.card_reference_set",
            subject=CARD_REFERENCE_REQUIRED_KEY,
            details={"required": required},
        )
        queue_setting_change(uow, CARD_REFERENCE_REQUIRED_KEY, required, staff_id)
        uow.commit()
    return required
