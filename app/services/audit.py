"""Checking that the audit trail has not been tampered with."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.audit import BrokenLink, find_broken_link
from app.store.unit_of_work import UnitOfWork


@dataclass(frozen=True, slots=True)
class AuditVerification:
    entries: int
    broken: BrokenLink | None


def verify_audit_trail(uow: UnitOfWork) -> AuditVerification:
    with uow.for_reading():
        entries = list(uow.audit.entries())
    return AuditVerification(len(entries), find_broken_link(entries))
