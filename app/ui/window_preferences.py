"""The main window's till preferences: light or dark, sounds on or off, kiosk, and the customer display.

Sounds are the till's setting (kept in its store); the style and the kiosk are this window's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QApplication

from app.services.till_preferences import set_sounds_on, sounds_on
from app.ui.styles import style_sheet

if TYPE_CHECKING:
    from app.ui.customer_display import CustomerDisplay
    from app.ui.main_window import MainWindow


class WindowPreferences(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.customer_display: CustomerDisplay | None = None
        actions = window.window_actions
        actions.dark_style.toggled.connect(self._on_dark_style_toggled)
        actions.sounds.toggled.connect(self._on_sounds_toggled)
        actions.kiosk.toggled.connect(self._on_kiosk_toggled)
        window.worker.query(lambda: sounds_on(window.till.uow())).success(self._show_sounds_setting)

    @Slot(bool)
    def _on_dark_style_toggled(self, dark: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setStyleSheet(style_sheet("dark" if dark else "light"))

    def _show_sounds_setting(self, on: bool) -> None:
        sounds = self._window.window_actions.sounds
        sounds.blockSignals(True)
        sounds.setChecked(on)
        sounds.blockSignals(False)
        self._window.sounds.enabled = on

    @Slot(bool)
    def _on_sounds_toggled(self, on: bool) -> None:
        window = self._window
        window.sounds.enabled = on
        window.worker.write(lambda: set_sounds_on(on, window.till.uow()))

    @Slot(bool)
    def _on_kiosk_toggled(self, kiosk: bool) -> None:
        if kiosk:
            self._window.showFullScreen()
        else:
            self._window.showMaximized()

    @Slot()
    def toggle_customer_display(self) -> None:
        window = self._window
        if self.customer_display is None:
            from app.ui.customer_display import CustomerDisplay

            name = window.status.event.name if window.status else ""
            self.customer_display = CustomerDisplay(name)
            window.sell.cart_changed.connect(self.customer_display.show_cart)
            if window.sell.state is not None:
                self.customer_display.show_cart(window.sell.state)
            self.customer_display.present()
        else:
            self.customer_display.setVisible(not self.customer_display.isVisible())

    def close(self) -> None:
        if self.customer_display is not None:
            self.customer_display.close()
