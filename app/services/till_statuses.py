"""The event's close as the hub sees it, on this till: one line per till of the event, from the feed.

The hub feeds a ``till_status`` entry (sync/records/closing.py) whenever a
till's line of its close checklist changes; the till keeps the newest per till
and the close tab shows what still blocks the event's close, on every till.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from app.domain.clock import now_iso
from app.domain.texts import _, ngettext
from app.store.till_statuses import TillStatusRow, save_till_status, till_statuses
from app.store.unit_of_work import UnitOfWork

TILL_STATUS_KIND = "till_status"


def apply_till_status(uow: UnitOfWork, till_code: str, data: Mapping[str, Any]) -> None:
    """Store one ``till_status`` entry of the feed (already checked against its contract)."""
    save_till_status(
        uow.connection,
        TillStatusRow(
            till_code=till_code,
            closed=bool(data["closed"]),
            cash_closed=bool(data["cash_closed"]),
            last_seq_declared=data["last_seq_declared"],
            last_seq_received=int(data["last_seq_received"]),
            missing=int(data["missing"]),
            conflicts_open=int(data["conflicts_open"]),
            event_frozen=bool(data["event_frozen"]),
            updated_at=now_iso(),
        ),
    )


@dataclass(frozen=True, slots=True)
class TillLine:
    till_code: str
    problems: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return not self.problems

    def text(self) -> str:
        """The line as the close tab shows it, e.g. "Till B: cash still open"."""
        if self.ready:
            return _("Till {code}: ready for the event's close").format(code=self.till_code)
        return _("Till {code}: {problems}").format(code=self.till_code, problems="; ".join(self.problems))


@dataclass(frozen=True, slots=True)
class EventCloseView:
    """Every till's line, as last pulled; ``frozen`` once the marketplace closed the event on the hub."""

    tills: tuple[TillLine, ...]
    frozen: bool


def _problems(row: TillStatusRow) -> tuple[str, ...]:
    problems = []
    if not row.closed:
        problems.append(_("cash still open (the till has not closed)"))
    elif not row.cash_closed:
        problems.append(_("cash still open"))
    if row.missing:
        problems.append(
            ngettext(
                "{count} record has not reached the hub",
                "{count} records have not reached the hub",
                row.missing,
            ).format(count=row.missing)
        )
    if row.conflicts_open:
        problems.append(
            ngettext(
                "{count} conflict not reviewed on the hub",
                "{count} conflicts not reviewed on the hub",
                row.conflicts_open,
            ).format(count=row.conflicts_open)
        )
    return tuple(problems)


def event_close_view(uow: UnitOfWork) -> EventCloseView:
    """What the hub last said about each till; inside the caller's reading transaction."""
    rows = till_statuses(uow.connection)
    return EventCloseView(
        tills=tuple(TillLine(row.till_code, _problems(row)) for row in rows),
        frozen=any(row.event_frozen for row in rows),
    )
