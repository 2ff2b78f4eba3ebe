"""What a till knows of the event's settings: a staff member's id by name, a maker's commission."""

from __future__ import annotations

from app.services.settlements import maker_settlements
from app.services.staff import list_staff
from tests.sync.conftest import EnrolledTill


def staff_id(till: EnrolledTill, name: str) -> str:
    return next(member.staff_id for member in list_staff(till.till.uow(), include_inactive=True) if member.name == name)


def commission_of(till: EnrolledTill, maker: str) -> int:
    return next(
        settlement.commission for settlement in maker_settlements(till.till.uow()) if settlement.maker_name == maker
    )
