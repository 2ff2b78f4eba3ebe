"""The event's return policy: the window, the caps on returns without a receipt, and whether those refund cash.

Set by a manager on any till (or on the hub) and kept the same on every till
(app/services/event_settings_sync.py applies the hub's).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from app.domain.errors import InvalidInput
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.authorization import require
from app.services.event_changes import queue_return_policy
from app.store.unit_of_work import UnitOfWork

POLICY_KEY = "return_policy"


@dataclass(frozen=True, slots=True)
class ReturnPolicy:
    """Per event; the defaults suit a weekend market."""

    window_days: int = 30
    no_receipt_cap_per_return: int = 5000
    no_receipt_cap_per_event: int = 20000
    no_receipt_cash_allowed: bool = False


def return_policy(uow: UnitOfWork) -> ReturnPolicy:
    with uow.for_reading():
        return policy_in(uow)


def policy_in(uow: UnitOfWork) -> ReturnPolicy:
    stored = uow.tills.setting(POLICY_KEY)
    return ReturnPolicy(**json.loads(stored)) if stored else ReturnPolicy()


def save_return_policy(policy: ReturnPolicy, staff_id: str, uow: UnitOfWork) -> None:
    if policy.window_days < 0 or policy.no_receipt_cap_per_return < 0 or policy.no_receipt_cap_per_event < 0:
        raise InvalidInput(_("A return window and caps are zero or more."))
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        till = uow.tills.this_till()
        uow.tills.set_setting(POLICY_KEY, json.dumps(asdict(policy)))
        uow.audit.append(
            till_id=till.till_id, staff_id=staff_id, action="returns.policy", subject="event", details=asdict(policy)
        )
        queue_return_policy(uow, asdict(policy), staff_id)
        uow.commit()
