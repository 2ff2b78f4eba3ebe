"""The returns desk: find the sale, choose lines with a reason and a disposition, refund, print.

Every rule (what is returnable, which tender refunds how much, when a manager
must approve) is in app.services.returns; this screen shows what it returns.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import texts
from app.domain.dates import date_example
from app.domain.errors import PosError
from app.domain.money import Money
from app.domain.returns import RETURN_REASONS, Disposition, RefundMethod, ReturnLineRequest
from app.services.authorization import ManagerApproval
from app.services.return_documents import quality_holds, queue_return_receipt, recent_returns
from app.services.return_lookup import ReturnableSale, find_sale, load_sale_for_return, search_sales
from app.services.return_preview import RefundPreview, preview_refund
from app.services.returns import (
    NoReceiptItem,
    PendingExchange,
    RecordReturn,
    ReturnDone,
    prepare_exchange,
    record_return,
)
from app.services.staff import SignedIn
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalRunner
from app.ui.group_buy_refunds import GroupBuyRefunds
from app.ui.last_look import LastLookDialog
from app.ui.messages import MessageBridge
from app.ui.refund_last_look import refund_last_look
from app.ui.returns_overview import ReturnsOverview
from app.ui.tables import read_only_table, set_row
from app.ui.tender_names import refund_label, tender_label
from app.ui.worker import Change, StoreWorker

QUANTITY, REASON, DISPOSITION = 4, 5, 6


class ReturnsScreen(QWidget):
    receipt_queued = Signal()
    exchange_requested = Signal(object)  # PendingExchange

    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        messages: MessageBridge,
        locale: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self._messages = messages
        self._locale = locale
        self._staff: SignedIn | None = None
        self.sale: ReturnableSale | None = None
        self.no_receipt = False
        self.confirmation: LastLookDialog | None = None
        self.approvals = ApprovalRunner(self, worker, new_uow, self._on_failed, self._refocus)
        self._build()

    # Layout

    def _build(self) -> None:
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(
            self.tr("Scan the receipt's QR code (or a pickup code), or type the receipt number (A-000123)")
        )
        self.scan_field.returnPressed.connect(self._on_scan_field_return_pressed)
        self.day_field = QLineEdit()
        self.amount_field = QLineEdit()
        self.amount_field.setPlaceholderText(self.tr("Amount"))
        self.card_field = QLineEdit()
        self.card_field.setPlaceholderText(self.tr("Card reference"))
        find = QPushButton(self.tr("Find sale"))
        find.clicked.connect(self._on_find_clicked)
        self.no_receipt_button = QPushButton(self.tr("Without receipt…"))
        self.no_receipt_button.setToolTip(self.tr("Take items back with no receipt: a manager approves, store credit"))
        self.no_receipt_button.clicked.connect(self.start_no_receipt)
        search = QHBoxLayout()
        for widget in (self.day_field, self.amount_field, self.card_field, find, self.no_receipt_button):
            search.addWidget(widget)
        self.results = QListWidget()
        self.results.hide()
        self.results.itemActivated.connect(self._on_results_item_activated)

        self.title = QLabel()
        self.title.setObjectName("bigTotal")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.lines = read_only_table(
            [
                self.tr("Item"),
                self.tr("Maker"),
                self.tr("Sold"),
                self.tr("Returned"),
                self.tr("Return"),
                self.tr("Reason"),
                self.tr("Disposition"),
            ],
            stretch=0,
            fit_contents=True,
        )
        self.method = QComboBox()
        self.method.addItem(self.tr("Refund to the original payment"), RefundMethod.ORIGINAL)
        self.method.addItem(self.tr("Refund as store credit (voucher)"), RefundMethod.STORE_CREDIT)
        self.card_references = QFormLayout()
        self.card_fields: dict[int, QLineEdit] = {}
        self.return_button = QPushButton(self.tr("Return and refund"))
        self.return_button.setObjectName("primaryAction")
        self.return_button.setMinimumHeight(52)
        self.return_button.setToolTip(self.tr("Record the return and refund (F12)"))
        self.return_button.setShortcut("F12")
        self.return_button.clicked.connect(self.submit)
        self.exchange_button = QPushButton(self.tr("Exchange for new items…"))
        self.exchange_button.setMinimumHeight(52)
        self.exchange_button.setToolTip(
            self.tr("The chosen lines become credit on the sell screen: scan the new items, pay the difference")
        )
        self.exchange_button.clicked.connect(self.start_exchange)
        # The refund choice above its buttons: side by side they are wider than 1024 px in German.
        buttons = QHBoxLayout()
        buttons.addWidget(self.exchange_button, 1)
        buttons.addWidget(self.return_button, 1)
        actions = QVBoxLayout()
        actions.addWidget(self.method)
        actions.addLayout(buttons)
        card = QGroupBox(self.tr("Sale"))
        column = QVBoxLayout(card)
        column.addWidget(self.title)
        column.addWidget(self.info)
        column.addWidget(self.lines, 1)
        column.addLayout(self.card_references)
        column.addLayout(actions)

        desk = QWidget()
        desk_column = QVBoxLayout(desk)
        desk_column.addWidget(self.scan_field)
        desk_column.addLayout(search)
        desk_column.addWidget(self.results)
        desk_column.addWidget(card, 1)

        overview = ReturnsOverview()
        self.returns_list, self.holds = overview.returns_list, overview.holds
        self._show_overview = overview.show_overview

        self.tabs = QTabWidget()
        self.tabs.addTab(desk, self.tr("Returns desk"))
        self.tabs.addTab(overview, self.tr("Returns and quality holds"))
        self.group_buy_refunds = GroupBuyRefunds(
            self._worker, self._new_uow, lambda: self._staff.staff_id if self._staff else None, self._messages
        )
        self.tabs.addTab(self.group_buy_refunds, texts._("Group-buy refunds"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs)
        self.clear()

    # Showing

    def start(self, staff: SignedIn) -> None:
        self._staff = staff
        # Dates are typed the event's way (2.12.2026 in de_CH); the event is known by the time staff sign in.
        self.day_field.setPlaceholderText(self.tr("Date {0}").format(date_example(self._locale())))
        self.clear()
        self.scan_field.setFocus()

    def clear(self) -> None:
        self.sale = None
        self.no_receipt = False
        self.title.setText(self.tr("Scan a receipt"))
        self.info.clear()
        self.lines.setRowCount(0)
        self._set_card_fields([])
        self.method.setEnabled(True)
        self.return_button.setEnabled(False)
        self.exchange_button.setEnabled(False)

    def _money(self, minor: int, currency: str) -> str:
        return Money(minor, currency).format(self._locale())

    def _on_failed(self, error: PosError) -> None:
        self._messages.error(str(error))
        self.scan_field.selectAll()
        self.scan_field.setFocus()

    def _refocus(self) -> None:
        self.scan_field.setFocus()

    @Slot()
    def _on_scan_field_return_pressed(self) -> None:
        text = self.scan_field.text()
        if self.no_receipt:
            self.scan_field.clear()
            self._add_no_receipt_row(text.strip())
            return
        # A receipt that is not found: the field is selected for the next scan.
        self._worker.query(lambda: find_sale(text, self._new_uow())).success(self.show_sale).failure(self._on_failed)

    @Slot()
    def _on_find_clicked(self) -> None:
        day, amount, card = self.day_field.text(), self.amount_field.text(), self.card_field.text()
        self._worker.query(lambda: search_sales(day, amount, card, self._new_uow())).success(self._show_results)

    def _show_results(self, found: list[ReturnableSale]) -> None:
        self.results.clear()
        for sale in found:
            item = QListWidgetItem(f"{sale.receipt_no} · {sale.sold_at} · {self._money(sale.total, sale.currency)}")
            item.setData(Qt.ItemDataRole.UserRole, sale.sale_id)
            self.results.addItem(item)
        self.results.setVisible(bool(found))
        if not found:
            self._messages.error(self.tr("No sale matches: check the date and amount, or sync and search again."))

    @Slot(QListWidgetItem)
    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        sale_id = str(item.data(Qt.ItemDataRole.UserRole))
        self.results.hide()
        self._worker.query(lambda: load_sale_for_return(sale_id, self._new_uow())).success(self.show_sale)

    def show_sale(self, sale: ReturnableSale) -> None:
        self.clear()
        self.sale = sale
        self.scan_field.clear()
        if sale.online_order:
            self.title.setText(self.tr("Marketplace {0} (the marketplace refunds online)").format(sale.receipt_no))
        else:
            self.title.setText(
                self.tr("Receipt {0} · {1}").format(sale.receipt_no, self._money(sale.total, sale.currency))
            )
        self.method.setEnabled(not sale.online_order)
        self.exchange_button.setEnabled(not sale.online_order)
        paid = ", ".join(
            f"{tender_label(tender.kind)} {self._money(tender.paid, sale.currency)}"
            + (f" ({self.tr('refunded')} {self._money(tender.refunded, sale.currency)})" if tender.refunded else "")
            for tender in sale.tenders
        )
        window = "" if sale.within_window else self.tr(" · outside the return window: a manager approves")
        self.info.setText(self.tr("Sold {0} · paid {1}{2}").format(sale.sold_at, paid, window))
        self.lines.setRowCount(len(sale.lines))
        for row, line in enumerate(sale.lines):
            set_row(self.lines, row, (line.name, line.maker_name, str(line.sold), str(line.returned)))
            # Up to what was sold: the service, not the screen, says when a line already came back.
            self._row_editors(row, line.sold)
        self._set_card_fields([index for index, tender in enumerate(sale.tenders) if tender.kind == "card"])
        self.return_button.setEnabled(any(line.returnable for line in sale.lines))

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

    # Without receipt

    @Slot()
    def start_no_receipt(self) -> None:
        self.clear()
        self.no_receipt = True
        self.title.setText(self.tr("Return without receipt"))
        self.info.setText(
            self.tr("Scan each item the customer brings back. A manager approves; the refund is store credit.")
        )
        self.method.setCurrentIndex(self.method.findData(RefundMethod.STORE_CREDIT))
        self.scan_field.setFocus()

    def _add_no_receipt_row(self, code: str) -> None:
        if not code:
            return
        row = self.lines.rowCount()
        self.lines.setRowCount(row + 1)
        self.lines.setItem(row, 0, QTableWidgetItem(code))
        self._row_editors(row, 99)
        self.quantity_spin(row).setValue(1)
        self.return_button.setEnabled(True)

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

    # The manager's view

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == 1:
            self._worker.query(lambda: (recent_returns(self._new_uow()), quality_holds(self._new_uow()))).success(
                self._show_overview
            )
