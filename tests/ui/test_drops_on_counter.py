"""Drops at the counter, driven as a person does: the release (injected clock), the per-sale cap and the
per-customer cap for the same customer QR (docs/drops.md)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from app.domain import clock
from app.store.schema import drop_cart_customers
from app.ui.approval_dialog import ApprovalDialog
from app.ui.main_window import MainWindow
from app.ui.sell_dialogs import PresetTextDialog
from app.ui.tender_dialog import TenderDialog
from sync.customer_codes import sign_customer_code
from sync.pickup_codes import new_signing_key, public_key_of
from tests.conftest import DemoTill
from tests.drop_feed import feed_drop
from tests.ui.conftest import scan, sign_in
from tests.ui.counter_stock import key_texts, place_key

SPECKLED, BLUE = "2000000000114", "2000000000121"  # the drop's two mugs, CHF 32.00 each
AT_1359 = datetime.fromisoformat("2026-12-05T13:59:00+01:00")
AT_1400 = datetime.fromisoformat("2026-12-05T14:00:00+01:00")


@pytest.fixture
def moment() -> Iterator[list[datetime]]:
    now = [AT_1400]
    clock.set_clock(lambda: now[0])
    yield now
    clock.set_clock(None)


def start_selling(qtbot: QtBot, window: MainWindow) -> None:
    sign_in(qtbot, window, "Sam", "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)


def open_payment(qtbot: QtBot, window: MainWindow) -> TenderDialog:
    qtbot.mouseClick(window.sell.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is not None)
    tender = window.sell.tender_dialog
    assert tender is not None
    qtbot.waitExposed(tender)
    qtbot.mouseClick(next(iter(tender.findChildren(QPushButton, "quickCash"))), Qt.MouseButton.LeftButton)
    return tender


def finish(qtbot: QtBot, window: MainWindow, tender: TenderDialog) -> None:
    qtbot.waitUntil(lambda: tender.pages.currentIndex() == 1)
    qtbot.mouseClick(tender.none_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sell.tender_dialog is None and window.sell.model.rowCount() == 0)


def sales(demo: DemoTill) -> int:
    with demo.till.uow() as uow:
        return sum(1 for entry in uow.audit.entries() if entry.fields.action == "sale.completed")


def test_a_drop_is_refused_at_1359_and_sold_at_1400(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, moment: list[datetime]
) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    moment[0] = AT_1359
    start_selling(qtbot, window)
    scan(qtbot, window, SPECKLED)
    tender = open_payment(qtbot, window)
    qtbot.waitUntil(lambda: any(dialog.isVisible() for dialog in tender.findChildren(ApprovalDialog)))
    approval = next(dialog for dialog in tender.findChildren(ApprovalDialog) if dialog.isVisible())
    assert approval.reason.text().startswith("Drop Mugs opens at 14:00")
    assert "Drop Mugs opens at 14:00" in tender.error_label.text()
    approval.reject()  # no manager at hand: nothing is sold
    tender.reject()
    qtbot.waitUntil(lambda: window.sell.tender_dialog is None)
    assert sales(demo) == 0

    moment[0] = AT_1400
    finish(qtbot, window, open_payment(qtbot, window))
    assert sales(demo) == 1


def test_the_per_sale_cap_is_refused_at_the_counter(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, moment: list[datetime]
) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    start_selling(qtbot, window)
    scan(qtbot, window, SPECKLED)
    scan(qtbot, window, BLUE)
    qtbot.keyClicks(window.sell.scan_field, SPECKLED)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "At most 2 per sale of drop Mugs" in window.message_area.text())
    assert window.sell.state is not None
    assert sum(line.quantity for line in window.sell.state.cart.lines) == 2


def test_the_per_customer_cap_is_refused_for_the_same_customer_qr(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, moment: list[datetime]
) -> None:
    private = new_signing_key()
    with demo.till.uow() as uow:
        uow.pickups.save_key(7, public_key_of(private), False)
        uow.commit()
    code = sign_customer_code(
        private, 7, "0193a0b0-0000-7000-8000-0000000c0001", datetime.now(UTC) + timedelta(days=400)
    )
    feed_drop(demo.till.uow, per_sale_cap=1, per_customer_cap=1)
    start_selling(qtbot, window)

    qtbot.keyClicks(window.sell.scan_field, code)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Customer for this sale: Customer code" in window.message_area.text())
    scan(qtbot, window, SPECKLED)
    finish(qtbot, window, open_payment(qtbot, window))
    assert sales(demo) == 1

    qtbot.keyClicks(window.sell.scan_field, code)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Customer for this sale" in " ".join(window.message_area.texts()))
    scan(qtbot, window, BLUE)
    tender = open_payment(qtbot, window)
    qtbot.waitUntil(lambda: "This customer already has 1 of drop Mugs" in tender.error_label.text())
    assert sales(demo) == 1


def test_quick_keys_and_search_show_what_is_left_of_the_counter_allocation(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, moment: list[datetime]
) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None, counter_sold={"B": 2})  # another till sold 2 of 10
    place_key(demo, "BER-003", 1)
    start_selling(qtbot, window)
    qtbot.waitUntil(lambda: key_texts(window).get("Mug speckled") == "CHF\xa032.00 · 8 left")
    qtbot.keyClicks(window.sell.scan_field, "midnight")
    qtbot.waitUntil(lambda: window.sell.results.count() == 1)
    assert window.sell.results.item(0).text().endswith("· 8 left")


def test_a_phone_number_typed_after_customer_is_kept_as_a_hint_only(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, moment: list[datetime]
) -> None:
    feed_drop(demo.till.uow)
    start_selling(qtbot, window)
    customer = window.sell.findChild(QPushButton, "customerButton")
    assert customer is not None
    qtbot.mouseClick(customer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(window.sell.input_dialog, PresetTextDialog))
    dialog = window.sell.input_dialog
    assert isinstance(dialog, PresetTextDialog)
    qtbot.keyClicks(dialog.field, "12ab")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "is not a phone number" in window.message_area.text())

    qtbot.mouseClick(customer, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: isinstance(window.sell.input_dialog, PresetTextDialog) and window.sell.input_dialog.isVisible()
    )
    dialog = window.sell.input_dialog
    assert isinstance(dialog, PresetTextDialog)
    qtbot.keyClicks(dialog.field, "+41 79 123 45 67")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Customer for this sale: Phone …67" in " ".join(window.message_area.texts()))
    with demo.till.uow() as uow:
        stored = uow.connection.execute(select(drop_cart_customers)).all()
    assert len(stored) == 1 and "791234567" not in stored[0].customer and stored[0].shown_as == "Phone …67"


def test_a_manager_lets_a_drop_go_early_with_their_pin_and_it_is_audited(
    qtbot: QtBot, window: MainWindow, demo: DemoTill, moment: list[datetime]
) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    moment[0] = AT_1359
    start_selling(qtbot, window)
    scan(qtbot, window, SPECKLED)
    tender = open_payment(qtbot, window)
    qtbot.waitUntil(lambda: any(dialog.isVisible() for dialog in tender.findChildren(ApprovalDialog)))
    approval = next(dialog for dialog in tender.findChildren(ApprovalDialog) if dialog.isVisible())
    approval.manager.setCurrentText("Alex")
    qtbot.keyClicks(approval.pad.display, "1234")
    qtbot.keyClick(approval.pad.display, Qt.Key.Key_Return)
    finish(qtbot, window, tender)
    with demo.till.uow() as uow:
        early = [e.fields for e in uow.audit.entries() if e.fields.action == "drop.sold_before_release"]
    assert [entry.approved_by for entry in early] == [demo.manager]
