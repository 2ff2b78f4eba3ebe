"""The window's actions: the keyboard shortcuts, and the More menu of the mode bar for what is not a mode."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


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
        (QCoreApplication.translate("MainWindow", "Sell"), "Ctrl+S", "sell", False),
        (QCoreApplication.translate("MainWindow", "Pickup desk"), "Ctrl+U", "pickup", False),
        (QCoreApplication.translate("MainWindow", "Returns desk"), "Ctrl+T", "returns", False),
        (QCoreApplication.translate("MainWindow", "Cash, stock count, settlements, close"), "Ctrl+M", "manager", False),
        (QCoreApplication.translate("MainWindow", "Sales and reprints"), "Ctrl+R", "sales", True),
        (QCoreApplication.translate("MainWindow", "Receipt printer"), "Ctrl+P", "printer", True),
        (QCoreApplication.translate("MainWindow", "Sync with the marketplace"), "Ctrl+Y", "sync", True),
        (QCoreApplication.translate("MainWindow", "Open the cash drawer"), "Ctrl+D", "drawer", True),
        (QCoreApplication.translate("MainWindow", "Customer display"), "F10", "customer_display", True),
        (QCoreApplication.translate("MainWindow", "Lock / switch staff"), "F11", "lock", False),
    ):
        action = QAction(title, window)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(handlers[name])
        window.addAction(action)
        if in_menu:
            more.addAction(action)
    more.addSeparator()
    settings = more.addAction(QCoreApplication.translate("MainWindow", "Settings (first-run steps)…"))
    settings.triggered.connect(handlers["settings"])
    dark_style = more.addAction(QCoreApplication.translate("MainWindow", "Dark style"))
    dark_style.setCheckable(True)
    sounds = more.addAction(QCoreApplication.translate("MainWindow", "Sounds"))
    sounds.setCheckable(True)
    sounds.setChecked(True)
    kiosk = more.addAction(QCoreApplication.translate("MainWindow", "Full screen (kiosk)"))
    kiosk.setCheckable(True)
    kiosk.setShortcut(QKeySequence("Ctrl+Shift+F"))
    kiosk.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    window.addAction(kiosk)
    return WindowActions(more, dark_style, sounds, kiosk)
