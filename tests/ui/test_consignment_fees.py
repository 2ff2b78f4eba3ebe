"""A maker's fees on the manager's Consignment tab under pytest-qt: set through the dialog, shown on the tab,
queued as ``maker_terms.set`` for every till; a bad percentage refused with what was typed kept and nothing queued.
"""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from app.services.goods_in import receive_delivery
from app.ui.main_window import MainWindow
from app.ui.manager.consignment_tab import ConsignmentTab
from app.ui.manager.maker_fees import MakerFeesDialog
from tests.conftest import DemoTill
from tests.ui.manager_tabs import consignment_tab


def queued(demo: DemoTill) -> list[tuple[str, str]]:
    with demo.till.uow() as uow:
        return [(record.type, record.payload) for record in uow.outbox.records()]


def retype(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def open_fees(qtbot: QtBot, tab: ConsignmentTab, maker: str) -> MakerFeesDialog:
    qtbot.waitUntil(lambda: tab.fees.maker.findText(maker) >= 0)
    tab.fees.select_maker(maker)
    qtbot.mouseClick(tab.fees.change_button, Qt.MouseButton.LeftButton)
    dialog = tab.fees.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_manager_sets_a_makers_fees_on_the_tab(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    receive_delivery("Bergkeramik", "LS-5", [("BER-003", 3)], demo.manager, demo.till.uow())
    tab = consignment_tab(qtbot, window)
    infos: list[str] = []
    window.messages.info_shown.connect(infos.append)
    qtbot.waitUntil(lambda: tab.units_table.rowCount() == 1 and tab.fees.maker.count() > 1)
    makers = [tab.fees.maker.itemText(index) for index in range(tab.fees.maker.count())]
    assert "Bergkeramik" in makers and "Kaffee Kollektiv" in makers
    tab.fees.select_maker("Kaffee Kollektiv")
    tab.units_table.selectRow(0)
    assert tab.fees.maker.currentText() == "Bergkeramik", "a maker's line in the units table chooses the maker"
    assert "Payout due" in tab.fees.summary.text()

    dialog = open_fees(qtbot, tab, "Bergkeramik")
    assert (dialog.fixed_fee.text(), dialog.fee_percent.text(), dialog.card_fee_percent.text()) == ("0.00", "0", "0")
    retype(qtbot, dialog.fixed_fee, "25.00")
    retype(qtbot, dialog.fee_percent, "2")
    retype(qtbot, dialog.card_fee_percent, "1,5")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert any("Fees of Bergkeramik set for every till" in info for info in infos)

    event = window.sell.state.event if window.sell.state else None
    assert event is not None
    fixed = event.format(2500)
    qtbot.waitUntil(lambda: fixed in tab.fees.summary.text())
    summary = tab.fees.summary.text()
    assert "fee 2%" in summary and "card fee 1.5%" in summary and "Payout due" in summary
    (payload,) = [json.loads(payload) for kind, payload in queued(demo) if kind == "maker_terms.set"]
    assert (payload["maker"], payload["fixed_fee"], payload["fee_rate"], payload["card_fee_rate"]) == (
        "Bergkeramik",
        2500,
        "0.02",
        "0.015",
    )
    assert payload["payout_state"] == "due"
    with demo.till.uow() as uow:
        (audited,) = [e.fields for e in uow.audit.entries() if e.fields.action == "consignment.fees_set"]
    assert audited.subject == "Bergkeramik"

    again = open_fees(qtbot, tab, "Bergkeramik")
    assert (again.fixed_fee.text(), again.fee_percent.text(), again.card_fee_percent.text()) == ("25.00", "2", "1.5")
    again.reject()


def test_a_bad_percentage_is_refused_and_nothing_is_queued(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    before = queued(demo)
    tab = consignment_tab(qtbot, window)
    errors: list[str] = []
    window.messages.error_shown.connect(errors.append)
    dialog = open_fees(qtbot, tab, "Bergkeramik")
    retype(qtbot, dialog.fixed_fee, "25")
    retype(qtbot, dialog.fee_percent, "150")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(errors))
    assert "between 0 and 100 percent" in errors[-1]
    assert dialog.isVisible(), "a refusal leaves the dialog open"
    assert (dialog.fixed_fee.text(), dialog.fee_percent.text()) == ("25", "150"), "what was typed is kept"

    retype(qtbot, dialog.fee_percent, "2")
    retype(qtbot, dialog.fixed_fee, "lots")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(errors) == 2)
    assert "lots" in errors[-1], errors[-1]
    assert dialog.isVisible() and dialog.fixed_fee.text() == "lots"
    assert queued(demo) == before, "nothing was queued for the hub"
    assert "fee 0%" in tab.fees.summary.text()
    dialog.reject()
