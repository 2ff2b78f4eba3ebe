"""A record for the hub queued with the audit entry that says who made it, in the caller's transaction.

Most things a person does at the till that other tills must learn (a demand
entry, a group buy commitment, a voucher, a drop, a price rule, maker terms, a
transfer) are two writes that belong together: the outbox row the hub will
apply and the audit entry of the till's own trail. Both go into the unit of
work the caller holds open, so they commit with the fact itself or not at all.
Facts whose audit entry carries the hash of their rows use
``app.services.audit.append_fact`` instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.store.unit_of_work import UnitOfWork

if TYPE_CHECKING:
    from sync.records import Fact


def queue_audited(
    uow: UnitOfWork,
    record: Fact,
    *,
    till_id: str,
    staff_id: str | None,
    action: str,
    subject: str,
    details: dict[str, object],
) -> None:
    """Queue ``record`` for the hub and audit ``action`` on ``subject``; the caller commits."""
    uow.outbox.append(till_id, record)
    uow.audit.append(till_id=till_id, staff_id=staff_id, action=action, subject=subject, details=details)
