"""Closing the event: a checklist that must be green, then the event's records become read-only.

Green means: no cash session open on this till, a stock count posted, every
outbox record acknowledged by the hub (or the manager has seen the list of
those that are not, with their reasons), and every conflict reviewed.
Feed entries the till could not apply are shown for the manager to pass on to
the marketplace, but do not block: they are the hub's to fix, not the till's.

The close is also the event's: the till sends ``till.closed`` as its last
record (its own sequence number, its cash closed, its Z report numbers), and
the checklist shows every till's line of the hub's close as last pulled
(app/services/till_statuses.py), so a manager on any till sees which till
still blocks the event's close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.clock import now_iso
from app.domain.consignment import ConsignmentLine, checked_reason, missing_lines
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.staff import Permission
from app.domain.texts import _, ngettext
from app.services.authorization import ensure_event_open, require
from app.services.consignment import reconciliations_in as consigned
from app.services.records import conflict_review_record
from app.services.till_statuses import EventCloseView, event_close_view
from app.store.database import driver
from app.store.outbox import OutboxStatus
from app.store.tills import EVENT_CLOSED_KEY
from app.store.unit_of_work import UnitOfWork
from sync.records import TillClosed
from sync.records.reviews import MAX_REVIEW_NOTE

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class UnsyncedRecord:
    seq: int
    type: str
    reason: str


@dataclass(frozen=True, slots=True)
class ConflictToReview:
    record_id: str
    seq: int
    type: str
    reason: str
    reviewed: bool


@dataclass(frozen=True, slots=True)
class CloseChecklist:
    open_sessions: tuple[str, ...]
    posted_counts: int
    unsynced: tuple[UnsyncedRecord, ...]
    conflicts: tuple[ConflictToReview, ...]
    enrolled: bool
    closed_at: str | None
    quarantined: int
    event: EventCloseView
    # Makers' products with units not accounted for (docs/consignment.md): a manager confirms them with a reason.
    missing: tuple[ConsignmentLine, ...] = ()

    @property
    def sessions_closed(self) -> bool:
        return not self.open_sessions

    @property
    def stock_counted(self) -> bool:
        return self.posted_counts > 0

    @property
    def synced(self) -> bool:
        return not self.unsynced

    @property
    def conflicts_reviewed(self) -> bool:
        return all(conflict.reviewed for conflict in self.conflicts)

    def blockers(self, accept_unsynced: bool, missing_confirmed: bool = False) -> list[str]:
        """What still stands in the way, each with what to do."""
        left = []
        if self.missing and not missing_confirmed:
            named = ", ".join(
                _("{count} x {sku} ({maker})").format(count=line.missing, sku=line.sku, maker=line.maker)
                for line in self.missing
            )
            left.append(
                _(
                    "Units of makers' goods are missing ({lines}): hand the unsold goods back to their makers,"
                    " or confirm the missing units with a reason."
                ).format(lines=named)
            )
        if not self.sessions_closed:
            left.append(
                _("Close the open cash session ({sessions}): count the drawer.").format(
                    sessions=", ".join(self.open_sessions)
                )
            )
        if not self.stock_counted:
            left.append(_("Post a stock count (Manager > Stock count)."))
        if not self.synced and not accept_unsynced:
            unsynced = len(self.unsynced)
            left.append(
                (
                    ngettext(
                        "{count} record is not acknowledged by the hub: sync with the hub, or close anyway.",
                        "{count} records are not acknowledged by the hub: sync with the hub, or close anyway.",
                        unsynced,
                    )
                    if self.enrolled
                    else ngettext(
                        "{count} record is not acknowledged by the hub: export the outbox for the marketplace, "
                        "or close anyway.",
                        "{count} records are not acknowledged by the hub: export the outbox for the marketplace, "
                        "or close anyway.",
                        unsynced,
                    )
                ).format(count=unsynced)
            )
        if not self.conflicts_reviewed:
            open_conflicts = sum(not c.reviewed for c in self.conflicts)
            left.append(
                ngettext(
                    "Review the {count} conflict the hub raised.",
                    "Review the {count} conflicts the hub raised.",
                    open_conflicts,
                ).format(count=open_conflicts)
            )
        return left


def close_checklist(uow: UnitOfWork) -> CloseChecklist:
    with uow.for_reading():
        till = uow.tills.this_till()
        session = uow.cash.open_session(till.till_id)
        reviewed = {row[0] for row in driver(uow.connection).execute("SELECT record_id FROM conflict_reviews")}
        unsynced = [
            UnsyncedRecord(record.seq, record.type, record.last_error or _("waiting for the hub"))
            for status in (OutboxStatus.WAITING, OutboxStatus.NEEDS_ATTENTION)
            for record in uow.outbox.records(status)
        ]
        conflicts = [
            ConflictToReview(
                record.record_id, record.seq, record.type, record.last_error or "", record.record_id in reviewed
            )
            for record in uow.outbox.records(OutboxStatus.ACKNOWLEDGED)
            if record.answer == "conflict"
        ]
        return CloseChecklist(
            open_sessions=(
                (
                    _("session {number} opened by {staff_name}").format(
                        number=session.number, staff_name=session.opened_by
                    ),
                )
                if session
                else ()
            ),
            posted_counts=uow.stock.posted_counts(),
            unsynced=tuple(sorted(unsynced, key=lambda record: record.seq)),
            conflicts=tuple(conflicts),
            enrolled=uow.hub.link() is not None,
            closed_at=uow.tills.setting(EVENT_CLOSED_KEY),
            quarantined=uow.quarantine.count(),
            event=event_close_view(uow),
            missing=tuple(missing_lines(consigned(uow))),
        )


def review_conflict(record_id: str, note: str, staff_id: str, uow: UnitOfWork) -> None:
    """The manager has seen a conflict and says what was done about it (the record itself stays as it is)."""
    # One line of printable text: the note travels to the hub (sync/records/reviews.py).
    note = " ".join(_CONTROL.sub(" ", note).split())
    if not note:
        raise InvalidInput(_("Write what was done about the conflict (e.g. 'customer called, refund agreed')."))
    if len(note) > MAX_REVIEW_NOTE:
        raise InvalidInput(
            _("The note is {length} characters long: shorten it to {limit}.").format(
                length=len(note), limit=MAX_REVIEW_NOTE
            )
        )
    with uow:
        member = require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        till = uow.tills.this_till()
        known = [r for r in uow.outbox.records(OutboxStatus.ACKNOWLEDGED) if r.record_id == record_id]
        if not known or known[0].answer != "conflict":
            raise NotFound(_("That record has no conflict to review."))
        at = now_iso()
        first_review = driver(uow.connection).execute(
            "INSERT OR IGNORE INTO conflict_reviews (record_id, reviewed_by, reviewed_at, note) VALUES (?, ?, ?, ?)",
            (record_id, staff_id, at, note),
        )
        if first_review.rowcount == 1:
            # The hub marks the conflict reviewed too, so its close checklist waits for no second review.
            uow.outbox.append(till.till_id, conflict_review_record(record_id, note, member.name, at))
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="conflict.reviewed",
            subject=record_id,
            details={"note": note},
        )
        uow.commit()


def close_event(
    staff_id: str, uow: UnitOfWork, accept_unsynced: bool = False, missing_reason: str | None = None
) -> str:
    """Close the event when the checklist is green; from then on its records are read-only.

    Missing consigned units need ``missing_reason``: the manager's confirmation, audited with the lines.
    """
    checklist = close_checklist(uow)
    why = checked_reason(missing_reason, _("Type why the units are missing.")) if missing_reason else None
    with uow:
        require(uow, staff_id, Permission.APPROVE_OVERRIDE)
        ensure_event_open(uow)
        left = checklist.blockers(accept_unsynced, missing_confirmed=why is not None)
        if left:
            raise RuleViolation(_("The event cannot be closed yet:") + "\n" + "\n".join(f"- {item}" for item in left))
        till = uow.tills.this_till()
        at = now_iso()
        if checklist.missing and why is not None:
            uow.audit.append(
                till_id=till.till_id,
                staff_id=staff_id,
                action="consignment.missing_confirmed",
                subject=till.event_id,
                details={
                    "reason": why,
                    "lines": [[line.maker, line.sku, line.missing] for line in checklist.missing],
                },
            )
        uow.tills.set_setting(EVENT_CLOSED_KEY, at)
        _declare_close(uow, till.till_id, till.code, checklist.sessions_closed, at)
        uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="event.closed",
            subject=till.event_id,
            details={"unsynced": [record.seq for record in checklist.unsynced]},
        )
        uow.commit()
    return at


def _declare_close(uow: UnitOfWork, till_id: str, till_code: str, cash_closed: bool, at: str) -> None:
    """``till.closed`` as the till's last record: its own sequence number tells the hub how many to expect.

    The number is read under the store's write lock, which the close holds, so
    the record appended next takes exactly it.
    """
    last_seq = int(driver(uow.connection).execute("SELECT coalesce(max(seq), 0) + 1 FROM outbox").fetchone()[0])
    record = TillClosed(
        till_code=till_code, last_seq=last_seq, cash_closed=cash_closed, z_numbers=uow.cash.z_numbers(), at=at
    )
    uow.outbox.append(till_id, record)
