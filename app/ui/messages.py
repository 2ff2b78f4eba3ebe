"""One bridge for messages to the person at the till; the main window shows them in its message area.

The kind says how long a message stays: an instruction (cash to hand back, a count that is short,
an order refused at the pickup desk) stays until the person taps OK; an error or a warning stays a
while; information fades.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QObject, Signal


class Importance(IntEnum):
    """The order of the message stack: the most important is shown first."""

    INFO = 0
    WARNING = 1
    ERROR = 2
    INSTRUCTION = 3


class MessageBridge(QObject):
    shown = Signal(object, str)  # Importance, text
    instruction_shown = Signal(str)
    error_shown = Signal(str)
    warning_shown = Signal(str)
    info_shown = Signal(str)

    def instruction(self, text: str) -> None:
        """Something the person must act on: it stays until acknowledged."""
        self.instruction_shown.emit(text)
        self.shown.emit(Importance.INSTRUCTION, text)

    def error(self, text: str) -> None:
        self.error_shown.emit(text)
        self.shown.emit(Importance.ERROR, text)

    def warning(self, text: str) -> None:
        self.warning_shown.emit(text)
        self.shown.emit(Importance.WARNING, text)

    def info(self, text: str) -> None:
        self.info_shown.emit(text)
        self.shown.emit(Importance.INFO, text)
