"""The window's actions: the keyboard shortcuts, and the More menu of the mode bar for what is not a mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


@dataclass(frozen=True)
class WindowActions:
    more: QMenu
    dark_style: QAction
    sounds: QAction
    kiosk: QAction


def build_actions(window: QWidget, handlers: dict[str, Callable[[], None]]) -> WindowActions:
    """The shortcuts work on every screen (added to ``window``); the More menu lists the same actions by finger.

    ``handlers`` holds one callable per name below: sell, pickup, returns, manager, sales, printer, sync,
    drawer, customer_display, lock, settings.
    """
    more = QMenu(window)
    more.setObjectName("moreMenu")
    for title, key, name, in_menu in (
        (_tr("Sell"), "Ctrl+S", "sell", False),
        (_tr("Pickup desk"), "Ctrl+U", "pickup", False),
        (_tr("Returns desk"), "Ctrl+T", "returns", False),
        (_tr("Cash, stock count, settlements, close"), "Ctrl+M", "manager", False),
        (_tr("Sales and reprints"), "Ctrl+R", "sales", True),
        (_tr("Receipt printer"), "Ctrl+P", "printer", True),
        (_tr("Sync with the marketplace"), "Ctrl+Y", "sync", True),
        (_tr("Open the cash drawer"), "Ctrl+D", "drawer", True),
        (_tr("Customer display"), "F10", "customer_display", True),
        (_tr("Lock / switch staff"), "F11", "lock", False),
    ):
        action = QAction(title, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(handlers[name])
        window.addAction(action)
        if in_menu:
            more.addAction(action)
    more.addSeparator()
    settings = more.addAction(_tr("Settings (first-run steps)…"))
    settings.triggered.connect(handlers["settings"])
    dark_style = more.addAction(_tr("Dark style"))
    dark_style.setCheckable(True)
    sounds = more.addAction(_tr("Sounds"))
    sounds.setCheckable(True)
    sounds.setChecked(True)
    kiosk = more.addAction(_tr("Full screen (kiosk)"))
    kiosk.setCheckable(True)
    kiosk.setShortcut(QKeySequence("Ctrl+Shift+F"))
    kiosk.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.addAction(kiosk)
    return WindowActions(more, dark_style, sounds, kiosk)
