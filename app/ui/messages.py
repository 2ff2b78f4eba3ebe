"""One bridge for messages to the person at the till; the main window shows them as a banner."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class MessageBridge(QObject):
    error_shown = Signal(str)
    info_shown = Signal(str)

    def error(self, text: str) -> None:
        self.error_shown.emit(text)

    def info(self, text: str) -> None:
        self.info_shown.emit(text)
