"""Starting the Qt application on an opened till: style, translations, the main window."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QLabel

from app.bootstrap import Till
from app.domain import texts
from app.domain.errors import PosError
from app.services.setup import is_set_up
from app.ui.main_window import MainWindow
from app.ui.styles import RESOURCES, style_sheet

THEME_ENV = "POPUP_POS_THEME"
LANGUAGE_ENV = "POPUP_POS_LANGUAGE"
# Benchmarks set this: the app prints when its sign-in screen takes a PIN and when its window is
# ready to sell (ReadyProbe), then quits.
READY_PROBE_ENV = "POPUP_POS_EXIT_WHEN_READY"


def install_translator(app: QApplication, language: str | None = None) -> QTranslator | None:
    """Load resources/i18n/popup_pos_<language>.qm (POPUP_POS_LANGUAGE, else the system's), when one exists,
    with Qt's own translation of its standard buttons (a wizard's Next and Back, OK and Cancel).

    The screens' language is the person's; money and dates follow the event's
    locale whatever the language (Babel, in the services).
    """
    translator = QTranslator(app)
    locale = QLocale(language) if language else QLocale()
    texts.use_language(locale.name())  # the services' refusals and labels follow the screens
    if not translator.load(locale, "popup_pos", "_", str(RESOURCES / "i18n")):
        return None
    qt_buttons = QTranslator(translator)
    if qt_buttons.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_buttons)
    app.installTranslator(translator)
    return translator


def uninstall_translator(app: QApplication, translator: QTranslator) -> None:
    """Remove a translator ``install_translator`` gave, with Qt's own that came with it."""
    for qt_buttons in translator.findChildren(QTranslator):
        app.removeTranslator(qt_buttons)
    app.removeTranslator(translator)
    texts.use_language(None)


def run_gui(till: Till, argv: Sequence[str], offer_first_run: bool = True) -> int:
    """Open the till's window; on a store without a till, the first-run wizard comes first (unless told not to)."""
    started = time.perf_counter()
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setApplicationName("Pop-up POS")
    app.setWindowIcon(QIcon(str(RESOURCES / "icons" / "popup-pos.svg")))
    app.setStyleSheet(style_sheet(os.environ.get(THEME_ENV, "light")))
    install_translator(app, os.environ.get(LANGUAGE_ENV))
    if offer_first_run and not is_set_up(till.uow()):
        # Only a new till sees the wizard: every other start is spared importing it (and the sync client it uses).
        from app.ui.first_run import run_first_run_wizard

        if not run_first_run_wizard(None, till):
            return 0  # set-up abandoned: nothing to sell with yet, and nothing half-made is kept open
    window = MainWindow(till)
    window.dark_style.setChecked(os.environ.get(THEME_ENV) == "dark")
    if os.environ.get(READY_PROBE_ENV):
        ReadyProbe(app, window, started)  # kept by the window, its parent
    window.show()
    code = int(app.exec())
    sys.stdout.flush()
    return code


class ReadyProbe(QObject):
    """For the benchmarks: prints "sign-in <s>" once a person's button is painted on the sign-in screen (a PIN
    can be typed), then "ready <s>" once the window is ready to sell (the sell screen built, the status bar
    filled), in seconds since ``started``; then closes the window."""

    def __init__(self, app: QApplication, window: MainWindow, started: float) -> None:
        super().__init__(window)
        self._app = app
        self._window = window
        self._started = started
        self._signed_in_shown = False
        app.installEventFilter(self)
        self._poll = QTimer(self)
        self._poll.setInterval(2)
        self._poll.timeout.connect(self._check_ready)
        self._poll.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._signed_in_shown and event.type() == QEvent.Type.Paint and watched.objectName() == "personButton":
            self._signed_in_shown = True
            self._report("sign-in")
        return False

    def _check_ready(self) -> None:
        window = self._window
        if self._signed_in_shown and window.ready_to_sell and window.status is not None and window.status_sync.text():
            self._poll.stop()
            self._app.removeEventFilter(self)
            self._report("ready")
            window.close()
            self._app.quit()

    def _report(self, milestone: str) -> None:
        print(f"{milestone} {time.perf_counter() - self._started:.3f}", flush=True)


def check_screens() -> str:
    """The self-test's look at Qt: text draws, the style sheets and the translation load, the plugins are there."""
    if QApplication.instance() is None:
        # The self-test checks the installation, not the display: without a screen
        # (over ssh, in CI) Qt would abort on the default platform plugin.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    app.setStyleSheet(style_sheet("dark") + style_sheet("light"))
    translator = install_translator(app, "de")
    if translator is None:
        raise PosError(f"the German translation is missing from {RESOURCES / 'i18n'}")
    uninstall_translator(app, translator)
    if QLabel("Pop-up POS · Kasse · Fr. 12.90").grab().isNull():
        raise PosError(f"Qt cannot draw on the '{app.platformName()}' platform")
    plugins = sorted(
        plugin.stem.removeprefix("lib").removeprefix("q")
        for folder in QCoreApplication.libraryPaths()
        for plugin in (Path(folder) / "platforms").glob("*")
        if plugin.suffix in (".so", ".dll", ".dylib")
    )
    if sys.platform == "linux" and not {"offscreen", "xcb"} <= set(plugins):
        raise PosError(f"the Qt platform plugins offscreen and xcb are needed, found only: {', '.join(plugins)}")
    return f"drawn on '{app.platformName()}'; style sheets and translation load; platform plugins {', '.join(plugins)}"
