"""What every page of the first-run wizard shares: the session, the steps, and a page whose Next runs a service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import shiboken6
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget, QWizard, QWizardPage

from app.bootstrap import Till
from app.domain.errors import InvalidInput, PosError
from app.ui.worker import StoreWorker


class Step(IntEnum):
    EVENT = 0
    CONNECT = 1
    MANAGER = 2
    STAFF = 3
    PRINTER = 4
    FLOAT = 5
    DONE = 6


@dataclass
class Session:
    """What the pages share: the till, the workers, and the manager acting in the wizard."""

    till: Till
    store: StoreWorker
    # Network and printers can take seconds to time out; the store's queue never waits on them.
    devices: StoreWorker
    manager_id: str | None = None


class Page(QWizardPage):
    """A page whose Next runs a service call off the GUI thread, moving on only when it succeeded.

    Its fields live in ``self.body``, inside a scroll area: on a 600-px screen a long page scrolls
    while the wizard's buttons and the page's error stay in view.
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        content = QWidget()
        self.body = QVBoxLayout(content)
        self.body.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(scroll, 1)
        column.addWidget(self.error)
        self._busy = False
        self._passed = False

    def isComplete(self) -> bool:  # noqa: N802
        return not self._busy and self.ready()

    def ready(self) -> bool:
        return True

    def validatePage(self) -> bool:  # noqa: N802
        if self._passed:
            self._passed = False
            return True
        job = self.step_job()
        if job is None:
            return True
        self.run(self.step_worker(), job, self._on_step_done)
        return False

    def step_job(self) -> Callable[[], Any] | None:
        """What Next must do before moving on; None when nothing."""
        return None

    def step_worker(self) -> StoreWorker:
        return self.session.store

    def step_done(self, _result: Any) -> None:
        """Called on the GUI thread when the step's job succeeded, before moving on."""

    def run(self, worker: StoreWorker, job: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self.error.clear()
        self._set_busy(True)

        def succeeded(result: Any) -> None:
            if not shiboken6.isValid(self):
                return  # the wizard was closed while the job ran: nothing left to show it on
            self._set_busy(False)
            on_success(result)

        def failed(error: PosError) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            self.error.setText(str(error))

        # The wizard's own workers: no window listens for what changed, the pages read back what they show.
        worker.write(job).success(succeeded).failure(failed)

    def _on_step_done(self, result: Any) -> None:
        self.step_done(result)
        self._passed = True
        self.wizard().next()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
        self.completeChanged.emit()


def refuse(message: str) -> Callable[[], object]:
    def refused() -> object:
        raise InvalidInput(message)

    return refused


def signed(manager_id: str | None) -> str:
    if manager_id is None:
        raise InvalidInput("A manager signs in before changing the till's settings: go back to the staff page.")
    return manager_id
