"""The close tab shows every till's line of the hub's close: the manager on any till sees which till blocks it.

Real parts: a hub over HTTP on 127.0.0.1 (SQLite), two enrolled tills with
their own stores, till A's main window under pytest-qt.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from tests.sync.conftest import EnrolledTill, enrolled_till, hub_on
from tests.sync.event_close_tills import SKU, close_till, sell
from tests.sync.till_actions import sync
from tests.ui.conftest import sign_in


@pytest.fixture
def till_a_window(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, EnrolledTill, EnrolledTill]]:
    with hub_on(f"sqlite:///{tmp_path / 'hub.db'}") as served:
        served.hub.store.set_stock(served.event_id, SKU, 20)
        till_a = enrolled_till(served.hub.url, served.hub.store, served.event_id, tmp_path / "till-a", "A")
        till_b = enrolled_till(served.hub.url, served.hub.store, served.event_id, tmp_path / "till-b", "B")
        for till in (till_a, till_b):
            sync(till)
            sell(till)
            sync(till)
        main = MainWindow(till_a.till, idle_lock_ms=60_000)
        qtbot.addWidget(main)
        main.show()
        yield main, till_a, till_b
        main.close()
        till_a.till.close()
        till_b.till.close()


def test_the_close_checklist_names_the_till_still_open(
    qtbot: QtBot, till_a_window: tuple[MainWindow, EnrolledTill, EnrolledTill]
) -> None:
    window, till_a, till_b = till_a_window
    close_till(till_a)
    sync(till_a)
    sync(till_b)
    sync(till_a)  # till B's line as the hub has it now

    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    window.show_manager()
    tab = window.manager.close_tab
    window.manager.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.checklist is not None and tab.event_tills.text() != "")
    shown = tab.event_tills.text().splitlines()
    assert shown[0] == "The event's close on the hub (as of the last sync):"
    assert "✔ Till A: ready for the event's close" in shown
    assert "✘ Till B: cash still open (the till has not closed)" in shown
    assert tab.event_tills.isVisible()
