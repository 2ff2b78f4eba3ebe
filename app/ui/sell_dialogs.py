"""Touch dialogs of the sell screen: a reason or a name from presets, and a parked cart chosen by a tap."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

BUTTON_HEIGHT = 56
PRESET_COLUMNS = 2


def _button(label: str) -> QPushButton:
    button = QPushButton(label)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setAutoDefault(False)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class PresetTextDialog(QDialog):
    """One tap on a preset answers; the field below takes anything else, typed or from a keyboard."""

    chosen = Signal(str)

    def __init__(
        self,
        title: str,
        prompt: str,
        presets: Sequence[str],
        *,
        allow_empty: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.allow_empty = allow_empty
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.preset_buttons: list[QPushButton] = []
        grid = QGridLayout()
        for index, preset in enumerate(presets):
            button = _button(preset)
            button.setObjectName("reasonPreset")
            button.clicked.connect(lambda _checked=False, text=preset: self._answer(text))
            grid.addWidget(button, index // PRESET_COLUMNS, index % PRESET_COLUMNS)
            self.preset_buttons.append(button)
        self.field = QLineEdit()
        self.field.setMinimumHeight(48)
        self.field.setPlaceholderText(self.tr("Or type it here"))
        self.field.returnPressed.connect(self._on_ok_clicked)
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.ok_button = _button(self.tr("OK"))
        self.ok_button.setObjectName("primaryAction")
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.cancel_button = _button(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.ok_button)
        column = QVBoxLayout(self)
        column.addWidget(self.prompt)
        column.addLayout(grid)
        column.addWidget(self.field)
        column.addWidget(self.error)
        column.addLayout(buttons)
        self.field.setFocus()

    def _answer(self, text: str) -> None:
        self.accept()
        self.chosen.emit(text)

    @Slot()
    def _on_ok_clicked(self) -> None:
        text = self.field.text().strip()
        if not text and not self.allow_empty:
            self.error.setText(self.tr("Tap a reason above or type one."))
            return
        self._answer(text)


class ChoiceDialog(QDialog):
    """A short list (parked carts) as big buttons: the tap is the choice."""

    chosen = Signal(int)

    def __init__(self, title: str, prompt: str, labels: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        column = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setWordWrap(True)
        column.addWidget(label)
        self.choice_buttons: list[QPushButton] = []
        for index, text in enumerate(labels):
            button = _button(text)
            button.setObjectName("choiceButton")
            button.clicked.connect(lambda _checked=False, row=index: self._answer(row))
            column.addWidget(button)
            self.choice_buttons.append(button)
        cancel = _button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        column.addWidget(cancel)

    def _answer(self, row: int) -> None:
        self.accept()
        self.chosen.emit(row)


def open_dialog(dialog: QDialog, on_closed: Callable[[], None]) -> QDialog:
    """Window-modal without a nested event loop, so the till keeps its worker answers flowing."""
    dialog.finished.connect(lambda _result: on_closed())
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
