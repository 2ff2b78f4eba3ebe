"""A group-buy commitment taken by taps at the counter, its progress shown, and refused after the deadline.

The group buy arrives as the hub's feed entry would (the feed path itself);
the till's clock is injected (app/domain/clock.py), so the deadline is crossed
without waiting.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.domain import clock
from app.domain.tenders import Tender, TenderKind
from app.services.feed_pages import store_pages
from app.services.group_buys import TakeCommitment, take_commitment
from app.ui.group_buy_dialog import GroupBuyDialog
from app.ui.main_window import MainWindow
from app.ui.tender_dialog import TenderDialog
from sync.protocol import Change, ChangesPage
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in
from tests.ui.screen_fit import SIZES, fit_window, misfits

TAP = Qt.MouseButton.LeftButton
DEADLINE = datetime(
    2026, 12, 6, 17, 0, tzinfo=UTC
)  # Sunday 18:00 in Zurich: the demo event writes it in de_CH, "Sonntag 18:00"


@pytest.fixture(autouse=True)
def before_the_deadline() -> Iterator[None]:
    clock.set_clock(lambda: DEADLINE - timedelta(days=1))
    yield
    clock.set_clock(None)


def feed_group_buy(demo: DemoTill, committed: int = 35) -> str:
    group_buy_id = str(uuid.uuid4())
    with demo.till.uow() as uow:
        currency = uow.tills.this_till_and_event()[1].currency
    data = {
        "group_buy_id": group_buy_id,
        "name": "Teapot run",
        "sku": "ATE-001",
        "minimum": 50,
        "deadline": DEADLINE.isoformat(),
        "price": 2000,
        "payment": "deposit",
        "currency": currency,
        "committed": committed,
        "state": "open",
        "closed_at": None,
        "changed_at": (DEADLINE - timedelta(days=2)).isoformat(),
    }
    page = ChangesPage(
        changes=[Change(seq=1, kind="group_buy", key=group_buy_id, data=data)], next_cursor="0.1", more=False
    )
    store_pages(demo.till.uow, [page])
    return group_buy_id


def open_dialog(qtbot: QtBot, window: MainWindow) -> GroupBuyDialog:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    qtbot.mouseClick(window.sell.quick_tabs.group_buy_button, TAP)
    qtbot.waitUntil(lambda: isinstance(window.sell.input_dialog, GroupBuyDialog))
    dialog = window.sell.input_dialog
    assert isinstance(dialog, GroupBuyDialog)
    qtbot.waitUntil(lambda: dialog.group_buys.count() == 1 and bool(dialog.progress_label.text()))
    return dialog


def test_a_commitment_taken_by_taps_and_its_progress_shown(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    feed_group_buy(demo)
    dialog = open_dialog(qtbot, window)
    assert dialog.progress_label.text() == "35 of 50, closes Sonntag 18:00"
    for size in SIZES:
        assert misfits(dialog, size)[0] == []

    dialog.quantity.setValue(2)
    qtbot.keyClicks(dialog.contact, "mia@example.ch")
    qtbot.mouseClick(dialog.pay_button, TAP)  # the consent is not ticked yet
    qtbot.waitUntil(lambda: "consent" in dialog.message.text())
    assert dialog.tender_dialog is None

    dialog.consent.setChecked(True)
    qtbot.mouseClick(dialog.pay_button, TAP)
    qtbot.waitUntil(lambda: dialog.tender_dialog is not None)
    tender = dialog.tender_dialog
    assert isinstance(tender, TenderDialog) and tender.total == 4000
    qtbot.keyClicks(tender.cash_input, "50")
    qtbot.keyClick(tender.cash_input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tender.pages.currentIndex() == 1)
    qtbot.waitUntil(lambda: dialog.progress_label.text().startswith("37 of 50"))
    assert "A-000001" in dialog.message.text()
    assert dialog.progress_label.text() == "37 of 50, closes Sonntag 18:00"
    with demo.till.uow() as uow:
        sale = uow.sales.header_by_receipt("A-000001")
        assert sale is not None and sale.total == 4000
        (record,) = [r for r in uow.outbox.records() if r.type == "group_buy.committed"]
        assert '"contact":"mia@example.ch"' in record.payload.replace(" ", "")
    qtbot.keyClick(tender.none_button, Qt.Key.Key_Return)


def test_a_commitment_after_the_deadline_is_refused(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    feed_group_buy(demo)
    clock.set_clock(lambda: DEADLINE)
    dialog = open_dialog(qtbot, window)
    assert "closed Sonntag 18:00" in dialog.progress_label.text()
    qtbot.keyClicks(dialog.contact, "+41 79 555 12 34")
    dialog.consent.setChecked(True)
    qtbot.mouseClick(dialog.pay_button, TAP)
    qtbot.waitUntil(lambda: "no more commitments" in dialog.message.text())
    assert dialog.tender_dialog is None
    with demo.till.uow() as uow:
        assert [r for r in uow.outbox.records() if r.type == "group_buy.committed"] == []


def test_a_missed_commitment_is_refunded_from_the_returns_desk_tab(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    group_buy_id = feed_group_buy(demo)
    taken = take_commitment(
        TakeCommitment(group_buy_id, 1, "ben@example.ch", True, demo.cashier, (Tender(TenderKind.CASH, 2000),)),
        demo.till.uow(),
    )
    outcome = {
        "commitment_id": taken.commitment_id,
        "group_buy_id": group_buy_id,
        "sale_id": taken.sale.sale_id,
        "receipt_no": taken.sale.receipt_no,
        "quantity": 1,
        "amount": 2000,
        "state": "refund_due",
        "late": False,
        "order_number": None,
        "changed_at": DEADLINE.isoformat(),
    }
    page = ChangesPage(
        changes=[Change(seq=2, kind="group_buy_commitment", key=taken.commitment_id, data=outcome)],
        next_cursor="0.2",
        more=False,
    )
    store_pages(demo.till.uow, [page])

    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.returns)
    refunds = window.returns.group_buy_refunds
    window.returns.tabs.setCurrentWidget(refunds)
    qtbot.waitUntil(lambda: refunds.list.count() == 1)
    assert refunds.list.item(0).text().startswith("A-000001 · Teapot run · 1 · ")
    for size in SIZES:
        assert fit_window(qtbot, window, size)[0] == []
    qtbot.mouseClick(refunds.refund_button, TAP)
    qtbot.waitUntil(lambda: "No group-buy commitment is waiting" in refunds.hint.text())
    with demo.till.uow() as uow:
        (record,) = [r for r in uow.outbox.records() if r.type == "return.recorded"]
    refunds_paid = json.loads(record.payload)["refunds"]
    assert [(refund["kind"], refund["amount"]) for refund in refunds_paid] == [("cash", 2000)]
