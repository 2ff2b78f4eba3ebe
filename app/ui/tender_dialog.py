"""Taking payment: one method at a time, Card in one tap, vouchers checked as they are added, Split as a step.

The dialog only collects tenders; the sell screen completes the sale through
the service and then shows the change here, with the receipt choice.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.events import EventSettings
from app.domain.money import Money
from app.domain.tenders import (
    Tender,
)
from app.ui.number_pad import Preset, ask_number
from app.ui.tender_names import tender_label
from app.ui.tender_pages import CardPage, CashPage, VoucherPage, big_button
from app.ui.tender_payments import TenderPayments, VoucherCheck


class ReceiptChoice(StrEnum):
    PRINT = "print"
    NONE = "none"
    PDF = "pdf"


class TenderDialog(TenderPayments):
    receipt_chosen = Signal(str)  # ReceiptChoice

    def __init__(
        self,
        total: int,
        event: EventSettings,
        parent: QWidget | None = None,
        *,
        check_voucher: VoucherCheck | None = None,
        card_reference_required: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Payment"))
        # Wide enough for the big total and what is left side by side, inside a 1024 px screen.
        self.setMinimumWidth(900)
        self.total = total
        self.event_settings = event
        self.check_voucher = check_voucher
        self.card_reference_required = card_reference_required
        self.tenders: list[Tender] = []
        self.pad_dialog: QDialog | None = None
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
        # A seven-figure total in German is wider than half a 1024 px screen: it wraps rather than being cut.
        self.due_label.setWordWrap(True)
        self.remaining_label = QLabel()
        self.remaining_label.setObjectName("remaining")
        self.error_label = QLabel()
        self.error_label.setObjectName("dialogError")
        self.error_label.setWordWrap(True)

        self.cash_page = CashPage()
        self.cash_input = self.cash_page.amount
        self.quick_row = self.cash_page.quick_row
        self.cash_input.returnPressed.connect(self._on_cash_input_return_pressed)
        self.cash_page.add_button.clicked.connect(self._on_cash_input_return_pressed)
        self.cash_page.pad_button.clicked.connect(
            lambda: self._pad(self.cash_input, self._on_cash_input_return_pressed)
        )
        self.card_page = CardPage(self.card_reference_required)
        self.card_amount, self.card_reference = self.card_page.amount, self.card_page.reference
        self.card_reference.returnPressed.connect(self._on_add_card_clicked)
        self.card_page.add_button.clicked.connect(self._on_add_card_clicked)
        self.card_page.pad_button.clicked.connect(lambda: self._pad(self.card_amount, None))
        self.voucher_page = VoucherPage()
        self.voucher_code, self.voucher_amount = self.voucher_page.code, self.voucher_page.amount
        self.voucher_code.returnPressed.connect(self._on_add_voucher_clicked)
        self.voucher_page.add_button.clicked.connect(self._on_add_voucher_clicked)
        self.voucher_page.pad_button.clicked.connect(lambda: self._pad(self.voucher_amount, None))
        self.method_pages = QStackedWidget()
        for method_page in (self.cash_page, self.card_page, self.voucher_page):
            self.method_pages.addWidget(method_page)

        self.cash_button = big_button(self.tr("Cash"))
        self.card_button = big_button(self.tr("Card"), self.tr("The terminal charges what is left: complete at once"))
        self.voucher_button = big_button(self.tr("Voucher"))
        self.methods = QButtonGroup(self)
        methods = QHBoxLayout()
        for index, button in enumerate((self.cash_button, self.card_button, self.voucher_button)):
            button.setCheckable(True)
            self.methods.addButton(button, index)
            methods.addWidget(button)
        self.cash_button.setChecked(True)
        self.cash_button.clicked.connect(lambda: self._show_method(0))
        self.card_button.clicked.connect(self._on_card_button_clicked)
        self.voucher_button.clicked.connect(lambda: self._show_method(2))
        self.split_button = big_button(self.tr("Split"), self.tr("Pay part by one method and the rest by another"))
        self.split_button.setCheckable(True)
        self.split_button.toggled.connect(self._on_split_button_toggled)
        methods.addWidget(self.split_button)

        self.paid_label = QLabel()
        self.paid_label.setObjectName("paidSoFar")
        self.paid_label.setWordWrap(True)
        self.remove_button = big_button(self.tr("Remove last payment"))
        self.remove_button.clicked.connect(self._on_remove_clicked)
        self.complete_button = big_button(self.tr("Complete sale (F12)"))
        self.complete_button.setObjectName("primaryAction")
        self.complete_button.clicked.connect(self._on_complete_clicked)
        cancel = big_button(self.tr("Back to cart (Esc)"))
        cancel.clicked.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_F12), page, self._on_complete_clicked)

        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch()
        buttons.addWidget(cancel)
        buttons.addWidget(self.complete_button)
        totals = QHBoxLayout()
        totals.addWidget(self.due_label)
        totals.addStretch()
        totals.addWidget(self.remaining_label)
        column = QVBoxLayout(page)
        column.addLayout(totals)
        column.addLayout(methods)
        column.addWidget(self.method_pages)
        column.addWidget(self.paid_label)
        column.addWidget(self.error_label)
        column.addLayout(buttons)
        self._on_split_button_toggled(False)
        self.cash_input.setFocus()
        return page

    def _show_method(self, index: int) -> None:
        self.methods.button(index).setChecked(True)
        self.method_pages.setCurrentIndex(index)
        self._refresh()

    def _pad(self, target: QLineEdit, then: Callable[[], None] | None) -> None:
        def entered(text: str) -> None:
            target.setText(text)
            if then is not None:
                then()

        # The pad holds digits and a point, never the currency sign.
        currency, fmt = self.event_settings.currency, self.event_settings.format
        presets = [Preset(fmt(a), str(Money(a, currency).as_decimal())) for a in self._quick_amounts()]
        self.pad_dialog = ask_number(
            self,
            self.tr("Amount"),
            target.placeholderText(),
            entered,
            currency=self.event_settings.currency,
            presets=presets,
            initial=target.text(),
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for wrapped lines: a dialog's minimum size ignores a word-wrapped label's height for
        its width (a German total wraps), so its fields would overlap."""
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(self.width())
            if needed > self.height():
                self.resize(self.width(), needed)

    def _refresh(self) -> None:
        fmt = self.event_settings.format
        self.due_label.setText(self.tr("To pay: {0}").format(fmt(self.total)))
        remaining = self._remaining()
        self.remaining_label.setText(self.tr("Left to pay: {0}").format(fmt(remaining)))
        self.card_page.hint.setText(self.tr("Charge {0} on the terminal, then tap Card paid.").format(fmt(remaining)))
        paid = [
            f"{tender_label(tender.kind)}: {fmt(tender.amount)}"
            + (f" ({tender.reference})" if tender.reference else "")
            for tender in self.tenders
        ]
        self.paid_label.setText(self.tr("Paid so far: {0}").format(" · ".join(paid)))
        self.paid_label.setVisible(bool(self.tenders))
        self.remove_button.setVisible(bool(self.tenders))
        while self.quick_row.count():
            item = self.quick_row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        for amount in self._quick_amounts():
            button = big_button(
                fmt(amount), self.tr("Customer gives {0} in cash: complete at once").format(fmt(amount))
            )
            button.setObjectName("quickCash")
            button.clicked.connect(lambda _checked=False, value=amount: self.pay_cash_and_complete(value))
            self.quick_row.addWidget(button)
        self.complete_button.setEnabled(self._covered())
        if self.isVisible():
            self._fit_height()

    @Slot()
    def _on_split_button_toggled(self, split: bool) -> None:
        for line in (self.card_amount, self.voucher_amount, self.card_page.pad_button, self.voucher_page.pad_button):
            line.setVisible(split)
        if not split:
            self.card_amount.clear()
            self.voucher_amount.clear()

    # Done page

    def _build_done_page(self) -> QWidget:
        page = QWidget()
        self.receipt_label = QLabel()
        self.change_label = QLabel()
        self.change_label.setObjectName("bigChange")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # A gift card's code, in case the printer is out of paper (empty and hidden otherwise).
        self.gift_cards_label = QLabel()
        self.gift_cards_label.setObjectName("giftCardCodes")
        self.gift_cards_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.gift_cards_label.hide()
        print_button = big_button(self.tr("Print receipt (P)"))
        print_button.setShortcut(QKeySequence("P"))
        print_button.clicked.connect(lambda: self._choose(ReceiptChoice.PRINT))
        none_button = big_button(self.tr("No receipt: next customer (Enter)"))
        none_button.setObjectName("primaryAction")
        none_button.setDefault(True)
        none_button.clicked.connect(lambda: self._choose(ReceiptChoice.NONE))
        pdf_button = big_button(self.tr("PDF receipt (D)"))
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
        column.addWidget(self.gift_cards_label)
        column.addLayout(buttons)
        return page

    def show_completed(self, receipt_no: str, change: int, gift_cards: str = "") -> None:
        self.receipt_label.setText(self.tr("Sale {0} completed.").format(receipt_no))
        self.gift_cards_label.setText(gift_cards)
        self.gift_cards_label.setVisible(bool(gift_cards))
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
