"""Group buys on the hub: the windows, the commitments tills push, and the close (docs/group_buys.md).

``popup-hub groupbuys add`` (or the admin API) opens a window; each
``group_buy.committed`` a till pushes is counted in the push's transaction and
the new progress is fed to every till. ``close`` decides at or after the
deadline: reached, every counted commitment becomes a marketplace pickup order
with its signed code (marketplace_orders.py, so a retried close makes no second
order); missed, every commitment is refund-due. A commitment taken after the
deadline, or reaching the hub once the window is closed, is recorded, flagged
as a ``group_buy_late`` conflict, left out of the count and refund-due at once.
Each outcome is a ``group_buy_commitment`` feed entry (no contact: tills need
none) and a webhook carrying the contact for the marketplace to notify.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import Connection, func, insert, select, update

from sync.hub.store.conflict_log import Answer, conflict, raise_new
from sync.hub.store.enrollment import AuthenticatedTill, require_event
from sync.hub.store.errors import HubError
from sync.hub.store.feed import publish
from sync.hub.store.marketplace_orders import MarketplaceOrder, create_order
from sync.hub.store.relay_feed import relays
from sync.hub.store.schema import events, group_buy_commitments, group_buys, now, products
from sync.hub.store.webhook_outbox import enqueue
from sync.protocol import AnswerStatus, PushRecord
from sync.records import ChangeKind, CommitmentOutcome, GroupBuyChanged, GroupBuyCommitted, parse_fact

COUNTED, PICKUP, REFUND_DUE = "counted", "pickup", "refund_due"
PAYMENTS = ("deposit", "full")


@dataclass(frozen=True, slots=True)
class Closed:
    """What a close decided; ``codes`` are the pickup codes made now, by commitment id."""

    group_buy: GroupBuyChanged
    closed_now: bool
    pickup_orders: int
    refunds_due: int
    codes: dict[str, str]


def masked(contact: str) -> str:
    """A contact as a pickup order names the customer: enough for the desk to match it, not to reuse it."""
    if "@" in contact:
        user, _, domain = contact.partition("@")
        return f"{user[:1]}***@{domain}"
    return f"***{contact[-4:]}"


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _committed(connection: Connection, group_buy_id: str) -> int:
    total = connection.scalar(
        select(func.coalesce(func.sum(group_buy_commitments.c.quantity), 0)).where(
            group_buy_commitments.c.group_buy_id == group_buy_id, group_buy_commitments.c.late == 0
        )
    )
    return int(total or 0)


def _state(connection: Connection, row: Any) -> GroupBuyChanged:
    currency = connection.scalar(select(events.c.currency).where(events.c.id == row.event_id))
    return GroupBuyChanged(
        group_buy_id=row.id,
        name=row.name,
        sku=row.sku,
        minimum=int(row.minimum),
        deadline=row.deadline,
        price=int(row.price),
        payment=row.payment,
        currency=str(currency),
        committed=_committed(connection, row.id),
        state=row.state,
        closed_at=row.closed_at,
        changed_at=now(),
    )


def _row(connection: Connection, event_id: str, group_buy_id: str, *, lock: bool = False) -> Any:
    query = select(group_buys).where(group_buys.c.id == group_buy_id, group_buys.c.event_id == event_id)
    row = connection.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise HubError(f"No group buy {group_buy_id} at event {event_id}: 'popup-hub groupbuys list' shows them.")
    return row


def _publish(connection: Connection, event_id: str, group_buy_id: str) -> GroupBuyChanged:
    state = _state(connection, _row(connection, event_id, group_buy_id))
    publish(connection, event_id, ChangeKind.GROUP_BUY.value, group_buy_id, state.to_payload())
    return state


def add_group_buy(
    connection: Connection,
    event_id: str,
    *,
    name: str,
    sku: str,
    minimum: int,
    deadline: str,
    price: int,
    payment: str,
) -> GroupBuyChanged:
    """A new window, fed to every till at its next sync; refused with what to type instead."""
    require_event(connection, event_id)
    if connection.scalar(select(products.c.sku).where(products.c.sku == sku)) is None:
        raise HubError(f"No product with SKU {sku} in the hub's catalog: import the catalog or check the SKU.")
    if payment not in PAYMENTS:
        raise HubError(f"'{payment}' is not a payment: choose deposit or full.")
    try:
        moment = datetime.fromisoformat(deadline)
    except ValueError:
        raise HubError(f"'{deadline}' is not a date and time: write it as 2026-12-06T18:00:00+01:00.") from None
    if moment.tzinfo is None:
        raise HubError(f"The deadline '{deadline}' has no time zone: add it, e.g. +01:00.")
    if moment <= datetime.now(UTC):
        raise HubError(f"The deadline {deadline} is already past: choose a later one.")
    group_buy_id = str(uuid.uuid4())
    try:
        checked = GroupBuyChanged(
            group_buy_id=group_buy_id,
            name=" ".join(name.split()),
            sku=sku,
            minimum=minimum,
            deadline=moment.isoformat(),
            price=price,
            payment=payment,  # type: ignore[arg-type]  # checked against PAYMENTS above
            currency=str(connection.scalar(select(events.c.currency).where(events.c.id == event_id))),
            committed=0,
            state="open",
            closed_at=None,
            changed_at=now(),
        )
    except ValidationError as broken:
        problem = broken.errors(include_url=False)[0]
        where = ".".join(str(part) for part in problem["loc"])
        raise HubError(f"{where}: {str(problem['msg']).removeprefix('Value error, ')}") from None
    connection.execute(
        insert(group_buys).values(
            id=group_buy_id,
            event_id=event_id,
            name=checked.name,
            sku=sku,
            minimum=minimum,
            deadline=checked.deadline,
            price=price,
            payment=payment,
            state="open",
            closed_at=None,
            created_at=now(),
            changed_at=checked.changed_at,
            change_id=str(uuid.uuid4()),
            changed_by="hub",
        )
    )
    return _publish(connection, event_id, group_buy_id)


def list_group_buys(connection: Connection, event_id: str) -> list[GroupBuyChanged]:
    require_event(connection, event_id)
    rows = connection.execute(
        select(group_buys).where(group_buys.c.event_id == event_id).order_by(group_buys.c.deadline, group_buys.c.name)
    )
    return [_state(connection, row) for row in rows]


def commitments(connection: Connection, event_id: str, group_buy_id: str) -> list[dict[str, Any]]:
    """The group buy's commitments for the marketplace, contacts included."""
    _row(connection, event_id, group_buy_id)
    rows = connection.execute(
        select(group_buy_commitments)
        .where(group_buy_commitments.c.group_buy_id == group_buy_id)
        .order_by(group_buy_commitments.c.committed_at)
    )
    return [dict(row._mapping) for row in rows]


def _outcome(row: Any, state: str, order_number: str | None = None) -> CommitmentOutcome:
    return CommitmentOutcome(
        commitment_id=row.id,
        group_buy_id=row.group_buy_id,
        sale_id=row.sale_id,
        receipt_no=row.receipt_no,
        quantity=int(row.quantity),
        amount=int(row.amount),
        state=state,  # type: ignore[arg-type]  # one of the OutcomeState values above
        late=bool(row.late),
        order_number=order_number,
        changed_at=now(),
    )


def _set_outcome(connection: Connection, row: Any, state: str, order: tuple[str, str] | None = None) -> None:
    order_id, order_number = order if order is not None else (None, None)
    connection.execute(
        update(group_buy_commitments)
        .where(group_buy_commitments.c.id == row.id)
        .values(state=state, order_id=order_id, order_number=order_number)
    )
    outcome = _outcome(row, state, order_number)
    publish(connection, row.event_id, ChangeKind.GROUP_BUY_COMMITMENT.value, row.id, outcome.to_payload())


def _refund_due_webhook(row: Any, group_buy: Any) -> tuple[str, dict[str, Any]]:
    return (
        "group_buy.refund_due",
        {
            "group_buy_id": group_buy.id,
            "group_buy": group_buy.name,
            "commitment_id": row.id,
            "contact": row.contact,
            "sale_id": row.sale_id,
            "receipt_no": row.receipt_no,
            "amount": int(row.amount),
            "late": bool(row.late),
        },
    )


def apply_commitment(connection: Connection, till: AuthenticatedTill, record: PushRecord) -> Answer:
    """A commitment a till took (it passed its contract and identity check at admission)."""
    fact = parse_fact(record.type, record.schema_version, record.payload)
    if not isinstance(fact, GroupBuyCommitted):
        raise TypeError(f"{record.type} is not a group buy commitment")
    group_buy = connection.execute(
        select(group_buys)
        .where(group_buys.c.id == fact.group_buy_id, group_buys.c.event_id == till.event_id)
        .with_for_update()
    ).first()
    if group_buy is None:
        if relays(connection):
            # A venue hub keeps no group buys: the upstream it forwards the record to counts it.
            return AnswerStatus.APPLIED, "forwarded: the upstream hub counts group buy commitments"
        return AnswerStatus.REJECTED, f"no group buy {fact.group_buy_id} at this event"
    if connection.scalar(select(group_buy_commitments.c.id).where(group_buy_commitments.c.id == fact.commitment_id)):
        return AnswerStatus.APPLIED, "this commitment was already counted"
    after_deadline = _moment(fact.committed_at) >= _moment(group_buy.deadline)
    late = after_deadline or group_buy.state != "open"
    received = now()
    connection.execute(
        insert(group_buy_commitments).values(
            id=fact.commitment_id,
            group_buy_id=fact.group_buy_id,
            event_id=till.event_id,
            till_id=till.till_id,
            record_id=record.event_id,
            sale_id=fact.sale_id,
            receipt_no=fact.receipt_no,
            quantity=fact.quantity,
            amount=fact.amount,
            contact=fact.contact,
            committed_at=fact.committed_at,
            received_at=received,
            late=int(late),
            state=REFUND_DUE if late else COUNTED,
        )
    )
    row = connection.execute(
        select(group_buy_commitments).where(group_buy_commitments.c.id == fact.commitment_id)
    ).one()
    _set_outcome(connection, row, row.state)
    _publish(connection, till.event_id, fact.group_buy_id)
    if not late:
        return AnswerStatus.APPLIED, None
    why = (
        f"taken at {fact.committed_at[:16]}, after the deadline {group_buy.deadline[:16]}"
        if after_deadline
        else f"reached the hub after the group buy closed ({group_buy.state})"
    )
    details = {"group_buy": group_buy.name, "receipt_no": fact.receipt_no, "quantity": fact.quantity, "why": why}
    raise_new(
        connection,
        till.event_id,
        [conflict("group_buy_late", fact.group_buy_id, record.event_id, till, fact.committed_at, details)],
    )
    enqueue(connection, till.event_id, [_refund_due_webhook(row, group_buy)])
    return AnswerStatus.CONFLICT, f"recorded; a late group buy commitment ({why}): not counted, to be refunded"


def close_group_buy(
    connection: Connection, event_id: str, group_buy_id: str, private_key: bytes | None, at: datetime | None = None
) -> Closed:
    """Decide the window at or after its deadline; closing one already closed answers what it came to."""
    group_buy = _row(connection, event_id, group_buy_id, lock=True)
    if group_buy.state != "open":
        return Closed(_state(connection, group_buy), False, 0, 0, {})
    moment = at or datetime.now(UTC)
    if moment < _moment(group_buy.deadline):
        raise HubError(
            f"The group buy {group_buy.name} is open until {group_buy.deadline}: close it at or after its deadline."
        )
    committed = _committed(connection, group_buy_id)
    reached = committed >= int(group_buy.minimum)
    if reached and private_key is None:
        raise HubError(
            f"The group buy {group_buy.name} reached its minimum: its pickup orders need a signing key "
            "(--key FILE.pem or POPUP_HUB_SIGNING_KEY)."
        )
    rows = connection.execute(
        select(group_buy_commitments)
        .where(group_buy_commitments.c.group_buy_id == group_buy_id, group_buy_commitments.c.state == COUNTED)
        .order_by(group_buy_commitments.c.committed_at, group_buy_commitments.c.id)
    ).all()
    codes: dict[str, str] = {}
    happened: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        if reached:
            assert private_key is not None
            order = MarketplaceOrder(
                external_id=f"group-buy-{row.id}",
                customer_name=masked(row.contact),
                number=f"GB-{row.receipt_no}",
                items=[(group_buy.sku, int(row.quantity))],
                notes=f"Group buy {group_buy.name}: receipt {row.receipt_no}",
            )
            created, _new = create_order(connection, event_id, order, private_key)
            codes[row.id] = created.code
            _set_outcome(connection, row, PICKUP, (created.order_id, created.number))
            happened.append(
                (
                    "group_buy.pickup_order",
                    {
                        "group_buy_id": group_buy_id,
                        "group_buy": group_buy.name,
                        "commitment_id": row.id,
                        "contact": row.contact,
                        "order_id": created.order_id,
                        "order_number": created.number,
                        "code": created.code,
                        "sku": group_buy.sku,
                        "quantity": int(row.quantity),
                    },
                )
            )
        else:
            _set_outcome(connection, row, REFUND_DUE)
            happened.append(_refund_due_webhook(row, group_buy))
    connection.execute(
        update(group_buys)
        .where(group_buys.c.id == group_buy_id)
        .values(
            state="reached" if reached else "missed", closed_at=max(moment, _moment(group_buy.deadline)).isoformat()
        )
    )
    state = _publish(connection, event_id, group_buy_id)
    if happened:
        enqueue(connection, event_id, happened)
    return Closed(state, True, len(codes), 0 if reached else len(rows), codes)
