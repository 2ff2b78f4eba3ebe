"""Collecting the payments of the tender dialog: cash, card and vouchers added one at a time, then complete.

The rules (what covers the total, a card's reference, a partial payment) are in
app.domain.tenders; this part hands each payment to them and shows the refusal.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton, QStackedWidget

from app.domain.errors import PosError
from app.domain.events import EventSettings
from app.domain.money import parse_minor
from app.domain.tenders import (
    Tender,
    TenderKind,
    check_card_references,
    check_partial,
    quick_cash_amounts,
    settle,
)
from app.services.vouchers import VoucherUsable
from app.ui.tender_pages import CardPage, VoucherPage

# Looks a voucher up off the GUI thread: the code, then what to do with the answer or the refusal.
VoucherCheck = Callable[[str, Callable[[VoucherUsable], None], Callable[[PosError], None]], None]


class TenderPayments(QDialog):
    """The part of the tender dialog that adds payments and asks to complete; TenderDialog builds the widgets."""

    completion_requested = Signal(object)  # tuple[Tender, ...]

    total: int
    event_settings: EventSettings
    check_voucher: VoucherCheck | None
    card_reference_required: bool
    tenders: list[Tender]
    pages: QStackedWidget
    error_label: QLabel
    cash_input: QLineEdit
    card_page: CardPage
    card_amount: QLineEdit
    card_reference: QLineEdit
    voucher_page: VoucherPage
    voucher_code: QLineEdit
    voucher_amount: QLineEdit
    split_button: QPushButton
    complete_button: QPushButton
    _refresh: Callable[[], None]
    _show_method: Callable[[int], None]

    def _paid(self) -> int:
        return sum(tender.amount for tender in self.tenders)

    def _remaining(self) -> int:
        return max(0, self.total - self._paid())

    def _quick_amounts(self) -> list[int]:
        settings = self.event_settings
        return quick_cash_amounts(self._remaining(), settings.currency, settings.cash_rounding_step)

    def _covered(self) -> bool:
        try:
            settle(self.total, self.tenders, self.event_settings)
        except PosError:
            return False
        return True

    def _amount(self, line: QLineEdit, default: int) -> int:
        text = line.text().strip()
        return default if not text else parse_minor(text, self.event_settings.currency)

    def _add(self, make: Callable[[], Tender]) -> bool:
        """Add a payment; once the payments cover the total the sale completes without another tap."""
        try:
            tender = make()
            check_card_references([tender], self.card_reference_required)
            check_partial(self.total, [*self.tenders, tender], self.event_settings)
        except PosError as error:
            self.show_error(str(error))
            return False
        self.tenders.append(tender)
        self.error_label.clear()
        if self._covered():
            self._refresh()
            self._on_complete_clicked()
        else:
            # The rest is most often paid in cash.
            self._show_method(0)
        return True

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)

    def pay_cash_and_complete(self, amount: int) -> None:
        self._add(lambda: Tender(TenderKind.CASH, amount))

    @Slot()
    def _on_cash_input_return_pressed(self) -> None:
        if not self.cash_input.text().strip() and self._covered():
            self._on_complete_clicked()
            return
        if self._add(lambda: Tender(TenderKind.CASH, self._amount(self.cash_input, self._remaining()))):
            self.cash_input.clear()

    @Slot()
    def _on_card_button_clicked(self) -> None:
        # The fast path: the terminal charges what is left and the sale completes in this one tap.
        if not self.split_button.isChecked() and not self.card_reference_required:
            self._add(lambda: Tender(TenderKind.CARD, self._remaining()))
            return
        self._show_method(1)
        self.card_reference.setFocus()

    @Slot()
    def _on_add_card_clicked(self) -> None:
        make = lambda: Tender(  # noqa: E731
            TenderKind.CARD, self._amount(self.card_amount, self._remaining()), self.card_reference.text().strip()
        )
        if self._add(make):
            self.card_amount.clear()
            self.card_reference.clear()

    @Slot()
    def _on_add_voucher_clicked(self) -> None:
        try:
            wanted = self._amount(self.voucher_amount, self._remaining())
        except PosError as error:
            self.show_error(str(error))
            return
        if self.check_voucher is None:
            self.show_error(self.tr("Vouchers cannot be checked here: take another payment."))
            return
        self.voucher_page.add_button.setEnabled(False)
        self.check_voucher(
            self.voucher_code.text(), lambda found: self._use_voucher(found, wanted), self._refuse_voucher
        )

    def _refuse_voucher(self, error: PosError) -> None:
        self.voucher_page.add_button.setEnabled(True)
        self.voucher_page.balance.clear()
        self.show_error(str(error))

    def _use_voucher(self, voucher: VoucherUsable, wanted: int) -> None:
        self.voucher_page.add_button.setEnabled(True)
        fmt = self.event_settings.format
        used = min(wanted, voucher.remaining)
        self.voucher_page.balance.setText(
            self.tr("Voucher {0} holds {1}: {2} used, {3} stays on it.").format(
                voucher.code, fmt(voucher.remaining), fmt(used), fmt(voucher.remaining - used)
            )
        )
        if self._add(lambda: Tender(TenderKind.VOUCHER, used, voucher.code)):
            self.voucher_code.clear()
            self.voucher_amount.clear()

    @Slot()
    def _on_remove_clicked(self) -> None:
        if self.tenders:
            self.tenders.pop()
            self.error_label.clear()
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
