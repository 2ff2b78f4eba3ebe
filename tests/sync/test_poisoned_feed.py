"""A poisoned entry in the hub's feed, over real HTTP: every till quarantines it and keeps syncing the rest."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import literal, text

from app.services.event_close import close_checklist
from app.services.return_lookup import find_sale
from app.services.sync_status import SyncStatus, sync_status
from app.ui.main_window import MainWindow
from sync.hub.store import HubStore, changes
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sell, sync
from tests.ui.manager_tabs import open_manager

POISON_KEY = "poisoned-sale"
# How the reason begins: the sale's contract (sync/records) names the first missing field.
POISON_REASON = f"the sale change {POISON_KEY} breaks its contract: sale_id: Field required;"


def poison_the_feed(store: HubStore, event_id: str) -> int:
    """A "sale" change with nothing but empty lines, written straight into the feed; returns its seq."""
    with store.engine.begin() as connection:
        # The writing transaction's id, as the hub's own publishing records it (0 on SQLite).
        tx = text("pg_current_xact_id()::text::bigint") if connection.dialect.name == "postgresql" else literal(0)
        inserted = connection.execute(
            changes.insert()
            .values(tx=tx, event_id=event_id, kind="sale", key=POISON_KEY, data='{"lines": []}')
            .returning(changes.c.seq)
        )
        return int(inserted.scalar_one())


def assert_quarantined_once(status: SyncStatus, seq: int) -> None:
    assert status.quarantined == 1
    assert [(item.seq, item.kind, item.key) for item in status.quarantine] == [(seq, "sale", POISON_KEY)]
    assert status.quarantine[0].reason.startswith(POISON_REASON)
    assert status.last_error is None, "the sync itself went on"


def test_a_poisoned_entry_is_quarantined_on_every_till_and_the_sync_goes_on(
    hub: HubEvent, till_a: EnrolledTill, tmp_path: Path
) -> None:
    store = hub.hub.store
    sync(till_a)  # its staff reach the hub, and till B takes them from there
    till_b = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-b", code="B", staff_from_hub=True)
    try:
        store.set_stock(hub.event_id, "BER-003", 5)
        sync(till_a)
        sync(till_b)
        seq = poison_the_feed(store, hub.event_id)
        sale = sell(till_a, "BER-003")
        sync(till_a)
        sync(till_b)

        for till in (till_a, till_b):
            assert_quarantined_once(sync_status(till.till.uow()), seq)
            assert close_checklist(till.till.uow()).quarantined == 1
        at_b = find_sale(sale.receipt_no, till_b.till.uow())
        assert [(line.sku, line.returnable) for line in at_b.lines] == [("BER-003", 1)]

        later = sell(till_a, "BER-003")
        sync(till_a)
        sync(till_b)
        for till in (till_a, till_b):
            assert_quarantined_once(sync_status(till.till.uow()), seq)
        assert find_sale(later.receipt_no, till_b.till.uow()).lines[0].sku == "BER-003"
        with till_b.till.uow().for_reading() as uow:
            assert uow.hub.stock_level("BER-003") == 3, "stock levels published after the poison arrive too"
    finally:
        till_b.till.close()


def test_the_sync_screen_lists_the_quarantined_entry(qtbot: QtBot, hub: HubEvent, till_a: EnrolledTill) -> None:
    seq = poison_the_feed(hub.hub.store, hub.event_id)
    window = MainWindow(till_a.till)
    qtbot.addWidget(window)
    window.show()
    window.show_sync()
    dialog = window.sync_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "Last success: -" in dialog.summary.text())
    assert dialog.quarantine.isHidden() and dialog.quarantine_summary.isHidden()

    dialog.sync_button.click()
    qtbot.waitUntil(lambda: dialog.quarantine.count() == 1, timeout=10_000)
    assert "1 feed entries could not be applied." in dialog.quarantine_summary.text()
    assert "Tell the marketplace: these changes were skipped" in dialog.quarantine_summary.text()
    assert dialog.quarantine.item(0).text().startswith(f"#{seq} sale {POISON_KEY}: {POISON_REASON}")
    assert dialog.quarantine.isVisible() and dialog.quarantine_summary.isVisible()
    window.close()


def test_the_manager_sees_it_on_the_event_close_checklist(qtbot: QtBot, hub: HubEvent, till_a: EnrolledTill) -> None:
    poison_the_feed(hub.hub.store, hub.event_id)
    sync(till_a)
    window = MainWindow(till_a.till)
    qtbot.addWidget(window)
    window.show()
    open_manager(qtbot, window)
    manager = window.manager
    manager.tabs.setCurrentWidget(manager.close_tab)
    qtbot.waitUntil(lambda: manager.close_tab.checklist is not None)
    assert "⚠ 1 feed entries from the hub could not be applied." in manager.close_tab.checks.text()
    assert "this does not block the close" in manager.close_tab.checks.text()
    window.close()
