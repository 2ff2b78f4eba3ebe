"""The returns desk's lines and refund: each line's editors, what they ask for, the last look, the refund.

Every rule (what is returnable, which tender refunds how much, when a manager
must approve) is in app.services.returns; this part only turns the person's
choices into a request and shows what the service answers.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QSpinBox, QTableWidget

from app.domain import texts
from app.domain.money import Money
from app.domain.returns import RETURN_REASONS, Disposition, RefundMethod, ReturnLineRequest
from app.services.authorization import ManagerApproval
from app.services.return_documents import queue_return_receipt
from app.services.return_lookup import ReturnableSale
from app.services.return_preview import RefundPreview, preview_refund
from app.services.returns import (
    NoReceiptItem,
    PendingExchange,
    RecordReturn,
    ReturnDone,
    prepare_exchange,
    record_return,
)
from app.store.unit_of_work import UnitOfWork
from app.ui.counter_desk import CounterDesk
from app.ui.last_look import LastLookDialog
from app.ui.refund_last_look import refund_last_look
from app.ui.tender_names import refund_label
from app.ui.worker import Change

QUANTITY, REASON, DISPOSITION = 4, 5, 6


class ReturnsRefund(CounterDesk):
    """The part of the returns desk that reads the lines and refunds; ReturnsScreen builds the widgets named here."""

    receipt_queued = Signal()
    exchange_requested = Signal(object)  # PendingExchange

    _locale: Callable[[], str]
    sale: ReturnableSale | None
    no_receipt: bool
    confirmation: LastLookDialog | None
    lines: QTableWidget
    method: QComboBox
    card_references: QFormLayout
    card_fields: dict[int, QLineEdit]
    clear: Callable[[], None]

    def _money(self, minor: int, currency: str) -> str:
        return Money(minor, currency).format(self._locale())

    def _row_editors(self, row: int, most: int) -> None:
        spin = QSpinBox()
        spin.setRange(0, most)
        reason = QComboBox()
        reason.setEditable(True)
        for code in RETURN_REASONS:  # shown in the person's language, stored in English
            reason.addItem(texts._(code), code)
        disposition = QComboBox()
        for label, value in (
            (self.tr("Back to stock"), Disposition.RESTOCK),
            (self.tr("Quality hold"), Disposition.QUALITY_HOLD),
            (self.tr("Write off"), Disposition.WRITE_OFF),
        ):
            disposition.addItem(label, value)
        self.lines.setCellWidget(row, QUANTITY, spin)
        self.lines.setCellWidget(row, REASON, reason)
        self.lines.setCellWidget(row, DISPOSITION, disposition)

    def _set_card_fields(self, tender_indexes: list[int]) -> None:
        while self.card_references.rowCount():
            self.card_references.removeRow(0)
        self.card_fields = {}
        for index in tender_indexes:
            field = QLineEdit()
            field.setPlaceholderText(self.tr("From the terminal's refund slip"))
            self.card_fields[index] = field
            self.card_references.addRow(self.tr("Card refund reference"), field)

    def quantity_spin(self, row: int) -> QSpinBox:
        spin = self.lines.cellWidget(row, QUANTITY)
        assert isinstance(spin, QSpinBox)
        return spin

    def disposition_box(self, row: int) -> QComboBox:
        box = self.lines.cellWidget(row, DISPOSITION)
        assert isinstance(box, QComboBox)
        return box

    def reason_box(self, row: int) -> QComboBox:
        box = self.lines.cellWidget(row, REASON)
        assert isinstance(box, QComboBox)
        return box

    def reason(self, row: int) -> str:
        """The reason to store: a listed one in English, a typed one as typed."""
        box = self.reason_box(row)
        listed = box.currentIndex() >= 0 and box.currentText() == box.itemText(box.currentIndex())
        return str(box.currentData()) if listed else box.currentText()

    def _code(self, row: int) -> str:
        item = self.lines.item(row, 0)
        return item.text() if item is not None else ""

    # Submitting

    @Slot()
    def submit(self) -> None:
        if self._staff is None or (self.sale is None and not self.no_receipt):
            return
        staff_id = self._staff.staff_id
        method = RefundMethod(self.method.currentData())
        if self.no_receipt:
            items = tuple(
                NoReceiptItem(
                    self._code(row),
                    self.quantity_spin(row).value(),
                    self.reason(row),
                    Disposition(self.disposition_box(row).currentData()),
                )
                for row in range(self.lines.rowCount())
                if self.quantity_spin(row).value()
            )
            cmd = RecordReturn(staff_id, None, method=method, no_receipt_items=items)
        else:
            cmd = self._sale_request(staff_id, method)

        self._worker.query(lambda: preview_refund(cmd, self._new_uow())).success(
            lambda preview: self._confirm_refund(cmd, preview)
        )

    def _confirm_refund(self, cmd: RecordReturn, preview: RefundPreview) -> None:
        """The refund per tender before any money moves; Back leaves everything as it was."""

        def call(uow: UnitOfWork, approval: ManagerApproval | None) -> ReturnDone:
            return record_return(cmd, uow, approval)

        self.confirmation = refund_last_look(preview, lambda minor: self._money(minor, preview.currency), self)
        self.confirmation.confirmed.connect(lambda: self.approvals.run(call, self._returned))
        self.confirmation.finished.connect(lambda _result: self._forget_confirmation())
        self.confirmation.open()

    def _forget_confirmation(self) -> None:
        self.confirmation = None

    def _sale_request(self, staff_id: str, method: RefundMethod) -> RecordReturn:
        assert self.sale is not None
        requests = tuple(
            ReturnLineRequest(
                line.line_no,
                self.quantity_spin(row).value(),
                self.reason(row),
                Disposition(self.disposition_box(row).currentData()),
            )
            for row, line in enumerate(self.sale.lines)
            if self.quantity_spin(row).value()
        )
        references = {index: field.text() for index, field in self.card_fields.items()}
        return RecordReturn(staff_id, self.sale.sale_id, requests, method, references)

    @Slot()
    def start_exchange(self) -> None:
        if self._staff is None or self.sale is None:
            return
        request = self._sale_request(self._staff.staff_id, RefundMethod.STORE_CREDIT)

        def ready(pending: PendingExchange) -> None:
            self.clear()
            self.exchange_requested.emit(pending)

        self._worker.query(lambda: prepare_exchange(request, self._new_uow())).success(ready)

    def _returned(self, done: ReturnDone) -> None:
        refunds = ", ".join(
            f"{refund_label(refund.kind)} {self._money(refund.amount, done.currency)}" for refund in done.refunds
        )
        text = self.tr("Return {0} recorded: refund {1}.").format(done.return_no, refunds or "0")
        if done.cash_refund:
            text += " " + self.tr("Give {0} in cash from the drawer.").format(
                self._money(done.cash_refund, done.currency)
            )
        if done.voucher_code:
            text += " " + self.tr("Store credit voucher {0}.").format(done.voucher_code)
        # The refund is for the clerk to hand over: it stays until they tap OK.
        self._messages.instruction(text)
        self._worker.write(lambda: queue_return_receipt(done.return_id, self._new_uow()), Change.PRINT_QUEUE).success(
            lambda _job: self.receipt_queued.emit()
        )
        self.clear()
        self.scan_field.setFocus()
