"""The manager's choice of what selling beyond the stock left does on this till: warn, or ask a manager."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from app.domain.stock_left import OversellPolicy
from app.services.availability import oversell_policy, set_oversell_policy
from app.ui.manager.context import ManagerContext
from app.ui.worker import Change


class OversellSetting(QWidget):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.policy = QComboBox()
        self.policy.addItem(self.tr("Warn, and sell"), OversellPolicy.WARN.value)
        self.policy.addItem(self.tr("Ask for a manager's PIN"), OversellPolicy.MANAGER.value)
        self.policy.setToolTip(self.tr("What the counter does when a sale takes more than is left event-wide"))
        self.policy.activated.connect(self._on_policy_activated)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Selling beyond the stock left:")))
        row.addWidget(self.policy, 1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        # The event's settings may have changed it since (a sync): one small read on each showing.
        super().showEvent(event)
        self._ctx.run(lambda: oversell_policy(self._ctx.new_uow()), self._show_policy)

    def _show_policy(self, policy: OversellPolicy) -> None:
        self.policy.setCurrentIndex(self.policy.findData(policy.value))

    @Slot(int)
    def _on_policy_activated(self, index: int) -> None:
        policy, staff_id = OversellPolicy(self.policy.itemData(index)), self._ctx.staff_id
        self._ctx.run(
            lambda: set_oversell_policy(policy, staff_id, self._ctx.new_uow()), self._show_policy, Change.EVENT
        )
