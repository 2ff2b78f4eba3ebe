"""Taking a group-buy commitment at the counter: the window's progress, the customer's contact and consent, payment.

The sell screen opens it from the quick keys' "Group buy…" key. Everything is
checked by app/services/group_buys.py (open by the till's clock, a contact,
the consent ticked) before the usual payment dialog opens; the commitment is
then one sale (docs/group_buys.md).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PosError
from app.domain.events import EventSettings
from app.domain.group_buys import MAX_COMMITMENT_QUANTITY
from app.domain.tenders import Tender
from app.domain.texts import _
from app.services.group_buys import (
    CommitmentTaken,
    GroupBuyBoard,
    TakeCommitment,
    commitment_due,
    group_buy_board,
    take_commitment,
)
from app.services.tender_settings import card_reference_required
from app.store.unit_of_work import UnitOfWork
from app.ui.tender_dialog import TenderDialog
from app.ui.worker import Change, StoreWorker

ROW_HEIGHT = 44


class GroupBuyDialog(QDialog):
    """Choose the group buy, type the quantity and contact, tick the consent, then Pay."""

    receipt_requested = Signal(str, str)  # sale id, ReceiptChoice
    committed = Signal(object)  # CommitmentTaken

    def __init__(
        self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], staff_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Group buy"))
        self.setMinimumWidth(640)
        self._worker = worker
        self._new_uow = new_uow
        self._staff_id = staff_id
        self.board: GroupBuyBoard | None = None
        self.tender_dialog: TenderDialog | None = None
        self.group_buys = QListWidget()
        self.group_buys.setObjectName("groupBuyList")
        self.group_buys.setWordWrap(True)
        self.group_buys.currentRowChanged.connect(self._on_group_buys_current_row_changed)
        self.quantity = QSpinBox()
        self.quantity.setRange(1, MAX_COMMITMENT_QUANTITY)
        self.quantity.setMinimumHeight(ROW_HEIGHT)
        self.quantity.setPrefix(_("Units: "))
        self.contact = QLineEdit()
        self.contact.setObjectName("groupBuyContact")
        self.contact.setPlaceholderText(_("The customer's email or phone number"))
        self.contact.setMinimumHeight(ROW_HEIGHT)
        self.consent = QCheckBox(_("The customer agrees to be contacted about this group buy"))
        self.consent.setMinimumHeight(ROW_HEIGHT)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("groupBuyProgress")
        self.progress_label.setWordWrap(True)
        # A fixed height: a refusal appearing never moves the buttons.
        self.message = QLabel()
        self.message.setObjectName("groupBuyMessage")
        self.message.setWordWrap(True)
        self.message.setFixedHeight(2 * ROW_HEIGHT)
        self.pay_button = QPushButton(_("Pay"))
        self.pay_button.setObjectName("primaryAction")
        self.pay_button.setMinimumHeight(ROW_HEIGHT)
        self.pay_button.clicked.connect(self._on_pay_button_clicked)
        self.close_button = QPushButton(_("Close"))
        self.close_button.setMinimumHeight(ROW_HEIGHT)
        self.close_button.clicked.connect(self.reject)
        details = QHBoxLayout()
        details.addWidget(self.quantity)
        details.addWidget(self.contact, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.pay_button, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.group_buys, 1)
        column.addWidget(self.progress_label)
        column.addLayout(details)
        column.addWidget(self.consent)
        column.addWidget(self.message)
        column.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        self._worker.query(lambda: group_buy_board(self._new_uow())).success(self._show_board).failure(self._refuse)

    def _show_board(self, board: GroupBuyBoard) -> None:
        chosen = self.chosen_id()
        self.board = board
        self.group_buys.clear()
        # Two lines of text, and never under a finger's 44 px.
        height = max(ROW_HEIGHT, 2 * self.group_buys.fontMetrics().lineSpacing() + 16)
        for view in board.group_buys:
            item = QListWidgetItem(f"{view.group_buy.name} · {view.price_text}\n{view.line}")
            item.setData(Qt.ItemDataRole.UserRole, view.group_buy.group_buy_id)
            item.setSizeHint(QSize(0, height))
            self.group_buys.addItem(item)
        ids = [view.group_buy.group_buy_id for view in board.group_buys]
        first_open = next((index for index, view in enumerate(board.group_buys) if view.open), 0 if ids else -1)
        self.group_buys.setCurrentRow(ids.index(chosen) if chosen in ids else first_open)
        if not board.group_buys:
            self.message.setText(_("No group buy is known on this till: sync to receive the hub's."))
        self._on_group_buys_current_row_changed(self.group_buys.currentRow())

    def chosen_id(self) -> str | None:
        item = self.group_buys.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    @Slot(int)
    def _on_group_buys_current_row_changed(self, row: int) -> None:
        views = self.board.group_buys if self.board is not None else ()
        view = views[row] if 0 <= row < len(views) else None
        self.progress_label.setText(view.line if view is not None else "")
        self.pay_button.setEnabled(view is not None)

    def _refuse(self, error: PosError) -> None:
        self.message.setText(str(error))

    @Slot()
    def _on_pay_button_clicked(self) -> None:
        group_buy_id = self.chosen_id()
        if group_buy_id is None or self.board is None or self.tender_dialog is not None:
            return
        quantity, contact, consent = self.quantity.value(), self.contact.text(), self.consent.isChecked()
        event = self.board.event
        self.message.clear()

        def checked() -> tuple[int, bool]:
            due = commitment_due(group_buy_id, quantity, contact, consent, self._new_uow())
            return due, card_reference_required(self._new_uow())

        self._worker.query(checked).success(
            lambda answer: self._pay(
                event, TakeCommitment(group_buy_id, quantity, contact, consent, self._staff_id, ()), *answer
            )
        ).failure(self._refuse)

    def _pay(self, event: EventSettings, command: TakeCommitment, due: int, reference_required: bool) -> None:
        dialog = TenderDialog(due, event, self, card_reference_required=reference_required)
        dialog.completion_requested.connect(lambda tenders: self._complete(dialog, command, tenders))
        self.tender_dialog = dialog

        def finished(_result: int) -> None:
            self.tender_dialog = None

        dialog.finished.connect(finished)
        dialog.open()

    def _complete(self, dialog: TenderDialog, command: TakeCommitment, tenders: tuple[Tender, ...]) -> None:
        paid = TakeCommitment(
            command.group_buy_id, command.quantity, command.contact, command.consent, command.staff_id, tenders
        )

        def done(taken: CommitmentTaken) -> None:
            dialog.show_completed(taken.sale.receipt_no, taken.sale.change)
            dialog.receipt_chosen.connect(lambda choice: self.receipt_requested.emit(taken.sale.sale_id, choice))
            self.message.setText(
                _("Commitment taken on receipt {receipt_no}: {progress}").format(
                    receipt_no=taken.sale.receipt_no, progress=taken.progress_line
                )
            )
            self.contact.clear()
            self.consent.setChecked(False)
            self.quantity.setValue(1)
            self.committed.emit(taken)
            self.refresh()

        self._worker.write(lambda: take_commitment(paid, self._new_uow()), Change.SALES, Change.CASH).success(
            done
        ).failure(lambda error: dialog.completion_failed(str(error)))
