"""The admin API's staff, settings, commissions and vouchers: the work of ``popup-hub staff|settings|commission``
and ``popup-hub voucher``.

Each endpoint calls the store functions its command calls
(sync/hub/store/event_settings.py, sync/hub/store/vouchers.py); a PIN is
hashed on arrival there and never answered back.
No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path
from sqlalchemy import Connection

from sync.hub.admin_common import CONFLICT, NOT_FOUND, PREFIX, AdminContext, EventId, refusals, unprocessable
from sync.hub.admin_models_more import (
    CommissionRow,
    CommissionSet,
    SettingRow,
    SettingSet,
    StaffAdd,
    StaffMember,
    StaffPin,
    VoucherIssue,
    VoucherRedemption,
    VoucherRow,
)
from sync.hub.store import HubError
from sync.hub.store import event_settings as kept
from sync.hub.store.schema import now
from sync.hub.store.vouchers import VoucherState, find_voucher, issue_voucher, list_vouchers
from sync.records.event_settings import CommissionScope, StaffChanged, parse_setting
from sync.voucher_codes import read_voucher_code

Who = Annotated[str, Path(max_length=100, description="The member's id or name.")]
SettingKey = Annotated[str, Path(max_length=64)]
VoucherCode = Annotated[str, Path(max_length=32)]
REFUSED_INPUT = unprocessable("The hub refused a value; the detail says what to send.")


@contextmanager
def refused_as_unprocessable() -> Iterator[None]:
    """A value the store refuses (a PIN, a rate, an amount, an unknown SKU) as a 422 Problem saying why."""
    try:
        yield
    except (HubError, ValueError) as error:
        raise HTTPException(422, str(error)) from None


def member_row(member: StaffChanged) -> StaffMember:
    return StaffMember(
        staff_id=member.staff_id, name=member.name, role=member.role, active=member.active, changed_at=member.changed_at
    )


def voucher_row(state: VoucherState) -> VoucherRow:
    return VoucherRow(
        code=state.code,
        event_id=state.event_id,
        currency=state.currency,
        issued=state.issued,
        spent=state.spent,
        left=state.left,
        issued_by=state.issued_by,
        issued_at=state.issued_at,
        note=state.note,
        state=state.standing,
        redemptions=[
            VoucherRedemption(till_code=each.till_code, sale_id=each.sale_id, amount=each.amount, at=each.at)
            for each in state.redemptions
        ],
    )


def add_event_routes(router: APIRouter, admin: AdminContext) -> None:
    store = admin.store

    def known_member(connection: Connection, event_id: str, who: str) -> StaffChanged:
        admin.known_event(connection, event_id)
        try:
            return kept.find_member(connection, event_id, who)
        except HubError as error:
            raise HTTPException(404, f"{error} (GET {PREFIX}/events/{event_id}/staff)") from None

    # Staff

    @router.post(
        "/events/{event_id}/staff",
        status_code=201,
        response_model=StaffMember,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("settings:write")],
    )
    def add_staff(event_id: EventId, body: StaffAdd) -> StaffMember:
        pin_hash = kept.hashed_pin(body.pin)
        with admin.changing(event_id) as connection, refusals():
            return member_row(kept.add_staff(connection, event_id, body.name, body.role, pin_hash))

    @router.get(
        "/events/{event_id}/staff",
        response_model=list[StaffMember],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("settings:read")],
    )
    def list_staff(event_id: EventId) -> list[StaffMember]:
        with admin.reading(event_id) as connection:
            return [member_row(member) for member in kept.staff(connection, event_id)]

    @router.put(
        "/events/{event_id}/staff/{who}/pin",
        response_model=StaffMember,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("settings:write")],
    )
    def change_pin(event_id: EventId, who: Who, body: StaffPin) -> StaffMember:
        return changed_member(event_id, who, pin_hash=kept.hashed_pin(body.pin))

    def changed_member(
        event_id: str, who: str, *, pin_hash: str | None = None, active: bool | None = None
    ) -> StaffMember:
        """A new PIN hash, or a deactivation or reactivation, of the member ``who`` names (404: no such member)."""
        with store.engine.begin() as connection:
            member = known_member(connection, event_id, who)
            with refusals():
                changed = kept.change_member(connection, event_id, member.staff_id, pin_hash=pin_hash, active=active)
                return member_row(changed)

    @router.post(
        "/events/{event_id}/staff/{who}/deactivate",
        response_model=StaffMember,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("settings:write")],
    )
    def deactivate(event_id: EventId, who: Who) -> StaffMember:
        return changed_member(event_id, who, active=False)

    @router.post(
        "/events/{event_id}/staff/{who}/reactivate",
        response_model=StaffMember,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("settings:write")],
    )
    def reactivate(event_id: EventId, who: Who) -> StaffMember:
        return changed_member(event_id, who, active=True)

    # Settings and commissions

    @router.put(
        "/events/{event_id}/settings/{key}",
        response_model=SettingRow,
        responses={404: NOT_FOUND, 422: REFUSED_INPUT},
        dependencies=[admin.scoped("settings:write")],
    )
    def set_setting(event_id: EventId, key: SettingKey, body: SettingSet) -> SettingRow:
        with admin.changing(event_id) as connection, refused_as_unprocessable():
            setting, value = parse_setting(key, body.value)
            change = kept.set_setting(connection, event_id, setting.value, value)
        return SettingRow(
            key=change.key, value=change.value, updated_at=change.changed_at, updated_by=change.changed_by
        )

    @router.get(
        "/events/{event_id}/settings",
        response_model=list[SettingRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("settings:read")],
    )
    def list_settings(event_id: EventId) -> list[SettingRow]:
        with admin.reading(event_id) as connection:
            return [
                SettingRow(key=key, value=value, updated_at=at, updated_by=by)
                for key, value, at, by in kept.settings(connection, event_id)
            ]

    def commission_rows(connection: Connection, event_id: str) -> list[CommissionRow]:
        rows = []
        for key, rate, updated_at in kept.commissions(connection, event_id):
            scope, _, subject = key.partition(":")
            rows.append(CommissionRow(scope=scope, subject=subject, rate=rate, updated_at=updated_at))
        return rows

    @router.put(
        "/events/{event_id}/commissions",
        response_model=CommissionRow,
        responses={404: NOT_FOUND, 422: REFUSED_INPUT},
        dependencies=[admin.scoped("settings:write")],
    )
    def set_commission(event_id: EventId, body: CommissionSet) -> CommissionRow:
        if body.maker is not None and body.sku is not None:
            raise HTTPException(422, "Give maker or sku, not both (neither sets the event's default).")
        if body.sku is not None:
            scope, subject = CommissionScope.PRODUCT, body.sku
        elif body.maker is not None:
            scope, subject = CommissionScope.MAKER, body.maker
        else:
            scope, subject = CommissionScope.DEFAULT, ""
        with admin.changing(event_id) as connection:
            with refused_as_unprocessable():
                kept.set_commission(connection, event_id, scope, subject, kept.commission_fraction(body.percent))
            rows = commission_rows(connection, event_id)
        return next(row for row in rows if (row.scope, row.subject) == (scope.value, subject))

    @router.get(
        "/events/{event_id}/commissions",
        response_model=list[CommissionRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("settings:read")],
    )
    def list_commissions(event_id: EventId) -> list[CommissionRow]:
        with admin.reading(event_id) as connection:
            return commission_rows(connection, event_id)

    # Vouchers

    @router.post(
        "/events/{event_id}/vouchers",
        status_code=201,
        response_model=VoucherRow,
        responses={404: NOT_FOUND, 422: REFUSED_INPUT},
        dependencies=[admin.scoped("vouchers:write")],
    )
    def issue(event_id: EventId, body: VoucherIssue) -> VoucherRow:
        with admin.changing(event_id) as connection, refused_as_unprocessable():
            return voucher_row(issue_voucher(connection, event_id, body.amount, body.note, now()))

    @router.get(
        "/events/{event_id}/vouchers",
        response_model=list[VoucherRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("vouchers:read")],
    )
    def list_event_vouchers(event_id: EventId) -> list[VoucherRow]:
        with admin.reading(event_id) as connection:
            return [voucher_row(state) for state in list_vouchers(connection, event_id)]

    @router.get(
        "/vouchers/{code}",
        response_model=list[VoucherRow],
        responses={404: NOT_FOUND, 422: REFUSED_INPUT},
        dependencies=[admin.scoped("vouchers:read")],
    )
    def show_voucher(code: VoucherCode) -> list[VoucherRow]:
        read = read_voucher_code(code)
        if read is None:
            raise HTTPException(422, f"'{code}' is not a voucher code: it looks like V-XXXXXXXXXXX.")
        with store.engine.connect() as connection:
            states = find_voucher(connection, read)
        if not states:
            raise HTTPException(404, f"No voucher {read} on this hub: check the code, or push the till that issued it.")
        return [voucher_row(state) for state in states]
