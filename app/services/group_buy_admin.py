"""A manager opens, changes or cancels a group buy on this till (docs/group_buys.md, "Set by a manager").

The change travels as ``group_buy.changed`` (``GroupBuySet`` in
sync/records/group_buys.py) with the whole of what a manager sets: stored
here at once (so this till's counter takes commitments offline), audited and
queued for the hub in one transaction. The hub keeps the latest change of each
group buy (sync/hub/store/group_buy_changes.py), counts the commitments and
feeds the group buy with its progress to every till; it alone closes a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pydantic import ValidationError

from app.domain import clock
from app.domain.errors import InvalidInput, NotFound
from app.domain.events import EventSettings
from app.domain.group_buy_terms import CANCELLED, GroupBuyTerms, check_change, check_changeable, check_terms
from app.domain.group_buys import OPEN, GroupBuy
from app.domain.ids import new_id
from app.domain.money import parse_minor
from app.domain.staff import Permission
from app.domain.texts import _
from app.services.audited_records import queue_audited
from app.services.authorization import require
from app.services.typed_terms import contract_problem, typed_moment
from app.store.group_buys import GroupBuyRepository
from app.store.unit_of_work import UnitOfWork
from sync.records import GroupBuyChanged, GroupBuySet, RecordType
from sync.records.group_buys import GroupBuyState


@dataclass(frozen=True, slots=True)
class GroupBuyInput:
    """A group buy as a manager types it (the command line and the manager's screen alike).

    ``deadline`` is an ISO date and time; one without a zone is in the event's.
    ``price`` is in major units ("20.00"). An empty ``group_buy_id`` opens a
    new group buy; an existing one is changed.
    """

    name: str
    sku: str
    minimum: int
    deadline: str
    price: str
    payment: str = "deposit"
    group_buy_id: str = ""


@dataclass(frozen=True, slots=True)
class GroupBuySaved:
    group_buy_id: str
    name: str
    state: str


def _deadline(text: str, event: EventSettings) -> datetime:
    not_a_moment = _("'{text}' is not a date and time: type it as 2026-12-06 18:00.")
    return typed_moment(text, event.zone_name(), not_a_moment)


def _record(group_buy_id: str, terms: GroupBuyTerms, currency: str, cancelled: bool, by: str) -> GroupBuySet:
    try:
        return GroupBuySet(
            group_buy_id=group_buy_id,
            name=terms.name,
            sku=terms.sku,
            minimum=terms.minimum,
            deadline=terms.deadline.isoformat(),
            price=terms.price,
            payment=terms.payment,  # type: ignore[arg-type]  # checked by check_terms
            currency=currency,
            cancelled=cancelled,
            changed_at=clock.now_iso(),
            change_id=new_id(),
            changed_by=by,
        )
    except ValidationError as broken:
        problem = contract_problem(broken)
        raise InvalidInput(_("The group buy cannot be saved: {problem}.").format(problem=problem)) from None


def _keep(uow: UnitOfWork, record: GroupBuySet, held: GroupBuy | None, staff_id: str, action: str) -> None:
    """Stored as this till shows it until the hub feeds it back, audited and queued, in the caller's transaction."""
    state: GroupBuyState = "cancelled" if record.cancelled else "open"
    shown = GroupBuyChanged(
        group_buy_id=record.group_buy_id,
        name=record.name,
        sku=record.sku,
        minimum=record.minimum,
        deadline=record.deadline,
        price=record.price,
        payment=record.payment,
        currency=record.currency,
        committed=held.committed if held is not None else 0,
        state=state,
        closed_at=record.changed_at if record.cancelled else None,
        changed_at=record.changed_at,
    )
    GroupBuyRepository(uow.connection).keep(shown.to_payload())
    till_id = uow.tills.this_till().till_id
    details: dict[str, object] = {"group_buy": record.to_payload()}
    queue_audited(
        uow, record, till_id=till_id, staff_id=staff_id, action=action, subject=record.group_buy_id, details=details
    )


def _held(uow: UnitOfWork, group_buy_id: str) -> GroupBuy:
    held = GroupBuyRepository(uow.connection).get(group_buy_id.strip())
    if held is None:
        raise NotFound(
            _("No group buy {group_buy_id} on this till: 'popup-pos groupbuys list' shows them.").format(
                group_buy_id=group_buy_id[:40]
            )
        )
    return held


def _committed(uow: UnitOfWork, held: GroupBuy) -> int:
    return held.committed + GroupBuyRepository(uow.connection).uncounted_here().get(held.group_buy_id, 0)


def set_group_buy(typed: GroupBuyInput, staff_id: str, uow: UnitOfWork) -> GroupBuySaved:
    """A manager opens a group buy (or changes an open one); every till takes it at its next sync."""
    with uow:
        member = require(uow, staff_id, Permission.MANAGE_CATALOG)
        _till, event = uow.tills.this_till_and_event()
        now = clock.now()
        terms = check_terms(
            GroupBuyTerms(
                typed.name,
                typed.sku,
                typed.minimum,
                _deadline(typed.deadline, event),
                parse_minor(typed.price or "0", event.currency),
                typed.payment.strip().lower(),
            ),
            now,
        )
        if uow.catalog.by_code(terms.sku) is None:
            raise InvalidInput(
                _("No product with SKU {sku} in this till's catalog: check the SKU.").format(sku=terms.sku[:40])
            )
        held = None
        if typed.group_buy_id.strip():
            held = _held(uow, typed.group_buy_id)
            check_change(held, terms, _committed(uow, held), now)
        record = _record(held.group_buy_id if held else new_id(), terms, event.currency, False, member.name)
        _keep(uow, record, held, staff_id, RecordType.GROUP_BUY_CHANGED.value)
        uow.commit()
    return GroupBuySaved(record.group_buy_id, record.name, OPEN)


def cancel_group_buy(group_buy_id: str, staff_id: str, uow: UnitOfWork) -> GroupBuySaved:
    """A manager withdraws an open group buy before its deadline; the hub refunds its commitments."""
    with uow:
        member = require(uow, staff_id, Permission.MANAGE_CATALOG)
        held = _held(uow, group_buy_id)
        check_changeable(held, clock.now())
        terms = GroupBuyTerms(held.name, held.sku, held.minimum, held.deadline, held.price, held.payment)
        record = _record(held.group_buy_id, terms, held.currency, True, member.name)
        _keep(uow, record, held, staff_id, "group_buy.cancelled")
        uow.commit()
    return GroupBuySaved(record.group_buy_id, record.name, CANCELLED)
