"""The returns desk: find the sale, choose lines with a reason and a disposition, refund, print.

Every rule (what is returnable, which tender refunds how much, when a manager
must approve) is in app.services.returns; this screen shows what it returns.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Slot
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
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import texts
from app.domain.dates import date_example
from app.domain.returns import RefundMethod
from app.services.return_documents import quality_holds, recent_returns
from app.services.return_lookup import ReturnableSale, find_sale, load_sale_for_return, search_sales
from app.services.staff import SignedIn
from app.store.unit_of_work import UnitOfWork
from app.ui.group_buy_refunds import GroupBuyRefunds
from app.ui.last_look import LastLookDialog
from app.ui.messages import MessageBridge
from app.ui.returns_overview import ReturnsOverview
from app.ui.returns_refund import ReturnsRefund
from app.ui.tables import read_only_table, set_row
from app.ui.tender_names import tender_label
from app.ui.worker import StoreWorker


class ReturnsScreen(ReturnsRefund):
    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        messages: MessageBridge,
        locale: Callable[[], str],
    ) -> None:
        super().__init__(worker, new_uow, messages)
        self._locale = locale
        self.sale: ReturnableSale | None = None
        self.no_receipt = False
        self.confirmation: LastLookDialog | None = None
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

    # The manager's view

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == 1:
            self._worker.query(lambda: (recent_returns(self._new_uow()), quality_holds(self._new_uow()))).success(
                self._show_overview
            )
