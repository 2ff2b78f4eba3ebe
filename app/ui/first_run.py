"""The first-run wizard: from an empty store to a till ready to sell.

Demo or real event; enrolled with the marketplace's hub or standalone; the
staff and their PINs; the receipt printer with a test page; the default cash
float. Opened again on a set-up till (``run_first_run_wizard``), it skips
what cannot change (a store belongs to one till) and asks a manager's PIN
before the rest. Every step calls the services on a worker thread, so a
slow hub or a dead printer never freezes the window, and every refusal is
shown on the page it came from.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from typing import Any

import shiboken6
from PySide6.QtCore import QLocale, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app.bootstrap import Till
from app.domain.errors import InvalidInput, PosError
from app.domain.money import currency_exponent, parse_minor
from app.domain.staff import Role
from app.services.demo import DEMO_STAFF, load_demo
from app.services.printing import (
    PAPER_WIDTHS_MM,
    PrintOutcome,
    printer_settings,
    process_print_queue,
    queue_test_page,
    save_printer_settings,
)
from app.services.setup import (
    SetUpTill,
    TillStatus,
    default_float,
    is_set_up,
    parse_tax_class,
    set_default_float,
    set_up_till,
    till_status,
)
from app.services.staff import AddStaff, SignedIn, add_staff, list_staff, sign_in
from app.services.syncing import enroll_till
from app.store.tills import TillInfo
from app.ui.worker import StoreWorker
from printers.escpos_output import PrinterSettings


class Step(IntEnum):
    EVENT = 0
    CONNECT = 1
    MANAGER = 2
    STAFF = 3
    PRINTER = 4
    FLOAT = 5
    DONE = 6


ROLES = (Role.MANAGER, Role.CASHIER, Role.PICKUP_CLERK)


@dataclass
class _Session:
    """What the pages share: the till, the workers, and the manager acting in the wizard."""

    till: Till
    store: StoreWorker
    # Network and printers can take seconds to time out; the store's queue never waits on them.
    devices: StoreWorker
    manager_id: str | None = None


class _Page(QWizardPage):
    """A page whose Next runs a service call off the GUI thread, moving on only when it succeeded."""

    def __init__(self, session: _Session) -> None:
        super().__init__()
        self.session = session
        self.error = QLabel()
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self._busy = False
        self._passed = False

    def isComplete(self) -> bool:  # noqa: N802
        return not self._busy and self.ready()

    def ready(self) -> bool:
        return True

    def validatePage(self) -> bool:  # noqa: N802
        if self._passed:
            self._passed = False
            return True
        job = self.step_job()
        if job is None:
            return True
        self.run(self.step_worker(), job, self._on_step_done)
        return False

    def step_job(self) -> Callable[[], Any] | None:
        """What Next must do before moving on; None when nothing."""
        return None

    def step_worker(self) -> StoreWorker:
        return self.session.store

    def step_done(self, _result: Any) -> None:
        """Called on the GUI thread when the step's job succeeded, before moving on."""

    def run(self, worker: StoreWorker, job: Callable[[], Any], on_success: Callable[[Any], None]) -> None:
        self.error.clear()
        self._set_busy(True)

        def succeeded(result: Any) -> None:
            if not shiboken6.isValid(self):
                return  # the wizard was closed while the job ran: nothing left to show it on
            self._set_busy(False)
            on_success(result)

        def failed(error: PosError) -> None:
            if not shiboken6.isValid(self):
                return
            self._set_busy(False)
            self.error.setText(str(error))

        worker.run_op(job).on_success(succeeded).on_failure(failed)

    def _on_step_done(self, result: Any) -> None:
        self.step_done(result)
        self._passed = True
        self.wizard().next()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
        self.completeChanged.emit()


class EventPage(_Page):
    def __init__(self, session: _Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Welcome to Pop-up POS"))
        self.setSubTitle(self.tr("A till sells at one event. Try the demo, or set up your own event."))
        self.demo = QRadioButton(self.tr("Try the demo event (a winter market with products, staff and PINs)"))
        self.real = QRadioButton(self.tr("Set up a real event"))
        self.real.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.demo)
        self.choice.addButton(self.real)
        self.current = QLabel()
        self.current.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(self.demo)
        column.addWidget(self.real)
        column.addWidget(self.current)
        column.addStretch()
        column.addWidget(self.error)
        self.set_up = False
        self.staff: list[SignedIn] = []

    def initializePage(self) -> None:  # noqa: N802
        self.run(self.session.store, lambda: _till_and_staff(self.session.till), self._show_till)

    def _show_till(self, found: tuple[TillStatus | None, list[SignedIn]]) -> None:
        status, self.staff = found
        self.set_up = status is not None
        self.demo.setVisible(not self.set_up)
        self.real.setVisible(not self.set_up)
        if status is not None:
            self.current.setText(
                self.tr(
                    "This store is till {0} of '{1}' ({2}). A store belongs to one till: "
                    "for another event, start Pop-up POS with another data folder."
                ).format(status.till.code, status.event.name, status.event.currency)
            )

    def step_job(self) -> Callable[[], Any] | None:
        if self.set_up or not self.demo.isChecked():
            return None
        till = self.session.till

        def load() -> SignedIn:
            load_demo(till.uow)
            manager = DEMO_STAFF[0]
            staff_id = next(member.staff_id for member in list_staff(till.uow()) if member.name == manager.name)
            return sign_in(staff_id, manager.pin, till.uow())

        return load

    def step_done(self, manager: SignedIn) -> None:
        self.set_up = True
        self.session.manager_id = manager.staff_id

    def nextId(self) -> int:  # noqa: N802
        if not self.set_up:
            return int(Step.CONNECT)
        if self.session.manager_id is None and self.staff:
            return int(Step.MANAGER)
        return int(Step.STAFF)


def _till_and_staff(till: Till) -> tuple[TillStatus | None, list[SignedIn]]:
    if not is_set_up(till.uow()):
        return None, []
    return till_status(till.uow()), list_staff(till.uow())


class ConnectPage(_Page):
    def __init__(self, session: _Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Marketplace or standalone"))
        self.setSubTitle(
            self.tr(
                "Enrolled with the marketplace's hub, the till gets the event, its catalog and pickup orders. "
                "Standalone, you type the event here and import the catalog later."
            )
        )
        self.enroll = QRadioButton(self.tr("Enroll with the marketplace's hub"))
        self.standalone = QRadioButton(self.tr("Work standalone"))
        self.standalone.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.enroll)
        self.choice.addButton(self.standalone)

        self.hub_url = QLineEdit()
        self.hub_url.setPlaceholderText("http://192.168.1.10:8765")
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("the one-time code from the marketplace"))
        hub_form = QFormLayout()
        hub_form.addRow(self.tr("Hub address"), self.hub_url)
        hub_form.addRow(self.tr("One-time code"), self.code)
        self.hub_box = QGroupBox()
        self.hub_box.setLayout(hub_form)

        self.event_name = QLineEdit()
        self.event_name.setPlaceholderText("Spring Drop")
        self.place = QLineEdit()
        self.till_code = QLineEdit("A")
        self.currency = QLineEdit("EUR")
        system_locale = QLocale.system().name()
        self.locale_field = QLineEdit(system_locale if "_" in system_locale else "en_GB")
        self.taxes = QLineEdit("standard=20")
        self.taxes.setToolTip(self.tr("Tax classes as CODE=RATE, separated by commas: standard=20, reduced=5.5"))
        self.prices_include_tax = QCheckBox(self.tr("Prices include tax"))
        self.prices_include_tax.setChecked(True)
        self.cash_step = QLineEdit()
        self.cash_step.setPlaceholderText(self.tr("e.g. 0.05 where coins stop at 5 cents; empty for none"))
        event_form = QFormLayout()
        event_form.addRow(self.tr("Event name"), self.event_name)
        event_form.addRow(self.tr("Place"), self.place)
        event_form.addRow(self.tr("Till code on receipts"), self.till_code)
        event_form.addRow(self.tr("Currency (ISO code)"), self.currency)
        event_form.addRow(self.tr("Locale for money and dates"), self.locale_field)
        event_form.addRow(self.tr("Tax classes"), self.taxes)
        event_form.addRow("", self.prices_include_tax)
        event_form.addRow(self.tr("Cash rounding"), self.cash_step)
        self.event_box = QGroupBox()
        self.event_box.setLayout(event_form)

        column = QVBoxLayout(self)
        column.addWidget(self.enroll)
        column.addWidget(self.hub_box)
        column.addWidget(self.standalone)
        column.addWidget(self.event_box)
        column.addWidget(self.error)
        self.set_up = False
        self.enroll.toggled.connect(self._on_enroll_toggled)
        self._on_enroll_toggled(False)

    @Slot(bool)
    def _on_enroll_toggled(self, enrolling: bool) -> None:
        self.hub_box.setEnabled(enrolling and not self.set_up)
        self.event_box.setEnabled(not enrolling and not self.set_up)

    def step_job(self) -> Callable[[], Any] | None:
        if self.set_up:
            return None  # back here after the till was made: it cannot be made twice
        uow = self.session.till.uow
        if self.enroll.isChecked():
            url, code = self.hub_url.text().strip(), self.code.text().strip()
            if not url or not code:
                return _refuse(self.tr("Type the hub's address and the one-time code the marketplace gave you."))
            return lambda: enroll_till(url, code, uow())
        name, place, till_code = self.event_name.text(), self.place.text().strip(), self.till_code.text()
        currency, locale = self.currency.text().strip().upper(), self.locale_field.text().strip()
        include_tax, taxes, step = self.prices_include_tax.isChecked(), self.taxes.text(), self.cash_step.text().strip()

        def set_up() -> TillInfo:
            command = SetUpTill(
                event_name=name,
                place=place,
                till_code=till_code,
                currency=currency,
                locale=locale,
                prices_include_tax=include_tax,
                cash_rounding_step=parse_minor(step, currency) if step else 1,
                tax_classes=tuple(parse_tax_class(text) for text in taxes.split(",") if text.strip()),
            )
            return set_up_till(command, uow())

        return set_up

    def step_worker(self) -> StoreWorker:
        # Enrolling waits on the network: the devices' worker, so the store's queue never waits on it.
        return self.session.devices if self.enroll.isChecked() else self.session.store

    def step_done(self, _till: TillInfo) -> None:
        self.set_up = True
        self._on_enroll_toggled(self.enroll.isChecked())

    def nextId(self) -> int:  # noqa: N802
        return int(Step.STAFF)


def _refuse(message: str) -> Callable[[], object]:
    def refuse() -> object:
        raise InvalidInput(message)

    return refuse


class ManagerPage(_Page):
    def __init__(self, session: _Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Manager sign-in"))
        self.setSubTitle(self.tr("Changing the till's settings is a manager's job."))
        self.manager = QComboBox()
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("Manager"), self.manager)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.error)
        self._ids: list[str] = []

    def initializePage(self) -> None:  # noqa: N802
        self.run(self.session.store, lambda: list_staff(self.session.till.uow()), self._show_managers)

    def _show_managers(self, staff: list[SignedIn]) -> None:
        managers = [member for member in staff if member.role is Role.MANAGER]
        self._ids = [member.staff_id for member in managers]
        self.manager.clear()
        self.manager.addItems([member.name for member in managers])

    def step_job(self) -> Callable[[], Any]:
        if not self._ids:
            return _refuse(self.tr("This till has no manager: add one with 'popup-pos staff add NAME --role manager'."))
        staff_id, pin = self._ids[self.manager.currentIndex()], self.pin.text()
        return lambda: sign_in(staff_id, pin, self.session.till.uow())

    def step_done(self, manager: SignedIn) -> None:
        self.session.manager_id = manager.staff_id
        self.pin.clear()

    def nextId(self) -> int:  # noqa: N802
        return int(Step.STAFF)


class StaffPage(_Page):
    def __init__(self, session: _Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Staff"))
        self.setSubTitle(
            self.tr(
                "Everyone who works the till signs in with their own PIN (4 to 8 digits). "
                "The first person is a manager, who can later approve discounts, voids and refunds."
            )
        )
        self.people = QListWidget()
        self.name = QLineEdit()
        self.role = QComboBox()
        self.role.addItems([self.role_label(role) for role in ROLES])
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_pin = QLineEdit()
        self.repeat_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self._on_add_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Role"), self.role)
        form.addRow(self.tr("PIN"), self.pin)
        form.addRow(self.tr("PIN again"), self.repeat_pin)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addWidget(self.add_button)
        column = QVBoxLayout(self)
        column.addWidget(self.people)
        column.addLayout(row)
        column.addWidget(self.error)
        self.staff: list[SignedIn] = []

    def initializePage(self) -> None:  # noqa: N802
        self.run(self.session.store, lambda: list_staff(self.session.till.uow()), self._show_staff)

    def _show_staff(self, staff: list[SignedIn]) -> None:
        self.staff = staff
        self.people.clear()
        self.people.addItems([f"{member.name} · {self.role_label(member.role)}" for member in staff])
        self.completeChanged.emit()

    def role_label(self, role: Role) -> str:
        return {Role.MANAGER: self.tr("manager"), Role.CASHIER: self.tr("cashier")}.get(role, self.tr("pickup clerk"))

    def ready(self) -> bool:
        return any(member.role is Role.MANAGER for member in self.staff)

    @Slot()
    def _on_add_clicked(self) -> None:
        if self.pin.text() != self.repeat_pin.text():
            self.error.setText(self.tr("The two PINs differ: type the PIN again in both fields."))
            return
        role = ROLES[self.role.currentIndex()]
        command = AddStaff(self.name.text(), role, self.pin.text(), self.session.manager_id)
        uow = self.session.till.uow

        def add() -> tuple[SignedIn, list[SignedIn]]:
            return add_staff(command, uow()), list_staff(uow())

        self.run(self.session.store, add, self._on_added)

    def _on_added(self, added: tuple[SignedIn, list[SignedIn]]) -> None:
        member, staff = added
        if self.session.manager_id is None and member.role is Role.MANAGER:
            # The person setting the till up acts as its first manager for the rest of the wizard.
            self.session.manager_id = member.staff_id
        self.role.setCurrentIndex(ROLES.index(Role.CASHIER))  # after the manager come the counter staff
        for field in (self.name, self.pin, self.repeat_pin):
            field.clear()
        self._show_staff(staff)

    def nextId(self) -> int:  # noqa: N802
        return int(Step.PRINTER)


class PrinterPage(_Page):
    def __init__(self, session: _Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Receipt printer"))
        self.setSubTitle(
            self.tr(
                "A thermal printer on the network (port 9100) or a device file; receipts can always be saved as PDF."
            )
        )
        self.network = QRadioButton(self.tr("Network printer"))
        self.file = QRadioButton(self.tr("Device file (a USB or serial printer seen as a file)"))
        self.none = QRadioButton(self.tr("No printer for now"))
        self.none.setChecked(True)
        self.kind = QButtonGroup(self)
        for button in (self.network, self.file, self.none):
            self.kind.addButton(button)
        self.host = QLineEdit()
        self.host.setPlaceholderText("192.168.1.50")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        self.path = QLineEdit()
        self.path.setPlaceholderText("/dev/usb/lp0")
        self.paper = QComboBox()
        self.paper.addItems([f"{width} mm" for width in PAPER_WIDTHS_MM])
        self.paper.setCurrentText("80 mm")
        self.test_button = QPushButton(self.tr("Print a test page"))
        self.test_button.clicked.connect(self._on_test_clicked)
        self.result = QLabel()
        self.result.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.network)
        form.addRow(self.tr("Address"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.file)
        form.addRow(self.tr("Device"), self.path)
        form.addRow(self.none)
        form.addRow(self.tr("Paper width"), self.paper)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(self.test_button)
        column.addWidget(self.result)
        column.addWidget(self.error)
        self.kind.buttonToggled.connect(self._on_kind_button_toggled)
        self._on_kind_button_toggled()

    def initializePage(self) -> None:  # noqa: N802
        self.run(self.session.store, lambda: printer_settings(self.session.till.uow()), self._show_settings)

    def _show_settings(self, settings: PrinterSettings) -> None:
        if settings.kind == "network":
            self.network.setChecked(True)
            self.host.setText(settings.address)
            self.port.setValue(settings.port)
        elif settings.kind == "file":
            self.file.setChecked(True)
            self.path.setText(settings.address)
        self.paper.setCurrentText(f"{settings.paper_width_mm} mm")

    @Slot()
    def _on_kind_button_toggled(self) -> None:
        self.host.setEnabled(self.network.isChecked())
        self.port.setEnabled(self.network.isChecked())
        self.path.setEnabled(self.file.isChecked())
        self.test_button.setEnabled(not self.none.isChecked())

    def settings(self) -> PrinterSettings:
        paper = int(self.paper.currentText().split()[0])
        if self.network.isChecked():
            return PrinterSettings("network", self.host.text().strip(), self.port.value(), paper)
        if self.file.isChecked():
            return PrinterSettings("file", self.path.text().strip(), paper_width_mm=paper)
        return PrinterSettings("none", paper_width_mm=paper)

    def step_job(self) -> Callable[[], Any]:
        settings, manager = self.settings(), self.session.manager_id
        return lambda: save_printer_settings(settings, _signed(manager), self.session.till.uow())

    @Slot()
    def _on_test_clicked(self) -> None:
        settings, manager, uow = self.settings(), self.session.manager_id, self.session.till.uow
        self.result.clear()

        def queue() -> str:
            save_printer_settings(settings, _signed(manager), uow())
            return queue_test_page(_signed(manager), uow())

        self.run(
            self.session.store,
            queue,
            lambda _job: self.run(self.session.devices, lambda: process_print_queue(uow), self._show_outcomes),
        )

    def _show_outcomes(self, outcomes: list[PrintOutcome]) -> None:
        failed = [outcome for outcome in outcomes if not outcome.printed]
        if failed:
            self.error.setText(self.tr("{0} The test page waits in the print queue.").format(failed[0].error))
        else:
            self.result.setText(self.tr("Test page sent: check that it printed, accents and QR code included."))

    def nextId(self) -> int:  # noqa: N802
        return int(Step.FLOAT)


def _signed(manager_id: str | None) -> str:
    if manager_id is None:
        raise InvalidInput("A manager signs in before changing the till's settings: go back to the staff page.")
    return manager_id


class FloatPage(_Page):
    def __init__(self, session: _Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Cash float"))
        self.setSubTitle(
            self.tr("The coins and notes put in the drawer before the first sale; each cash session starts from it.")
        )
        self.amount = QLineEdit()
        self.amount.setPlaceholderText("150.00")
        self.currency = QLabel()
        row = QHBoxLayout()
        row.addWidget(self.amount, 1)
        row.addWidget(self.currency)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addStretch()
        column.addWidget(self.error)
        self._currency = ""

    def initializePage(self) -> None:  # noqa: N802
        uow = self.session.till.uow
        self.run(self.session.store, lambda: (till_status(uow()), default_float(uow())), self._show_float)

    def _show_float(self, found: tuple[TillStatus, int | None]) -> None:
        status, amount = found
        self._currency = status.event.currency
        self.currency.setText(self._currency)
        if amount is not None and not self.amount.text():
            # Plain digits, not the locale's format: the field must read back what it shows.
            self.amount.setText(f"{Decimal(amount).scaleb(-currency_exponent(self._currency)):f}")

    def step_job(self) -> Callable[[], Any]:
        text, currency, manager = self.amount.text(), self._currency, self.session.manager_id
        uow = self.session.till.uow

        def save() -> int:
            amount = parse_minor(text, currency) if text.strip() else 0
            return set_default_float(amount, _signed(manager), uow())

        return save

    def nextId(self) -> int:  # noqa: N802
        return int(Step.DONE)


class DonePage(_Page):
    def __init__(self, session: _Session) -> None:
        super().__init__(session)
        self.setTitle(self.tr("Ready to sell"))
        self.setSubTitle(self.tr("Staff sign in with their PIN on the next screen."))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addStretch()
        column.addWidget(self.error)

    def initializePage(self) -> None:  # noqa: N802
        uow = self.session.till.uow

        def read() -> tuple[TillStatus, list[SignedIn], PrinterSettings, int | None]:
            return till_status(uow()), list_staff(uow()), printer_settings(uow()), default_float(uow())

        self.run(self.session.store, read, self._show_summary)

    def _show_summary(self, found: tuple[TillStatus, list[SignedIn], PrinterSettings, int | None]) -> None:
        status, staff, printer, amount = found
        where = {"network": f"{printer.address}:{printer.port}", "file": printer.address}.get(printer.kind, "")
        self.summary.setText(
            "\n".join(
                (
                    self.tr("Event: {0} ({1})").format(status.event.name, status.event.currency),
                    self.tr("Till: {0} · {1} product(s)").format(status.till.code, status.products),
                    self.tr("Staff: {0}").format(", ".join(member.name for member in staff)),
                    self.tr("Receipt printer: {0} {1}").format(printer.kind, where).rstrip(),
                    self.tr("Cash float: {0}").format(status.event.format(amount or 0)),
                    ""
                    if status.products
                    else self.tr(
                        "No products yet: import the catalog with 'popup-pos catalog import FILE.csv', "
                        "or sync once enrolled."
                    ),
                )
            ).strip()
        )

    def nextId(self) -> int:  # noqa: N802
        return -1


class FirstRunWizard(QWizard):
    def __init__(self, till: Till, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pop-up POS set-up"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.resize(760, 620)
        store, devices = StoreWorker(), StoreWorker()
        store.start()
        devices.start()
        self.session = _Session(till, store, devices)
        self.event_page = EventPage(self.session)
        self.connect_page = ConnectPage(self.session)
        self.manager_page = ManagerPage(self.session)
        self.staff_page = StaffPage(self.session)
        self.printer_page = PrinterPage(self.session)
        self.float_page = FloatPage(self.session)
        self.done_page = DonePage(self.session)
        for step, page in (
            (Step.EVENT, self.event_page),
            (Step.CONNECT, self.connect_page),
            (Step.MANAGER, self.manager_page),
            (Step.STAFF, self.staff_page),
            (Step.PRINTER, self.printer_page),
            (Step.FLOAT, self.float_page),
            (Step.DONE, self.done_page),
        ):
            self.setPage(int(step), page)
        self.setStartId(int(Step.EVENT))
        self.finished.connect(self._on_finished)

    @Slot()
    def _on_finished(self) -> None:
        self.session.store.stop()
        self.session.devices.stop()


def run_first_run_wizard(parent: QWidget | None, till: Till) -> bool:
    """Walk a manager through setting up ``till`` (or revisiting its settings); True when they finished."""
    wizard = FirstRunWizard(till, parent)
    return wizard.exec() == QDialog.DialogCode.Accepted
