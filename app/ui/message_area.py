"""The window's message area: a strip of fixed height, so that nothing moves when a message comes or goes.

Messages stack by importance (instruction > error > warning > information), newest first within a
kind, and the top one is shown with how many wait behind it. An instruction stays until the person taps OK (the cash to
hand back must not vanish while a scanner error comes in); the others stay a while, information
fades. Only the message on show counts its time, so none expires unseen behind another.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import QPropertyAnimation, Qt, QTimer, Slot
from PySide6.QtWidgets import QFrame, QGraphicsOpacityEffect, QHBoxLayout, QLabel, QPushButton, QWidget

from app.ui.messages import Importance

AREA_HEIGHT = 52  # the OK button (44 px and its border) fits whole
OK_MIN_HEIGHT = 44
SHOWN_MS = {Importance.INFO: 4000, Importance.WARNING: 8000, Importance.ERROR: 12000}
FADE_MS = 600
KINDS = {
    Importance.INSTRUCTION: "instruction",
    Importance.ERROR: "error",
    Importance.WARNING: "warning",
    Importance.INFO: "info",
}


@dataclass(frozen=True, slots=True)
class Message:
    importance: Importance
    text: str
    serial: int


def _order(message: Message) -> tuple[int, int]:
    return (-message.importance, -message.serial)


class MessageArea(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messageArea")
        self.setProperty("kind", "")
        self.setFixedHeight(AREA_HEIGHT)
        self._stack: list[Message] = []
        self._serials = itertools.count()
        self._on_show: Message | None = None

        self.text_label = QLabel()
        self.text_label.setObjectName("messageText")
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.more_label = QLabel()
        self.more_label.setObjectName("messageMore")
        self.ok_button = QPushButton(self.tr("OK"))
        self.ok_button.setObjectName("messageOk")
        self.ok_button.setMinimumSize(120, OK_MIN_HEIGHT)
        self.ok_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.ok_button.clicked.connect(self.acknowledge)
        self.ok_button.hide()  # shown with a message (_render)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 2, 4, 2)
        row.addWidget(self.text_label, 1)
        row.addWidget(self.more_label)
        row.addWidget(self.ok_button)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._opacity = QGraphicsOpacityEffect(self)
        self._opacity.setOpacity(1.0)
        self.setGraphicsEffect(self._opacity)
        self._fade = QPropertyAnimation(self._opacity, b"opacity", self)
        self._fade.setDuration(FADE_MS)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.finished.connect(self._on_fade_finished)
        self._render()

    # What the screens and tests read

    def current(self) -> Message | None:
        return min(self._stack, key=_order) if self._stack else None

    def texts(self) -> list[str]:
        """Every message waiting, the one on show first."""
        return [message.text for message in sorted(self._stack, key=_order)]

    def text(self) -> str:
        current = self.current()
        return current.text if current else ""

    # Showing and dismissing

    @Slot(object, str)
    def show_message(self, importance: Importance, text: str) -> None:
        # The same message again (a scanner repeating a bad code) is one entry, moved up as the newest.
        self._stack = [m for m in self._stack if (m.importance, m.text) != (importance, text)]
        self._stack.append(Message(importance, text, next(self._serials)))
        self._render()

    @Slot()
    def acknowledge(self) -> None:
        """The person tapped OK: the message on show goes, the next one comes."""
        current = self.current()
        if current is not None:
            self._stack.remove(current)
        self._render()

    def _render(self) -> None:
        current = self.current()
        waiting = len(self._stack) - 1
        self.more_label.setText(self.tr("+{0} more").format(waiting) if waiting > 0 else "")
        if current is self._on_show:
            return
        self._on_show = current
        self._timer.stop()
        self._fade.stop()
        self._opacity.setOpacity(1.0)
        self.setProperty("kind", KINDS[current.importance] if current else "")
        self.style().unpolish(self)
        self.style().polish(self)
        self.text_label.setText(current.text if current else "")
        self.text_label.setToolTip(current.text if current else "")
        self.ok_button.setVisible(current is not None)
        if current is not None and current.importance in SHOWN_MS:
            self._timer.start(SHOWN_MS[current.importance])

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._on_show is not None and self._on_show.importance is Importance.INFO:
            self._fade.start()
        else:
            self._drop_shown()

    @Slot()
    def _on_fade_finished(self) -> None:
        self._drop_shown()

    def _drop_shown(self) -> None:
        shown = self._on_show
        if shown is not None and shown in self._stack:
            self._stack.remove(shown)
        self._render()
