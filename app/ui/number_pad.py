"""An on-screen number pad for amounts, quantities, prices and percentages, with presets.

Every number a cashier gives at the counter comes through here, so a finger is
enough: big keys, a decimal key only where the currency has minor units, a row
of presets that answer in one tap, and the keyboard still types into the field.
The pad only collects text; the caller parses it with the domain's rules.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.money import currency_exponent

KEY_HEIGHT = 56
KEY_WIDTH = 88


@dataclass(frozen=True, slots=True)
class Preset:
    """A one-tap answer: the label on the key and the text it gives (e.g. "10 %" gives "10%")."""

    label: str
    value: str


def percent_presets(*percents: int) -> tuple[Preset, ...]:
    return tuple(Preset(f"{percent} %", f"{percent}%") for percent in percents)


class NumberPadDialog(QDialog):
    """Ask for one number; ``entered`` carries the text when OK or a preset is tapped."""

    entered = Signal(str)

    def __init__(
        self,
        title: str,
        prompt: str,
        *,
        currency: str | None = None,
        presets: Sequence[Preset] = (),
        percent_key: bool = False,
        initial: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("numberPad")
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.display = QLineEdit(initial)
        self.display.setObjectName("padDisplay")
        self.display.setMinimumHeight(KEY_HEIGHT)
        self.display.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.display.returnPressed.connect(self._on_ok_clicked)

        self.preset_buttons: list[QPushButton] = []
        preset_row = QHBoxLayout()
        for preset in presets:
            button = self._key(preset.label)
            button.setObjectName("padPreset")
            button.clicked.connect(lambda _checked=False, value=preset.value: self._answer(value))
            preset_row.addWidget(button)
            self.preset_buttons.append(button)

        has_decimals = currency is not None and currency_exponent(currency) > 0
        keys = QGridLayout()
        self.digit_buttons: dict[str, QPushButton] = {}
        for index, digit in enumerate("789456123"):
            self._add_typing_key(keys, digit, index // 3, index % 3)
        self._add_typing_key(keys, "0", 3, 1)
        if has_decimals:
            self._add_typing_key(keys, ".", 3, 0)
        if percent_key:
            self._add_typing_key(keys, "%", 3, 2)
        back = self._key("⌫")
        back.setToolTip(self.tr("Delete the last character"))
        back.clicked.connect(self.display.backspace)
        self.clear_button = self._key(self.tr("Clear"))
        self.clear_button.clicked.connect(self.display.clear)
        keys.addWidget(back, 0, 3)
        keys.addWidget(self.clear_button, 1, 3)

        self.ok_button = self._key(self.tr("OK"))
        self.ok_button.setObjectName("primaryAction")
        self.ok_button.clicked.connect(self._on_ok_clicked)
        self.cancel_button = self._key(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        keys.addWidget(self.cancel_button, 2, 3)
        keys.addWidget(self.ok_button, 3, 3)

        column = QVBoxLayout(self)
        column.addWidget(self.prompt)
        column.addWidget(self.display)
        if self.preset_buttons:
            column.addLayout(preset_row)
        column.addLayout(keys)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.display.setFocus()

    def _key(self, label: str) -> QPushButton:
        button = QPushButton(label)
        button.setMinimumSize(KEY_WIDTH, KEY_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return button

    def _add_typing_key(self, keys: QGridLayout, text: str, row: int, column: int) -> None:
        button = self._key(text)
        button.clicked.connect(lambda _checked=False: self.display.insert(text))
        keys.addWidget(button, row, column)
        self.digit_buttons[text] = button

    def text(self) -> str:
        return self.display.text().strip()

    def _answer(self, value: str) -> None:
        self.display.setText(value)
        self._on_ok_clicked()

    @Slot()
    def _on_ok_clicked(self) -> None:
        # Closed first: the receiver may open the next dialog (a manager's PIN) at once.
        value = self.text()
        self.accept()
        self.entered.emit(value)


def ask_number(
    parent: QWidget,
    title: str,
    prompt: str,
    on_entered: Callable[[str], None],
    *,
    currency: str | None = None,
    presets: Sequence[Preset] = (),
    percent_key: bool = False,
    initial: str = "",
) -> NumberPadDialog:
    """Open a pad window-modally (never a nested event loop) and hand the text to ``on_entered``."""
    dialog = NumberPadDialog(
        title, prompt, currency=currency, presets=presets, percent_key=percent_key, initial=initial, parent=parent
    )
    dialog.entered.connect(on_entered)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


class PadLineEdit(QLineEdit):
    """A number field that opens the pad when a finger taps it; a keyboard still types into it directly."""

    def __init__(
        self,
        title: str,
        currency: Callable[[], str | None],
        *,
        presets: Sequence[Preset] = (),
        percent_key: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._title = title
        self._currency = currency
        self._presets = presets
        self._percent_key = percent_key
        self.setMinimumHeight(KEY_HEIGHT - 8)
        self.pad_dialog: NumberPadDialog | None = None

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and self.pad_dialog is None:
            self.open_pad()

    def open_pad(self) -> None:
        self.pad_dialog = ask_number(
            self.window(),
            self._title,
            self.placeholderText() or self._title,
            self.setText,
            currency=self._currency(),
            presets=self._presets,
            percent_key=self._percent_key,
            initial=self.text(),
        )
        self.pad_dialog.finished.connect(self._forget_pad)

    def _forget_pad(self, _result: int) -> None:
        self.pad_dialog = None
