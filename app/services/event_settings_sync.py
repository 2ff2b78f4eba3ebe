"""The event's settings, staff and commissions on this till: pulled from the hub, or set here by a manager.

A change from the feed (sync/records/event_settings.py) is written where the
till's own rules already read it, so returns, settlements, sign-in, cash
rounding, discounts and the receipt simply use it, offline too (the last one
pulled stays):

| change | where it lands | read by |
|---|---|---|
| return_window_days, no_receipt_cap_per_return, no_receipt_cap_per_event | the ``return_policy`` setting | returns.py |
| cash_rounding_step, discount_limit_percent | the ``events`` row | tenders, returns, carts |
| receipt_footer | the ``receipt_footer`` setting | receipts.py |
| card_reference_required | its setting | tender_settings.py |
| oversell_policy | its setting | availability.py |
| staff | the ``staff`` table (the PIN as its hash) | staff.py, authorization.py |
| commission | ``products``/``makers`` ``commission_rate``, the default setting | settlements.py |

Only a change later than the one this till holds for the same subject is
applied (by time, then id: the hub's rule), and each is audited; a staff
change records the member's state, as ``audit verify`` expects of every staff
change.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from decimal import Decimal
from typing import Any

from app.domain.errors import InvalidInput, RuleViolation
from app.domain.staff import Permission
from app.domain.staff_state import STAFF_ADDED, STAFF_STATE_KEY, staff_state
from app.domain.texts import _
from app.services.authorization import require
from app.services.availability import OVERSELL_POLICY_KEY
from app.services.event_changes import (
    COMMISSION_KIND,
    RETURN_POLICY_SETTINGS,
    SETTING_KIND,
    STAFF_KIND,
    queue_setting_change,
)
from app.services.receipts import RECEIPT_FOOTER_KEY
from app.services.return_policy import POLICY_KEY, ReturnPolicy
from app.services.settlements import DEFAULT_COMMISSION_KEY
from app.services.tender_settings import CARD_REFERENCE_REQUIRED_KEY
from app.store.event_settings import EventSettingsRepository
from app.store.unit_of_work import UnitOfWork
from sync.records import parse_change
from sync.records.event_settings import (
    CommissionSet,
    EventChange,
    EventSettingChanged,
    EventSettingKey,
    SettingValue,
    StaffChanged,
    parse_setting,
)

EVENT_CHANGE_KINDS = frozenset({SETTING_KIND, STAFF_KIND, COMMISSION_KIND})


def apply_event_change(uow: UnitOfWork, kind: str, key: str, data: Any) -> None:
    """A feed entry of ``EVENT_CHANGE_KINDS``, inside the page's transaction; raises (to be quarantined) if unfit."""
    change = parse_change(kind, key, data)
    if not isinstance(change, EventChange):
        raise InvalidInput(_("{kind} is not an event change.").format(kind=kind))
    versions = EventSettingsRepository(uow.connection)
    held = versions.held(kind, key)
    if held is not None and held >= change.order():
        return  # this till holds a later change (its own, not yet through the hub, or one pulled before)
    till_id = uow.tills.this_till().till_id
    details: dict[str, object] = {"changed_by": change.changed_by, "changed_at": change.changed_at}
    if isinstance(change, StaffChanged):
        action, subject = _write_member(uow, versions, change, details)
    elif isinstance(change, CommissionSet):
        _write_commission(uow, versions, change)
        action, subject = "settlement.commission_synced", key
        details["rate"] = change.rate
    else:
        assert isinstance(change, EventSettingChanged)  # the third and last kind of event change
        write_setting(uow, versions, EventSettingKey(change.key), change.value)
        action, subject = "event.setting_synced", key
        details["value"] = change.value
    versions.hold(kind, key, change.changed_at, change.change_id)
    uow.audit.append(till_id=till_id, staff_id=None, action=action, subject=subject, details=details)


def _write_member(
    uow: UnitOfWork, versions: EventSettingsRepository, change: StaffChanged, details: dict[str, object]
) -> tuple[str, str]:
    holder = versions.staff_name_holder(change.name)
    if holder is not None and holder != change.staff_id:
        raise RuleViolation(
            _(
                "{name} is already the name of another member of this till's staff: give one of them another name,"
                " then sync again."
            ).format(name=change.name)
        )
    before = uow.staff.by_id(change.staff_id)
    versions.write_member(change.staff_id, change.name, change.role, change.pin_hash, change.active, change.changed_at)
    details.update(
        name=change.name,
        role=change.role,
        **{STAFF_STATE_KEY: staff_state(change.name, change.role, change.active, change.pin_hash)},
    )
    return (STAFF_ADDED if before is None else "staff.synced"), change.staff_id


def _write_commission(uow: UnitOfWork, versions: EventSettingsRepository, change: CommissionSet) -> None:
    # A product or maker this till does not know has nothing sold here to settle; the change stays held.
    if change.scope == "product":
        versions.set_product_commission(change.subject, change.rate)
    elif change.scope == "maker":
        versions.set_maker_commission(change.subject, change.rate)
    else:
        uow.tills.set_setting(DEFAULT_COMMISSION_KEY, change.rate)


def write_setting(
    uow: UnitOfWork, versions: EventSettingsRepository, key: EventSettingKey, value: SettingValue
) -> None:
    """``value`` (checked by its contract) where this till's rules read ``key``."""
    if key in RETURN_POLICY_SETTINGS:
        stored = uow.tills.setting(POLICY_KEY)
        policy = json.loads(stored) if stored else asdict(ReturnPolicy())
        policy[RETURN_POLICY_SETTINGS[key]] = value
        uow.tills.set_setting(POLICY_KEY, json.dumps(policy))
    elif key is EventSettingKey.CASH_ROUNDING_STEP:
        versions.set_cash_rounding_step(uow.tills.this_till().event_id, int(value))
    elif key is EventSettingKey.DISCOUNT_LIMIT_PERCENT:
        versions.set_discount_limit(uow.tills.this_till().event_id, str(Decimal(str(value))))
    elif key is EventSettingKey.CARD_REFERENCE_REQUIRED:
        uow.tills.set_setting(CARD_REFERENCE_REQUIRED_KEY, "1" if value else "0")
    elif key is EventSettingKey.RECEIPT_FOOTER:
        uow.tills.set_setting(RECEIPT_FOOTER_KEY, str(value))
    else:
        uow.tills.set_setting(OVERSELL_POLICY_KEY, str(value))


def set_event_setting(key_text: str, value_text: str, staff_id: str, uow: UnitOfWork) -> SettingValue:
    """A manager sets one of the event's settings on this till; every other till takes it at its next sync."""
    try:
        key, value = parse_setting(key_text.strip(), value_text)
    except ValueError as refused:
        raise InvalidInput(str(refused)) from None
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        write_setting(uow, EventSettingsRepository(uow.connection), key, value)
        uow.audit.append(
            till_id=uow.tills.this_till().till_id,
            staff_id=staff_id,
            action="event.setting_set",
            subject=key.value,
            details={"value": value},
        )
        queue_setting_change(uow, key.value, value, staff_id)
        uow.commit()
    return value
