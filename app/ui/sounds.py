"""Short sounds for the counter: a low double tone when a scan or an operation fails, a click when a sale is done.

QtMultimedia plays the WAV files of resources/sounds; without a display (the
offscreen platform of the tests and of headless runs) there is no speaker
either, and the system beep stands in, so QtMultimedia is never loaded there.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.ui.styles import RESOURCES

SOUNDS = RESOURCES / "sounds"


class Sounds(QObject):
    sounded = Signal(str)  # "error" or "success", each time one is played

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.enabled = True
        self._effects: dict[str, QObject] = {}

    @Slot()
    def error(self) -> None:
        self._play("error")

    @Slot()
    def success(self) -> None:
        self._play("success")

    def _play(self, name: str) -> None:
        if not self.enabled:
            return
        self.sounded.emit(name)
        if QGuiApplication.platformName() in ("offscreen", "minimal"):
            QApplication.beep()
            return
        from PySide6.QtMultimedia import QSoundEffect  # loaded on the first sound only: it is slow to start

        effect = self._effects.get(name)
        if not isinstance(effect, QSoundEffect):
            effect = QSoundEffect(self)
            effect.setSource(QUrl.fromLocalFile(str(SOUNDS / f"{name}.wav")))
            effect.setVolume(0.6)
            self._effects[name] = effect
        effect.play()
