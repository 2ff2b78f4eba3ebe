"""Taking payment: cash with quick amounts, card with the terminal reference, voucher, or a split.

The dialog only collects tenders; the sell screen completes the sale through
the service and then shows the change here, with the receipt choice.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PosError
from app.domain.events import EventSettings
from app.domain.money import parse_minor
from app.domain.tenders import Tender, TenderKind, quick_cash_amounts, settle


class ReceiptChoice(StrEnum):
    PRINT = "print"
    NONE = "none"
    PDF = "pdf"


class TenderDialog(QDialog):
    completion_requested = Signal(object)  # tuple[Tender, ...]
    receipt_chosen = Signal(str)  # ReceiptChoice

    def __init__(self, total: int, event: EventSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        self.setMinimumWidth(640)
        self.total = total
        self.event_settings = event
        self.tenders: list[Tender] = []
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_payment_page())
        self.pages.addWidget(self._build_done_page())
        column = QVBoxLayout(self)
        column.addWidget(self.pages)
        self._refresh()

    # Payment page

    def _build_payment_page(self) -> QWidget:
        page = QWidget()
        self.due_label = QLabel()
        self.due_label.setObjectName("bigTotal")
        self.remaining_label = QLabel()
        self.remaining_label.setObjectName("remaining")
        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)

        cash = QGroupBox(self.tr("Cash"))
        self.quick_row = QHBoxLayout()
        self.cash_input = QLineEdit()
        self.cash_input.setPlaceholderText(self.tr("Cash given"))
        self.cash_input.returnPressed.connect(self._on_cash_input_return_pressed)
        add_cash = QPushButton(self.tr("Add cash"))
        add_cash.clicked.connect(self._on_cash_input_return_pressed)
        cash_layout = QGridLayout(cash)
        cash_layout.addLayout(self.quick_row, 0, 0, 1, 2)
        cash_layout.addWidget(self.cash_input, 1, 0)
        cash_layout.addWidget(add_cash, 1, 1)

        card = QGroupBox(self.tr("Card (external terminal)"))
        self.card_amount = QLineEdit()
        self.card_amount.setPlaceholderText(self.tr("Amount (empty: what is left)"))
        self.card_reference = QLineEdit()
        self.card_reference.setPlaceholderText(self.tr("Terminal reference"))
        self.card_reference.returnPressed.connect(self._on_add_card_clicked)
        add_card = QPushButton(self.tr("Add card"))
        add_card.clicked.connect(self._on_add_card_clicked)
        card_layout = QGridLayout(card)
        card_layout.addWidget(self.card_amount, 0, 0)
        card_layout.addWidget(self.card_reference, 0, 1)
        card_layout.addWidget(add_card, 0, 2)

        voucher = QGroupBox(self.tr("Voucher / store credit"))
        self.voucher_code = QLineEdit()
        self.voucher_code.setPlaceholderText(self.tr("Voucher code"))
        self.voucher_amount = QLineEdit()
        self.voucher_amount.setPlaceholderText(self.tr("Amount (empty: what is left)"))
        add_voucher = QPushButton(self.tr("Add voucher"))
        add_voucher.clicked.connect(self._on_add_voucher_clicked)
        voucher_layout = QGridLayout(voucher)
        voucher_layout.addWidget(self.voucher_code, 0, 0)
        voucher_layout.addWidget(self.voucher_amount, 0, 1)
        voucher_layout.addWidget(add_voucher, 0, 2)

        self.tender_list = QListWidget()
        self.tender_list.setMaximumHeight(110)
        remove = QPushButton(self.tr("Remove payment"))
        remove.clicked.connect(self._on_remove_clicked)
        self.complete_button = QPushButton(self.tr("Complete sale (F12)"))
        self.complete_button.setObjectName("primaryAction")
        self.complete_button.clicked.connect(self._on_complete_clicked)
        cancel = QPushButton(self.tr("Back to cart (Esc)"))
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_F12), page, self._on_complete_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(remove)
        buttons.addStretch()
        buttons.addWidget(cancel)
        buttons.addWidget(self.complete_button)
        column = QVBoxLayout(page)
        column.addWidget(self.due_label)
        column.addWidget(self.remaining_label)
        column.addWidget(cash)
        column.addWidget(card)
        column.addWidget(voucher)
        column.addWidget(self.tender_list)
        column.addWidget(self.error_label)
        column.addLayout(buttons)
        # Enter in a field means "add this payment", never "press some default button".
        for button in page.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.cash_input.setFocus()
        return page

    def _paid(self) -> int:
        return sum(tender.amount for tender in self.tenders)

    def _remaining(self) -> int:
        return max(0, self.total - self._paid())

    def _refresh(self) -> None:
        fmt = self.event_settings.format
        self.due_label.setText(self.tr("To pay: {0}").format(fmt(self.total)))
        remaining = self._remaining()
        self.remaining_label.setText(self.tr("Left to pay: {0}").format(fmt(remaining)))
        self.tender_list.clear()
        for tender in self.tenders:
            reference = f" ({tender.reference})" if tender.reference else ""
            self.tender_list.addItem(f"{tender.kind.value}: {fmt(tender.amount)}{reference}")
        while self.quick_row.count():
            item = self.quick_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        settings = self.event_settings
        for amount in quick_cash_amounts(remaining, settings.currency, settings.cash_rounding_step):
            button = QPushButton(fmt(amount))
            button.setObjectName("quickCash")
            button.setMinimumHeight(56)
            button.setToolTip(self.tr("Customer gives {0} in cash: complete at once").format(fmt(amount)))
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, value=amount: self.pay_cash_and_complete(value))
            self.quick_row.addWidget(button)
        self.complete_button.setEnabled(self._covered())

    def _covered(self) -> bool:
        try:
            settle(self.total, self.tenders, self.event_settings)
        except PosError:
            return False
        return True

    def _amount(self, field: QLineEdit, default: int) -> int:
        text = field.text().strip()
        return default if not text else parse_minor(text, self.event_settings.currency)

    def _add(self, make: Callable[[], Tender]) -> bool:
        try:
            tender = make()
        except PosError as error:
            self.show_error(str(error))
            return False
        self.tenders.append(tender)
        self.error_label.clear()
        self._refresh()
        return True

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)

    def pay_cash_and_complete(self, amount: int) -> None:
        if self._add(lambda: Tender(TenderKind.CASH, amount)):
            self._on_complete_clicked()

    @Slot()
    def _on_cash_input_return_pressed(self) -> None:
        if not self.cash_input.text().strip() and self._covered():
            self._on_complete_clicked()
            return
        if self._add(lambda: Tender(TenderKind.CASH, self._amount(self.cash_input, self._remaining()))):
            self.cash_input.clear()
            if self._covered():
                self._on_complete_clicked()

    @Slot()
    def _on_add_card_clicked(self) -> None:
        if self._add(
            lambda: Tender(
                TenderKind.CARD, self._amount(self.card_amount, self._remaining()), self.card_reference.text()
            )
        ):
            self.card_amount.clear()
            self.card_reference.clear()

    @Slot()
    def _on_add_voucher_clicked(self) -> None:
        if self._add(
            lambda: Tender(
                TenderKind.VOUCHER, self._amount(self.voucher_amount, self._remaining()), self.voucher_code.text()
            )
        ):
            self.voucher_amount.clear()
            self.voucher_code.clear()

    @Slot()
    def _on_remove_clicked(self) -> None:
        row = self.tender_list.currentRow()
        if 0 <= row < len(self.tenders):
            del self.tenders[row]
            self._refresh()

    @Slot()
    def _on_complete_clicked(self) -> None:
        if self.pages.currentIndex() != 0:
            return
        try:
            settle(self.total, self.tenders, self.event_settings)
        except PosError as error:
            self.show_error(str(error))
            return
        self.complete_button.setEnabled(False)
        self.completion_requested.emit(tuple(self.tenders))

    def completion_failed(self, message: str) -> None:
        self.show_error(message)
        self.complete_button.setEnabled(self._covered())

    # Done page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.receipt_label = QLabel()
        self.change_label = QLabel()
        self.change_label.setObjectName("bigChange")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        print_button = QPushButton(self.tr("Print receipt (P)"))
        print_button.setShortcut(QKeySequence("P"))
        print_button.clicked.connect(lambda: self._choose(ReceiptChoice.PRINT))
        none_button = QPushButton(self.tr("No receipt: next customer (Enter)"))
        none_button.setObjectName("primaryAction")
        none_button.setDefault(True)
        none_button.clicked.connect(lambda: self._choose(ReceiptChoice.NONE))
        pdf_button = QPushButton(self.tr("PDF receipt (D)"))
        pdf_button.setShortcut(QKeySequence("D"))
        pdf_button.clicked.connect(lambda: self._choose(ReceiptChoice.PDF))
        self.none_button = none_button
        buttons = QHBoxLayout()
        buttons.addWidget(print_button)
        buttons.addWidget(pdf_button)
        buttons.addWidget(none_button)
        column = QVBoxLayout(page)
        column.addWidget(self.receipt_label)
        column.addWidget(self.change_label)
        column.addLayout(buttons)
        return page

    def show_completed(self, receipt_no: str, change: int) -> None:
        self.receipt_label.setText(self.tr("Sale {0} completed.").format(receipt_no))
        self.change_label.setText(self.tr("Change: {0}").format(self.event_settings.format(change)))
        self.pages.setCurrentIndex(1)
        self.none_button.setFocus()

    def _choose(self, choice: ReceiptChoice) -> None:
        self.receipt_chosen.emit(choice.value)
        self.accept()

    def reject(self) -> None:
        # Once the sale is completed, leaving the dialog is "no receipt", never "cancel".
        if self.pages.currentIndex() == 1:
            self._choose(ReceiptChoice.NONE)
            return
        super().reject()
