"""The first-run wizard, walked as a manager would, against a real store and a loopback printer."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QWizard
from pytestqt.qtbot import QtBot

from app.bootstrap import Till
from app.domain.staff import Role
from app.services.printing import printer_settings
from app.services.setup import default_float, till_status
from app.services.staff import list_staff
from app.ui import application
from app.ui.first_run import FirstRunWizard, Step
from tests.conftest import DemoTill
from tests.printer_server import LoopbackPrinter, wait_for_jobs


@pytest.fixture
def wizard_on(qtbot: QtBot) -> Iterator[Callable[[Till], FirstRunWizard]]:
    opened: list[FirstRunWizard] = []

    def open_on(till: Till) -> FirstRunWizard:
        wizard = FirstRunWizard(till)
        qtbot.addWidget(wizard)
        wizard.show()
        opened.append(wizard)
        return wizard

    yield open_on
    for wizard in opened:
        if wizard.isVisible():
            wizard.reject()  # stops its worker threads


def click_next(qtbot: QtBot, wizard: FirstRunWizard) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(button.isEnabled)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def go_to(qtbot: QtBot, wizard: FirstRunWizard, step: Step) -> None:
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: wizard.currentId() == step)


def type_into(qtbot: QtBot, field: object, text: str) -> None:
    field.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(field, text)  # type: ignore[arg-type]


def add_person(qtbot: QtBot, wizard: FirstRunWizard, name: str, role: Role, pin: str, again: str = "") -> None:
    page = wizard.staff_page
    type_into(qtbot, page.name, name)
    page.role.setCurrentIndex([Role.MANAGER, Role.CASHIER, Role.PICKUP_CLERK].index(role))
    type_into(qtbot, page.pin, pin)
    type_into(qtbot, page.repeat_pin, again or pin)
    qtbot.waitUntil(page.add_button.isEnabled)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)


def test_a_standalone_till_is_ready_to_sell_after_the_wizard(
    qtbot: QtBot, wizard_on: Callable[[Till], FirstRunWizard], empty_till: Till, printer: LoopbackPrinter
) -> None:
    wizard = wizard_on(empty_till)
    assert wizard.event_page.real.isChecked()
    go_to(qtbot, wizard, Step.CONNECT)

    connect = wizard.connect_page
    assert connect.standalone.isChecked()
    type_into(qtbot, connect.event_name, "Spring Drop")
    type_into(qtbot, connect.till_code, "B")
    type_into(qtbot, connect.currency, "EURO")
    type_into(qtbot, connect.locale_field, "fr_FR")
    type_into(qtbot, connect.taxes, "standard=20, reduced=5.5")
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: "EURO" in connect.error.text())
    assert wizard.currentId() == Step.CONNECT
    type_into(qtbot, connect.currency, "eur")
    go_to(qtbot, wizard, Step.STAFF)

    staff = wizard.staff_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no manager yet
    add_person(qtbot, wizard, "Sam", Role.CASHIER, "1111")
    qtbot.waitUntil(lambda: "must be a manager" in staff.error.text())
    add_person(qtbot, wizard, "Alex", Role.MANAGER, "1234", again="1243")
    assert "PINs differ" in staff.error.text()
    add_person(qtbot, wizard, "Alex", Role.MANAGER, "1234")
    qtbot.waitUntil(lambda: staff.people.count() == 1)
    add_person(qtbot, wizard, "Sam", Role.CASHIER, "1111")
    qtbot.waitUntil(lambda: staff.people.count() == 2)
    go_to(qtbot, wizard, Step.PRINTER)

    page = wizard.printer_page
    assert not page.test_button.isEnabled()  # "no printer" until one is chosen
    page.network.setChecked(True)
    type_into(qtbot, page.host, "127.0.0.1")
    page.port.setValue(printer.port)
    qtbot.mouseClick(page.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Test page sent" in page.result.text(), timeout=10_000)
    wait_for_jobs(printer, 1)
    go_to(qtbot, wizard, Step.FLOAT)

    cash = wizard.float_page
    qtbot.waitUntil(lambda: cash.currency.text() == "EUR")
    type_into(qtbot, cash.amount, "150,5O")
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: "not an amount" in cash.error.text())
    type_into(qtbot, cash.amount, "150,50")
    go_to(qtbot, wizard, Step.DONE)
    qtbot.waitUntil(lambda: "Spring Drop" in wizard.done_page.summary.text())
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Accepted

    status = till_status(empty_till.uow())
    assert (status.event.name, status.till.code, status.event.currency, status.event.locale) == (
        "Spring Drop",
        "B",
        "EUR",
        "fr_FR",
    )
    assert [(member.name, member.role) for member in list_staff(empty_till.uow())] == [
        ("Alex", Role.MANAGER),
        ("Sam", Role.CASHIER),
    ]
    settings = printer_settings(empty_till.uow())
    assert (settings.kind, settings.address, settings.port) == ("network", "127.0.0.1", printer.port)
    assert default_float(empty_till.uow()) == 15050
    assert "Pop-up POS test page" in printer.printouts()[0].text


def test_the_demo_choice_loads_the_demo_and_goes_to_its_staff(
    qtbot: QtBot, wizard_on: Callable[[Till], FirstRunWizard], empty_till: Till
) -> None:
    wizard = wizard_on(empty_till)
    wizard.event_page.demo.setChecked(True)
    go_to(qtbot, wizard, Step.STAFF)
    qtbot.waitUntil(lambda: wizard.staff_page.people.count() == 3)
    assert till_status(empty_till.uow()).event.name == "Winter Makers Market"


def test_on_a_set_up_till_a_manager_signs_in_and_changes_the_float(
    qtbot: QtBot, wizard_on: Callable[[Till], FirstRunWizard], demo: DemoTill
) -> None:
    wizard = wizard_on(demo.till)
    qtbot.waitUntil(lambda: "till A of 'Winter Makers Market'" in wizard.event_page.current.text())
    assert not wizard.event_page.demo.isVisible()
    go_to(qtbot, wizard, Step.MANAGER)

    manager = wizard.manager_page
    qtbot.waitUntil(lambda: manager.manager.count() == 1)
    type_into(qtbot, manager.pin, "9999")
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: "Wrong PIN" in manager.error.text())
    type_into(qtbot, manager.pin, "1234")
    go_to(qtbot, wizard, Step.STAFF)
    add_person(qtbot, wizard, "Kim", Role.CASHIER, "3333")
    qtbot.waitUntil(lambda: wizard.staff_page.people.count() == 4)
    go_to(qtbot, wizard, Step.PRINTER)
    go_to(qtbot, wizard, Step.FLOAT)
    type_into(qtbot, wizard.float_page.amount, "200")
    go_to(qtbot, wizard, Step.DONE)
    assert default_float(demo.till.uow()) == 20000
    assert "Kim" in [member.name for member in list_staff(demo.till.uow())]


def test_an_empty_store_opens_on_the_wizard_and_leaving_it_quits(
    monkeypatch: pytest.MonkeyPatch, qapp: QApplication, empty_till: Till
) -> None:
    offered: list[Till] = []

    def wizard_left(_parent: object, till: Till) -> bool:
        offered.append(till)
        return False

    monkeypatch.setattr(application, "run_first_run_wizard", wizard_left)
    assert application.run_gui(empty_till, ["popup-pos"]) == 0
    assert offered == [empty_till]
