"""Staff on the screens under pytest-qt: the manager's Staff tab, the sign-in wait as a countdown, 'Change my PIN'.

The sign-in screen's clock is replaced by one the test moves forward, so a
30-second wait takes no time at all.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton
from pytestqt.qtbot import QtBot

from app.domain.staff import Role
from app.services.staff import sign_in as sign_in_service
from app.ui.main_window import MainWindow
from app.ui.pin_pad import PinDialog, PinPad
from app.ui.staff_panel import NewPersonDialog, StaffPanel
from tests.conftest import DemoTill
from tests.ui.conftest import person_button, sign_in


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: int) -> None:
        self.now += timedelta(seconds=seconds)


def people_on_screen(window: MainWindow) -> list[str]:
    return [b.text().split("\n")[0] for b in window.sign_in.findChildren(QPushButton, "personButton")]


def type_pin(qtbot: QtBot, pad: PinPad, pin: str) -> None:
    qtbot.keyClicks(pad.display, pin)
    qtbot.keyClick(pad.display, Qt.Key.Key_Return)


def staff_tab(qtbot: QtBot, window: MainWindow) -> StaffPanel:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.manager)
    panel = window.manager.staff_panel
    window.manager.tabs.setCurrentWidget(panel)
    qtbot.waitUntil(lambda: len(panel.people) == 3)
    return panel


def five_wrong_pins_for_sam(qtbot: QtBot, window: MainWindow) -> None:
    screen = window.sign_in
    qtbot.waitUntil(lambda: "Sam" in people_on_screen(window))
    qtbot.mouseClick(person_button(window, "Sam"), Qt.MouseButton.LeftButton)
    for _ in range(4):
        type_pin(qtbot, screen.pad, "9999")
        qtbot.waitUntil(lambda: screen.pad.isEnabled() and "Wrong PIN" in screen.message.text())
    type_pin(qtbot, screen.pad, "9999")
    qtbot.waitUntil(lambda: "Wait 0:30" in screen.message.text())


def relock(qtbot: QtBot, window: MainWindow) -> None:
    """Lock the till and wait for the sign-in screen to show the staff as the store has them now."""
    before = window.sign_in.person_named("Sam")
    window.lock()
    qtbot.waitUntil(lambda: window.sign_in.person_named("Sam") is not before)


def states(panel: StaffPanel) -> dict[str, str]:
    return {panel.table.item(row, 0).text(): panel.table.item(row, 2).text() for row in range(panel.table.rowCount())}


def enter_pins(qtbot: QtBot, dialog: QDialog | None, *pins: str) -> None:
    assert isinstance(dialog, PinDialog) and dialog.isVisible()
    for pin in pins:
        type_pin(qtbot, dialog.pad, pin)


def test_a_cashier_deactivated_on_the_staff_tab_cannot_sign_in(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    qtbot.waitUntil(lambda: "Sam" in people_on_screen(window))
    sam_as_listed = window.sign_in.person_named("Sam")
    panel = staff_tab(qtbot, window)
    assert states(panel) == {"Alex": "Active", "Jo": "Active", "Sam": "Active"}
    assert all(button.minimumHeight() >= 44 for button in panel.findChildren(QPushButton))
    assert not panel.deactivate_button.isEnabled()  # nothing chosen yet

    panel.select("Sam")
    assert panel.deactivate_button.isEnabled() and not panel.reactivate_button.isEnabled()
    qtbot.mouseClick(panel.deactivate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: states(panel)["Sam"] == "Inactive")
    assert panel.reactivate_button.isEnabled() and not panel.deactivate_button.isEnabled()

    window.lock()
    qtbot.waitUntil(lambda: people_on_screen(window) == ["Alex", "Jo"])
    # A screen still showing Sam (built before the change) gets the store's refusal.
    window.sign_in.choose(sam_as_listed)
    type_pin(qtbot, window.sign_in.pad, "1111")
    qtbot.waitUntil(lambda: "Sam is no longer active on this till" in window.sign_in.message.text())
    assert window.pages.currentWidget() is window.sign_in and window.staff is None


def test_five_wrong_pins_show_a_countdown_and_refuse_the_right_pin_until_it_ends(
    qtbot: QtBot, window: MainWindow
) -> None:
    screen = window.sign_in
    clock = Clock()
    screen.clock = clock
    five_wrong_pins_for_sam(qtbot, window)
    assert screen.message.text() == "Sam: too many wrong PINs. Wait 0:30, or ask a manager to reset the PIN."
    assert not screen.pad.isEnabled() and not screen.change_pin_button.isEnabled()

    # A sixth attempt, with the right PIN: the pad takes nothing and nobody signs in.
    with qtbot.assertNotEmitted(screen.signed_in, wait=300):
        type_pin(qtbot, screen.pad, "1111")
        qtbot.mouseClick(screen.pad.findChild(QPushButton, "padOk"), Qt.MouseButton.LeftButton)
    assert screen.pad.display.text() == ""

    clock.advance(10)
    qtbot.waitUntil(lambda: "Wait 0:20" in screen.message.text())
    # The wait is Sam's alone: Alex could sign in now (to reset Sam's PIN).
    qtbot.mouseClick(person_button(window, "Alex"), Qt.MouseButton.LeftButton)
    assert screen.pad.isEnabled() and screen.message.text() == "Alex: type your PIN."

    # Locking the screen does not end the wait: the store keeps it.
    relock(qtbot, window)
    qtbot.mouseClick(person_button(window, "Sam"), Qt.MouseButton.LeftButton)
    assert "Wait 0:20" in screen.message.text() and not screen.pad.isEnabled()

    clock.advance(20)
    qtbot.waitUntil(lambda: screen.pad.isEnabled())
    assert screen.message.text() == "Sam: type your PIN."
    with qtbot.waitSignal(screen.signed_in):
        type_pin(qtbot, screen.pad, "1111")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)


def test_a_manager_resets_a_waiting_cashiers_pin_on_the_staff_tab(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    screen = window.sign_in
    clock = Clock()
    screen.clock = clock
    five_wrong_pins_for_sam(qtbot, window)

    panel = staff_tab(qtbot, window)
    assert states(panel)["Sam"].startswith("Sign-in waits until ")
    panel.select("Sam")
    qtbot.mouseClick(panel.reset_pin_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    enter_pins(qtbot, dialog, "2468", "2486")  # a slip: the dialog asks the new PIN again
    assert isinstance(dialog, PinDialog) and "The two PINs differ" in dialog.prompt.text()
    enter_pins(qtbot, dialog, "2468", "2468")
    qtbot.waitUntil(lambda: states(panel)["Sam"] == "Active")

    relock(qtbot, window)
    qtbot.mouseClick(person_button(window, "Sam"), Qt.MouseButton.LeftButton)
    assert screen.pad.isEnabled()  # no wait left, though the clock has not moved
    with qtbot.waitSignal(screen.signed_in):
        type_pin(qtbot, screen.pad, "2468")


def test_change_my_pin_from_the_sign_in_screen(qtbot: QtBot, window: MainWindow, demo: DemoTill) -> None:
    screen = window.sign_in
    qtbot.waitUntil(lambda: "Jo" in people_on_screen(window))
    assert not screen.change_pin_button.isEnabled()  # nobody chosen
    qtbot.mouseClick(person_button(window, "Jo"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(screen.change_pin_button, Qt.MouseButton.LeftButton)
    enter_pins(qtbot, screen.pin_dialog, "0000", "3579", "3579")
    qtbot.waitUntil(lambda: "Wrong PIN" in screen.message.text())

    qtbot.mouseClick(screen.change_pin_button, Qt.MouseButton.LeftButton)
    enter_pins(qtbot, screen.pin_dialog, "2222", "3579", "3579")
    qtbot.waitUntil(lambda: screen.message.text() == "Jo: your PIN is changed. Sign in with the new one.")
    assert sign_in_service(demo.clerk, "3579", demo.till.uow()).name == "Jo"
    with qtbot.waitSignal(screen.signed_in):
        type_pin(qtbot, screen.pad, "3579")


def test_a_manager_adds_a_cashier_on_the_staff_tab_who_then_signs_in(
    qtbot: QtBot, window: MainWindow, demo: DemoTill
) -> None:
    panel = staff_tab(qtbot, window)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    person = panel.dialog
    assert isinstance(person, NewPersonDialog)
    qtbot.keyClicks(person.name, "Kim")
    person.role.setCurrentIndex(person.role.findData(Role.CASHIER))
    qtbot.keyClick(person.name, Qt.Key.Key_Return)
    enter_pins(qtbot, panel.dialog, "3690", "3690")
    qtbot.waitUntil(lambda: states(panel).get("Kim") == "Active")

    window.lock()
    qtbot.waitUntil(lambda: "Kim" in people_on_screen(window))
    sign_in(qtbot, window, "Kim", "3690")
    qtbot.waitUntil(lambda: window.staff is not None and window.staff.name == "Kim")
    assert window.staff is not None and window.staff.role is Role.CASHIER
