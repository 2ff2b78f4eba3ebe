"""What the screens show of the sync: enrolled or standalone, what waits, what needs a person.

Apart from app/services/syncing.py because it is a plain read of the till's
store: the status bar shows it as the window opens, without loading the sync
client and the wire contracts (pydantic), which the first sync loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from app.services.audit import HUB_REFUSAL_KEY
from app.store.outbox import OutboxStatus
from app.store.unit_of_work import UnitOfWork


def hub_refusal(uow: UnitOfWork) -> str | None:
    """Why the hub last refused this till's audit head, while it does (inside the caller's unit of work)."""
    return uow.tills.setting(HUB_REFUSAL_KEY) or None


@dataclass(frozen=True, slots=True)
class AttentionItem:
    seq: int
    type: str
    reason: str


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    seq: int
    kind: str
    key: str
    reason: str
    quarantined_at: str


QUARANTINE_SHOWN = 20


@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    hub_url: str | None
    last_success: str | None
    last_error: str | None
    waiting: int
    oldest_waiting_seconds: float | None
    needing_attention: tuple[AttentionItem, ...]
    conflicts: tuple[AttentionItem, ...]
    # Feed entries set aside because they could not be applied (all of them), and the newest few.
    quarantined: int
    quarantine: tuple[QuarantineItem, ...]
    # Why the hub refuses this till's audit head (its store is shorter than one it saw), while it does.
    audit_refusal: str | None = None


def sync_status(uow: UnitOfWork) -> SyncStatus:
    with uow.for_reading():
        link = uow.hub.link()
        oldest = uow.outbox.oldest_waiting()
        last_success = uow.hub.last_success()
        attention = uow.outbox.records(OutboxStatus.NEEDS_ATTENTION)
        conflicts = [r for r in uow.outbox.records(OutboxStatus.ACKNOWLEDGED) if r.answer == "conflict"]
        return SyncStatus(
            enrolled=link is not None,
            hub_url=link.url if link else None,
            # Written for people: a last success means the till (and so its event) is there.
            last_success=uow.tills.this_till_and_event()[1].format_datetime(last_success) if last_success else None,
            last_error=uow.hub.last_error(),
            waiting=uow.outbox.count(OutboxStatus.WAITING),
            oldest_waiting_seconds=(
                (datetime.now(UTC) - datetime.fromisoformat(oldest)).total_seconds() if oldest else None
            ),
            needing_attention=tuple(AttentionItem(r.seq, r.type, r.last_error or "") for r in attention),
            conflicts=tuple(AttentionItem(r.seq, r.type, r.last_error or "") for r in conflicts),
            quarantined=uow.quarantine.count(),
            quarantine=tuple(
                QuarantineItem(entry.seq, entry.kind, entry.key, entry.reason, entry.quarantined_at)
                for entry in uow.quarantine.entries(QUARANTINE_SHOWN)
            ),
            audit_refusal=hub_refusal(uow),
        )
