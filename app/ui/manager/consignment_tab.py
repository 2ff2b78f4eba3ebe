"""The makers' consignment tab: quality decisions for held goods, each maker's reconciliation, the hand-back, fees.

The tab only asks: the decision, its reason and the hand-back are services of
app/services/consignment.py, which check who may decide (a manager) and what the hold has.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.consignment import QualityOutcome, Reconciliation
from app.domain.texts import _
from app.services.consignment import HandBackNote, HeldItem, decide_quality, hand_back, held_items, reconciliations
from app.services.consignment import hand_back_suggestion as suggestion
from app.services.consignment_documents import export_hand_back_pdf, print_hand_back
from app.ui.manager.context import ManagerContext
from app.ui.manager.maker_fees import MakerFeesPanel
from app.ui.tables import finger_friendly, read_only_table, set_row
from app.ui.worker import Change


class ConsignmentTab(QWidget):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.held: list[HeldItem] = []
        self.reconciled: list[Reconciliation] = []
        self.held_table = finger_friendly(
            read_only_table([_("Maker"), _("SKU"), _("Product"), _("On the quality hold")], stretch=2)
        )
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(_("Reason for the decision (e.g. 'glaze cracked')"))
        self.reason.setMaxLength(200)
        self.decision_buttons: dict[QualityOutcome, QPushButton] = {}
        decisions = QGridLayout()
        for index, outcome in enumerate(QualityOutcome):
            button = QPushButton(outcome.label)
            button.clicked.connect(lambda _checked=False, chosen=outcome: self.decide(chosen))
            decisions.addWidget(button, 0, index)
            self.decision_buttons[outcome] = button
        self.units_table = finger_friendly(
            read_only_table(
                [
                    _("Maker"),
                    _("SKU"),
                    _("Received"),
                    _("Sold"),
                    _("Returned"),
                    _("Held"),
                    _("Written off"),
                    _("Handed back"),
                    _("Missing"),
                ],
                stretch=0,
                fit_contents=True,
            )
        )
        self.hand_back_button = QPushButton(_("Hand back the selected maker's unsold goods"))
        self.hand_back_button.setToolTip(
            _("Hands back what should be on the shelf and what is held, prints the note and saves it as a PDF")
        )
        self.hand_back_button.clicked.connect(self.hand_back_unsold)
        # The chosen maker's fees and payout state; selecting a maker's line in the units table chooses them.
        self.fees = MakerFeesPanel(ctx)
        self.units_table.currentCellChanged.connect(self._on_units_table_current_cell_changed)
        note = QLabel(_("A held item gets one decision per unit: select it, type the reason, choose."))
        note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(note)
        column.addWidget(self.held_table, 1)
        column.addWidget(self.reason)
        column.addLayout(decisions)
        column.addWidget(self.units_table, 1)
        column.addWidget(self.hand_back_button)
        column.addWidget(self.fees)

    def refresh(self) -> None:
        self._ctx.run(lambda: held_items(self._ctx.new_uow()), self._show_held)
        self._ctx.run(lambda: reconciliations(self._ctx.new_uow()), self._show_units)
        self.fees.refresh()

    @Slot(int, int, int, int)
    def _on_units_table_current_cell_changed(self, row: int, _column: int, _previous: int, _before: int) -> None:
        makers = [found.maker for found in self.reconciled for _line in found.lines]
        if 0 <= row < len(makers):
            self.fees.select_maker(makers[row])

    def decide(self, outcome: QualityOutcome) -> None:
        row = self.held_table.currentRow()
        if not 0 <= row < len(self.held):
            self._ctx.messages.error(_("Select a held item first."))
            return
        item, reason, staff_id = self.held[row], self.reason.text(), self._ctx.staff_id
        self._ctx.run(
            lambda: decide_quality(item.sku, 1, outcome, reason, staff_id, self._ctx.new_uow()),
            lambda _done: self._decided(item, outcome),
            Change.STOCK,
        )

    def _decided(self, item: HeldItem, outcome: QualityOutcome) -> None:
        self.reason.clear()
        self._ctx.messages.info(_("{sku}: {decision}.").format(sku=item.sku, decision=outcome.label))
        self.refresh()

    @Slot()
    def hand_back_unsold(self) -> None:
        row = self.units_table.currentRow()
        makers = [found.maker for found in self.reconciled for _line in found.lines]
        if not 0 <= row < len(makers):
            self._ctx.messages.error(_("Select a line of the maker whose goods go back."))
            return
        maker, staff_id, folder = makers[row], self._ctx.staff_id, self._ctx.data_dir / "hand-backs"

        def job() -> HandBackNote:
            lines = suggestion(maker, self._ctx.new_uow())
            unsold = [(sku, units) for sku, _name, units, _held in lines if units > 0]
            held = [(sku, units) for sku, _name, _units, units in lines if units > 0]
            note = hand_back(maker, unsold, staff_id, self._ctx.new_uow(), held=held)
            print_hand_back(note.number, self._ctx.new_uow())
            export_hand_back_pdf(note.number, folder / f"hand-back-{note.number}.pdf", self._ctx.new_uow())
            return note

        self._ctx.run(job, self._handed_back, Change.STOCK)

    def _handed_back(self, note: HandBackNote) -> None:
        self._ctx.messages.info(
            _("Hand-back note {number}: {units} unit(s) back to {maker}; printed and saved.").format(
                number=note.number, units=note.units, maker=note.maker
            )
        )
        self.refresh()

    def _show_held(self, held: list[HeldItem]) -> None:
        self.held = held
        self.held_table.setRowCount(len(held))
        for row, item in enumerate(held):
            set_row(self.held_table, row, (item.maker, item.sku, item.name, str(item.held)))

    def _show_units(self, reconciled: list[Reconciliation]) -> None:
        self.reconciled = reconciled
        lines = [line for found in reconciled for line in found.lines]
        self.units_table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            counts = (line.delivered, line.sold, line.returned, line.held, line.written_off, line.handed_back)
            set_row(self.units_table, row, (line.maker, line.sku, *(str(n) for n in counts), str(line.missing)))
