"""The pickup desk driven as a clerk would: scanner keystrokes, the order card, a partial handoff."""

from __future__ import annotations

import io
import json

import pytest
import qrcode
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from app.domain.pickups import PickupRefused, PickupState
from app.services.demo import demo_pickups
from app.services.handoffs import hand_over
from app.services.pickups import scan_pickup
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
    assert (spin.maximum(), spin.value(), desk.quantity_spin(1).value()) == (2, 2, 1), "all that is left, at first"
    # Only the candles today: the clerk takes the second line down to 0.
    desk.quantity_spin(1).setFocus()
    qtbot.keyClick(desk.quantity_spin(1), Qt.Key.Key_Down)
    assert desk.id_checked.isVisible() and not desk.id_checked.isChecked()
    qtbot.mouseClick(desk.id_checked, Qt.MouseButton.LeftButton)
    infos: list[str] = []
    window.messages.info_shown.connect(infos.append)
    qtbot.mouseClick(desk.hand_over_button, Qt.MouseButton.LeftButton)
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
        assert uow.print_jobs.jobs() == [], "no printer is set up: no slip is queued"
    assert not desk.print_slip.isChecked() and not desk.print_slip.isEnabled()

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
    qtbot.waitUntil(lambda: "barcode of Beeswax taper candle" in window.message_area.text())
    code = code_of(demo, "M-1002")
    altered = code[:60] + ("7" if code[60] != "7" else "8") + code[61:]
    scan_code(qtbot, window, altered)
    qtbot.waitUntil(lambda: "not genuine" in window.message_area.text() or "damaged" in window.message_area.text())
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
    qtbot.waitUntil(lambda: "Handed over: 2 item(s)" in window.message_area.text())
    scan_code(qtbot, window, code_of(demo, "G-2001"))
    qtbot.waitUntil(lambda: "already collected" in window.message_area.text())
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


def test_quantities_start_at_what_is_left_so_one_tap_hands_over_the_rest(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Jo", "2222")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pickup)
    desk = window.pickup
    scan_code(qtbot, window, code_of(demo, "M-1002"))
    qtbot.waitUntil(lambda: desk.card is not None)
    assert [desk.quantity_spin(row).value() for row in range(desk.lines.rowCount())] == [1]
    assert not desk.id_checked.isVisible(), "Ben's order asks for no ID check"
    desk.print_slip.setChecked(False)
    qtbot.mouseClick(desk.hand_over_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Handed over: 1 item(s) of order M-1002." in window.message_area.text())
    with demo.till.uow() as uow:
        audited = [json.loads(e.fields.details) for e in uow.audit.entries() if e.fields.action == "pickup.handed_off"]
        assert len(audited) == 1 and "id_checked" not in audited[0]


def test_an_order_that_asks_for_an_id_check_is_refused_until_the_clerk_ticks_it(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    sign_in(qtbot, window, "Jo", "2222")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pickup)
    desk = window.pickup
    scan_code(qtbot, window, code_of(demo, "M-1001"))
    qtbot.waitUntil(lambda: desk.card is not None)
    assert desk.card.id_check_required and "ID check" in desk.warning.text()
    desk.print_slip.setChecked(False)
    qtbot.mouseClick(desk.hand_over_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "asks for an ID check" in window.message_area.text())
    with demo.till.uow() as uow:
        assert [r for r in uow.outbox.records() if r.type == "pickup.handed_off"] == [], "nothing was handed over"

    qtbot.mouseClick(desk.id_checked, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(desk.hand_over_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: desk.card is None)
    with demo.till.uow() as uow:
        assert len([r for r in uow.outbox.records() if r.type == "pickup.handed_off"]) == 1
        audited = [json.loads(e.fields.details) for e in uow.audit.entries() if e.fields.action == "pickup.handed_off"]
        assert audited[0]["id_checked"] is True


def test_the_service_refuses_an_unconfirmed_id_check_whatever_the_screen_does(demo: DemoTill) -> None:
    card = scan_pickup(code_of(demo, "M-1001"), demo.till.uow())
    wanted = {line.key: line.left for line in card.lines}
    with pytest.raises(PickupRefused) as refused:
        hand_over(card.order_id, wanted, demo.clerk, demo.till.uow())
    assert refused.value.reason == "id_check" and "M-1001" in str(refused.value)
    assert hand_over(card.order_id, wanted, demo.clerk, demo.till.uow(), id_checked=True).items == 3


def test_the_name_search_filters_as_the_clerk_types(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    sign_in(qtbot, window, "Jo", "2222")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.pickup)
    desk = window.pickup
    errors: list[str] = []
    window.messages.error_shown.connect(errors.append)
    qtbot.keyClicks(desk.search_field, "g")
    qtbot.wait(400)
    assert not desk.results.isVisible(), "one letter is not a search yet"
    qtbot.keyClicks(desk.search_field, "ra")
    qtbot.waitUntil(lambda: desk.results.isVisible() and desk.results.count() == 1)
    assert desk.results.item(0).text().startswith("G-2002 · Lou Graf")
    qtbot.keyClicks(desk.search_field, "zz")
    qtbot.waitUntil(lambda: desk.results.count() == 1 and "No pickup order matches" in desk.results.item(0).text())
    assert errors == [], "no match while typing is said in the list, not as an error"
    for _ in range(2):
        qtbot.keyClick(desk.search_field, Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: desk.results.count() == 1 and "Lou Graf" in desk.results.item(0).text())
    qtbot.mouseClick(  # one tap opens it
        desk.results.viewport(),
        Qt.MouseButton.LeftButton,
        pos=desk.results.visualItemRect(desk.results.item(0)).center(),
    )
    qtbot.waitUntil(lambda: desk.card is not None)
    assert desk.title.text() == "G-2002 · Lou Graf" and desk.search_field.text() == ""
