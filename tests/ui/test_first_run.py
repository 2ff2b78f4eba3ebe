"""The first-run wizard, walked as a manager would, against a real store and a loopback printer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QTableWidgetItem, QWizard
from pytestqt.qtbot import QtBot

from app.bootstrap import Till
from app.domain.staff import Role
from app.services.printer_settings import printer_settings
from app.services.setup import default_float, till_status
from app.services.staff import list_staff
from app.ui import application, first_run
from app.ui.first_run import FirstRunWizard, Step
from app.ui.first_run.event_form import EventForm
from app.ui.styles import style_sheet
from tests.conftest import DemoTill
from tests.printer_server import LoopbackPrinter, wait_for_jobs
from tests.ui.screen_fit import SIZES, misfits


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


def choose_locale(qtbot: QtBot, wizard: FirstRunWizard, locale: str, words: str) -> None:
    """Pick a language and country from the list, by its words, as a person reads it."""
    form = wizard.connect_page.event_box
    qtbot.waitUntil(lambda: form.locale_choice.count() > 100, timeout=10_000)  # the full list, read off the GUI thread
    index = form.locale_choice.findText(words)
    assert index >= 0 and form.locale_choice.itemData(index) == locale
    form.locale_choice.setCurrentIndex(index)


def rate_cell(form: EventForm, row: int, column: int) -> QTableWidgetItem:
    item = form.taxes.item(row, column)
    assert item is not None
    return item


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
    form = connect.event_box
    assert connect.standalone.isChecked()
    type_into(qtbot, form.event_name, "Spring Drop")
    type_into(qtbot, form.till_code, "B")
    choose_locale(qtbot, wizard, "fr_FR", "Français (France)")
    assert form.currency_code() == "EUR"  # the country's own currency comes first
    assert form.time_zone_name() == "Europe/Paris"
    assert form.rate_rows()[:3] == [("standard", "20"), ("intermediate", "10"), ("reduced", "5.5")]
    rate_cell(form, 2, 1).setText("5,5O")
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: "'5,5O' is not a tax rate for 'reduced'" in connect.error.text())
    assert wizard.currentId() == Step.CONNECT
    rate_cell(form, 2, 1).setText("5,5")
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
    assert status.event.time_zone == "Europe/Paris"
    uow = empty_till.uow()
    with uow.for_reading():
        rates = {code: tax.rate for code, tax in uow.catalog.tax_classes().items()}
    assert rates == {
        "standard": Decimal("0.2"),
        "intermediate": Decimal("0.1"),
        "reduced": Decimal("0.055"),
        "super-reduced": Decimal("0.021"),
    }
    assert [(member.name, member.role) for member in list_staff(empty_till.uow())] == [
        ("Alex", Role.MANAGER),
        ("Sam", Role.CASHIER),
    ]
    settings = printer_settings(empty_till.uow())
    assert (settings.kind, settings.address, settings.port) == ("network", "127.0.0.1", printer.port)
    assert default_float(empty_till.uow()) == 15050
    assert "Pop-up POS test page" in printer.printouts()[0].text


def test_a_swiss_event_is_set_up_from_lists_in_words(
    qtbot: QtBot, wizard_on: Callable[[Till], FirstRunWizard], empty_till: Till
) -> None:
    wizard = wizard_on(empty_till)
    go_to(qtbot, wizard, Step.CONNECT)
    form = wizard.connect_page.event_box
    type_into(qtbot, form.event_name, "Basel Drop")
    choose_locale(qtbot, wizard, "de_CH", "Deutsch (Schweiz)")
    assert form.currency.currentText() == "CHF · Schweizer Franken"
    assert form.currency.findData("EUR") > 0  # any currency stays a choice, the country's is first
    assert form.time_zone.currentText() == "Europe/Zurich"
    assert form.rate_rows() == [("standard", "8.1"), ("reduced", "2.6"), ("accommodation", "3.8")]
    form.currency.setCurrentIndex(form.currency.findData("EUR"))  # a stall in Basel taking euros
    form.taxes.setCurrentCell(2, 0)
    qtbot.mouseClick(form.remove_rate, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(form.add_rate, Qt.MouseButton.LeftButton)
    assert form.taxes.rowCount() == 3
    rate_cell(form, 2, 0).setText("standard")
    rate_cell(form, 2, 1).setText("0")
    click_next(qtbot, wizard)
    qtbot.waitUntil(lambda: "Two tax rates are named 'standard'" in wizard.connect_page.error.text())
    rate_cell(form, 2, 0).setText("exempt")
    go_to(qtbot, wizard, Step.STAFF)

    event = till_status(empty_till.uow()).event
    assert (event.locale, event.currency, event.time_zone) == ("de_CH", "EUR", "Europe/Zurich")
    uow = empty_till.uow()
    with uow.for_reading():
        assert {code: tax.rate for code, tax in uow.catalog.tax_classes().items()} == {
            "standard": Decimal("0.081"),
            "reduced": Decimal("0.026"),
            "exempt": Decimal("0"),
        }


@pytest.mark.parametrize("size", SIZES)
def test_every_page_fits_the_screen_with_next_in_view(
    qtbot: QtBot,
    qapp: QApplication,
    wizard_on: Callable[[Till], FirstRunWizard],
    empty_till: Till,
    size: tuple[int, int],
) -> None:
    qapp.setStyleSheet(style_sheet("light"))  # as the till runs it
    wizard = wizard_on(empty_till)
    wizard.resize(*size)

    def check() -> None:
        qtbot.wait(20)  # the layout settles after the page shows what its worker read
        found, checked = misfits(wizard, size)
        assert checked >= 2
        assert [str(misfit) for misfit in found] == [], Step(wizard.currentId()).name
        next_or_finish = wizard.button(
            QWizard.WizardButton.FinishButton if wizard.currentId() == Step.DONE else QWizard.WizardButton.NextButton
        )
        assert next_or_finish.isVisible()

    qtbot.waitUntil(lambda: "Set up a real event" in wizard.event_page.real.text())
    check()
    go_to(qtbot, wizard, Step.CONNECT)
    qtbot.waitUntil(lambda: wizard.connect_page.event_box.locale_choice.count() > 100, timeout=10_000)
    check()
    wizard.connect_page.enroll.setChecked(True)
    check()
    wizard.back()
    wizard.event_page.demo.setChecked(True)
    for step in (Step.STAFF, Step.PRINTER, Step.FLOAT, Step.DONE):
        go_to(qtbot, wizard, step)
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete())
        check()


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

    # run_gui imports the wizard when it offers it (only a new till needs its code).
    monkeypatch.setattr(first_run, "run_first_run_wizard", wizard_left)
    assert application.run_gui(empty_till, ["popup-pos"]) == 0
    assert offered == [empty_till]
