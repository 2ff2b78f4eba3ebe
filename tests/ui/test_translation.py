"""The screens speak the person's language; money keeps the event's locale."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.ui.application import install_translator, uninstall_translator
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill


def test_german_screens_with_swiss_money(qtbot: QtBot, qapp: QApplication, demo: DemoTill) -> None:
    translator = install_translator(qapp, "de_DE")
    assert translator is not None
    try:
        window = MainWindow(demo.till)
        qtbot.addWidget(window)
        assert window.sign_in.title.text() == "Wer steht an der Kasse?"
        assert window.sell.pay_button.text() == "Bezahlen"
        assert window.sell.pay_button.toolTip() == "Zahlung annehmen (F12)"
        window.close()
    finally:
        uninstall_translator(qapp, translator)


def test_qts_own_buttons_speak_german_too(qapp: QApplication) -> None:
    translator = install_translator(qapp, "de_DE")
    assert translator is not None
    try:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        assert cancel.text().replace("&", "") == "Abbrechen"
    finally:
        uninstall_translator(qapp, translator)
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert english.buttons()[0].text().replace("&", "") == "Cancel"
