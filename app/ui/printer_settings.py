"""Printer settings: which printer, where, what paper; a test page; the print queue and its jobs in doubt."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain import texts
from app.domain.errors import PosError
from app.services.printer_settings import (
    PAPER_WIDTHS_MM,
    PRINTER_KIND_LABELS,
    PRINTER_KINDS,
    printer_settings,
    save_printer_settings,
    usb_printers,
)
from app.services.printing import (
    PrintJobView,
    confirm_printed,
    print_again,
    print_jobs,
    process_print_queue,
    queue_test_page,
)
from app.store.unit_of_work import UnitOfWork
from app.ui.touch import scrolling
from app.ui.worker import Change, StoreWorker
from printers.escpos_output import SERIAL_BAUDRATES, PrinterSettings
from printers.links import UsbScan

# The newest jobs: enough to find one that may have printed without scrolling through a day's receipts.
QUEUE_SHOWN = 20


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
        for kind in PRINTER_KINDS:  # shown in the person's language, stored as the code
            self.kind.addItem(texts._(PRINTER_KIND_LABELS[kind]), kind)
        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("192.168.1.50, /dev/usb/lp0 or 04b8:0202"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(9100)
        self.baudrate = QComboBox()
        self.baudrate.addItems([str(speed) for speed in SERIAL_BAUDRATES])
        self.usb_found = QComboBox()
        self.usb_found.setPlaceholderText(self.tr("Look for USB printers first"))
        self.usb_found.activated.connect(self._on_usb_found_activated)
        self.find_usb_button = QPushButton(self.tr("Find USB printers"))
        self.find_usb_button.clicked.connect(self._on_find_usb_clicked)
        self.usb_message = QLabel()
        self.usb_message.setWordWrap(True)
        self.paper = QComboBox()
        self.paper.addItems([f"{width} mm" for width in PAPER_WIDTHS_MM])
        self.profile = QLineEdit("default")
        self.code_page = QLineEdit("AUTO")
        self.logo = QLineEdit()
        self.logo.setPlaceholderText(self.tr("PNG logo printed on receipts (optional)"))
        self.qr_as_image = QCheckBox(self.tr("Send QR codes as images (for printers without built-in QR)"))
        self.last_job = QLabel(self.tr("No job printed yet."))
        self.last_job.setWordWrap(True)
        self.jobs = QListWidget()
        self.jobs.currentItemChanged.connect(self._on_jobs_current_item_changed)
        self.again_button = QPushButton(self.tr("Print again (copy)"))
        self.again_button.clicked.connect(self._on_again_clicked)
        self.confirm_button = QPushButton(self.tr("It printed"))
        self.confirm_button.clicked.connect(self._on_confirm_clicked)
        self.again_button.setEnabled(False)
        self.confirm_button.setEnabled(False)
        self.message = QLabel()
        self.message.setObjectName("dialogError")
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Address / device"), self.address)
        form.addRow(self.tr("Port (network)"), self.port)
        form.addRow(self.tr("Baud rate (serial)"), self.baudrate)
        usb_row = QHBoxLayout()
        usb_row.addWidget(self.usb_found, 1)
        usb_row.addWidget(self.find_usb_button)
        form.addRow(self.tr("USB printers"), usb_row)
        form.addRow("", self.usb_message)
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
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(form)
        column.addWidget(QLabel(self.tr("Last job:")))
        column.addWidget(self.last_job)
        column.addWidget(QLabel(self.tr("Print queue (a job that may have printed waits for you to check the paper):")))
        column.addWidget(self.jobs)
        doubt_buttons = QHBoxLayout()
        doubt_buttons.addStretch()
        doubt_buttons.addWidget(self.confirm_button)
        doubt_buttons.addWidget(self.again_button)
        column.addLayout(doubt_buttons)
        column.addWidget(self.message)
        # The settings scroll on a short screen; Save and Close stay below them, always in view.
        outer = QVBoxLayout(self)
        outer.addWidget(scrolling(body), 1)
        outer.addLayout(buttons)
        # Refusals show here, in the dialog the person is looking at, not behind it.
        self._store.query(lambda: printer_settings(self._new_uow())).success(self._show_settings).failure(
            self._on_failed
        )
        self.refresh_jobs()
        # The window's retries and sales change the queue while this is open.
        for worker in (store_worker, device_worker):
            worker.store_changed.connect(self._on_worker_store_changed)

    @Slot(object)
    def _on_worker_store_changed(self, changes: frozenset[Change]) -> None:
        if Change.PRINT_QUEUE in changes:
            self.refresh_jobs()

    def _show_settings(self, settings: PrinterSettings) -> None:
        self.kind.setCurrentIndex(self.kind.findData(settings.kind))
        self.address.setText(settings.address)
        self.port.setValue(settings.port)
        self.baudrate.setCurrentText(str(settings.baudrate))
        self.paper.setCurrentText(f"{settings.paper_width_mm} mm")
        self.profile.setText(settings.profile)
        self.code_page.setText(settings.code_page)
        self.qr_as_image.setChecked(settings.qr_as_image)
        self.logo.setText(settings.logo_path)

    def settings(self) -> PrinterSettings:
        return PrinterSettings(
            kind=str(self.kind.currentData()),
            address=self.address.text().strip(),
            port=self.port.value(),
            paper_width_mm=int(self.paper.currentText().split()[0]),
            profile=self.profile.text().strip() or "default",
            code_page=self.code_page.text().strip().upper() or "AUTO",
            qr_as_image=self.qr_as_image.isChecked(),
            logo_path=self.logo.text().strip(),
            baudrate=int(self.baudrate.currentText()),
        )

    def refresh_jobs(self) -> None:
        self._store.query(lambda: print_jobs(self._new_uow())[:QUEUE_SHOWN]).success(self._show_jobs).failure(
            self._on_failed
        )

    def _show_jobs(self, jobs: list[PrintJobView]) -> None:
        self._show_last_job(jobs[0] if jobs else None)
        selected = self._selected_job()
        self.jobs.clear()
        for job in jobs:
            item = QListWidgetItem(self._describe(job))
            item.setData(Qt.ItemDataRole.UserRole, job)
            self.jobs.addItem(item)
            if selected is not None and job.job_id == selected.job_id:
                self.jobs.setCurrentItem(item)

    def _describe(self, job: PrintJobView) -> str:
        state = self.tr("MAY HAVE PRINTED: check the paper") if job.in_doubt else job.status_label
        copy = self.tr(" (copy)") if job.is_copy else ""
        line = f"{job.shown_at}  {job.title}{copy} · {state}"
        if job.status != "printed" and job.last_error:
            line += "\n" + job.last_error
        return line

    def _show_last_job(self, job: PrintJobView | None) -> None:
        if job is None:
            self.last_job.setText(self.tr("No job printed yet."))
            return
        state = self.tr("{0}: {1}, {2} attempt(s)").format(
            job.title, self.tr("may have printed") if job.in_doubt else job.status_label, job.attempts
        )
        if job.status != "printed" and job.last_error:
            state += "\n" + job.last_error
        self.last_job.setText(state)

    def _selected_job(self) -> PrintJobView | None:
        item = self.jobs.currentItem()
        job = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return job if isinstance(job, PrintJobView) else None

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_jobs_current_item_changed(
        self, _current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        job = self._selected_job()
        in_doubt = job is not None and job.in_doubt
        self.again_button.setEnabled(in_doubt)
        self.confirm_button.setEnabled(in_doubt)

    @Slot()
    def _on_again_clicked(self) -> None:
        job = self._selected_job()
        if job is None:
            return
        self._store.write(lambda: print_again(job.job_id, self._staff_id, self._new_uow()), Change.PRINT_QUEUE).success(
            lambda _job_id: self._print_queue()
        ).failure(self._on_failed)

    @Slot()
    def _on_confirm_clicked(self) -> None:
        job = self._selected_job()
        if job is None:
            return
        self._store.write(
            lambda: confirm_printed(job.job_id, self._staff_id, self._new_uow()), Change.PRINT_QUEUE
        ).failure(self._on_failed)

    def _print_queue(self) -> None:
        self._devices.write(lambda: process_print_queue(self._new_uow), Change.PRINT_QUEUE).failure(self._on_failed)

    @Slot()
    def _on_find_usb_clicked(self) -> None:
        self.usb_message.setText(self.tr("Looking for USB printers…"))
        # Asking the USB bus can take a moment: the devices' thread, never the window's.
        self._devices.query(usb_printers).success(self._show_usb_printers).failure(
            lambda error: self.usb_message.setText(str(error))
        )

    def _show_usb_printers(self, scan: UsbScan) -> None:
        self.usb_found.clear()
        for printer in scan.printers:
            self.usb_found.addItem(f"{printer.name} ({printer.address})", printer.address)
        if scan.problem:
            self.usb_message.setText(scan.problem)
        elif not scan.printers:
            self.usb_message.setText(self.tr("No USB printer found: plug it in and switch it on, then look again."))
        else:
            self.usb_message.setText(self.tr("Choose one to use it."))

    @Slot(int)
    def _on_usb_found_activated(self, index: int) -> None:
        self.kind.setCurrentIndex(self.kind.findData("usb"))
        self.address.setText(str(self.usb_found.itemData(index)))

    def _on_failed(self, error: PosError) -> None:
        self.message.setText(str(error))

    @Slot()
    def _on_save_clicked(self) -> None:
        settings = self.settings()
        self._store.write(
            lambda: save_printer_settings(settings, self._staff_id, self._new_uow()), Change.PRINTER
        ).success(lambda _saved: self.message.setText(self.tr("Saved."))).failure(self._on_failed)

    @Slot()
    def _on_test_clicked(self) -> None:
        self._store.write(lambda: queue_test_page(self._staff_id, self._new_uow()), Change.PRINT_QUEUE).success(
            lambda _job_id: self._print_queue()
        ).failure(self._on_failed)
