"""The receipt printer, with a test page sent through the devices' worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
)

from app.services.printer_settings import PAPER_WIDTHS_MM, printer_settings, save_printer_settings
from app.services.printing import PrintOutcome, process_print_queue, queue_test_page
from app.ui.first_run.base import Page, Session, Step, signed
from printers.escpos_output import PrinterSettings


class PrinterPage(Page):
    def __init__(self, session: Session) -> None:
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
        column = self.body
        column.addLayout(form)
        column.addWidget(self.test_button)
        column.addWidget(self.result)
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
        return lambda: save_printer_settings(settings, signed(manager), self.session.till.uow())

    @Slot()
    def _on_test_clicked(self) -> None:
        settings, manager, uow = self.settings(), self.session.manager_id, self.session.till.uow
        self.result.clear()

        def queue() -> str:
            save_printer_settings(settings, signed(manager), uow())
            return queue_test_page(signed(manager), uow())

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
