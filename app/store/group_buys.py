"""The till's group buys: the hub's state of each, this till's commitments and every commitment's outcome."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, exists, func, insert, or_, select, update

from app.domain.group_buys import GroupBuy
from app.store.schema import foreign_returns, group_buy_commitments, group_buy_outcomes, group_buys, returns


@dataclass(frozen=True, slots=True)
class CommitmentWrite:
    commitment_id: str
    group_buy_id: str
    sale_id: str
    receipt_no: str
    quantity: int
    amount: int
    contact: str
    consent_at: str
    staff_id: str
    committed_at: str


@dataclass(frozen=True, slots=True)
class RefundDue:
    """A commitment whose money goes back (missed, or taken late), and whether a return already refunded it."""

    commitment_id: str
    group_buy_id: str
    group_buy_name: str
    sale_id: str
    receipt_no: str
    quantity: int
    amount: int
    late: bool
    refunded: bool


def _group_buy(row: Any) -> GroupBuy:
    return GroupBuy(
        group_buy_id=row.id,
        name=row.name,
        sku=row.sku,
        minimum=int(row.minimum),
        deadline=datetime.fromisoformat(row.deadline),
        price=int(row.price),
        payment=row.payment,
        currency=row.currency,
        committed=int(row.committed),
        state=row.state,
        closed_at=datetime.fromisoformat(row.closed_at) if row.closed_at else None,
    )


class GroupBuyRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    # The hub's state, from the feed

    def keep(self, data: Mapping[str, Any]) -> bool:
        """Store a group buy's state unless the till holds a later one; whether it was stored."""
        held = self._connection.execute(
            select(group_buys.c.changed_at).where(group_buys.c.id == data["group_buy_id"])
        ).first()
        values = {
            "name": data["name"],
            "sku": data["sku"],
            "minimum": data["minimum"],
            "deadline": data["deadline"],
            "price": data["price"],
            "payment": data["payment"],
            "currency": data["currency"],
            "committed": data["committed"],
            "state": data["state"],
            "closed_at": data["closed_at"],
            "changed_at": data["changed_at"],
        }
        if held is None:
            self._connection.execute(insert(group_buys).values(id=data["group_buy_id"], **values))
            return True
        if datetime.fromisoformat(held.changed_at) > datetime.fromisoformat(data["changed_at"]):
            return False
        self._connection.execute(update(group_buys).where(group_buys.c.id == data["group_buy_id"]).values(**values))
        return True

    def all(self) -> list[GroupBuy]:
        rows = self._connection.execute(select(group_buys).order_by(group_buys.c.deadline, group_buys.c.name))
        return [_group_buy(row) for row in rows]

    def get(self, group_buy_id: str) -> GroupBuy | None:
        row = self._connection.execute(select(group_buys).where(group_buys.c.id == group_buy_id)).first()
        return None if row is None else _group_buy(row)

    # This till's commitments

    def add_commitment(self, write: CommitmentWrite) -> None:
        self._connection.execute(
            insert(group_buy_commitments).values(
                id=write.commitment_id,
                group_buy_id=write.group_buy_id,
                sale_id=write.sale_id,
                receipt_no=write.receipt_no,
                quantity=write.quantity,
                amount=write.amount,
                contact=write.contact,
                consent_at=write.consent_at,
                staff_id=write.staff_id,
                committed_at=write.committed_at,
            )
        )

    def uncounted_here(self) -> dict[str, int]:
        """Units of this till's commitments the hub has not counted yet (no outcome fed back), per group buy."""
        counted = exists().where(group_buy_outcomes.c.commitment_id == group_buy_commitments.c.id)
        rows = self._connection.execute(
            select(group_buy_commitments.c.group_buy_id, func.sum(group_buy_commitments.c.quantity))
            .where(~counted)
            .group_by(group_buy_commitments.c.group_buy_id)
        )
        return {row[0]: int(row[1]) for row in rows}

    def commitments(self) -> list[CommitmentWrite]:
        rows = self._connection.execute(select(group_buy_commitments).order_by(group_buy_commitments.c.committed_at))
        return [
            CommitmentWrite(
                row.id,
                row.group_buy_id,
                row.sale_id,
                row.receipt_no,
                int(row.quantity),
                int(row.amount),
                row.contact,
                row.consent_at,
                row.staff_id,
                row.committed_at,
            )
            for row in rows
        ]

    # Outcomes, from the feed

    def keep_outcome(self, data: Mapping[str, Any]) -> None:
        held = self._connection.execute(
            select(group_buy_outcomes.c.changed_at).where(group_buy_outcomes.c.commitment_id == data["commitment_id"])
        ).first()
        values = {
            "group_buy_id": data["group_buy_id"],
            "sale_id": data["sale_id"],
            "receipt_no": data["receipt_no"],
            "quantity": data["quantity"],
            "amount": data["amount"],
            "state": data["state"],
            "late": int(data["late"]),
            "order_number": data["order_number"],
            "changed_at": data["changed_at"],
        }
        if held is None:
            self._connection.execute(insert(group_buy_outcomes).values(commitment_id=data["commitment_id"], **values))
        elif datetime.fromisoformat(held.changed_at) <= datetime.fromisoformat(data["changed_at"]):
            self._connection.execute(
                update(group_buy_outcomes)
                .where(group_buy_outcomes.c.commitment_id == data["commitment_id"])
                .values(**values)
            )

    def outcome_states(self) -> dict[str, tuple[str, str | None]]:
        """Commitment id -> (state, pickup order number), for the commitments the hub has answered."""
        rows = self._connection.execute(
            select(group_buy_outcomes.c.commitment_id, group_buy_outcomes.c.state, group_buy_outcomes.c.order_number)
        )
        return {row.commitment_id: (row.state, row.order_number) for row in rows}

    def refunds_due(self) -> list[RefundDue]:
        """Every commitment of the event the hub said to refund, the ones not yet refunded first."""
        refunded = or_(
            exists().where(returns.c.sale_id == group_buy_outcomes.c.sale_id),
            exists().where(foreign_returns.c.sale_id == group_buy_outcomes.c.sale_id),
        )
        rows = self._connection.execute(
            select(group_buy_outcomes, group_buys.c.name, refunded.label("refunded"))
            .join(group_buys, group_buys.c.id == group_buy_outcomes.c.group_buy_id, isouter=True)
            .where(group_buy_outcomes.c.state == "refund_due")
            .order_by(group_buy_outcomes.c.receipt_no)
        )
        due = [
            RefundDue(
                row.commitment_id,
                row.group_buy_id,
                row.name or "",
                row.sale_id,
                row.receipt_no,
                int(row.quantity),
                int(row.amount),
                bool(row.late),
                bool(row.refunded),
            )
            for row in rows
        ]
        return sorted(due, key=lambda item: item.refunded)
