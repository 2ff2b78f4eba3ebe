"""The mugs of the drop tests, and the hub's answers a till stored for its records of a type."""

from __future__ import annotations

from sqlalchemy import select

from app.store.schema import outbox
from tests.sync.conftest import EnrolledTill

SPECKLED, BLUE = "BER-003", "BER-004"


def answers(till: EnrolledTill, record_type: str) -> list[str]:
    with till.till.uow() as uow:
        rows = uow.connection.execute(
            select(outbox.c.answer).where(outbox.c.type == record_type).order_by(outbox.c.seq)
        )
        return [str(row.answer or "") for row in rows]
