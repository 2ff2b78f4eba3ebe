"""Printer settings: which printer, where, what paper; a test page; how the last job went."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PosError
from app.services.printing import (
    PAPER_WIDTHS_MM,
    PRINTER_KINDS,
    PrintJobView,
    last_print_job,
    printer_settings,
    process_print_queue,
    queue_test_page,
    save_printer_settings,
)
from app.store.unit_of_work import UnitOfWork
from app.ui.worker import StoreWorker
from printers.escpos_output import PrinterSettings


class PrinterSettingsDialog(QDialog):
    def __init__(
        self,
        new_uow: Callable[[], UnitOfWork],
        store_worker: StoreWorker,
        device_worker: StoreWorker,
        staff_id: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Receipt printer"))
        self._new_uow = new_uow
        self._store = store_worker
        self._devices = device_worker
        self._staff_id = staff_id
        self.kind = QComboBox()
        self.kind.addItems(list(PRINTER_KINDS))
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("192.168.1.50, /dev/usb/lp0 or 04b8:0202"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        self.paper = QComboBox()
        self.paper.addItems([f"{width} mm" for width in PAPER_WIDTHS_MM])
        self.profile = QLineEdit("default")
        self.code_page = QLineEdit("AUTO")
        self.logo = QLineEdit()
        self.logo.setPlaceholderText(self.tr("PNG logo printed on receipts (optional)"))
        self.qr_as_image = QCheckBox(self.tr("Send QR codes as images (for printers without built-in QR)"))
        self.last_job = QLabel(self.tr("No job printed yet."))
        self.last_job.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("dialogError")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Address / device"), self.address)
        form.addRow(self.tr("Port (network)"), self.port)
        form.addRow(self.tr("Paper width"), self.paper)
        form.addRow(self.tr("Profile (python-escpos)"), self.profile)
        form.addRow(self.tr("Code page"), self.code_page)
        form.addRow(self.tr("Logo"), self.logo)
        form.addRow("", self.qr_as_image)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self._on_save_clicked)
        self.test_button = QPushButton(self.tr("Print a test page"))
        self.test_button.clicked.connect(self._on_test_clicked)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch()
        buttons.addWidget(close)
        buttons.addWidget(self.save_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(QLabel(self.tr("Last job:")))
        column.addWidget(self.last_job)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self._store.run_op(lambda: printer_settings(self._new_uow())).on_success(self._show_settings)
        self.refresh_last_job()

    def _show_settings(self, settings: PrinterSettings) -> None:
        self.kind.setCurrentText(settings.kind)
        self.address.setText(settings.address)
        self.port.setValue(settings.port)
        self.paper.setCurrentText(f"{settings.paper_width_mm} mm")
        self.profile.setText(settings.profile)
        self.code_page.setText(settings.code_page)
        self.qr_as_image.setChecked(settings.qr_as_image)
        self.logo.setText(settings.logo_path)

    def settings(self) -> PrinterSettings:
        return PrinterSettings(
            kind=self.kind.currentText(),
            address=self.address.text().strip(),
            port=self.port.value(),
            paper_width_mm=int(self.paper.currentText().split()[0]),
            profile=self.profile.text().strip() or "default",
            code_page=self.code_page.text().strip().upper() or "AUTO",
            qr_as_image=self.qr_as_image.isChecked(),
            logo_path=self.logo.text().strip(),
        )

    def refresh_last_job(self) -> None:
        self._store.run_op(lambda: last_print_job(self._new_uow())).on_success(self._show_last_job)

    def _show_last_job(self, job: PrintJobView | None) -> None:
        if job is None:
            self.last_job.setText(self.tr("No job printed yet."))
            return
        state = self.tr("{0}: {1}, {2} attempt(s)").format(job.title, job.status, job.attempts)
        if job.status != "printed" and job.last_error:
            state += "\n" + job.last_error
        self.last_job.setText(state)

    def _on_failed(self, error: PosError) -> None:
        self.message.setText(str(error))

    @Slot()
    def _on_save_clicked(self) -> None:
        settings = self.settings()
        self._store.run_op(lambda: save_printer_settings(settings, self._staff_id, self._new_uow())).on_success(
            lambda _saved: self.message.setText(self.tr("Saved."))
        ).on_failure(self._on_failed)

    @Slot()
    def _on_test_clicked(self) -> None:
        def printed(_outcomes: object) -> None:
            self.refresh_last_job()

        def queued(_job_id: str) -> None:
            self._devices.run_op(lambda: process_print_queue(self._new_uow)).on_success(printed).on_failure(
                self._on_failed
            )

        self._store.run_op(lambda: queue_test_page(self._staff_id, self._new_uow())).on_success(queued).on_failure(
            self._on_failed
        )
