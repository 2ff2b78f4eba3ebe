"""What is left event-wide, on the counter: search results, quick keys and the cart say "2 left", "Last one",
"Sold out", and a sale beyond it asks for a manager where the event wants one (docs/stock_view.md)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.domain.stock_left import OversellPolicy
from app.services.availability import set_oversell_policy
from app.ui.approval_dialog import ApprovalDialog
from app.ui.cart_model import Column
from app.ui.main_window import MainWindow
from app.ui.worker import Change
from tests.conftest import DemoTill
from tests.ui.conftest import scan, sign_in
from tests.ui.counter_stock import LARGE_PILLAR, SMALL_PILLAR, key_texts, place_key, pulled

CANDLE = "2000000000015"  # ATE-001, Beeswax taper candle, CHF 12.90


def test_search_quick_keys_and_cart_show_what_is_left(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    pulled(demo, {"ATE-001": 2, SMALL_PILLAR: 0, "ATE-004": 1})
    place_key(demo, "ATE-001", 1)
    place_key(demo, SMALL_PILLAR, 2)
    place_key(demo, LARGE_PILLAR, 3)
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)

    candles = ("Beeswax taper candle pair", "Pillar candle small", "Pillar candle large")
    qtbot.waitUntil(lambda: set(candles) <= set(key_texts(window)))
    assert {label: key_texts(window)[label] for label in candles} == {
        "Beeswax taper candle pair": "CHF\xa012.90 · 2 left",
        "Pillar candle small": "CHF\xa018.90 · Sold out",
        "Pillar candle large": "CHF\xa028.90",  # no level from the hub: nothing to say
    }

    qtbot.keyClicks(window.sell.scan_field, "candle")
    qtbot.waitUntil(lambda: window.sell.results.isVisible())
    shown = [window.sell.results.item(row).text() for row in range(window.sell.results.count())]
    assert any(text.startswith("Beeswax taper candle pair") and text.endswith("· 2 left") for text in shown)
    assert any(text.startswith("Pillar candle small") and text.endswith("· Sold out") for text in shown)
    assert any(text.startswith("Pillar candle large") and text.endswith("CHF\xa028.90") for text in shown)
    window.sell.scan_field.clear()

    scan(qtbot, window, CANDLE)
    item = window.sell.model.index(0, Column.ITEM)
    assert item.data().splitlines()[1] == "Atelier Lumen · 2 left"
    assert not window.sell.model.is_beyond_stock(0)

    qtbot.mouseClick(
        next(button for button in window.sell.findChildren(QPushButton, "quickKey") if "Sold out" in button.text()),
        Qt.MouseButton.LeftButton,
    )
    qtbot.waitUntil(lambda: window.sell.model.rowCount() == 2)
    assert window.sell.model.index(1, Column.ITEM).data().splitlines()[1] == "Atelier Lumen · Sold out"
    assert window.sell.model.is_beyond_stock(1)
    quantity = window.sell.model.index(1, Column.QUANTITY)
    assert "Sold out event-wide" in quantity.data(Qt.ItemDataRole.ToolTipRole)
    assert quantity.data(Qt.ItemDataRole.ForegroundRole) is not None
    qtbot.waitUntil(lambda: "Pillar candle is sold out event-wide" in window.message_area.text())
    assert "The sale can go on" in window.message_area.text()

    # A sync pulls the candle's new level (another till sold one): the key and the cart follow.
    window.device_worker.write(lambda: pulled(demo, {"ATE-001": 1}), Change.SYNC)
    qtbot.waitUntil(lambda: window.sell.model.index(0, Column.ITEM).data().endswith("· Last one"))
    qtbot.waitUntil(lambda: key_texts(window)["Beeswax taper candle pair"] == "CHF\xa012.90 · Last one")


def test_a_sale_beyond_what_is_left_asks_for_the_manager_pin_at_payment(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    pulled(demo, {"ATE-001": 1})
    set_oversell_policy(OversellPolicy.MANAGER, demo.manager, demo.till.uow())
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    scan(qtbot, window, CANDLE)
    assert window.sell.model.index(0, Column.ITEM).data().splitlines()[1] == "Atelier Lumen · Last one"
    scan(qtbot, window, CANDLE)
    assert window.sell.model.is_beyond_stock(0)
    qtbot.waitUntil(lambda: "needs a manager's PIN at payment" in window.message_area.text())

    qtbot.mouseClick(window.sell.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    tender = window.sell.tender_dialog
    assert tender is not None
    qtbot.waitExposed(tender)
    qtbot.mouseClick(next(iter(tender.findChildren(QPushButton, "quickCash"))), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(dialog.isVisible() for dialog in tender.findChildren(ApprovalDialog)))
    approval = next(dialog for dialog in tender.findChildren(ApprovalDialog) if dialog.isVisible())
    assert "Beeswax taper candle (2/1)" in approval.reason.text()
    qtbot.keyClicks(approval.pad.display, "1234")
    qtbot.keyClick(approval.pad.display, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tender.pages.currentIndex() == 1)
    with demo.till.uow() as uow:
        approved = [e.fields.approved_by for e in uow.audit.entries() if e.fields.action == "sale.beyond_stock"]
    assert approved == [demo.manager]
