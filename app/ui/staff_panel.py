"""The manager's Staff tab: who works at this till, and adding, deactivating, reactivating, resetting a PIN.

Who may do it, and the rules (not oneself, never the last manager), are the
services' (app/services/staff_admin.py); their refusals show in the banner.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PosError
from app.domain.events import EventSettings
from app.domain.staff import Role
from app.services.setup import event_settings
from app.services.staff import AddStaff, SignedIn, add_staff, list_staff
from app.services.staff_admin import ResetPin, StaffChange, deactivate_staff, reactivate_staff, reset_pin
from app.store.unit_of_work import UnitOfWork
from app.ui.messages import MessageBridge
from app.ui.pin_pad import PinDialog
from app.ui.tables import read_only_table, set_row
from app.ui.worker import StoreWorker

TOUCH_HEIGHT = 56


class NewPersonDialog(QDialog):
    """The name and role of someone new; their PIN is asked next, on the pad."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add staff"))
        self.name = QLineEdit()
        self.name.setMinimumHeight(TOUCH_HEIGHT)
        self.role = QComboBox()
        self.role.setMinimumHeight(TOUCH_HEIGHT)
        for role, label in (
            (Role.CASHIER, self.tr("Cashier")),
            (Role.PICKUP_CLERK, self.tr("Pickup clerk")),
            (Role.MANAGER, self.tr("Manager")),
        ):
            self.role.addItem(label, role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        for button in buttons.buttons():
            button.setMinimumHeight(TOUCH_HEIGHT)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(buttons)

    def chosen_role(self) -> Role:
        # Qt hands the item's data back as a plain string.
        return Role(self.role.currentData())


class StaffPanel(QWidget):
    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        messages: MessageBridge,
        signed_in: Callable[[], SignedIn | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self._messages = messages
        self._signed_in = signed_in
        self.people: list[SignedIn] = []
        self.dialog: QDialog | None = None
        self.table = read_only_table([self.tr("Name"), self.tr("Role"), self.tr("State")], stretch=2, fit_contents=True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(TOUCH_HEIGHT)
        self.table.itemSelectionChanged.connect(self._on_table_item_selection_changed)
        self.add_button = self._button(self.tr("Add…"), self.add_person)
        self.deactivate_button = self._button(self.tr("Deactivate"), self.deactivate_selected)
        self.reactivate_button = self._button(self.tr("Reactivate"), self.reactivate_selected)
        self.reset_pin_button = self._button(self.tr("Reset PIN…"), self.reset_selected_pin)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.deactivate_button, self.reactivate_button, self.reset_pin_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        self._on_table_item_selection_changed()

    def _button(self, text: str, handler: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setMinimumHeight(TOUCH_HEIGHT)
        button.clicked.connect(handler)
        return button

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Shown when its tab is chosen: the list is read fresh each time.
        super().showEvent(event)
        self.refresh()

    def _on_failed(self, error: PosError) -> None:
        self._messages.error(str(error))

    @Slot()
    def refresh(self) -> None:
        def read() -> tuple[list[SignedIn], EventSettings]:
            # The event says how the wait's end is written (its locale and time zone).
            return list_staff(self._new_uow(), include_inactive=True), event_settings(self._new_uow())

        self._worker.query(read).success(self._show_people).failure(self._on_failed)

    def _show_people(self, found: tuple[list[SignedIn], EventSettings]) -> None:
        people, event = found
        kept = self.selected()
        self.people = list(people)
        now = datetime.now(UTC)
        self.table.setRowCount(len(people))
        for row, person in enumerate(people):
            if not person.active:
                state = self.tr("Inactive")
            elif person.waits_until is not None and person.waits_until > now:
                state = self.tr("Sign-in waits until {0} (wrong PINs)").format(
                    event.format_time(person.waits_until, "medium")
                )
            else:
                state = self.tr("Active")
            set_row(self.table, row, [person.name, person.role.label, state])
            if kept is not None and person.staff_id == kept.staff_id:
                self.table.selectRow(row)
        self._on_table_item_selection_changed()

    def selected(self) -> SignedIn | None:
        rows = self.table.selectionModel().selectedRows()
        return self.people[rows[0].row()] if rows and rows[0].row() < len(self.people) else None

    def select(self, name: str) -> None:
        self.table.selectRow(next(row for row, person in enumerate(self.people) if person.name == name))

    @Slot()
    def _on_table_item_selection_changed(self) -> None:
        person = self.selected()
        self.deactivate_button.setEnabled(person is not None and person.active)
        self.reactivate_button.setEnabled(person is not None and not person.active)
        self.reset_pin_button.setEnabled(person is not None)

    def _manager_id(self) -> str | None:
        manager = self._signed_in()
        if manager is None:
            self._messages.error(self.tr("Nobody is signed in: sign in as a manager first."))
            return None
        return manager.staff_id

    def _run(self, job: Callable[[], object], done: str) -> None:
        self._worker.run_op(job).on_success(lambda _result: self._after(done)).on_failure(self._on_failed)

    def _after(self, done: str) -> None:
        self._messages.info(done)
        self.refresh()

    @Slot()
    def deactivate_selected(self) -> None:
        person, by = self.selected(), self._manager_id()
        if person is None or by is None:
            return
        change = StaffChange(person.staff_id, by)
        self._run(
            lambda: deactivate_staff(change, self._new_uow()),
            self.tr("{0} is deactivated and can no longer sign in; Reactivate undoes it.").format(person.name),
        )

    @Slot()
    def reactivate_selected(self) -> None:
        person, by = self.selected(), self._manager_id()
        if person is None or by is None:
            return
        change = StaffChange(person.staff_id, by)
        self._run(
            lambda: reactivate_staff(change, self._new_uow()),
            self.tr("{0} is active again and signs in with their PIN.").format(person.name),
        )

    @Slot()
    def reset_selected_pin(self) -> None:
        person, by = self.selected(), self._manager_id()
        if person is None or by is None:
            return

        def reset(pins: list[str]) -> None:
            command = ResetPin(person.staff_id, pins[0], by)
            self._run(
                lambda: reset_pin(command, self._new_uow()),
                self.tr("{0} has a new PIN; any wait after wrong PINs is over.").format(person.name),
            )

        self._ask_pin(self.tr("New PIN for {0}.").format(person.name), reset)

    @Slot()
    def add_person(self) -> None:
        by = self._manager_id()
        if by is None:
            return
        dialog = NewPersonDialog(self)
        self.dialog = dialog

        def named(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                return
            name, role = dialog.name.text(), dialog.chosen_role()

            def add(pins: list[str]) -> None:
                command = AddStaff(name, role, pins[0], added_by=by)
                self._run(
                    lambda: add_staff(command, self._new_uow()),
                    self.tr("{0} is added and can sign in.").format(" ".join(name.split())),
                )

            self._ask_pin(self.tr("New PIN for {0}.").format(name), add)

        dialog.finished.connect(named)
        dialog.open()

    def _ask_pin(self, prompt: str, then: Callable[[list[str]], None]) -> None:
        dialog = PinDialog(self.tr("New PIN"), [prompt], parent=self)
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                then(dialog.pins)

        dialog.finished.connect(finished)
        dialog.open()
