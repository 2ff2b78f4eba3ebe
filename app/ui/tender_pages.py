"""The payment dialog's method pages: one method shown at a time (cash, card, voucher), each big enough for a finger."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

FIELD_HEIGHT = 48
BUTTON_HEIGHT = 56


def field(placeholder: str) -> QLineEdit:
    line = QLineEdit()
    line.setPlaceholderText(placeholder)
    line.setMinimumHeight(FIELD_HEIGHT)
    return line


def big_button(label: str, tip: str = "") -> QPushButton:
    button = QPushButton(label)
    button.setMinimumHeight(BUTTON_HEIGHT)
    button.setAutoDefault(False)
    if tip:
        button.setToolTip(tip)
    return button


class CashPage(QWidget):
    """Quick amounts that complete at once, or the cash given typed or tapped on the pad."""

    def __init__(self) -> None:
        super().__init__()
        self.quick_row = QHBoxLayout()
        self.amount = field(self.tr("Cash given (empty: exactly what is left)"))
        self.pad_button = big_button(self.tr("Number pad"), self.tr("Type the cash given on the screen"))
        self.add_button = big_button(self.tr("Add cash"))
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addLayout(self.quick_row, 0, 0, 1, 3)
        grid.addWidget(self.amount, 1, 0)
        grid.addWidget(self.pad_button, 1, 1)
        grid.addWidget(self.add_button, 1, 2)


class CardPage(QWidget):
    """The amount charged on the external terminal; its reference only where the event asks for it."""

    def __init__(self, reference_required: bool) -> None:
        super().__init__()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.amount = field(self.tr("Amount of this part (empty: what is left)"))
        self.pad_button = big_button(self.tr("Number pad"))
        placeholder = (
            self.tr("Terminal reference (required at this event)")
            if reference_required
            else self.tr("Terminal reference (optional)")
        )
        self.reference = field(placeholder)
        self.add_button = big_button(self.tr("Card paid"), self.tr("The terminal accepted the card"))
        self.add_button.setObjectName("primaryAction")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.hint, 0, 0, 1, 2)
        grid.addWidget(self.amount, 1, 0)
        grid.addWidget(self.pad_button, 1, 1)
        grid.addWidget(self.reference, 2, 0)
        grid.addWidget(self.add_button, 2, 1)


class VoucherPage(QWidget):
    """The code is checked when the voucher is added: its balance shows, a wrong one is refused here."""

    def __init__(self) -> None:
        super().__init__()
        self.code = field(self.tr("Voucher code: scan or type it"))
        self.amount = field(self.tr("Amount of this part (empty: what is left)"))
        self.pad_button = big_button(self.tr("Number pad"))
        self.add_button = big_button(self.tr("Check and use voucher"))
        self.balance = QLabel()
        self.balance.setObjectName("voucherBalance")
        self.balance.setWordWrap(True)
        self.balance.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.code, 0, 0)
        grid.addWidget(self.add_button, 0, 1)
        grid.addWidget(self.amount, 1, 0)
        grid.addWidget(self.pad_button, 1, 1)
        grid.addWidget(self.balance, 2, 0, 1, 2)
