"""Recording "asked for" at the counter: what, how many, a note, and a contact only with the consent ticked.

The sell screen opens it from a search (app/ui/demand_entry.py): a sold-out
product's "Asked for" row, or the "not stocked" row of a search that found
nothing. The second tap, Record, writes the entry through
app/services/demand.py, which checks everything (docs/demand.md); a refusal
stays in the dialog's fixed-height message line and nothing is stored.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.demand import MAX_DEMAND_NOTE, MAX_DEMAND_QUANTITY, MAX_ITEM_NAME, DemandInput, consent_text
from app.domain.errors import PosError
from app.domain.texts import _
from app.services.demand import DemandTaken, RecordDemand, record_demand
from app.store.unit_of_work import UnitOfWork
from app.ui.worker import Change, StoreWorker

ROW_HEIGHT = 44


class DemandDialog(QDialog):
    """``sku`` set: demand for that product (``label`` names it); None: a not-stocked item typed in ``item``."""

    recorded = Signal(object)  # DemandTaken

    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        staff_id: str,
        sku: str | None,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Asked for"))
        self.setMinimumWidth(560)
        self._worker = worker
        self._new_uow = new_uow
        self._staff_id = staff_id
        self._sku = sku
        self.what = QLabel(label)
        self.what.setObjectName("demandWhat")
        self.what.setWordWrap(True)
        self.item = QLineEdit(label if sku is None else "")
        self.item.setObjectName("demandItem")
        self.item.setPlaceholderText(_("What the customer asked for"))
        self.item.setMaxLength(MAX_ITEM_NAME)
        self.item.setMinimumHeight(ROW_HEIGHT)
        self.item.setVisible(sku is None)
        self.what.setVisible(sku is not None)
        self.quantity = QSpinBox()
        self.quantity.setObjectName("demandQuantity")
        # 0 shows as "no quantity": the quantity is optional.
        self.quantity.setRange(0, MAX_DEMAND_QUANTITY)
        self.quantity.setSpecialValueText(_("Quantity: –"))
        self.quantity.setPrefix(_("Quantity: "))
        self.quantity.setMinimumHeight(ROW_HEIGHT)
        self.note = QLineEdit()
        self.note.setObjectName("demandNote")
        self.note.setPlaceholderText(_("Note, e.g. the large size (optional)"))
        self.note.setMaxLength(MAX_DEMAND_NOTE)
        self.note.setMinimumHeight(ROW_HEIGHT)
        self.contact = QLineEdit()
        self.contact.setObjectName("demandContact")
        self.contact.setPlaceholderText(_("Email or phone, only with consent (optional)"))
        self.contact.setMinimumHeight(ROW_HEIGHT)
        self.consent = QCheckBox(consent_text())
        self.consent.setObjectName("demandConsent")
        self.consent.setMinimumHeight(ROW_HEIGHT)
        # A fixed height: a refusal appearing never moves the buttons.
        self.message = QLabel()
        self.message.setObjectName("demandMessage")
        self.message.setWordWrap(True)
        self.message.setFixedHeight(2 * ROW_HEIGHT)
        self.record_button = QPushButton(_("Record"))
        self.record_button.setObjectName("primaryAction")
        self.record_button.setMinimumHeight(ROW_HEIGHT)
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self._on_record_button_clicked)
        self.cancel_button = QPushButton(_("Cancel"))
        self.cancel_button.setMinimumHeight(ROW_HEIGHT)
        self.cancel_button.clicked.connect(self.reject)
        details = QHBoxLayout()
        details.addWidget(self.quantity)
        details.addWidget(self.note, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.record_button, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.what)
        column.addWidget(self.item)
        column.addLayout(details)
        column.addWidget(self.contact)
        column.addWidget(self.consent)
        column.addWidget(self.message)
        column.addLayout(buttons)

    def typed(self) -> DemandInput:
        quantity = self.quantity.value()
        return DemandInput(
            sku=self._sku,
            item="" if self._sku is not None else self.item.text(),
            quantity=quantity or None,
            note=self.note.text(),
            contact=self.contact.text(),
            consent=self.consent.isChecked(),
        )

    @Slot()
    def _on_record_button_clicked(self) -> None:
        command = RecordDemand(self._staff_id, self.typed())
        self.message.clear()
        self.record_button.setEnabled(False)
        self._worker.write(lambda: record_demand(command, self._new_uow()), Change.EVENT).finished(
            lambda: self.record_button.setEnabled(True)
        ).success(self._done).failure(self._refuse)

    def _refuse(self, error: PosError) -> None:
        self.message.setText(str(error))

    def _done(self, taken: DemandTaken) -> None:
        self.recorded.emit(taken)
        self.accept()
