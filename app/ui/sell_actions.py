"""The sell screen's line and cart actions (discount, price, park, recall, void, drawer), asked by touch."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QDialog, QFileDialog, QTableView

from app.domain.cart import Discount, parse_discount
from app.domain.errors import PosError
from app.domain.money import parse_minor
from app.services import carts, printing
from app.services.authorization import ManagerApproval
from app.services.carts import CartState, ParkedCart
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalDialog
from app.ui.cart_model import CartTableModel, Column
from app.ui.counter_desk import CounterDesk
from app.ui.number_pad import Preset, ask_number, percent_presets
from app.ui.sell_dialogs import ChoiceDialog, PresetTextDialog, open_dialog
from app.ui.worker import Change

Result = TypeVar("Result")
DISCOUNT_PRESETS = (5, 10, 15, 20)
QUANTITY_PRESETS = (1, 2, 3, 4, 5, 6, 10, 12)


class SellActions(CounterDesk):
    """The part of the sell screen that changes lines and carts; SellScreen builds the widgets named here."""

    drawer_opened = Signal()

    state: CartState | None
    model: CartTableModel
    table: QTableView
    _show_state: Callable[[CartState], None]
    # The number pad or touch dialog now open, if any (tests and the screen-fit check reach it here).
    input_dialog: QDialog | None = None

    @property
    def staff_id(self) -> str:
        assert self._staff is not None, "the sell screen is only shown to a signed-in person"
        return self._staff.staff_id

    @property
    def cart_id(self) -> str:
        assert self.state is not None
        return self.state.cart.cart_id

    # Running service calls

    def _run(self, call: Callable[[UnitOfWork], CartState], then: Callable[[CartState], None] | None = None) -> None:
        """A change to the cart; a refusal (an unknown code, a line gone) shows in the message area."""
        self._worker.write(lambda: call(self._new_uow()), Change.CART).success(then or self._show_state)

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
        # Not selected: the sell screen's field is cleared by each scan, so a refusal leaves it empty.
        self._messages.error(str(error))
        self.scan_field.setFocus()

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

    @Slot(QModelIndex)
    def _on_table_clicked(self, index: QModelIndex) -> None:
        if index.column() == Column.QUANTITY:
            self._on_quantity_clicked()

    @Slot()
    def _on_quantity_clicked(self) -> None:
        line_id = self._selected_line()
        if line_id is None or self.state is None:
            return
        quantity = self.state.cart.line(line_id).quantity
        self._ask_number(
            self.tr("Quantity"),
            self.tr("How many of this line?"),
            self.set_selected_quantity,
            None,
            presets=[Preset(str(n), str(n)) for n in QUANTITY_PRESETS],
            initial=str(quantity),
        )

    def set_selected_quantity(self, text: str) -> None:
        line_id = self._selected_line()
        if line_id is None or not text:
            return
        if not text.isdigit():
            self._messages.error(self.tr("'{0}' is not a quantity: type a whole number such as 3.").format(text))
            return
        cart_id, staff_id, quantity = self.cart_id, self.staff_id, int(text)
        if quantity < 1:
            self._run(lambda uow: carts.remove_line(cart_id, line_id, staff_id, uow))
        else:
            self._run(lambda uow: carts.set_quantity(cart_id, line_id, quantity, staff_id, uow))

    def _ask_number(
        self,
        title: str,
        prompt: str,
        then: Callable[[str], None],
        currency: str | None,
        *,
        presets: Sequence[Preset] = (),
        percent_key: bool = False,
        initial: str = "",
    ) -> None:
        self.input_dialog = ask_number(
            self, title, prompt, then, currency=currency, presets=presets, percent_key=percent_key, initial=initial
        )
        self.input_dialog.finished.connect(lambda _result: self._closed_input())

    def _ask_text(self, title: str, prompt: str, presets: Sequence[str], then: Callable[[str], None]) -> None:
        dialog = PresetTextDialog(title, prompt, presets, allow_empty=True, parent=self)
        dialog.chosen.connect(then)
        self.input_dialog = open_dialog(dialog, self._closed_input)

    def _closed_input(self) -> None:
        self.input_dialog = None
        self.scan_field.setFocus()

    def _ask_discount(self, title: str, prompt: str, then: Callable[[str], None]) -> None:
        assert self.state is not None
        self._ask_number(
            title, prompt, then, self.state.event.currency, presets=percent_presets(*DISCOUNT_PRESETS), percent_key=True
        )

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
        if self._selected_line() is None:
            return
        self._ask_discount(
            self.tr("Line discount"),
            self.tr("Tap a percentage, or type an amount or e.g. 12% (empty removes the discount):"),
            self.discount_selected_line,
        )

    @Slot()
    def _on_price_clicked(self) -> None:
        if self._selected_line() is None or self.state is None:
            return
        self._ask_number(
            self.tr("Change price"),
            self.tr("New unit price (empty: catalog price):"),
            self.change_selected_price,
            self.state.event.currency,
        )

    def change_selected_price(self, text: str) -> None:
        line_id = self._selected_line()
        if line_id is None or self.state is None:
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
        self._ask_discount(
            self.tr("Cart discount"),
            self.tr("Discount on the whole cart: tap a percentage, or type an amount or e.g. 12%:"),
            self.discount_cart,
        )

    def discount_cart(self, text: str) -> None:
        if self.state is None:
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
        presets = [self.tr("Coming back"), self.tr("Fetching money"), self.tr("Trying on"), self.tr("Next in line")]
        self._ask_text(self.tr("Park cart"), self.tr("A name to find it again (optional):"), presets, self.park)

    def recall(self, cart_id: str) -> None:
        staff_id = self.staff_id
        self._run(lambda uow: carts.recall_cart(cart_id, staff_id, uow))

    @Slot()
    def _on_recall_clicked(self) -> None:
        self._worker.query(lambda: carts.parked_carts(self._new_uow())).success(self._choose_parked)

    def _choose_parked(self, parked: list[ParkedCart]) -> None:
        if not parked or self.state is None:
            self._messages.info(self.tr("No parked carts."))
            return
        event = self.state.event
        labels = [
            self.tr("{0} · {1} line(s) · {2}").format(
                cart.label or self.tr("(no name)"), cart.lines, event.format(cart.total)
            )
            for cart in parked
        ]
        dialog = ChoiceDialog(self.tr("Recall a cart"), self.tr("Tap the cart to bring back:"), labels, self)
        dialog.chosen.connect(lambda row: self.recall(parked[row].cart_id))
        self.input_dialog = open_dialog(dialog, self._closed_input)

    def void(self, reason: str) -> None:
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run(lambda uow: carts.void_cart(cart_id, reason, staff_id, uow))

    @Slot()
    def _on_void_clicked(self) -> None:
        if self.state is None or self.state.cart.is_empty():
            return
        presets = [
            self.tr("Customer changed their mind"),
            self.tr("Card declined"),
            self.tr("Wrong items scanned"),
            self.tr("Training"),
        ]
        dialog = PresetTextDialog(
            self.tr("Void cart"), self.tr("Why is this cart voided?"), presets, allow_empty=False, parent=self
        )
        dialog.chosen.connect(self.void)
        self.input_dialog = open_dialog(dialog, self._closed_input)

    def open_drawer(self, reason: str | None = None) -> None:
        """Open the drawer outside a sale: asks why, and a manager's PIN unless a manager is signed in."""
        if reason is None:
            presets = [self.tr("Change for a note"), self.tr("Float check"), self.tr("Cash pickup")]
            dialog = PresetTextDialog(
                self.tr("Open the cash drawer"),
                self.tr("Why is the drawer opened?"),
                presets,
                allow_empty=False,
                parent=self,
            )
            dialog.chosen.connect(self.open_drawer)
            self.input_dialog = open_dialog(dialog, self._closed_input)
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
