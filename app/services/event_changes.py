"""A manager's change on this till to what the whole event shares, queued for the hub and every other till.

Staff (added, PIN changed, deactivated, reactivated), commissions and the
event's settings are written where this till reads them by their own services
(staff.py, staff_admin.py, settlements.py, returns.py, tender_settings.py,
event_settings_sync.py); each then calls one function here, in its own
transaction, which queues the subject's whole new state as an outbox record
(sync/records/event_settings.py) and notes it as the change this till holds,
so that an older change pulled later does not undo it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from app.domain.clock import now_iso
from app.domain.ids import new_id
from app.store.event_settings import EventSettingsRepository
from app.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from sync.records.event_settings import EventChange, SettingValue

# The feed kinds these changes come back as (sync/records ChangeKind), and this till's version keys.
SETTING_KIND = "event_setting"
STAFF_KIND = "staff"
COMMISSION_KIND = "commission"
# The event settings a ReturnPolicy (returns.py) holds: setting key -> the policy's field.
RETURN_POLICY_SETTINGS = {
    "return_window_days": "window_days",
    "no_receipt_cap_per_return": "no_receipt_cap_per_return",
    "no_receipt_cap_per_event": "no_receipt_cap_per_event",
}


def _stamp(uow: UnitOfWork, by: str | None) -> dict[str, str]:
    member = uow.staff.by_id(by) if by is not None else None
    return {"changed_at": now_iso(), "change_id": new_id(), "changed_by": member.name if member else ""}


def _queue(uow: UnitOfWork, kind: str, change: EventChange) -> None:
    uow.outbox.append(uow.tills.this_till().till_id, change)
    EventSettingsRepository(uow.connection).hold(kind, change.change_key(), change.changed_at, change.change_id)


def queue_staff_change(uow: UnitOfWork, staff_id: str, by: str | None) -> None:
    """The member as this transaction left them; ``by`` is who changed them (None at the first run)."""
    # Imported here: the record contracts load pydantic, which the sign-in screen does not need.
    from sync.records.event_settings import StaffChanged

    member = uow.staff.by_id(staff_id)
    assert member is not None  # changed in this transaction, never deleted
    change = StaffChanged(
        staff_id=member.staff_id,
        name=member.name,
        role=member.role.value,
        pin_hash=member.pin_hash,
        active=member.active,
        **_stamp(uow, by),
    )
    _queue(uow, STAFF_KIND, change)


def queue_setting_change(uow: UnitOfWork, key: str, value: SettingValue, by: str) -> None:
    from sync.records.event_settings import EventSettingChanged

    _queue(uow, SETTING_KIND, EventSettingChanged(key=key, value=value, **_stamp(uow, by)))


def queue_commission_change(uow: UnitOfWork, rate: str, by: str, maker: str | None, sku: str | None) -> None:
    """``rate`` as the fraction this till stores ("0.25"), of the product ``sku``, else of ``maker``, else the
    event's default (settlements.py)."""
    from sync.records.event_settings import CommissionSet

    scope, subject = ("product", sku) if sku is not None else ("maker", maker) if maker is not None else ("default", "")
    _queue(uow, COMMISSION_KIND, CommissionSet(scope=scope, subject=subject, rate=rate, **_stamp(uow, by)))


def queue_return_policy(uow: UnitOfWork, policy: Mapping[str, object], by: str) -> None:
    """The return window and the no-receipt caps a manager saved (returns.py ReturnPolicy), one setting each."""
    for key, field in RETURN_POLICY_SETTINGS.items():
        value = policy[field]
        assert isinstance(value, int)
        queue_setting_change(uow, key, value, by)
