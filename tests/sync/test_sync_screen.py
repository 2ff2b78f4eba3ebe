"""The till's window syncs in the background and shows it: status bar and sync screen."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.till_actions import sell


def test_background_sync_shows_online_and_empties_the_outbox(qtbot: QtBot, hub: HubEvent, till_a: EnrolledTill) -> None:
    window = MainWindow(till_a.till)
    qtbot.addWidget(window)
    window.show()
    window.sync_now()
    qtbot.waitUntil(lambda: window.online is True, timeout=10_000)
    sell(till_a, "BER-003")
    window.show_sync()
    dialog = window.sync_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "Waiting: 1 record(s)" in dialog.summary.text())
    dialog.sync_button.click()
    qtbot.waitUntil(lambda: "Waiting: 0 record(s)" in dialog.summary.text(), timeout=10_000)
    assert "Online" in dialog.summary.text()
    qtbot.waitUntil(lambda: window.status_sync.text() == "Online · 0 waiting to sync")
    assert hub.hub.store.inbox_count() >= 1
    window.close()
