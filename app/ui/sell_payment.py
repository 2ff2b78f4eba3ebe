"""Paying at the sell screen: the tender dialog, completing the sale, and exchanges that pay with credit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from app.domain.errors import ApprovalRequired, PosError
from app.domain.events import EventSettings
from app.domain.tenders import Tender
from app.services.authorization import ManagerApproval
from app.services.drops import confirm_approval
from app.services.returns import PendingExchange, ReturnDone, exchange
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.staff import SignedIn
from app.services.tender_settings import card_reference_required
from app.services.vouchers import VoucherUsable, voucher_for_payment
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalRunner
from app.ui.gift_card_dialog import gift_card_codes
from app.ui.sell_actions import SellActions
from app.ui.tender_dialog import ReceiptChoice, TenderDialog
from app.ui.worker import Change


class SellPayment(SellActions):
    """Pay (F12) and exchanges; SellScreen builds the widgets named here."""

    sale_completed = Signal(object)  # SaleCompleted
    receipt_requested = Signal(str, str)  # sale id, ReceiptChoice
    exchange_completed = Signal(str)  # the return's id, for its receipt

    tender_dialog: TenderDialog | None
    exchange: PendingExchange | None
    exchange_label: QLabel
    exchange_box: QWidget
    start: Callable[[SignedIn], None]

    # Exchanges: items back from a receipt pay for the new cart

    def start_exchange(self, pending: PendingExchange) -> None:
        self.exchange = pending
        event = self.state.event if self.state else None
        credit = event.format(pending.credit) if event else str(pending.credit)
        self.exchange_label.setText(
            self.tr("Exchange: {0} credit from receipt {1}. Scan the new items, then Pay.").format(
                credit, pending.receipt_no
            )
        )
        self.exchange_box.show()
        self.scan_field.setFocus()

    @Slot()
    def cancel_exchange(self) -> None:
        self.exchange = None
        self.exchange_box.hide()
        self.scan_field.setFocus()

    def _complete_exchange(self, dialog: TenderDialog | None, tenders: tuple[Tender, ...]) -> None:
        """The return and the sale in one transaction; credit left over stays on a voucher for the customer."""
        pending, cart_id = self.exchange, self.cart_id
        assert pending is not None

        def failed(error: PosError) -> None:
            if dialog is not None:
                dialog.completion_failed(str(error))
            else:
                self._on_failed(error)

        def call(uow: UnitOfWork, approval: ManagerApproval | None) -> ReturnDone:
            return exchange(pending.request, cart_id, tenders, uow, approval)

        def done(result: ReturnDone) -> None:
            sale = result.sale
            assert sale is not None
            if dialog is not None:
                dialog.show_completed(sale.receipt_no, sale.change)
                dialog.receipt_chosen.connect(lambda choice: self.receipt_requested.emit(sale.sale_id, choice))
            else:
                self.receipt_requested.emit(sale.sale_id, ReceiptChoice.PRINT)
            self.exchange_completed.emit(result.return_id)
            self.sale_completed.emit(sale)
            if result.credit_left > 0 and result.voucher_code and self.state is not None:
                self._messages.instruction(
                    self.tr("Exchange done. {0} credit left on voucher {1} (printed on the return receipt).").format(
                        self.state.event.format(result.credit_left), result.voucher_code
                    )
                )
            self.cancel_exchange()
            staff = self._staff
            if staff is not None:
                self.start(staff)

        ApprovalRunner(self, self._worker, self._new_uow, failed, self._refocus).run(call, done)

    # Payment

    @Slot()
    def _on_pay_clicked(self) -> None:
        if self.state is None or self.state.cart.is_empty():
            return
        due = self.state.priced.total
        if self.exchange is not None:
            due = max(due - self.exchange.credit, 0)
            if due == 0:
                self._complete_exchange(None, ())
                return
        event = self.state.event
        self._worker.query(lambda: card_reference_required(self._new_uow())).success(
            lambda required: self._open_tender_dialog(due, event, required)
        )

    def _open_tender_dialog(self, due: int, event: EventSettings, card_reference_required: bool) -> None:
        if self.tender_dialog is not None:
            return  # Pay tapped twice while the setting was read
        dialog = TenderDialog(
            due, event, self, check_voucher=self._check_voucher, card_reference_required=card_reference_required
        )
        dialog.completion_requested.connect(lambda tenders: self._complete(dialog, tenders))
        self.tender_dialog = dialog

        def finished(_result: int) -> None:
            self.tender_dialog = None
            self.scan_field.setFocus()

        dialog.finished.connect(finished)
        dialog.open()

    def _check_voucher(
        self, code: str, found: Callable[[VoucherUsable], None], refused: Callable[[PosError], None]
    ) -> None:
        self._worker.query(lambda: voucher_for_payment(code, self._new_uow())).success(found).failure(refused)

    def _complete(
        self, dialog: TenderDialog, tenders: tuple[Tender, ...], approval: ManagerApproval | None = None
    ) -> None:
        if self.exchange is not None:
            self._complete_exchange(dialog, tenders)
            return
        command = CompleteSale(self.cart_id, self.staff_id, tenders, approval)
        assert self.state is not None
        event = self.state.event

        def done(sale: SaleCompleted) -> None:
            cards = gift_card_codes(sale.gift_cards, event)
            dialog.show_completed(sale.receipt_no, sale.change, cards)
            if cards:
                self._messages.instruction(cards)
            dialog.receipt_chosen.connect(lambda choice: self.receipt_requested.emit(sale.sale_id, choice))
            self.sale_completed.emit(sale)
            staff = self._staff
            if staff is not None:
                self.start(staff)

        # The refusal (a card reference missing, a voucher spent) belongs in the payment dialog, still open.
        self._worker.write(
            lambda: complete_sale(command, self._new_uow()), Change.SALES, Change.CASH, Change.STOCK
        ).success(done).failure(lambda error: self._on_completion_refused(dialog, tenders, error))

    def _on_completion_refused(self, dialog: TenderDialog, tenders: tuple[Tender, ...], error: PosError) -> None:
        dialog.completion_failed(str(error))
        if not isinstance(error, ApprovalRequired):
            return
        # A manager must approve (a drop before its release, selling beyond what is left): the PIN, then the sale again.
        cart_id, staff_id = self.cart_id, self.staff_id
        ApprovalRunner(dialog, self._worker, self._new_uow, lambda failed: dialog.completion_failed(str(failed))).run(
            lambda uow, approval: confirm_approval(cart_id, staff_id, uow, approval),
            lambda approval: self._complete(dialog, tenders, approval),
        )
