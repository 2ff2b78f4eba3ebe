"""Cash sessions: open with a counted float, move cash in and out, X report, blind close with a Z report.

The close is blind: the person counting types the count by denomination
before anything tells them what was expected, then gets the over/short with
the expected amount explained line by line. A Z report is numbered and never
changes. The marketplace gets the session as one record when it closes: its Z
report carries the float, the movements and the count (opening and moving cash
are audited on the till, and a session only adds up once it is closed).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain import texts
from app.domain.audit import AuditHead, head_from_json
from app.domain.cash import MovementDirection, count_total, denominations
from app.domain.clock import now_iso
from app.domain.errors import InvalidInput, NotFound, RuleViolation
from app.domain.events import EventSettings
from app.domain.fact_digest import FactKind, canonical_json, fact_details
from app.domain.ids import new_id
from app.domain.staff import Permission
from app.domain.texts import N_, _
from app.services.audit import append_fact
from app.services.authorization import ManagerApproval, approve, ensure_event_open, require
from app.services.printing import queue_document
from app.store.cash import CashMovementRow, CashSession, SessionTakings
from app.store.facts import AUDIT_HEAD_KEY
from app.store.unit_of_work import UnitOfWork
from printers.document import Align, Document, DocumentKind, Row, Separator, Text
from sync import records

NO_SESSION = N_("No cash session is open on this till: open one by counting the float (Manager > Cash session).")


@dataclass(frozen=True, slots=True)
class CashReport:
    """An X report (any time, nothing counted) or a Z report (the close: counted, over/short)."""

    kind: str  # "X" or "Z"
    number: str
    till_code: str
    session_number: int
    opened_at: str
    opened_by: str
    currency: str
    expected_lines: tuple[tuple[str, int], ...]
    expected: int
    sales: int
    sales_total: int
    card_total: int
    voucher_total: int
    returns: int
    refunds_total: int
    movements: tuple[tuple[str, int, str], ...]
    counted: int | None = None
    over_short: int | None = None
    closed_at: str | None = None
    closed_by: str | None = None
    # The audit chain's head once the Z is taken (its own entry): printed, so that a store later cut
    # short or replaced can be told by anyone holding the paper.
    audit_head: AuditHead | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "number": self.number,
            "till_code": self.till_code,
            "session_number": self.session_number,
            "opened_at": self.opened_at,
            "opened_by": self.opened_by,
            "currency": self.currency,
            "expected_lines": [list(line) for line in self.expected_lines],
            "expected": self.expected,
            "sales": self.sales,
            "sales_total": self.sales_total,
            "card_total": self.card_total,
            "voucher_total": self.voucher_total,
            "returns": self.returns,
            "refunds_total": self.refunds_total,
            "movements": [list(movement) for movement in self.movements],
            "counted": self.counted,
            "over_short": self.over_short,
            "closed_at": self.closed_at,
            "closed_by": self.closed_by,
            AUDIT_HEAD_KEY: self.audit_head.to_json() if self.audit_head else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> CashReport:
        return cls(
            **{
                **data,
                "expected_lines": tuple((str(label), int(amount)) for label, amount in data["expected_lines"]),
                "movements": tuple((str(d), int(a), str(r)) for d, a, r in data["movements"]),
                AUDIT_HEAD_KEY: head_from_json(data.get(AUDIT_HEAD_KEY)),
            }
        )


def require_open_session(uow: UnitOfWork, till_id: str) -> CashSession:
    """The session a sale or a return on this till belongs to; refuses with what to do when there is none."""
    session = uow.cash.open_session(till_id)
    if session is None:
        raise RuleViolation(_(NO_SESSION))
    return session


def drawer_denominations(uow: UnitOfWork) -> tuple[int, ...]:
    with uow.for_reading():
        return denominations(uow.tills.this_till_and_event()[1].currency)


def open_session(counts: Mapping[int, int], staff_id: str, uow: UnitOfWork) -> CashSession:
    """Open the till's cash session with the float counted by denomination."""
    with uow:
        member = require(uow, staff_id, Permission.SELL)
        ensure_event_open(uow)
        till, event = uow.tills.this_till_and_event()
        float_amount = count_total(counts, event.currency)
        current = uow.cash.open_session(till.till_id)
        if current is not None:
            raise RuleViolation(
                _(
                    "Cash session {number} is open since {opened_at}: close it (count the drawer) before "
                    "opening another."
                ).format(number=current.number, opened_at=event.format_datetime(current.opened_at))
            )
        session = CashSession(
            new_id(), till.till_id, uow.cash.next_number(till.till_id), now_iso(), member.name, float_amount
        )
        uow.cash.add_session(session, counts)
        append_fact(
            uow,
            FactKind.CASH_SESSION,
            session.session_id,
            till_id=till.till_id,
            staff_id=staff_id,
            action="cash.session_opened",
            subject=session.session_id,
            details={"number": session.number, "float": float_amount},
        )
        uow.commit()
    return session


def current_session(uow: UnitOfWork) -> CashSession | None:
    with uow.for_reading():
        return uow.cash.open_session(uow.tills.this_till().till_id)


def move_cash(
    direction: MovementDirection,
    amount: int,
    reason: str,
    staff_id: str,
    uow: UnitOfWork,
    approval: ManagerApproval | None = None,
) -> None:
    """Cash in (more change) or out (a bank drop, petty cash), with its reason; cash out needs a manager."""
    if amount <= 0:
        raise InvalidInput(_("Type the amount of cash moved, more than zero."))
    if not reason.strip():
        raise InvalidInput(_("Say why the cash moves (e.g. bank drop, petty cash for tape, more change)."))
    with uow:
        member = require(uow, staff_id, Permission.SELL)
        ensure_event_open(uow)
        till = uow.tills.this_till()
        session = require_open_session(uow, till.till_id)
        approved_by = None
        if direction is MovementDirection.OUT:
            approved_by = approve(uow, member, approval, "Taking cash out of the drawer")
        at = now_iso()
        movement_id = new_id()
        uow.cash.add_movement(
            movement_id,
            session.session_id,
            CashMovementRow(direction.value, amount, reason.strip(), staff_id, approved_by, at),
        )
        append_fact(
            uow,
            FactKind.CASH_MOVEMENT,
            movement_id,
            till_id=till.till_id,
            staff_id=staff_id,
            action=f"cash.{direction.value}",
            subject=movement_id,
            details={"amount": amount, "reason": reason.strip()},
            approved_by=approved_by,
        )
        uow.commit()


def _report(kind: str, number: str, session: CashSession, till_code: str, currency: str, uow: UnitOfWork) -> CashReport:
    takings: SessionTakings = uow.cash.takings(session)
    return CashReport(
        kind=kind,
        number=number,
        till_code=till_code,
        session_number=session.number,
        opened_at=session.opened_at,
        opened_by=session.opened_by,
        currency=currency,
        expected_lines=tuple(takings.expected.lines()),
        expected=takings.expected.total,
        sales=takings.sales,
        sales_total=takings.sales_total,
        card_total=takings.card_total,
        voucher_total=takings.voucher_total,
        returns=takings.returns,
        refunds_total=takings.refunds_total,
        movements=tuple((m.direction, m.amount, m.reason) for m in uow.cash.movements(session.session_id)),
    )


def x_report(uow: UnitOfWork) -> CashReport:
    """The session so far, at any time; nothing is counted or closed."""
    with uow.for_reading():
        till, event = uow.tills.this_till_and_event()
        session = require_open_session(uow, till.till_id)
        return _report("X", f"{till.code}-X{session.number:04d}", session, till.code, event.currency, uow)


def close_session(counts: Mapping[int, int], staff_id: str, uow: UnitOfWork) -> CashReport:
    """Close with a blind count: the Z report with expected, counted and over/short, numbered and immutable."""
    with uow:
        member = require(uow, staff_id, Permission.SELL)
        till, event = uow.tills.this_till_and_event()
        session = require_open_session(uow, till.till_id)
        counted = count_total(counts, event.currency)
        draft = _report("Z", uow.cash.next_z_number(till.code), session, till.code, event.currency, uow)
        at = now_iso()
        expected = draft.expected
        report = CashReport(
            **{
                **draft.to_json(),
                "expected_lines": draft.expected_lines,
                "movements": draft.movements,
                "counted": counted,
                "over_short": counted - expected,
                "closed_at": at,
                "closed_by": member.name,
            }
        )
        # The Z row is hashed from the values about to be written: its report then carries the head
        # that its own entry makes, which the hash leaves out (app/store/facts.py).
        sent = report.to_json()
        del sent[AUDIT_HEAD_KEY]
        row = (
            report.number,
            at,
            member.name,
            counted,
            canonical_json({str(value): pieces for value, pieces in counts.items()}),
            expected,
            counted - expected,
            canonical_json(sent),
        )
        entry = uow.audit.append(
            till_id=till.till_id,
            staff_id=staff_id,
            action="cash.session_closed",
            subject=session.session_id,
            details={
                "z_number": report.number,
                "expected": expected,
                "counted": counted,
                **fact_details(FactKind.Z_REPORT, [[row]]),
            },
        )
        report = dataclasses.replace(report, audit_head=AuditHead(entry.fields.seq, entry.entry_hash))
        uow.cash.close(session.session_id, report.number, at, member.name, counted, counts, expected, report.to_json())
        uow.outbox.append(till.till_id, records.CashSessionClosed(session_id=session.session_id, **sent))
        uow.commit()
    return report


def z_report(z_number: str, uow: UnitOfWork) -> CashReport:
    with uow.for_reading():
        stored = uow.cash.z_report(z_number)
    if stored is None:
        raise NotFound(
            _("No Z report {number} on this till: see 'popup-pos report z --list'.").format(
                number=z_number.strip().upper()
            )
        )
    return CashReport.from_json(stored)


def z_numbers(uow: UnitOfWork) -> list[str]:
    with uow.for_reading():
        return uow.cash.z_numbers()


def cash_report_document(report: CashReport, event: EventSettings) -> Document:
    _ = texts.for_locale(event.locale).gettext  # printed in the event's language, whoever closes the till
    fmt = event.format
    heading = (_("X report {number}") if report.kind == "X" else _("Z report {number}")).format(number=report.number)
    blocks: list[Text | Row | Separator] = [
        Text(event.name, Align.CENTER, bold=True, large=True),
        Text(heading, Align.CENTER, bold=True),
        Text(
            _("Till {till} · session {session}").format(till=report.till_code, session=report.session_number),
            Align.CENTER,
        ),
        Text(
            _("Opened {at} by {staff_name}").format(
                at=event.format_datetime(report.opened_at), staff_name=report.opened_by
            ),
            Align.CENTER,
        ),
    ]
    if report.closed_at:
        closed = _("Closed {at} by {staff_name}").format(
            at=event.format_datetime(report.closed_at), staff_name=report.closed_by
        )
        blocks.append(Text(closed, Align.CENTER))
    blocks += [
        Separator(),
        Row(_("Sales ({count})").format(count=report.sales), fmt(report.sales_total)),
        Row("  " + _("paid by card"), fmt(report.card_total)),
        Row("  " + _("paid by voucher"), fmt(report.voucher_total)),
        Row(_("Returns ({count})").format(count=report.returns), f"-{fmt(report.refunds_total)}"),
        Separator(),
    ]
    # The labels are stored in English (ExpectedCash.lines); the last one is the expected total.
    blocks += [Row(_(label), fmt(amount), bold=label.startswith("Expected")) for label, amount in report.expected_lines]
    for direction, amount, reason in report.movements:
        moved = _("cash in: {amount} · {reason}") if direction == "in" else _("cash out: {amount} · {reason}")
        blocks.append(Text("  " + moved.format(amount=fmt(amount), reason=reason)))
    if report.counted is not None and report.over_short is not None:
        result = _("OVER") if report.over_short > 0 else _("SHORT") if report.over_short < 0 else _("EXACT")
        blocks += [
            Separator(),
            Row(_("Counted"), fmt(report.counted), bold=True),
            Row(result, fmt(report.over_short), bold=True, large=True),
        ]
    if report.audit_head is not None:
        # Typed back into 'popup-pos audit verify --head' to prove the store still holds this entry.
        audit = _("Audit head: {head}").format(head=report.audit_head.printed())
        blocks += [Separator(), Text(audit, Align.CENTER)]
    return Document(
        DocumentKind.CASH_REPORT,
        (_("{event} X report {number}") if report.kind == "X" else _("{event} Z report {number}")).format(
            event=event.name, number=report.number
        ),
        tuple(blocks),
        meta={"file_name": f"{report.kind.lower()}-report-{report.number}"},
    )


def queue_cash_report(report: CashReport, uow: UnitOfWork) -> str:
    return queue_document(
        lambda entered: cash_report_document(report, entered.tills.this_till_and_event()[1]), report.number, uow
    )
