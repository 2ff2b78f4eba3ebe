"""The customer-facing window: the shop's name, what is being rung up, the total, the change, a thank-you.

It opens full-screen on the second screen when the till has one (the screen
turned towards the customer), and as an ordinary window otherwise, so that a
one-screen laptop keeps its till in view. The type is large: it is read from
a step or two away.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from app.services.carts import CartState
from app.services.selling import SaleCompleted

S = TypeVar("S")

# Read from a step away: sizes for a 1080-line screen, set on the display itself so the till's style
# (made for the clerk at arm's length) does not shrink them.
DISPLAY_STYLE = """
QWidget#customerDisplay { font-size: 30px; }
QLabel#displayShop { font-size: 48px; font-weight: bold; }
QListWidget#displayLines { font-size: 34px; }
QLabel#displayTotal { font-size: 64px; font-weight: bold; }
QLabel#displayThanks { font-size: 52px; font-weight: bold; }
"""
WINDOW_SIZE = (800, 600)


def customer_screen(screens: Sequence[S], primary: S | None) -> S | None:
    """The screen for the customer: the first one that is not the till's own; None when there is only one."""
    return next((screen for screen in screens if screen is not primary), None) if len(screens) > 1 else None


class CustomerDisplay(QWidget):
    def __init__(self, event_name: str) -> None:
        super().__init__()
        self.setObjectName("customerDisplay")
        self.setStyleSheet(DISPLAY_STYLE)
        self._event_name = event_name
        self.setWindowTitle(self.tr("{0}: your purchase").format(event_name))
        self.welcome = QLabel(self.tr("Welcome to {0}").format(event_name))
        self.welcome.setObjectName("displayShop")
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.lines = QListWidget()
        self.lines.setObjectName("displayLines")
        self.lines.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.total = QLabel()
        self.total.setObjectName("displayTotal")
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.footer = QLabel()
        self.footer.setObjectName("displayThanks")
        self.footer.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.footer.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(self.welcome)
        column.addWidget(self.lines, 1)
        column.addWidget(self.total)
        column.addWidget(self.footer)
        self.resize(*WINDOW_SIZE)

    def present(self) -> None:
        """Full-screen on the customer's screen when there is a second one, a window beside the till otherwise."""
        screen = customer_screen(QGuiApplication.screens(), QGuiApplication.primaryScreen())
        if screen is None:
            self.showNormal()
            return
        self.setScreen(screen)
        self.setGeometry(screen.geometry())
        self.showFullScreen()

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
        thanks = self.tr("Thank you for shopping at {0}!").format(self._event_name)
        if sale.change:
            self.footer.setText(self.tr("Your change: {0}").format(formatted_change) + "\n" + thanks)
        else:
            self.footer.setText(thanks)
