"""The pickup desk driven as a clerk would: scanner keystrokes, the order card, a partial handoff."""

from __future__ import annotations

import io
import json

import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.domain.pickups import PickupState
from app.services.demo import demo_pickups
from app.ui.camera_scanner import decode_qr
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill
from tests.ui.conftest import sign_in


def code_of(demo: DemoTill, number: str) -> str:
    return next(pickup.code for pickup in demo_pickups(demo.till.uow()) if pickup.number == number)


def scan_code(qtbot: QtBot, window: MainWindow, code: str) -> None:
    window.pickup.card = None
    qtbot.keyClicks(window.pickup.scan_field, code)
    qtbot.keyClick(window.pickup.scan_field, Qt.Key.Key_Return)


def on_hand(demo: DemoTill, sku: str) -> int:
    with demo.till.uow() as uow:
        product_id = uow.catalog.product_ids_by_sku([sku])[sku]
        return uow.stock.on_hand(product_id, uow.tills.this_till().location)


def test_a_clerk_hands_over_one_of_two_lines_then_sees_what_is_left(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Jo", "2222")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pickup)  # a clerk lands on the desk
    candles = on_hand(demo, "ATE-001")

    scan_code(qtbot, window, code_of(demo, "M-1001"))
    qtbot.waitUntil(lambda: window.pickup.card is not None)
    desk = window.pickup
    assert desk.title.text() == "M-1001 · Mia Keller"
    assert "ID check required" in desk.notes.text()
    assert [desk.lines.item(row, 1).text() for row in range(desk.lines.rowCount())] == [
        "Beeswax taper candle pair",
        desk.card.lines[1].name,
    ]
    assert desk.lines.item(0, 2).text() == "Atelier Lumen"

    spin = desk.quantity_spin(0)
    assert spin.maximum() == 2
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    infos: list[str] = []
    window.messages.info_shown.connect(infos.append)
    qtbot.mouseClick(desk.hand_over_button, Qt.MouseButton.LeftButton)
    # The banner may already show the next message (no printer is set up for the slip).
    qtbot.waitUntil(lambda: "Handed over: 2 item(s) of order M-1001." in infos)

    scan_code(qtbot, window, code_of(demo, "M-1001"))
    qtbot.waitUntil(lambda: window.pickup.card is not None)
    assert desk.state_label.text() == "Partly collected"
    assert [desk.lines.item(row, 4).text() for row in range(2)] == ["2", "0"]
    assert (desk.quantity_spin(0).isEnabled(), desk.quantity_spin(1).maximum()) == (False, 1)
    assert "2 handed over" in desk.history.text() and "by Jo" in desk.history.text()

    assert on_hand(demo, "ATE-001") == candles - 2
    with demo.till.uow() as uow:
        handoffs = [r for r in uow.outbox.records() if r.type == "pickup.handed_off"]
        assert len(handoffs) == 1
        payload = json.loads(handoffs[0].payload)
        assert [(line["sku"], line["quantity"]) for line in payload["lines"]] == [("ATE-001", 2)]
        assert payload["staff_name"] == "Jo"
        assert [job.kind for job in uow.print_jobs.jobs()] == ["pickup_slip"]

    desk.tabs.setCurrentIndex(1)
    qtbot.waitUntil(lambda: desk.overview is not None and desk.overview.counts[PickupState.PARTLY_COLLECTED] == 1)
    assert "Partly collected: 1" in desk.counts.text()
    assert "Waiting: 4" in desk.counts.text()


def test_the_desk_says_what_a_wrong_scan_was_and_finds_a_customer_without_a_phone(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Jo", "2222")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pickup)
    scan_code(qtbot, window, "2000000000015")
    qtbot.waitUntil(lambda: "barcode of Beeswax taper candle" in window.banner.text())
    code = code_of(demo, "M-1002")
    altered = code[:60] + ("7" if code[60] != "7" else "8") + code[61:]
    scan_code(qtbot, window, altered)
    qtbot.waitUntil(lambda: "not genuine" in window.banner.text() or "damaged" in window.banner.text())
    assert window.pickup.card is None

    qtbot.keyClicks(window.pickup.search_field, "graf")
    qtbot.keyClick(window.pickup.search_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pickup.results.count() == 1)
    qtbot.keyClick(window.pickup.results, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pickup.card is not None)
    assert window.pickup.title.text() == "G-2002 · Lou Graf"
    assert "proxy" in window.pickup.notes.text()


def test_a_group_leader_collects_everything_with_one_code(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)  # a manager sells, and can switch
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pickup)
    scan_code(qtbot, window, code_of(demo, "GROUP-7"))
    qtbot.waitUntil(lambda: window.pickup.card is not None)
    assert [window.pickup.lines.item(row, 0).text() for row in range(2)] == ["G-2001", "G-2002"]
    qtbot.mouseClick(window.pickup.all_button, Qt.MouseButton.LeftButton)
    window.pickup.print_slip.setChecked(False)
    qtbot.mouseClick(window.pickup.hand_over_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Handed over: 2 item(s)" in window.banner.text())
    scan_code(qtbot, window, code_of(demo, "G-2001"))
    qtbot.waitUntil(lambda: "already collected" in window.banner.text())
    with demo.till.uow() as uow:
        assert uow.print_jobs.jobs() == []  # the customer wanted nothing printed


def test_the_camera_path_reads_a_code_from_a_video_frame(qapp: object, demo: DemoTill) -> None:
    code = code_of(demo, "M-1001")
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6)
    qr.add_data(code)
    buffer = io.BytesIO()
    qr.make_image().save(buffer, format="PNG")
    frame = QImage.fromData(buffer.getvalue()).convertToFormat(QImage.Format.Format_RGB32).scaled(1280, 1280)
    assert decode_qr(frame) == code
    blank = QImage(640, 480, QImage.Format.Format_RGB32)
    blank.fill(Qt.GlobalColor.white)
    assert decode_qr(blank) is None
