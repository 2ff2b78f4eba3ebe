"""A touch-sized number pad for PINs; the keyboard's digits work too."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

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

    @Slot()
    def _on_ok_clicked(self) -> None:
        pin = self.display.text()
        self.display.clear()
        if pin:
            self.pin_entered.emit(pin)
