"""The manager's consignment tab under pytest-qt: a held item inspected and released back to sale."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain.consignment import QualityOutcome
from app.services.goods_in import receive_delivery, transfer_stock
from app.services.stock import on_hand
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.manager_tabs import consignment_tab


def test_a_quality_decision_releases_a_held_item_back_to_sale(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    shelf = on_hand("BER-003", demo.till.uow())
    transfer_stock("stall", "quality_hold", [("BER-003", 1)], demo.manager, demo.till.uow())
    assert on_hand("BER-003", demo.till.uow()) == shelf - 1
    tab = consignment_tab(qtbot, window)
    infos: list[str] = []
    errors: list[str] = []
    window.messages.info_shown.connect(infos.append)
    window.messages.error_shown.connect(errors.append)
    qtbot.waitUntil(lambda: tab.held_table.rowCount() == 1)
    assert [tab.held_table.item(0, column).text() for column in range(4)] == [
        "Bergkeramik",
        "BER-003",
        "Mug speckled",
        "1",
    ]

    release = tab.decision_buttons[QualityOutcome.RELEASE]
    tab.held_table.selectRow(0)
    qtbot.mouseClick(release, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors))
    assert "reason" in errors[-1], "a decision without a reason is refused"

    qtbot.keyClicks(tab.reason, "inspected: glaze fine")
    qtbot.mouseClick(release, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.held_table.rowCount() == 0)
    assert any("BER-003: Release to sale." in info for info in infos)
    assert tab.reason.text() == ""
    assert on_hand("BER-003", demo.till.uow()) == shelf, "the mug is back on the shelf, sellable"
    with demo.till.uow() as uow:
        (decided,) = [e.fields for e in uow.audit.entries() if e.fields.action == "quality.decided"]
        (record,) = [r for r in uow.outbox.records() if r.type == "stock.moved" and '"reason"' in r.payload]
    assert json.loads(decided.details)["reason"] == "inspected: glaze fine"
    payload = json.loads(record.payload)
    assert (payload["location"], payload["to_location"], payload["reason"]) == (
        "quality_hold",
        "stall",
        "inspected: glaze fine",
    )


def test_the_selected_makers_unsold_goods_are_handed_back_with_a_printed_note(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    receive_delivery("Bergkeramik", "LS-5", [("BER-003", 3)], demo.manager, demo.till.uow())
    transfer_stock("stall", "quality_hold", [("BER-003", 1)], demo.manager, demo.till.uow())
    tab = consignment_tab(qtbot, window)
    infos: list[str] = []
    window.messages.info_shown.connect(infos.append)
    qtbot.waitUntil(lambda: tab.units_table.rowCount() == 1)
    assert [tab.units_table.item(0, column).text() for column in range(9)] == [
        "Bergkeramik",
        "BER-003",
        "3",
        "0",
        "0",
        "1",
        "0",
        "0",
        "2",
    ]
    tab.units_table.selectRow(0)
    qtbot.mouseClick(tab.hand_back_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("Hand-back note A-H00001" in info for info in infos), timeout=10_000)
    qtbot.waitUntil(lambda: tab.units_table.item(0, 8).text() == "0")
    assert tab.units_table.item(0, 7).text() == "3", "the two on the shelf and the held one went back"
    assert (demo.till.data_dir / "hand-backs" / "hand-back-A-H00001.pdf").exists()
    with demo.till.uow() as uow:
        assert [job.kind for job in uow.print_jobs.jobs()].count("hand_back_note") == 1
