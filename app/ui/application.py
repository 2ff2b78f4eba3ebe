"""Starting the Qt application on an opened till: style, translations, the main window."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app.bootstrap import Till
from app.ui.main_window import MainWindow

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
THEME_ENV = "POPUP_POS_THEME"
# Benchmarks set this: the app prints how long it took to be ready, then quits.
READY_PROBE_ENV = "POPUP_POS_EXIT_WHEN_READY"


def style_sheet(theme: str) -> str:
    path = RESOURCES / "styles" / f"{'dark' if theme == 'dark' else 'light'}.qss"
    return path.read_text(encoding="utf-8")


def install_translator(app: QApplication) -> QTranslator | None:
    """Load resources/i18n/popup_pos_<language>.qm for the system locale, when one exists."""
    translator = QTranslator(app)
    if translator.load(QLocale(), "popup_pos", "_", str(RESOURCES / "i18n")):
        app.installTranslator(translator)
        return translator
    return None


def run_gui(till: Till, argv: Sequence[str]) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("Pop-up POS")
    app.setStyleSheet(style_sheet(os.environ.get(THEME_ENV, "light")))
    install_translator(app)
    window = MainWindow(till)
    window.show()
    if os.environ.get(READY_PROBE_ENV):

        def report_ready() -> None:
            print(f"ready {time.perf_counter() - started:.3f}", flush=True)
            window.close()
            app.quit()

        QTimer.singleShot(0, report_ready)
    code = int(app.exec())
    sys.stdout.flush()
    return code
