"""Labels the services make (role names) follow the screen language, as the screens' own texts do."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.ui.application import install_translator, uninstall_translator
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill


def _people(qtbot: QtBot, window: MainWindow) -> list[str]:
    qtbot.waitUntil(lambda: bool(window.sign_in.findChildren(QPushButton, "personButton")))  # read off the GUI thread
    return sorted(button.text() for button in window.sign_in.findChildren(QPushButton, "personButton"))


def test_role_names_on_the_sign_in_buttons_are_german_under_german(
    qtbot: QtBot, qapp: QApplication, demo: DemoTill
) -> None:
    translator = install_translator(qapp, "de")
    assert translator is not None
    try:
        window = MainWindow(demo.till)
        qtbot.addWidget(window)
        assert _people(qtbot, window) == ["Alex\nLeitung", "Jo\nAbholtheke", "Sam\nKassierer/in"]
        window.close()
    finally:
        uninstall_translator(qapp, translator)
    window = MainWindow(demo.till)
    qtbot.addWidget(window)
    assert _people(qtbot, window) == ["Alex\nmanager", "Jo\npickup clerk", "Sam\ncashier"]
