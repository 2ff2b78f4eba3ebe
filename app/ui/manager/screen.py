"""The manager's end of day: the cash drawer, the stock count, the makers' settlements, the report, the close.

Each tab is its own module and calls the services on the store worker; who
may do what is the services' decision (a cashier may count the drawer, only a
manager closes the event), and their refusals show in the message area.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.domain.errors import PosError
from app.domain.events import EventSettings
from app.domain.texts import _
from app.services.cash import drawer_denominations
from app.services.staff import SignedIn
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalRunner
from app.ui.manager.cash_tab import CashTab
from app.ui.manager.close_tab import CloseTab
from app.ui.manager.consignment_tab import ConsignmentTab
from app.ui.manager.context import ManagerContext
from app.ui.manager.count_tab import CountTab
from app.ui.manager.drops_tab import DropsTab
from app.ui.manager.goods_in_tab import GoodsInTab
from app.ui.manager.group_buys_tab import GroupBuysTab
from app.ui.manager.price_rules_tab import PriceRulesTab
from app.ui.manager.report_tab import ReportTab
from app.ui.manager.settlements_tab import SettlementsTab
from app.ui.messages import MessageBridge
from app.ui.product_editor import ProductEditor
from app.ui.staff_panel import StaffPanel
from app.ui.touch import scroll_inside
from app.ui.worker import StoreWorker


class ManagerScreen(QWidget):
    print_requested = Signal()
    event_closed = Signal()

    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        messages: MessageBridge,
        event: Callable[[], EventSettings | None],
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ManagerContext(worker, new_uow, messages, event, data_dir)
        self.approvals = ApprovalRunner(self, worker, new_uow, self._on_failed)
        self.cash = CashTab(self._ctx, self.approvals)
        self.cash.print_requested.connect(self.print_requested)
        self.count = CountTab(self._ctx)
        self.goods_in = GoodsInTab(self._ctx)
        self.makers = SettlementsTab(self._ctx)
        self.consignment = ConsignmentTab(self._ctx)
        self.report = ReportTab(self._ctx)
        self.close_tab = CloseTab(self._ctx)
        self.close_tab.event_closed.connect(self.event_closed)
        # The Staff tab reads its list itself each time it is shown.
        self.staff_panel = StaffPanel(worker, new_uow, messages, lambda: self._ctx.staff)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cash, self.tr("Cash session"))
        self.tabs.addTab(self.count, self.tr("Stock count"))
        self.tabs.addTab(self.goods_in, self.tr("Goods in"))
        self.tabs.addTab(self.makers, self.tr("Maker settlements"))
        self.tabs.addTab(self.consignment, _("Consignment"))
        self.tabs.addTab(self.report, self.tr("Event report"))
        self.tabs.addTab(self.close_tab, self.tr("Close the event"))
        self.tabs.addTab(self.staff_panel, self.tr("Staff"))
        self.products = ProductEditor(self._ctx)
        self.tabs.addTab(self.products, self.tr("Products"))
        self.price_rules = PriceRulesTab(self._ctx)
        self.tabs.addTab(self.price_rules, self.tr("Price rules"))
        self.group_buys = GroupBuysTab(self._ctx)
        # Its texts are the Python catalog's (resources/i18n/python), as the counter's group-buy dialog's.
        self.tabs.addTab(self.group_buys, _("Group buys"))
        self.drops = DropsTab(self._ctx)
        self.tabs.addTab(self.drops, _("Drops"))
        # Each tab scrolls on a short screen rather than holding the window to its tallest tab's height.
        for tab in (
            self.cash,
            self.count,
            self.goods_in,
            self.makers,
            self.consignment,
            self.report,
            self.close_tab,
            self.staff_panel,
            self.products,
            self.price_rules,
            self.group_buys,
            self.drops,
        ):
            scroll_inside(tab)
        # Six tabs in German are wider than 1024 px: the bar scrolls rather than widening the window.
        self.tabs.setUsesScrollButtons(True)
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.tabs)

    def _on_failed(self, error: PosError) -> None:
        self._ctx.messages.error(str(error))

    def start(self, staff: SignedIn) -> None:
        self._ctx.staff = staff
        self._ctx.worker.query(lambda: drawer_denominations(self._ctx.new_uow())).success(self.cash.set_denominations)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(
            current,
            (
                CashTab,
                CountTab,
                GoodsInTab,
                SettlementsTab,
                ConsignmentTab,
                ReportTab,
                CloseTab,
                ProductEditor,
                PriceRulesTab,
                GroupBuysTab,
                DropsTab,
            ),
        ):
            current.refresh()

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self.refresh()
