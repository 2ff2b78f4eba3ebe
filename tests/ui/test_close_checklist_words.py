"""The close checklist names the records it lists in words, never by their wire names ("stock.moved")."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.ui.main_window import MainWindow
from app.ui.record_names import record_name
from sync.records import RecordType
from tests.conftest import DemoTill
from tests.ui.manager_tabs import open_manager


def test_every_record_type_has_words() -> None:
    assert {record_name(kind) for kind in RecordType} == {
        "sale",
        "return",
        "pickup handoff",
        "stock movement",
        "voucher issued",
        "cash session",
        "event setting",
        "staff change",
        "commission",
        "till closed",
        "conflict review",
        "customer demand",
        "drop sale",
        "drop set by a manager",
        "drop units returned",
        "maker's fees or payout",
        "price rule",
        "group-buy commitment",
        "group buy set by a manager",
    }


def test_the_close_tab_lists_unsynced_records_in_words(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    with demo.till.uow() as uow:
        waiting = {record.type for record in uow.outbox.records()}
    assert waiting, "the demo's goods received and opening float wait for a hub"
    open_manager(qtbot, window)
    tab = window.manager.close_tab
    window.manager.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.checklist is not None and tab.unsynced_list.count() > 0)
    shown = [tab.unsynced_list.item(row).text() for row in range(tab.unsynced_list.count())]
    assert not [text for text in shown if any(kind in text for kind in waiting)], shown
    assert any(record_name(kind) in shown[0] for kind in waiting)
