"""Asking a manager for their PIN when a service says an operation needs approval."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QVBoxLayout, QWidget

from app.services.authorization import ManagerApproval
from app.ui.pin_pad import PinPad


class ApprovalDialog(QDialog):
    def __init__(self, reason: str, managers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Manager approval"))
        self.approval: ManagerApproval | None = None
        self.reason = QLabel(reason)
        self.reason.setWordWrap(True)
        self.manager = QComboBox()
        self.manager.addItems(managers)
        self.pad = PinPad()
        self.pad.pin_entered.connect(self._on_pad_pin_entered)
        column = QVBoxLayout(self)
        column.addWidget(self.reason)
        column.addWidget(self.manager)
        column.addWidget(self.pad)
        self.pad.focus()

    @Slot(str)
    def _on_pad_pin_entered(self, pin: str) -> None:
        self.approval = ManagerApproval(self.manager.currentText(), pin)
        self.accept()
