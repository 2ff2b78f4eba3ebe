"""Cash sessions: the opening float, cash movements, and the close with its Z report, all as facts."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from app.domain.cash import ExpectedCash
from app.store.database import driver
from app.store.schema import cash_movements, cash_session_closes, cash_sessions


@dataclass(frozen=True, slots=True)
class CashSession:
    session_id: str
    till_id: str
    number: int
    opened_at: str
    opened_by: str
    float_amount: int
    closed_at: str | None = None
    z_number: str | None = None


@dataclass(frozen=True, slots=True)
class CashMovementRow:
    direction: str
    amount: int
    reason: str
    staff_id: str
    approved_by: str | None
    created_at: str


@dataclass(frozen=True, slots=True)
class SessionTakings:
    """What the session's sales and returns took and gave back, per tender."""

    expected: ExpectedCash
    sales: int
    sales_total: int
    card_total: int
    voucher_total: int
    returns: int
    refunds_total: int


def _session(row: Any) -> CashSession:
    return CashSession(
        row.id,
        row.till_id,
        row.number,
        row.opened_at,
        row.opened_by,
        row.float_amount,
        getattr(row, "closed_at", None),
        getattr(row, "z_number", None),
    )


_WITH_CLOSE = select(cash_sessions, cash_session_closes.c.closed_at, cash_session_closes.c.z_number).select_from(
    cash_sessions.outerjoin(cash_session_closes, cash_session_closes.c.session_id == cash_sessions.c.id)
)


# A till's open session: the one not closed. Also read by the sale's first statement (app/store/tills.py),
# with ``till`` the till's column there.
OPEN_SESSION_OF_TILL = (
    "SELECT s.id FROM cash_sessions s WHERE s.till_id = {till}"
    " AND NOT EXISTS (SELECT 1 FROM cash_session_closes c WHERE c.session_id = s.id)"
)


class CashRepository:
    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def open_session(self, till_id: str) -> CashSession | None:
        """The till's session that has no close yet (there is at most one)."""
        row = self._connection.execute(
            _WITH_CLOSE.where(cash_sessions.c.till_id == till_id, cash_session_closes.c.session_id.is_(None))
        ).first()
        return _session(row) if row else None

    def open_session_id(self, till_id: str) -> str | None:
        """The open session's id alone, through the driver: the checkout path asks it on every sale."""
        row = driver(self._connection).execute(OPEN_SESSION_OF_TILL.format(till="?"), (till_id,)).fetchone()
        return str(row[0]) if row else None

    def sessions(self) -> list[CashSession]:
        return [_session(row) for row in self._connection.execute(_WITH_CLOSE.order_by(cash_sessions.c.opened_at))]

    def get(self, session_id: str) -> CashSession | None:
        row = self._connection.execute(_WITH_CLOSE.where(cash_sessions.c.id == session_id)).first()
        return _session(row) if row else None

    def next_number(self, till_id: str) -> int:
        last = self._connection.scalar(
            select(func.max(cash_sessions.c.number)).where(cash_sessions.c.till_id == till_id)
        )
        return int(last or 0) + 1

    def add_session(self, session: CashSession, counts: Mapping[int, int]) -> None:
        self._connection.execute(
            cash_sessions.insert().values(
                id=session.session_id,
                till_id=session.till_id,
                number=session.number,
                opened_at=session.opened_at,
                opened_by=session.opened_by,
                float_amount=session.float_amount,
                float_counts=json.dumps({str(value): pieces for value, pieces in counts.items()}),
            )
        )

    def add_movement(self, movement_id: str, session_id: str, movement: CashMovementRow) -> None:
        self._connection.execute(
            cash_movements.insert().values(
                id=movement_id,
                session_id=session_id,
                direction=movement.direction,
                amount=movement.amount,
                reason=movement.reason,
                staff_id=movement.staff_id,
                approved_by=movement.approved_by,
                created_at=movement.created_at,
            )
        )

    def movements(self, session_id: str) -> list[CashMovementRow]:
        rows = self._connection.execute(
            select(cash_movements)
            .where(cash_movements.c.session_id == session_id)
            .order_by(cash_movements.c.created_at)
        )
        return [CashMovementRow(r.direction, r.amount, r.reason, r.staff_id, r.approved_by, r.created_at) for r in rows]

    def takings(self, session: CashSession) -> SessionTakings:
        db = driver(self._connection)
        sales_count, sales_total, change = db.execute(
            "SELECT count(*), coalesce(sum(total), 0), coalesce(sum(change_given), 0) FROM sales"
            " WHERE cash_session_id = ?",
            (session.session_id,),
        ).fetchone()
        by_kind = dict(
            db.execute(
                "SELECT t.kind, sum(CASE WHEN t.kind = 'cash' THEN t.tendered ELSE t.amount END)"
                " FROM sale_tenders t JOIN sales s ON s.id = t.sale_id WHERE s.cash_session_id = ? GROUP BY t.kind",
                (session.session_id,),
            ).fetchall()
        )
        returns_count, refunds_total = db.execute(
            "SELECT count(*), coalesce(sum(refund_total), 0) FROM returns WHERE cash_session_id = ?",
            (session.session_id,),
        ).fetchone()
        cash_refunds = db.execute(
            "SELECT coalesce(sum(f.amount), 0) FROM return_refunds f JOIN returns r ON r.id = f.return_id"
            " WHERE r.cash_session_id = ? AND f.kind = 'cash'",
            (session.session_id,),
        ).fetchone()[0]
        moved = dict(
            db.execute(
                "SELECT direction, sum(amount) FROM cash_movements WHERE session_id = ? GROUP BY direction",
                (session.session_id,),
            ).fetchall()
        )
        expected = ExpectedCash(
            float_amount=session.float_amount,
            cash_taken=int(by_kind.get("cash", 0)),
            change_given=int(change),
            cash_refunds=int(cash_refunds),
            cash_in=int(moved.get("in", 0)),
            cash_out=int(moved.get("out", 0)),
        )
        return SessionTakings(
            expected,
            int(sales_count),
            int(sales_total),
            int(by_kind.get("card", 0)),
            int(by_kind.get("voucher", 0)),
            int(returns_count),
            int(refunds_total),
        )

    def next_z_number(self, till_code: str) -> str:
        count = self._connection.scalar(select(func.count()).select_from(cash_session_closes))
        return f"{till_code}-Z{int(count or 0) + 1:04d}"

    def close(
        self,
        session_id: str,
        z_number: str,
        closed_at: str,
        closed_by: str,
        counted: int,
        counts: Mapping[int, int],
        expected: int,
        report: dict[str, Any],
    ) -> None:
        self._connection.execute(
            cash_session_closes.insert().values(
                session_id=session_id,
                z_number=z_number,
                closed_at=closed_at,
                closed_by=closed_by,
                counted_amount=counted,
                counted_counts=json.dumps({str(value): pieces for value, pieces in counts.items()}),
                expected_amount=expected,
                over_short=counted - expected,
                report=json.dumps(report),
            )
        )

    def z_report(self, z_number: str) -> dict[str, Any] | None:
        stored = self._connection.scalar(
            select(cash_session_closes.c.report).where(cash_session_closes.c.z_number == z_number.strip().upper())
        )
        return json.loads(stored) if stored else None

    def z_numbers(self) -> list[str]:
        return list(
            self._connection.scalars(select(cash_session_closes.c.z_number).order_by(cash_session_closes.c.closed_at))
        )
