"""Asking a manager for their PIN when a service says an operation needs approval."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.domain.errors import ApprovalRequired, PosError
from app.domain.staff import Role
from app.services.authorization import ManagerApproval
from app.services.staff import SignedIn, check_approval_pin, list_staff
from app.store.unit_of_work import UnitOfWork
from app.ui.pin_pad import PinPad
from app.ui.worker import StoreWorker

Result = TypeVar("Result")


class ApprovalDialog(QDialog):
    def __init__(
        self,
        reason: str,
        managers: list[str],
        parent: QWidget | None = None,
        pin_lengths: dict[str, int | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager approval"))
        self.approval: ManagerApproval | None = None
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.manager = QComboBox()
        self.manager.addItems(managers)
        self.pad = PinPad()
        self.pad.pin_entered.connect(self._on_pad_pin_entered)
        self._pin_lengths = pin_lengths or {}
        self.manager.currentTextChanged.connect(self._on_manager_current_text_changed)
        self._on_manager_current_text_changed(self.manager.currentText())
        self.cancel_button = QPushButton(self.tr("Cancel"))
        # Enter on the pad means OK for the PIN typed, never Cancel (a dialog's default button).
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.reason)
        column.addWidget(self.manager)
        column.addWidget(self.pad)
        column.addWidget(self.cancel_button)
        self.pad.focus()

    @Slot(str)
    def _on_manager_current_text_changed(self, name: str) -> None:
        self.pad.clear()
        self.pad.submit_at = self._pin_lengths.get(name)

    @Slot(str)
    def _on_pad_pin_entered(self, pin: str) -> None:
        self.approval = ManagerApproval(self.manager.currentText(), pin)
        self.accept()


class ApprovalRunner:
    """Runs a service call; when the service asks for a manager, asks for the PIN and runs it again."""

    def __init__(
        self,
        parent: QWidget,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        on_failed: Callable[[PosError], None],
        after_dialog: Callable[[], None] | None = None,
    ) -> None:
        self._parent = parent
        self._after_dialog = after_dialog
        self._worker = worker
        self._new_uow = new_uow
        self._on_failed = on_failed
        self.dialog: ApprovalDialog | None = None

    def run(
        self, call: Callable[[UnitOfWork, ManagerApproval | None], Result], on_success: Callable[[Result], None]
    ) -> None:
        def on_failure(error: PosError) -> None:
            if not isinstance(error, ApprovalRequired):
                self._on_failed(error)
                return

            def ask(people: list[SignedIn]) -> None:
                managers = [person for person in people if person.role is Role.MANAGER]
                self._ask(str(error), managers, call, on_success)

            self._worker.run_op(lambda: list_staff(self._new_uow())).on_success(ask)

        self._worker.run_op(lambda: call(self._new_uow(), None)).on_success(on_success).on_failure(on_failure)

    def _ask(
        self,
        reason: str,
        managers: list[SignedIn],
        call: Callable[[UnitOfWork, ManagerApproval | None], Result],
        then: Callable[[Result], None],
    ) -> None:
        dialog = ApprovalDialog(
            reason,
            [person.name for person in managers],
            self._parent,
            {person.name: person.pin_length for person in managers},
        )
        self.dialog = dialog

        def finished(result: int) -> None:
            self.dialog = None
            approval = dialog.approval
            if result == QDialog.DialogCode.Accepted and approval is not None:
                self._worker.run_op(lambda: self._approved_call(call, approval)).on_success(then).on_failure(
                    self._on_failed
                )
            if self._after_dialog is not None:
                self._after_dialog()

        dialog.finished.connect(finished)
        dialog.open()

    def _approved_call(
        self, call: Callable[[UnitOfWork, ManagerApproval | None], Result], approval: ManagerApproval
    ) -> Result:
        check_approval_pin(approval, self._new_uow())
        return call(self._new_uow(), approval)
