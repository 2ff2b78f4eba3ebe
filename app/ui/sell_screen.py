"""The sell screen: scan field, search-as-you-type, quick keys, the cart and the big total."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.cart import Discount, parse_discount
from app.domain.errors import PosError
from app.domain.money import parse_minor
from app.domain.tenders import Tender
from app.services import carts, printing
from app.services.authorization import ManagerApproval
from app.services.carts import CartState, ParkedCart
from app.services.catalog import search_products
from app.services.queries import QuickKey, quick_keys
from app.services.returns import PendingExchange, ReturnDone, exchange
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.staff import SignedIn
from app.store.catalog import ProductView
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalDialog, ApprovalRunner
from app.ui.cart_model import CartTableModel, Column
from app.ui.messages import MessageBridge
from app.ui.tender_dialog import ReceiptChoice, TenderDialog
from app.ui.worker import StoreWorker

SEARCH_DELAY_MS = 120
Result = TypeVar("Result")
MIN_SEARCH_LENGTH = 2
SHOWN_RESULTS = 8


class SellScreen(QWidget):
    cart_changed = Signal(object)  # CartState
    sale_completed = Signal(object)  # SaleCompleted
    lock_requested = Signal()
    receipt_requested = Signal(str, str)  # sale id, ReceiptChoice
    drawer_opened = Signal()
    exchange_completed = Signal(str)  # the return's id, for its receipt

    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self._messages = messages
        self._staff: SignedIn | None = None
        self.state: CartState | None = None
        self.model = CartTableModel()
        self.tender_dialog: TenderDialog | None = None
        self.approvals = ApprovalRunner(self, worker, new_uow, self._on_failed, self._refocus)
        self.exchange: PendingExchange | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self._build()

    # Layout

    def _build(self) -> None:
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Scan a barcode, or type a name or SKU"))
        self.scan_field.returnPressed.connect(self._on_scan_field_return_pressed)
        self.scan_field.textEdited.connect(self._on_scan_field_text_edited)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.hide()
        self.results.itemActivated.connect(self._on_results_item_activated)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().hide()
        # Fixed two-line rows: measuring every row's text on each scan would grow with the cart.
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.table.fontMetrics().height() + 12)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.ITEM, QHeaderView.ResizeMode.Stretch)
        amount_width = self.table.fontMetrics().horizontalAdvance("CHF 00,000.00") + 24
        for column in (Column.UNIT_PRICE, Column.DISCOUNT, Column.TOTAL):
            header.resizeSection(column, amount_width)
        header.resizeSection(Column.QUANTITY, self.table.fontMetrics().horizontalAdvance("Qty 000") + 16)

        line_buttons = QHBoxLayout()
        for label, tip, key, handler in (
            ("+", self.tr("One more of the selected line (F2)"), "F2", self._on_plus_clicked),
            ("−", self.tr("One less of the selected line (F3)"), "F3", self._on_minus_clicked),
            (self.tr("Remove"), self.tr("Remove the selected line (Ctrl+Del)"), "Ctrl+Del", self._on_remove_clicked),
            (
                self.tr("Discount"),
                self.tr("Discount the selected line: 10% or an amount (F4)"),
                "F4",
                self._on_line_discount_clicked,
            ),
            (
                self.tr("Price"),
                self.tr("Change the selected line's price (manager) (F5)"),
                "F5",
                self._on_price_clicked,
            ),
        ):
            line_buttons.addWidget(self._button(label, tip, key, handler))

        self.total_label = QLabel()
        self.total_label.setObjectName("bigTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.detail_label = QLabel()
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.quick_tabs = QTabWidget()
        self.quick_tabs.setObjectName("quickKeys")
        self.quick_tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.pay_button = self._button(self.tr("Pay"), self.tr("Take payment (F12)"), "F12", self._on_pay_clicked)
        self.pay_button.setObjectName("primaryAction")
        self.pay_button.setMinimumHeight(72)
        actions = QGridLayout()
        actions.addWidget(
            self._button(self.tr("Park"), self.tr("Set this cart aside (F6)"), "F6", self._on_park_clicked), 0, 0
        )
        actions.addWidget(
            self._button(self.tr("Recall"), self.tr("Bring back a parked cart (F7)"), "F7", self._on_recall_clicked),
            0,
            1,
        )
        actions.addWidget(
            self._button(self.tr("Void"), self.tr("Throw this cart away, audited (F8)"), "F8", self._on_void_clicked),
            1,
            0,
        )
        actions.addWidget(
            self._button(
                self.tr("Cart discount"), self.tr("Discount the whole cart (F9)"), "F9", self._on_cart_discount_clicked
            ),
            1,
            1,
        )
        actions.addWidget(
            self._button(
                self.tr("Lock"), self.tr("Lock the till / switch staff (F11)"), "F11", self.lock_requested.emit
            ),
            2,
            0,
            1,
            2,
        )
        actions.addWidget(self.pay_button, 3, 0, 1, 2)

        left = QVBoxLayout()
        left.addWidget(self.scan_field)
        left.addWidget(self.results)
        left.addWidget(self.table, 1)
        left.addLayout(line_buttons)
        self.exchange_label = QLabel()
        self.exchange_label.setObjectName("pickupNotes")
        self.exchange_label.setWordWrap(True)
        cancel_exchange = QPushButton(self.tr("Cancel the exchange"))
        cancel_exchange.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cancel_exchange.clicked.connect(self.cancel_exchange)
        self.exchange_box = QWidget()
        exchange_row = QHBoxLayout(self.exchange_box)
        exchange_row.setContentsMargins(0, 0, 0, 0)
        exchange_row.addWidget(self.exchange_label, 1)
        exchange_row.addWidget(cancel_exchange)
        self.exchange_box.hide()
        right = QVBoxLayout()
        right.addWidget(self.exchange_box)
        right.addWidget(self.total_label)
        right.addWidget(self.detail_label)
        right.addWidget(self.quick_tabs, 1)
        right.addLayout(actions)
        row = QHBoxLayout(self)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.scan_field, self._on_down_pressed)

    def _button(self, label: str, tip: str, key: str, handler: Callable[[], None]) -> QPushButton:
        button = QPushButton(label)
        button.setToolTip(tip)
        button.setMinimumHeight(52)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False: handler())
        QShortcut(QKeySequence(key), self, handler)
        return button

    # Starting and showing

    def start(self, staff: SignedIn) -> None:
        self._staff = staff
        self._run(lambda uow: carts.current_cart(staff.staff_id, uow), self._show_state)
        self._worker.run_op(lambda: quick_keys(self._new_uow())).on_success(self._show_quick_keys)
        self.scan_field.setFocus()

    @property
    def staff_id(self) -> str:
        assert self._staff is not None, "the sell screen is only shown to a signed-in person"
        return self._staff.staff_id

    @property
    def cart_id(self) -> str:
        assert self.state is not None
        return self.state.cart.cart_id

    def _show_state(self, state: CartState) -> None:
        previous = self.state
        self.state = state
        self.model.set_lines(state.priced.lines, state.event)
        priced = state.priced
        self.total_label.setText(state.event.format(priced.total))
        self.detail_label.setText(
            self.tr("{0} item(s) · tax {1} · discounts {2}").format(
                sum(line.line.quantity for line in priced.lines),
                state.event.format(priced.tax_total),
                state.event.format(priced.discount_total),
            )
        )
        self.pay_button.setEnabled(not state.cart.is_empty())
        if previous is None or len(state.cart.lines) > len(previous.cart.lines):
            self.table.scrollToBottom()
            if state.cart.lines:
                self.table.selectRow(len(state.cart.lines) - 1)
        self.cart_changed.emit(state)
        self.scan_field.setFocus()

    def _show_quick_keys(self, keys: list[QuickKey]) -> None:
        self.quick_tabs.clear()
        groups: dict[str, list[QuickKey]] = {}
        for key in keys:
            groups.setdefault(key.group, []).append(key)
        for group, members in groups.items():
            page = QWidget()
            grid = QGridLayout(page)
            for index, key in enumerate(members):
                button = QPushButton(f"{key.label}\n{key.price}")
                button.setObjectName("quickKey")
                button.setMinimumSize(150, 64)
                button.setToolTip(f"{key.label} · {key.price}")
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                button.clicked.connect(lambda _checked=False, product_id=key.product_id: self.add_product(product_id))
                grid.addWidget(button, index // 2, index % 2)
            grid.setRowStretch(grid.rowCount(), 1)
            self.quick_tabs.addTab(page, group)

    # Running service calls

    def _run(self, call: Callable[[UnitOfWork], CartState], then: Callable[[CartState], None] | None = None) -> None:
        self._worker.run_op(lambda: call(self._new_uow())).on_success(then or self._show_state).on_failure(
            self._on_failed
        )

    def _run_approved(
        self,
        call: Callable[[UnitOfWork, ManagerApproval | None], Result],
        on_success: Callable[[Result], None],
    ) -> None:
        self.approvals.run(call, on_success)

    @property
    def approval_dialog(self) -> ApprovalDialog | None:
        return self.approvals.dialog

    def _on_failed(self, error: PosError) -> None:
        self._messages.error(str(error))
        self.scan_field.setFocus()

    def _refocus(self) -> None:
        self.scan_field.setFocus()

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
                self._messages.info(
                    self.tr("Exchange done. {0} credit left on voucher {1} (printed on the return receipt).").format(
                        self.state.event.format(result.credit_left), result.voucher_code
                    )
                )
            self.cancel_exchange()
            staff = self._staff
            if staff is not None:
                self.start(staff)

        ApprovalRunner(self, self._worker, self._new_uow, failed, self._refocus).run(call, done)

    # Scanning and searching

    @Slot()
    def _on_scan_field_return_pressed(self) -> None:
        code = self.scan_field.text().strip()
        self.scan_field.clear()
        self._hide_results()
        if not code or self.state is None:
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run(lambda uow: carts.scan(cart_id, code, staff_id, uow))

    def add_product(self, product_id: str) -> None:
        if self.state is None:
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run(lambda uow: carts.add_product(cart_id, product_id, staff_id, uow))
        self.scan_field.clear()
        self._hide_results()

    @Slot(str)
    def _on_scan_field_text_edited(self, text: str) -> None:
        # A scanner types digits at full speed: only words trigger a search.
        if len(text.strip()) >= MIN_SEARCH_LENGTH and not text.strip().isdigit():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self._hide_results()

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        query = self.scan_field.text()
        self._worker.run_op(lambda: search_products(query, self._new_uow(), SHOWN_RESULTS)).on_success(
            lambda found: self._show_results(query, found)
        )

    def _show_results(self, query: str, found: list[ProductView]) -> None:
        if query != self.scan_field.text():
            return  # the person has typed on since: a newer search is coming
        self.results.clear()
        if self.state is None:
            return
        for product in found:
            item = product.item
            text = f"{item.name} {item.variant} · {item.maker_name} · {self.state.event.format(item.unit_price)}"
            entry = QListWidgetItem(text)
            entry.setData(Qt.ItemDataRole.UserRole, item.product_id)
            self.results.addItem(entry)
        self.results.setFixedHeight(self.results.sizeHintForRow(0) * len(found) + 6 if found else 0)
        self.results.setVisible(bool(found))

    def _hide_results(self) -> None:
        self.results.clear()
        self.results.hide()

    @Slot()
    def _on_down_pressed(self) -> None:
        if self.results.isVisible() and self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()
        else:
            self._select_relative(1)

    @Slot(QListWidgetItem)
    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        self.add_product(str(item.data(Qt.ItemDataRole.UserRole)))

    # Line actions

    def _selected_line(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._messages.error(self.tr("Select a line in the cart first."))
            return None
        return self.model.line_id(rows[0].row())

    def _select_relative(self, step: int) -> None:
        rows = self.table.selectionModel().selectedRows()
        current = rows[0].row() if rows else -1
        target = min(max(current + step, 0), self.model.rowCount() - 1)
        if target >= 0:
            self.table.selectRow(target)

    def change_quantity(self, step: int) -> None:
        line_id = self._selected_line()
        if line_id is None or self.state is None:
            return
        new_quantity = self.state.cart.line(line_id).quantity + step
        cart_id, staff_id = self.cart_id, self.staff_id
        if new_quantity < 1:
            self._run(lambda uow: carts.remove_line(cart_id, line_id, staff_id, uow))
        else:
            self._run(lambda uow: carts.set_quantity(cart_id, line_id, new_quantity, staff_id, uow))

    @Slot()
    def _on_plus_clicked(self) -> None:
        self.change_quantity(1)

    @Slot()
    def _on_minus_clicked(self) -> None:
        self.change_quantity(-1)

    @Slot()
    def _on_remove_clicked(self) -> None:
        line_id = self._selected_line()
        if line_id is not None:
            cart_id, staff_id = self.cart_id, self.staff_id
            self._run(lambda uow: carts.remove_line(cart_id, line_id, staff_id, uow))

    def _ask_text(self, title: str, label: str) -> str | None:
        text, accepted = QInputDialog.getText(self, title, label)
        self.scan_field.setFocus()
        return text if accepted else None

    def _discount_from(self, text: str) -> Discount | None:
        assert self.state is not None
        currency = self.state.event.currency
        return parse_discount(text, lambda amount: parse_minor(amount, currency))

    def discount_selected_line(self, text: str) -> None:
        line_id = self._selected_line()
        if line_id is None or self.state is None:
            return
        try:
            discount = self._discount_from(text)
        except PosError as error:
            self._on_failed(error)
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run_approved(
            lambda uow, approval: carts.discount_line(cart_id, line_id, discount, staff_id, uow, approval),
            self._show_state,
        )

    @Slot()
    def _on_line_discount_clicked(self) -> None:
        text = self._ask_text(self.tr("Line discount"), self.tr("Discount, e.g. 10% or 5.00 (empty removes it):"))
        if text is not None:
            self.discount_selected_line(text)

    @Slot()
    def _on_price_clicked(self) -> None:
        line_id = self._selected_line()
        if line_id is None or self.state is None:
            return
        text = self._ask_text(self.tr("Change price"), self.tr("New unit price (empty: catalog price):"))
        if text is None:
            return
        try:
            price = parse_minor(text, self.state.event.currency) if text.strip() else None
        except PosError as error:
            self._on_failed(error)
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run_approved(
            lambda uow, approval: carts.override_price(cart_id, line_id, price, staff_id, uow, approval),
            self._show_state,
        )

    @Slot()
    def _on_cart_discount_clicked(self) -> None:
        if self.state is None:
            return
        text = self._ask_text(self.tr("Cart discount"), self.tr("Discount on the whole cart, e.g. 10% or 5.00:"))
        if text is None:
            return
        try:
            discount = self._discount_from(text)
        except PosError as error:
            self._on_failed(error)
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run_approved(
            lambda uow, approval: carts.discount_cart(cart_id, discount, staff_id, uow, approval), self._show_state
        )

    # Cart actions

    def park(self, label: str) -> None:
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run(lambda uow: carts.park_cart(cart_id, label, staff_id, uow))

    @Slot()
    def _on_park_clicked(self) -> None:
        if self.state is None or self.state.cart.is_empty():
            self._messages.error(self.tr("The cart is empty: there is nothing to park."))
            return
        label = self._ask_text(self.tr("Park cart"), self.tr("A name to find it again (optional):"))
        if label is not None:
            self.park(label)

    def recall(self, cart_id: str) -> None:
        staff_id = self.staff_id
        self._run(lambda uow: carts.recall_cart(cart_id, staff_id, uow))

    @Slot()
    def _on_recall_clicked(self) -> None:
        self._worker.run_op(lambda: carts.parked_carts(self._new_uow())).on_success(self._choose_parked)

    def _choose_parked(self, parked: list[ParkedCart]) -> None:
        if not parked or self.state is None:
            self._messages.info(self.tr("No parked carts."))
            return
        event = self.state.event
        labels = [f"{cart.label} · {cart.lines} line(s) · {event.format(cart.total)}" for cart in parked]
        choice, accepted = QInputDialog.getItem(
            self, self.tr("Recall a cart"), self.tr("Parked carts:"), labels, 0, False
        )
        self.scan_field.setFocus()
        if accepted:
            self.recall(parked[labels.index(choice)].cart_id)

    def void(self, reason: str) -> None:
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run(lambda uow: carts.void_cart(cart_id, reason, staff_id, uow))

    @Slot()
    def _on_void_clicked(self) -> None:
        if self.state is None or self.state.cart.is_empty():
            return
        reason = self._ask_text(self.tr("Void cart"), self.tr("Why is this cart voided?"))
        if reason is not None:
            self.void(reason)

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
        dialog = TenderDialog(due, self.state.event, self)
        dialog.completion_requested.connect(lambda tenders: self._complete(dialog, tenders))
        self.tender_dialog = dialog

        def finished(_result: int) -> None:
            self.tender_dialog = None
            self.scan_field.setFocus()

        dialog.finished.connect(finished)
        dialog.open()

    def _complete(self, dialog: TenderDialog, tenders: tuple[Tender, ...]) -> None:
        if self.exchange is not None:
            self._complete_exchange(dialog, tenders)
            return
        command = CompleteSale(self.cart_id, self.staff_id, tenders)

        def done(sale: SaleCompleted) -> None:
            dialog.show_completed(sale.receipt_no, sale.change)
            dialog.receipt_chosen.connect(lambda choice: self.receipt_requested.emit(sale.sale_id, choice))
            self.sale_completed.emit(sale)
            staff = self._staff
            if staff is not None:
                self.start(staff)

        self._worker.run_op(lambda: complete_sale(command, self._new_uow())).on_success(done).on_failure(
            lambda error: dialog.completion_failed(str(error))
        )

    def open_drawer(self, reason: str | None = None) -> None:
        """Open the drawer outside a sale: asks why, and a manager's PIN unless a manager is signed in."""
        if reason is None:
            reason = self._ask_text(self.tr("Open the cash drawer"), self.tr("Why is the drawer opened?"))
            if reason is None:
                return
        staff_id = self.staff_id

        def call(uow: UnitOfWork, approval: ManagerApproval | None) -> str:
            return printing.open_cash_drawer(reason, staff_id, uow, approval)

        self._run_approved(call, lambda _job_id: self.drawer_opened.emit())

    def ask_pdf_target(self, default: Path) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the receipt as PDF"), str(default), "PDF (*.pdf)"
        )
        self.scan_field.setFocus()
        return Path(chosen) if chosen else None


__all__ = ["ReceiptChoice", "SellScreen"]
