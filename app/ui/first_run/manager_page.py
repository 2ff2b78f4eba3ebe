"""On a set-up till: a manager signs in before changing its settings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit

from app.domain.staff import Role
from app.services.staff import SignedIn, list_staff, sign_in
from app.ui.first_run.base import Page, Session, Step, refuse


class ManagerPage(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Manager sign-in"))
        self.setSubTitle(self.tr("Changing the till's settings is a manager's job."))
        self.manager = QComboBox()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.body.addLayout(form)
        form.addRow(self.tr("Manager"), self.manager)
        form.addRow(self.tr("PIN"), self.pin)
        self._ids: list[str] = []

    def initializePage(self) -> None:  # noqa: N802
        self.run(self.session.store, lambda: list_staff(self.session.till.uow()), self._show_managers)

    def _show_managers(self, staff: list[SignedIn]) -> None:
        managers = [member for member in staff if member.role is Role.MANAGER]
        self._ids = [member.staff_id for member in managers]
        self.manager.clear()
        self.manager.addItems([member.name for member in managers])

    def step_job(self) -> Callable[[], Any]:
        if not self._ids:
            return refuse(self.tr("This till has no manager: add one with 'popup-pos staff add NAME --role manager'."))
        staff_id, pin = self._ids[self.manager.currentIndex()], self.pin.text()
        return lambda: sign_in(staff_id, pin, self.session.till.uow())

    def step_done(self, manager: SignedIn) -> None:
        self.session.manager_id = manager.staff_id
        self.pin.clear()

    def nextId(self) -> int:  # noqa: N802
        return int(Step.STAFF)
