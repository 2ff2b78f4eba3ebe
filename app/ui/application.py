"""Starting the Qt application on an opened till: style, translations, the main window."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence

from PySide6.QtCore import QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from app.bootstrap import Till
from app.ui.main_window import MainWindow
from app.ui.styles import RESOURCES, style_sheet

THEME_ENV = "POPUP_POS_THEME"
LANGUAGE_ENV = "POPUP_POS_LANGUAGE"
# Benchmarks set this: the app prints how long it took to be ready, then quits.
READY_PROBE_ENV = "POPUP_POS_EXIT_WHEN_READY"


def install_translator(app: QApplication, language: str | None = None) -> QTranslator | None:
    """Load resources/i18n/popup_pos_<language>.qm (POPUP_POS_LANGUAGE, else the system's), when one exists.

    The screens' language is the person's; money and dates follow the event's
    locale whatever the language (Babel, in the services).
    """
    translator = QTranslator(app)
    locale = QLocale(language) if language else QLocale()
    if translator.load(locale, "popup_pos", "_", str(RESOURCES / "i18n")):
        app.installTranslator(translator)
        return translator
    return None


def run_gui(till: Till, argv: Sequence[str]) -> int:
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("Pop-up POS")
    app.setStyleSheet(style_sheet(os.environ.get(THEME_ENV, "light")))
    install_translator(app, os.environ.get(LANGUAGE_ENV))
    window = MainWindow(till)
    window.dark_style.setChecked(os.environ.get(THEME_ENV) == "dark")
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
