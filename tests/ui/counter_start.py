"""The counter ready to sell: Sam (cashier) signed in, and the demo codes the counter tests scan."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.ui.conftest import sign_in

MUG, CANDLE, COFFEE = "2000000000114", "2000000000015", "KAF-003"  # 32.00, 12.90, 25.90


def signed_in_as_sam(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
