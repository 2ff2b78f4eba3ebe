"""The sell screen: scan field, search-as-you-type, quick keys, the cart and the big total."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.services import carts
from app.services.availability import stock_left
from app.services.carts import CartState
from app.services.custom_amount import CustomAmount, add_custom_amount
from app.services.gift_cards import add_gift_card
from app.services.returns import PendingExchange
from app.services.staff import SignedIn
from app.store.unit_of_work import UnitOfWork
from app.ui.cart_model import CartTableModel, Column
from app.ui.gift_card_dialog import ask_gift_card_amount
from app.ui.group_buy_dialog import GroupBuyDialog
from app.ui.messages import MessageBridge
from app.ui.price_timer import PriceChangeTimer
from app.ui.quick_keys import QuickKeyPanel
from app.ui.sell_dialogs import open_dialog
from app.ui.sell_search import SellSearch
from app.ui.tender_dialog import ReceiptChoice, TenderDialog
from app.ui.worker import Change, StoreWorker

SEARCH_DELAY_MS = 120


class SellScreen(SellSearch):
    cart_changed = Signal(object)  # CartState
    lock_requested = Signal()

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], messages: MessageBridge) -> None:
        super().__init__(worker, new_uow, messages)
        self.state: CartState | None = None
        self.model = CartTableModel()
        self.tender_dialog: TenderDialog | None = None
        self.exchange: PendingExchange | None = None
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.price_timer = PriceChangeTimer(self)
        self.price_timer.due.connect(self._on_price_timer_due)
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
        self.table.clicked.connect(self._on_table_clicked)  # a tap on a quantity opens the number pad
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
        # As wide as the header in the screen's language ("Menge" is wider than "Qty"), or three digits.
        quantity_header = str(self.model.headerData(Column.QUANTITY, Qt.Orientation.Horizontal))
        quantity_width = max(self.table.fontMetrics().horizontalAdvance(text) for text in (quantity_header, "000"))
        header.resizeSection(Column.QUANTITY, quantity_width + 32)
        header.sectionResized.connect(self._on_header_section_resized)

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
        self.quick_tabs = QuickKeyPanel(self._worker, self._new_uow)
        self.quick_tabs.product_chosen.connect(self.add_product)
        self.quick_tabs.custom_amount_entered.connect(self._on_quick_tabs_custom_amount_entered)
        self.quick_tabs.gift_card_requested.connect(self._on_quick_tabs_gift_card_requested)
        self.quick_tabs.group_buy_requested.connect(self._on_quick_tabs_group_buy_requested)

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
            0,
            2,
        )
        actions.addWidget(
            self._button(
                self.tr("Cart discount"), self.tr("Discount the whole cart (F9)"), "F9", self._on_cart_discount_clicked
            ),
            1,
            0,
        )
        customer = self._button(
            self.tr("Customer"),
            self.tr("Who buys, for a drop's limit per customer (Ctrl+Shift+U)"),
            "Ctrl+Shift+U",
            self._on_customer_clicked,
        )
        customer.setObjectName("customerButton")
        actions.addWidget(customer, 1, 1)
        actions.addWidget(
            self._button(
                self.tr("Lock"), self.tr("Lock the till / switch staff (F11)"), "F11", self.lock_requested.emit
            ),
            1,
            2,
        )
        # Three buttons a row and Pay below: Pay and the cart stay on a 1024x600 screen without scrolling.
        actions.addWidget(self.pay_button, 2, 0, 1, 3)

        left = QVBoxLayout()
        left.addWidget(self.scan_field)
        left.addWidget(self.results)
        left.addWidget(self.table, 1)
        # The total under the cart it adds up: the right column keeps its height for the keys and Pay.
        left.addWidget(self.total_label)
        left.addWidget(self.detail_label)
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
        right.addWidget(self.quick_tabs, 1)
        right.addLayout(actions)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)  # the window's own margin is enough; 600 px high needs every row
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        QShortcut(QKeySequence(Qt.Key.Key_Down), self.scan_field, self._on_down_pressed)

    @Slot(int, int, int)
    def _on_header_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column == Column.ITEM:
            self._fit_cart_rows()

    def _fit_cart_rows(self) -> None:
        """Rows tall enough for the whole name (wrapped) and its variant; no Discount column until a discount."""
        self.table.setColumnHidden(Column.DISCOUNT, not self.model.has_discounts())
        metrics = self.table.fontMetrics()
        lines = self.model.item_lines(metrics, self.table.columnWidth(Column.ITEM))
        # One height for every row: measuring each row on every scan would cost more as the cart grows.
        self.table.verticalHeader().setDefaultSectionSize(lines * metrics.lineSpacing() + 12)

    # Starting and showing

    def start(self, staff: SignedIn) -> None:
        self._staff = staff
        self._run(lambda uow: carts.current_cart(staff.staff_id, uow), self._show_state)
        self.quick_tabs.reload()
        self.scan_field.setFocus()

    def _show_state(self, state: CartState) -> None:
        previous = self.state
        self.state = state
        self.model.set_lines(state.priced.lines, state.event, state.left, state.rule_names)
        self.price_timer.follow(None if state.cart.is_empty() else state.next_price_change)
        if state.stock_warning:
            self._messages.warning(state.stock_warning)
        self._fit_cart_rows()
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

    @Slot()
    def _on_price_timer_due(self) -> None:
        staff = self._staff
        if staff is not None and self.state is not None:
            # The same open cart, priced at this moment: a markdown appears on its own, no scan needed.
            self._run(lambda uow: carts.current_cart(staff.staff_id, uow), self._show_repriced)

    def _show_repriced(self, state: CartState) -> None:
        if self.state is None or self.state.cart.cart_id == state.cart.cart_id:
            self._show_state(state)

    @Slot(object)
    def on_levels_pulled(self, changes: frozenset[Change]) -> None:
        """After a sync: the quick keys and the cart say again what is left (the hub's levels may have moved)."""
        state = self.state
        if Change.SYNC not in changes or state is None:
            return
        self.quick_tabs.reload()
        skus = [line.line.item.sku for line in state.priced.lines]
        self._worker.query(lambda: stock_left(skus, self._new_uow())).success(lambda left: self._show_left(state, left))

    def _show_left(self, state: CartState, left: dict[str, int]) -> None:
        if self.state is state:  # no newer cart since: a newer one came with its own figures
            self.state = replace(state, left=left, stock_warning=None)
            self.model.set_lines(state.priced.lines, state.event, left)

    @Slot(object)
    def _on_quick_tabs_custom_amount_entered(self, entry: CustomAmount) -> None:
        if self.state is not None:
            cart_id, staff_id = self.cart_id, self.staff_id
            self._run(lambda uow: add_custom_amount(cart_id, entry, staff_id, uow))

    @Slot()
    def _on_quick_tabs_gift_card_requested(self) -> None:
        if self.state is not None:
            self.input_dialog = ask_gift_card_amount(self, self.state.event, self.add_gift_card)
            self.input_dialog.finished.connect(lambda _result: self._closed_input())

    @Slot()
    def _on_quick_tabs_group_buy_requested(self) -> None:
        if self.state is not None and self._staff is not None:
            dialog = GroupBuyDialog(self._worker, self._new_uow, self.staff_id, self)
            dialog.receipt_requested.connect(self.receipt_requested)
            self.input_dialog = open_dialog(dialog, self._closed_input)

    def add_gift_card(self, amount: str) -> None:
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run(lambda uow: add_gift_card(cart_id, amount, staff_id, uow))


__all__ = ["ReceiptChoice", "SellScreen"]
