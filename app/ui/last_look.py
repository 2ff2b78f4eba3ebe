"""A last look before the irreversible, and a result that stays until it is dismissed.

Closing a cash session numbers its Z report and a refund pays money out: the
person sees the figures in big type and confirms, or goes back with nothing done.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

BUTTON_HEIGHT = 56


def _big_label(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class LastLookDialog(QDialog):
    """The question in big type, the figures below it, then Confirm or Back (nothing done)."""

    confirmed = Signal()

    def __init__(
        self,
        title: str,
        question: str,
        details: Sequence[str],
        confirm_label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.question = _big_label(question, "lastLookQuestion")
        self.details = _big_label("\n".join(details), "lastLookDetails")
        self.confirm_button = QPushButton(confirm_label)
        self.confirm_button.setObjectName("primaryAction")
        self.back_button = QPushButton(self.tr("Back: change nothing"))
        for button in (self.back_button, self.confirm_button):
            button.setMinimumHeight(BUTTON_HEIGHT)
            button.setAutoDefault(False)
        # Enter must not confirm by accident: the safe answer is the default.
        self.back_button.setDefault(True)
        self.back_button.clicked.connect(self.reject)
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.confirm_button)
        column = QVBoxLayout(self)
        column.addWidget(self.question)
        column.addWidget(self.details)
        column.addLayout(buttons)

    def _on_confirm_clicked(self) -> None:
        self.accept()
        self.confirmed.emit()


class ResultPanel(QWidget):
    """A done step's outcome in large type that stays on screen until someone taps Done."""

    dismissed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultPanel")
        self.heading = _big_label("", "lastLookQuestion")
        self.body = _big_label("", "lastLookDetails")
        self.done_button = QPushButton(self.tr("Done"))
        self.done_button.setMinimumHeight(BUTTON_HEIGHT)
        self.done_button.clicked.connect(self._on_done_clicked)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.body, 1)
        column.addWidget(self.done_button)
        self.hide()

    def show_result(self, heading: str, body: str) -> None:
        self.heading.setText(heading)
        self.body.setText(body)
        self.show()

    def _on_done_clicked(self) -> None:
        self.hide()
        self.dismissed.emit()
