"""The pickup desk's second tab: every pickup of the event with its state, the count per state, a filter.

Its texts keep the pickup desk's translation context ("PickupScreen"): they
were the desk's before this tab had a file of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.pickups import PickupState
from app.services.pickups import PickupOverview, pickup_overview
from app.store.unit_of_work import UnitOfWork
from app.ui.tables import read_only_table
from app.ui.worker import StoreWorker


def state_text(state: PickupState) -> str:
    return {
        PickupState.WAITING: QCoreApplication.translate("PickupScreen", "Waiting"),
        PickupState.PARTLY_COLLECTED: QCoreApplication.translate("PickupScreen", "Partly collected"),
        PickupState.COLLECTED: QCoreApplication.translate("PickupScreen", "Collected"),
        PickupState.CANCELLED: QCoreApplication.translate("PickupScreen", "Cancelled"),
    }[state]


class PickupList(QWidget):
    order_chosen = Signal(str)  # order id

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self.overview: PickupOverview | None = None
        self.counts = QLabel()
        self.counts.setObjectName("pickupCounts")
        self.state_filter = QComboBox()
        self.state_filter.setMinimumHeight(44)
        self.state_filter.addItem(QCoreApplication.translate("PickupScreen", "All pickups"), None)
        for state in PickupState:
            self.state_filter.addItem(state_text(state), state)
        self.state_filter.currentIndexChanged.connect(self._show_overview)
        self.orders = read_only_table(
            [
                QCoreApplication.translate("PickupScreen", "Order"),
                QCoreApplication.translate("PickupScreen", "Customer"),
                QCoreApplication.translate("PickupScreen", "State"),
                QCoreApplication.translate("PickupScreen", "Items"),
            ],
            stretch=1,
        )
        self.orders.setObjectName("pickupList")
        self.orders.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders.cellDoubleClicked.connect(self._on_orders_cell_double_clicked)
        refresh = QPushButton(QCoreApplication.translate("PickupScreen", "Refresh"))
        refresh.setMinimumHeight(44)
        refresh.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(self.state_filter)
        top.addWidget(refresh)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.orders, 1)

    @Slot()
    def refresh(self) -> None:
        self._worker.query(lambda: pickup_overview(self._new_uow())).success(self._set_overview)

    def _set_overview(self, overview: PickupOverview) -> None:
        self.overview = overview
        self._show_overview()

    @Slot()
    def _show_overview(self) -> None:
        if self.overview is None:
            return
        self.counts.setText(
            " · ".join(f"{state_text(state)}: {self.overview.counts.get(state, 0)}" for state in PickupState)
        )
        wanted = self.state_filter.currentData()
        shown = [s for s in self.overview.orders if wanted is None or s.state is wanted]
        self.orders.setRowCount(len(shown))
        for row, summary in enumerate(shown):
            for column, text in enumerate(
                (
                    summary.number,
                    summary.customer_name,
                    state_text(summary.state),
                    f"{summary.collected}/{summary.items}",
                )
            ):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, summary.order_id)
                self.orders.setItem(row, column, item)

    @Slot(int, int)
    def _on_orders_cell_double_clicked(self, row: int, _column: int) -> None:
        item = self.orders.item(row, 0)
        if item is not None:
            self.order_chosen.emit(str(item.data(Qt.ItemDataRole.UserRole)))
