"""Sign-in: tap your name, type your PIN on the pad."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import PosError
from app.services.staff import SignedIn, list_staff, sign_in
from app.store.unit_of_work import UnitOfWork
from app.ui.pin_pad import PinPad
from app.ui.worker import StoreWorker


class SignInScreen(QWidget):
    signed_in = Signal(object)  # SignedIn

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self._people: list[SignedIn] = []
        self._chosen: SignedIn | None = None
        self.title = QLabel(self.tr("Who is at the till?"))
        self.title.setObjectName("screenTitle")
        self.people_grid = QGridLayout()
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.pad = PinPad()
        self.pad.setEnabled(False)
        self.pad.pin_entered.connect(self._on_pad_pin_entered)
        people_column = QVBoxLayout()
        people_column.addWidget(self.title)
        people_column.addLayout(self.people_grid)
        people_column.addWidget(self.message)
        people_column.addStretch()
        row = QHBoxLayout(self)
        row.addLayout(people_column, 2)
        row.addWidget(self.pad, 1, Qt.AlignmentFlag.AlignTop)

    def reload(self) -> None:
        """Lock the screen: forget who was chosen and fetch the active staff again."""
        self._chosen = None
        self.pad.clear()
        self.pad.setEnabled(False)
        self.message.setText(self.tr("Tap your name."))
        self._worker.run_op(lambda: list_staff(self._new_uow())).on_success(self._show_people).on_failure(
            lambda error: self.message.setText(str(error))
        )

    def _show_people(self, people: list[SignedIn]) -> None:
        self._people = people
        while self.people_grid.count():
            item = self.people_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for index, person in enumerate(people):
            button = QPushButton(f"{person.name}\n{person.role.value.replace('_', ' ')}")
            button.setObjectName("personButton")
            button.setMinimumSize(160, 80)
            button.clicked.connect(lambda _checked=False, chosen=person: self.choose(chosen))
            self.people_grid.addWidget(button, index // 3, index % 3)

    def choose(self, person: SignedIn) -> None:
        self._chosen = person
        self.pad.setEnabled(True)
        self.pad.clear()
        self.pad.focus()
        self.message.setText(self.tr("{0}: type your PIN.").format(person.name))

    def person_named(self, name: str) -> SignedIn:
        return next(person for person in self._people if person.name == name)

    @Slot(str)
    def _on_pad_pin_entered(self, pin: str) -> None:
        chosen = self._chosen
        if chosen is None:
            return
        self._worker.run_op(lambda: sign_in(chosen.staff_id, pin, self._new_uow())).on_success(
            self.signed_in.emit
        ).on_failure(self._on_sign_in_failed)

    def _on_sign_in_failed(self, error: PosError) -> None:
        self.message.setText(str(error))
        self.pad.focus()
