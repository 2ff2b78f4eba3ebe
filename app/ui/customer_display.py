"""The customer-facing window: what is being rung up, the total, the change, a thank-you."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from app.services.carts import CartState
from app.services.selling import SaleCompleted


class CustomerDisplay(QWidget):
    def __init__(self, event_name: str) -> None:
        super().__init__()
        self.setObjectName("customerDisplay")
        self.setWindowTitle(self.tr("{0}: your purchase").format(event_name))
        self.welcome = QLabel(self.tr("Welcome to {0}").format(event_name))
        self.welcome.setObjectName("screenTitle")
        self.lines = QListWidget()
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.total = QLabel()
        self.total.setObjectName("bigTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.footer = QLabel()
        self.footer.setObjectName("bigChange")
        self.footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column = QVBoxLayout(self)
        column.addWidget(self.welcome)
        column.addWidget(self.lines, 1)
        column.addWidget(self.total)
        column.addWidget(self.footer)
        self.resize(640, 480)

    @Slot(object)
    def show_cart(self, state: CartState) -> None:
        self.lines.clear()
        for line in state.priced.lines:
            item = line.line.item
            self.lines.addItem(f"{line.line.quantity} × {item.name} {item.variant}   {state.event.format(line.total)}")
        self.total.setText(
            self.tr("Total {0}").format(state.event.format(state.priced.total)) if state.cart.lines else ""
        )
        if state.cart.lines:
            self.footer.clear()

    @Slot(object)
    def show_completed(self, sale: SaleCompleted, formatted_change: str) -> None:
        self.footer.setText(self.tr("Your change: {0}\nThank you!").format(formatted_change))
