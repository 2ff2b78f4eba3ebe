"""Demand at the counter by taps: "Asked for" on a sold-out product in two taps, and a contact kept only with the
consent box ticked (docs/demand.md)."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget
from pytestqt.qtbot import QtBot

from app.services.demand import demand_entries
from app.ui.demand_dialog import DemandDialog
from app.ui.demand_entry import is_asked_for
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in
from tests.ui.counter_stock import SMALL_PILLAR, pulled
from tests.ui.screen_fit import SIZES, misfits

TAP = Qt.MouseButton.LeftButton


def _tap_row(qtbot: QtBot, results: QListWidget, row: int) -> None:
    rect = results.visualItemRect(results.item(row))
    # One tap activates a list row: the style sheet's activate-on-singleclick (app/ui/tables.py).
    qtbot.mouseClick(results.viewport(), TAP, pos=rect.center())


def _asked_for_row(qtbot: QtBot, window: MainWindow, query: str, starts: str) -> int:
    qtbot.keyClicks(window.sell.scan_field, query)
    results = window.sell.results
    qtbot.waitUntil(lambda: results.isVisible() and results.count() > 0)
    rows = [row for row in range(results.count()) if is_asked_for(results.item(row))]
    assert rows, [results.item(row).text() for row in range(results.count())]
    (row,) = [row for row in rows if results.item(row).text().startswith(starts)]
    return row


def _open(qtbot: QtBot, window: MainWindow, query: str, starts: str) -> DemandDialog:
    row = _asked_for_row(qtbot, window, query, starts)
    _tap_row(qtbot, window.sell.results, row)  # tap 1
    qtbot.waitUntil(lambda: isinstance(window.sell.input_dialog, DemandDialog))
    dialog = window.sell.input_dialog
    assert isinstance(dialog, DemandDialog)
    return dialog


def test_demand_on_a_sold_out_product_in_two_taps(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    pulled(demo, {SMALL_PILLAR: 0})
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)

    dialog = _open(qtbot, window, "pillar", "Sold out: Pillar candle small")
    for size in SIZES:
        assert misfits(dialog, size)[0] == []
    qtbot.mouseClick(dialog.record_button, TAP)  # tap 2
    qtbot.waitUntil(lambda: window.sell.input_dialog is None)

    (entry,) = demand_entries(demo.till.uow())
    assert (entry.sku, entry.quantity, entry.contact, entry.consent) == (SMALL_PILLAR, None, None, False)
    assert entry.product_name.startswith("Pillar candle small")
    with demo.till.uow() as uow:
        (record,) = [r for r in uow.outbox.records() if r.type == "demand.recorded"]
        payload = json.loads(record.payload)
        (audit,) = [e.fields for e in uow.audit.entries() if e.fields.action == "demand.recorded"]
    assert payload["sku"] == SMALL_PILLAR and payload["contact"] is None and payload["till_code"] == "A"
    assert audit.subject == entry.demand_id
    assert window.sell.results.isHidden()


def test_a_contact_is_kept_only_with_the_consent_ticked(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    pulled(demo, {SMALL_PILLAR: 0})
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    dialog = _open(qtbot, window, "pillar", "Sold out: Pillar candle small")

    dialog.quantity.setValue(3)
    qtbot.keyClicks(dialog.note, "the large size")
    qtbot.keyClicks(dialog.contact, "Mia@Example.CH")
    qtbot.mouseClick(dialog.record_button, TAP)  # the consent is not ticked
    qtbot.waitUntil(lambda: "consent" in dialog.message.text())
    assert dialog.isVisible()
    assert demand_entries(demo.till.uow()) == []
    with demo.till.uow() as uow:
        assert [r for r in uow.outbox.records() if r.type == "demand.recorded"] == []

    qtbot.mouseClick(dialog.consent, TAP, pos=dialog.consent.rect().center())
    assert dialog.consent.isChecked()
    qtbot.mouseClick(dialog.record_button, TAP)
    qtbot.waitUntil(lambda: window.sell.input_dialog is None)
    (entry,) = demand_entries(demo.till.uow())
    assert (entry.quantity, entry.note, entry.contact, entry.consent) == (3, "the large size", "mia@example.ch", True)
    assert entry.consent_wording == "demand-consent-1"
    with demo.till.uow() as uow:
        (audit,) = [e.fields for e in uow.audit.entries() if e.fields.action == "demand.recorded"]
    assert "mia@example.ch" not in json.dumps(audit.details)


def test_a_search_finding_nothing_records_a_not_stocked_item(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    dialog = _open(qtbot, window, "velvet scarf", "Not stocked")
    assert dialog.item.text() == "velvet scarf"
    qtbot.mouseClick(dialog.record_button, TAP)
    qtbot.waitUntil(lambda: window.sell.input_dialog is None)
    (entry,) = demand_entries(demo.till.uow())
    assert (entry.sku, entry.item) == (None, "velvet scarf")
