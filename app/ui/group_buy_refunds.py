"""The returns desk's tab of group-buy refunds: every commitment the hub said to refund, one tap to refund it.

The refund itself is a return of the commitment's sale to its original tenders
(app/services/group_buy_refunds.py); a card refund asks for the terminal's
reference, a refund past the return window for a manager's PIN, as any return.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PosError
from app.domain.texts import _
from app.services.authorization import ManagerApproval
from app.services.group_buy_refunds import RefundBoard, RefundCommitment, refund_board, refund_commitment
from app.services.returns import ReturnDone
from app.store.group_buys import RefundDue
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalRunner
from app.ui.messages import MessageBridge
from app.ui.worker import StoreWorker

ROW_HEIGHT = 52
# A sale has at most 20 tenders (sync/records/facts.py): the reference typed serves whichever card paid.
MAX_TENDERS = 20


class GroupBuyRefunds(QWidget):
    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        staff_id: Callable[[], str | None],
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self._staff_id = staff_id
        self._messages = messages
        self.due: list[RefundDue] = []
        self.list = QListWidget()
        self.list.setObjectName("groupBuyRefunds")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.card_reference = QLineEdit()
        self.card_reference.setPlaceholderText(_("Card terminal's refund reference, if a card paid"))
        self.card_reference.setMinimumHeight(44)
        self.refund_button = QPushButton(_("Refund to the original payment"))
        self.refund_button.setObjectName("primaryAction")
        self.refund_button.setMinimumHeight(ROW_HEIGHT)
        self.refund_button.clicked.connect(self._on_refund_button_clicked)
        self.approvals = ApprovalRunner(self, worker, new_uow, self._refused, lambda: None)
        row = QHBoxLayout()
        row.addWidget(self.card_reference, 1)
        row.addWidget(self.refund_button, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.hint)
        column.addWidget(self.list, 1)
        column.addLayout(row)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()

    def refresh(self) -> None:
        self._worker.query(lambda: refund_board(self._new_uow())).success(self._show)

    def _show(self, board: RefundBoard) -> None:
        due = list(board.due)
        self.due = due
        self.list.clear()
        for item in due:
            state = _("refunded") if item.refunded else _("to refund")
            late = _(" (taken late)") if item.late else ""
            text = _("{receipt_no} · {name} · {quantity} · {amount}: {state}{late}").format(
                receipt_no=item.receipt_no,
                name=item.group_buy_name,
                quantity=item.quantity,
                amount=board.event.format(item.amount),
                state=state,
                late=late,
            )
            row = QListWidgetItem(text)
            row.setSizeHint(QSize(0, ROW_HEIGHT))
            row.setData(Qt.ItemDataRole.UserRole, item.commitment_id)
            if item.refunded:
                row.setFlags(row.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(row)
        waiting = sum(1 for item in due if not item.refunded)
        self.hint.setText(
            _("{count} group-buy commitment(s) to refund: choose one, then refund it.").format(count=waiting)
            if waiting
            else _("No group-buy commitment is waiting for its refund.")
        )
        first = next((index for index, item in enumerate(due) if not item.refunded), -1)
        self.list.setCurrentRow(first)

    @Slot()
    def _on_refund_button_clicked(self) -> None:
        chosen = self.list.currentItem()
        staff_id = self._staff_id()
        if chosen is None or staff_id is None:
            return
        reference = self.card_reference.text().strip()
        command = RefundCommitment(
            str(chosen.data(Qt.ItemDataRole.UserRole)),
            staff_id,
            dict.fromkeys(range(MAX_TENDERS), reference) if reference else {},
        )

        def call(uow: UnitOfWork, approval: ManagerApproval | None) -> ReturnDone:
            return refund_commitment(command, uow, approval)

        self.approvals.run(call, self._done)

    def _done(self, done: ReturnDone) -> None:
        self.card_reference.clear()
        self._messages.info(_("Refunded on return {return_no}.").format(return_no=done.return_no))
        self.refresh()

    def _refused(self, error: PosError) -> None:
        self._messages.error(str(error))
