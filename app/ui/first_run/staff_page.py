"""The staff who work the till, each with a role and a PIN; the first is a manager."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLineEdit, QListWidget, QPushButton

from app.domain.staff import Role
from app.services.staff import AddStaff, SignedIn, add_staff, list_staff
from app.ui.first_run.base import Page, Session, Step

ROLES = (Role.MANAGER, Role.CASHIER, Role.PICKUP_CLERK)


class StaffPage(Page):
    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Staff"))
        self.setSubTitle(
            self.tr(
                "Everyone who works the till signs in with their own PIN (4 to 8 digits). "
                "The first person is a manager, who can later approve discounts, voids and refunds."
            )
        )
        self.people = QListWidget()
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItems([self.role_label(role) for role in ROLES])
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_pin = QLineEdit()
        self.repeat_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self._on_add_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.repeat_pin)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addWidget(self.add_button)
        column = self.body
        column.addWidget(self.people)
        column.addLayout(row)
        self.staff: list[SignedIn] = []

    def initializePage(self) -> None:  # noqa: N802
        self.run(self.session.store, lambda: list_staff(self.session.till.uow()), self._show_staff)

    def _show_staff(self, staff: list[SignedIn]) -> None:
        self.staff = staff
        self.people.clear()
        self.people.addItems([f"{member.name} · {self.role_label(member.role)}" for member in staff])
        self.completeChanged.emit()

    def role_label(self, role: Role) -> str:
        return {Role.MANAGER: self.tr("manager"), Role.CASHIER: self.tr("cashier")}.get(role, self.tr("pickup clerk"))

    def ready(self) -> bool:
        return any(member.role is Role.MANAGER for member in self.staff)

    @Slot()
    def _on_add_clicked(self) -> None:
        if self.pin.text() != self.repeat_pin.text():
            self.error.setText(self.tr("The two PINs differ: type the PIN again in both fields."))
            return
        role = ROLES[self.role.currentIndex()]
        command = AddStaff(self.name.text(), role, self.pin.text(), self.session.manager_id)
        uow = self.session.till.uow

        def add() -> tuple[SignedIn, list[SignedIn]]:
            return add_staff(command, uow()), list_staff(uow())

        self.run(self.session.store, add, self._on_added)

    def _on_added(self, added: tuple[SignedIn, list[SignedIn]]) -> None:
        member, staff = added
        if self.session.manager_id is None and member.role is Role.MANAGER:
            # The person setting the till up acts as its first manager for the rest of the wizard.
            self.session.manager_id = member.staff_id
        self.role.setCurrentIndex(ROLES.index(Role.CASHIER))  # after the manager come the counter staff
        for field in (self.name, self.pin, self.repeat_pin):
            field.clear()
        self._show_staff(staff)

    def nextId(self) -> int:  # noqa: N802
        return int(Step.PRINTER)
