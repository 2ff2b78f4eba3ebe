"""The bar of modes along the top of the window: Sell, Pickup, Returns, Manager, Lock, and More for the rest.

Each person sees the modes their role allows; the mode on screen is shown
checked. Every mode is one tap from every other, so there is always a way back
to Sell.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton, QSizePolicy, QWidget

from app.domain.staff import Permission, Role, can


class Mode(StrEnum):
    SELL = "sell"
    PICKUP = "pickup"
    RETURNS = "returns"
    MANAGER = "manager"


# What a role needs to see a mode: returns are taken at a selling till, the manager's screen by a manager.
_NEEDS: dict[Mode, Permission] = {
    Mode.SELL: Permission.SELL,
    Mode.PICKUP: Permission.HAND_OVER_PICKUP,
    Mode.RETURNS: Permission.SELL,
    Mode.MANAGER: Permission.MANAGE_STAFF,
}


class ModeBar(QWidget):
    mode_chosen = Signal(str)  # Mode
    lock_requested = Signal()

    def __init__(self, more: QMenu, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modeBar")
        titles = {
            Mode.SELL: self.tr("Sell"),
            Mode.PICKUP: self.tr("Pickup"),
            Mode.RETURNS: self.tr("Returns"),
            Mode.MANAGER: self.tr("Manager"),
        }
        self._current: str | None = None
        self.buttons: dict[Mode, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for mode, title in titles.items():
            button = QPushButton(title)
            button.setObjectName("modeButton")
            button.setCheckable(True)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.clicked.connect(lambda _checked=False, chosen=mode: self._on_mode_clicked(chosen))
            self.buttons[mode] = button
            row.addWidget(button)
        self.more_button = QPushButton(self.tr("More…"))
        self.more_button.setObjectName("modeButton")
        self.more_button.setMenu(more)
        self.lock_button = QPushButton(self.tr("Lock"))
        self.lock_button.setObjectName("modeButton")
        self.lock_button.setToolTip(self.tr("Lock the till; the next person taps their name"))
        self.lock_button.clicked.connect(self.lock_requested.emit)
        row.addWidget(self.more_button)
        row.addWidget(self.lock_button)
        self.show_role(None)

    def show_role(self, role: Role | None) -> None:
        """The modes ``role`` may use; none (the bar hidden) while nobody is signed in."""
        self.setVisible(role is not None)
        for mode, button in self.buttons.items():
            button.setVisible(role is not None and can(role, _NEEDS[mode]))

    def visible_modes(self) -> list[Mode]:
        return [mode for mode, button in self.buttons.items() if not button.isHidden()]

    def _on_mode_clicked(self, mode: Mode) -> None:
        # The window says which mode is on screen (show_current); a tap alone never unchecks the current one.
        self.show_current(self._current)
        self.mode_chosen.emit(mode.value)

    @Slot(str)
    def show_current(self, mode: str | None) -> None:
        self._current = mode
        for each, button in self.buttons.items():
            button.setChecked(each.value == mode)
