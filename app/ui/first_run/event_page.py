"""The first page: the demo or a real event; on a set-up till, which till and event this store is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton

from app.bootstrap import Till
from app.services.demo import DEMO_STAFF, load_demo
from app.services.setup import TillStatus, is_set_up, till_status
from app.services.staff import SignedIn, list_staff, sign_in
from app.ui.first_run.base import Page, Session, Step


class EventPage(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Welcome to Pop-up POS"))
        self.setSubTitle(self.tr("A till sells at one event. Try the demo, or set up your own event."))
        self.demo = QRadioButton(self.tr("Try the demo event (a winter market with products, staff and PINs)"))
        self.real = QRadioButton(self.tr("Set up a real event"))
        self.real.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.demo)
        self.choice.addButton(self.real)
        self.current = QLabel()
        self.current.setWordWrap(True)
        column = self.body
        column.addWidget(self.demo)
        column.addWidget(self.real)
        column.addWidget(self.current)
        column.addStretch()
        self.set_up = False
        self.staff: list[SignedIn] = []

    def initializePage(self) -> None:  # noqa: N802
        self.run(self.session.store, lambda: _till_and_staff(self.session.till), self._show_till)

    def _show_till(self, found: tuple[TillStatus | None, list[SignedIn]]) -> None:
        status, self.staff = found
        self.set_up = status is not None
        self.demo.setVisible(not self.set_up)
        self.real.setVisible(not self.set_up)
        if status is not None:
            self.current.setText(
                self.tr(
                    "This store is till {0} of '{1}' ({2}). A store belongs to one till: "
                    "for another event, start Pop-up POS with another data folder."
                ).format(status.till.code, status.event.name, status.event.currency)
            )

    def step_job(self) -> Callable[[], Any] | None:
        if self.set_up or not self.demo.isChecked():
            return None
        till = self.session.till

        def load() -> SignedIn:
            load_demo(till.uow)
            manager = DEMO_STAFF[0]
            staff_id = next(member.staff_id for member in list_staff(till.uow()) if member.name == manager.name)
            return sign_in(staff_id, manager.pin, till.uow())

        return load

    def step_done(self, manager: SignedIn) -> None:
        self.set_up = True
        self.session.manager_id = manager.staff_id

    def nextId(self) -> int:  # noqa: N802
        if not self.set_up:
            return int(Step.CONNECT)
        if self.session.manager_id is None and self.staff:
            return int(Step.MANAGER)
        return int(Step.STAFF)


def _till_and_staff(till: Till) -> tuple[TillStatus | None, list[SignedIn]]:
    if not is_set_up(till.uow()):
        return None, []
    return till_status(till.uow()), list_staff(till.uow())
