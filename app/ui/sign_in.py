"""Sign-in: tap your name, type your PIN on the pad; after too many wrong PINs, a countdown.

The wait itself is the service's rule (app/domain/lockout.py): the screen only
shows it and keeps the pad off until it ends. ``clock`` is the screen's time,
replaceable in tests so that a 30-second wait need not take 30 seconds.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import PosError
from app.domain.lockout import SignInWaiting, format_wait
from app.services.staff import ChangeOwnPin, SignedIn, change_own_pin, list_staff, sign_in
from app.store.unit_of_work import UnitOfWork
from app.ui.pin_pad import PinDialog, PinPad
from app.ui.worker import StoreWorker

COUNTDOWN_TICK_MS = 250


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SignInScreen(QWidget):
    signed_in = Signal(object)  # SignedIn

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self.clock: Callable[[], datetime] = _utc_now
        self._people: list[SignedIn] = []
        self._chosen: SignedIn | None = None
        # Until when each person's sign-in waits, as the store last said.
        self._waits: dict[str, datetime] = {}
        self.pin_dialog: PinDialog | None = None
        self.title = QLabel(self.tr("Who is at the till?"))
        self.title.setObjectName("screenTitle")
        self.people_grid = QGridLayout()
        # The chosen name stays highlighted (checked) while its PIN is typed.
        self.people_buttons = QButtonGroup(self)
        self.people_buttons.setExclusive(True)
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.change_pin_button = QPushButton(self.tr("Change my PIN"))
        self.change_pin_button.setMinimumHeight(56)
        self.change_pin_button.setEnabled(False)
        self.change_pin_button.clicked.connect(self.change_pin)
        self.pad = PinPad()
        self.pad.setEnabled(False)
        self.pad.pin_entered.connect(self._on_pad_pin_entered)
        self.countdown = QTimer(self)
        self.countdown.setInterval(COUNTDOWN_TICK_MS)
        self.countdown.timeout.connect(self._on_countdown_timeout)
        people_column = QVBoxLayout()
        people_column.addWidget(self.title)
        people_column.addLayout(self.people_grid)
        people_column.addWidget(self.message)
        people_column.addWidget(self.change_pin_button, 0, Qt.AlignmentFlag.AlignLeft)
        people_column.addStretch()
        row = QHBoxLayout(self)
        row.addLayout(people_column, 2)
        row.addWidget(self.pad, 1, Qt.AlignmentFlag.AlignTop)

    def reload(self) -> None:
        """Lock the screen: forget who was chosen and fetch the active staff again."""
        self._chosen = None
        self.pad.submit_at = None
        self.pad.clear()
        self.pad.setEnabled(False)
        self.change_pin_button.setEnabled(False)
        self.message.setText(self.tr("Tap your name."))
        self._worker.run_op(lambda: list_staff(self._new_uow())).on_success(self._show_people).on_failure(
            lambda error: self.message.setText(str(error))
        )

    def _show_people(self, people: list[SignedIn]) -> None:
        self._people = list(people)
        self._waits = {person.staff_id: person.waits_until for person in people if person.waits_until is not None}
        while self.people_grid.count():
            item = self.people_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for index, person in enumerate(people):
            button = QPushButton(f"{person.name}\n{person.role.label}")
            button.setObjectName("personButton")
            button.setCheckable(True)
            button.setMinimumSize(160, 80)
            self.people_buttons.addButton(button)
            button.clicked.connect(lambda _checked=False, chosen=person: self.choose(chosen))
            self.people_grid.addWidget(button, index // 3, index % 3)

    def choose(self, person: SignedIn) -> None:
        self._chosen = person
        self.pad.submit_at = person.pin_length
        self.pad.clear()
        if self._seconds_left(person):
            self._show_wait()
            return
        self._ready_for_pin(person)

    def person_named(self, name: str) -> SignedIn:
        return next(person for person in self._people if person.name == name)

    def _ready_for_pin(self, person: SignedIn) -> None:
        self.pad.setEnabled(True)
        self.change_pin_button.setEnabled(True)
        self.pad.focus()
        self.message.setText(self.tr("{0}: type your PIN.").format(person.name))

    def _busy(self) -> None:
        # scrypt takes a moment on purpose: no second PIN is typed over the first one's check.
        self.pad.setEnabled(False)
        self.change_pin_button.setEnabled(False)
        self.message.setText(self.tr("Checking the PIN…"))

    @Slot(str)
    def _on_pad_pin_entered(self, pin: str) -> None:
        chosen = self._chosen
        if chosen is None:
            return
        self._busy()
        now = self.clock()
        self._worker.run_op(lambda: sign_in(chosen.staff_id, pin, self._new_uow(), now)).on_success(
            self.signed_in.emit
        ).on_failure(lambda error: self._on_pin_refused(chosen, error))

    def _on_pin_refused(self, person: SignedIn, error: PosError) -> None:
        if isinstance(error, SignInWaiting):
            self._waits[person.staff_id] = self.clock() + timedelta(seconds=error.seconds_left)
        if person != self._chosen:
            return  # someone else tapped their name meanwhile
        if self._seconds_left(person):
            self._show_wait()
            return
        self._ready_for_pin(person)
        self.message.setText(str(error))

    # The wait after wrong PINs

    def _seconds_left(self, person: SignedIn) -> int:
        until = self._waits.get(person.staff_id)
        if until is None:
            return 0
        # Rounded up: 0:00 is only shown once the wait is over.
        return max(0, math.ceil((until - self.clock()).total_seconds()))

    def _show_wait(self) -> None:
        self.pad.setEnabled(False)
        self.change_pin_button.setEnabled(False)
        self._on_countdown_timeout()
        self.countdown.start()

    @Slot()
    def _on_countdown_timeout(self) -> None:
        person = self._chosen
        left = self._seconds_left(person) if person is not None else 0
        if person is None or not left:
            self.countdown.stop()
            if person is not None:
                self._waits.pop(person.staff_id, None)
                self._ready_for_pin(person)
            return
        self.message.setText(
            self.tr("{0}: too many wrong PINs. Wait {1}, or ask a manager to reset the PIN.").format(
                person.name, format_wait(left)
            )
        )

    # Changing one's own PIN

    @Slot()
    def change_pin(self) -> None:
        person = self._chosen
        if person is None:
            return
        dialog = PinDialog(
            self.tr("Change my PIN"),
            [self.tr("{0}: type your current PIN.").format(person.name), self.tr("Type your new PIN.")],
            parent=self,
        )
        self.pin_dialog = dialog

        def finished(result: int) -> None:
            self.pin_dialog = None
            dialog.deleteLater()
            if result != QDialog.DialogCode.Accepted:
                self.pad.focus()
                return
            current, new = dialog.pins
            now = self.clock()
            self._busy()
            self._worker.run_op(
                lambda: change_own_pin(ChangeOwnPin(person.staff_id, current, new), self._new_uow(), now)
            ).on_success(lambda _none: self._on_pin_changed(person)).on_failure(
                lambda error: self._on_pin_refused(person, error)
            )

        dialog.finished.connect(finished)
        dialog.open()

    def _on_pin_changed(self, person: SignedIn) -> None:
        if person != self._chosen:
            return
        self._ready_for_pin(person)
        self.message.setText(self.tr("{0}: your PIN is changed. Sign in with the new one.").format(person.name))
