"""The wizard's window: its pages in order, its two workers, and how big it may be."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QDialog, QWidget, QWizard

from app.bootstrap import Till
from app.ui.first_run.base import Session, Step
from app.ui.first_run.connect_page import ConnectPage
from app.ui.first_run.done_page import DonePage
from app.ui.first_run.event_page import EventPage
from app.ui.first_run.float_page import FloatPage
from app.ui.first_run.manager_page import ManagerPage
from app.ui.first_run.printer_page import PrinterPage
from app.ui.first_run.staff_page import StaffPage
from app.ui.worker import StoreWorker

# The smallest screen the till runs on is 1024x600; the window manager's title bar takes a little of it.
START_SIZE = (960, 560)
# Radio buttons, check boxes and drop-downs are tapped too: a fingertip's height, as the buttons have.
_FINGER_SIZED = (
    "QRadioButton, QCheckBox, QComboBox, QSpinBox { min-height: 44px; }"
    " QRadioButton::indicator, QCheckBox::indicator { width: 24px; height: 24px; }"
)


class FirstRunWizard(QWizard):
    def __init__(self, till: Till, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Pop-up POS set-up"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setStyleSheet(_FINGER_SIZED)
        self.resize(*START_SIZE)
        store, devices = StoreWorker(), StoreWorker()
        store.start()
        devices.start()
        self.session = Session(till, store, devices)
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
