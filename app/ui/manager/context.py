"""What every tab of the manager's screen shares: the store worker, the message area, the event, who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.events import EventSettings
from app.services.staff import SignedIn
from app.store.unit_of_work import UnitOfWork
from app.ui.messages import MessageBridge
from app.ui.worker import Change, StoreWorker


@dataclass
class ManagerContext:
    worker: StoreWorker
    new_uow: Callable[[], UnitOfWork]
    messages: MessageBridge
    event: Callable[[], EventSettings | None]
    data_dir: Path
    staff: SignedIn | None = field(default=None)

    def fmt(self, minor: int) -> str:
        event = self.event()
        return event.format(minor) if event else str(minor)

    def when(self, at: str) -> str:
        """A stored timestamp in the event's locale and time zone."""
        event = self.event()
        return event.format_datetime(at) if event else at

    def run(self, job: Callable[[], object], then: Callable[..., None], *changes: Change) -> None:
        """A read, or a write that changed ``changes``; a refusal shows in the window's message area."""
        (self.worker.write(job, *changes) if changes else self.worker.query(job)).success(then)

    @property
    def staff_id(self) -> str:
        assert self.staff is not None, "the manager screen is shown to a signed-in person only"
        return self.staff.staff_id
