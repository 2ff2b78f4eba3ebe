"""A touch-sized number pad for PINs (the keyboard's digits work too), and a dialog asking PINs in turn."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.staff import PIN_MAX_LENGTH


class PinPad(QWidget):
    pin_entered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.display = QLineEdit()
        self.display.setObjectName("pinDisplay")
        self.display.setEchoMode(QLineEdit.EchoMode.Password)
        self.display.setMaxLength(PIN_MAX_LENGTH)
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setPlaceholderText(self.tr("PIN"))
        self.display.returnPressed.connect(self._on_ok_clicked)
        self.display.textChanged.connect(self._on_display_text_changed)
        # The length of the PIN being typed, when known: the pad submits at its last digit, no OK needed.
        self.submit_at: int | None = None
        grid = QGridLayout()
        keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"]
        for index, key in enumerate(keys):
            button = QPushButton(self.tr("Clear") if key == "C" else key)
            button.setObjectName("padKey")
            button.setMinimumSize(72, 60)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            if key == "OK":
                button.setObjectName("padOk")
                button.clicked.connect(self._on_ok_clicked)
            elif key == "C":
                button.clicked.connect(self.display.clear)
            else:
                button.clicked.connect(lambda _checked=False, digit=key: self.display.insert(digit))
            grid.addWidget(button, index // 3, index % 3)
        column = QVBoxLayout(self)
        column.addWidget(self.display)
        column.addLayout(grid)

    def clear(self) -> None:
        self.display.clear()

    def focus(self) -> None:
        self.display.setFocus()

    @Slot(str)
    def _on_display_text_changed(self, text: str) -> None:
        if self.submit_at is not None and len(text) == self.submit_at:
            self._on_ok_clicked()

    @Slot()
    def _on_ok_clicked(self) -> None:
        pin = self.display.text()
        self.display.clear()
        if pin:
            self.pin_entered.emit(pin)


class PinDialog(QDialog):
    """Asks PINs one after another on the pad (the current PIN, a new one...); ``pins`` holds them once accepted.

    With ``confirm_new`` the last PIN is asked twice, so a slip of the finger does not lock a person out.
    """

    def __init__(
        self, title: str, prompts: Sequence[str], confirm_new: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._confirm_new = confirm_new
        self._prompts = [*prompts, self.tr("Type the new PIN again.")] if confirm_new else list(prompts)
        self.pins: list[str] = []
        self.prompt = QLabel()
        self.prompt.setObjectName("pinPrompt")
        self.prompt.setWordWrap(True)
        self.pad = PinPad()
        self.pad.pin_entered.connect(self._on_pad_pin_entered)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.setMinimumHeight(56)
        # Enter on the pad means OK for the PIN typed, never Cancel (a dialog's default button).
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.prompt)
        column.addWidget(self.pad)
        column.addWidget(cancel)
        self._ask_next()

    def _ask_next(self, note: str = "") -> None:
        prompt = self._prompts[len(self.pins)]
        self.prompt.setText(f"{note}\n{prompt}" if note else prompt)
        self.pad.clear()
        self.pad.focus()

    @Slot(str)
    def _on_pad_pin_entered(self, pin: str) -> None:
        self.pins.append(pin)
        if len(self.pins) < len(self._prompts):
            self._ask_next()
            return
        if self._confirm_new:
            repeated = self.pins.pop()
            if repeated != self.pins[-1]:
                self.pins.pop()
                self._ask_next(self.tr("The two PINs differ: type the new PIN again."))
                return
        self.accept()
