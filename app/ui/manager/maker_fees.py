"""A maker's fees and payout state on the Consignment tab, and the dialog a manager changes the fees in.

The panel shows what this till holds for the chosen maker (``makers_terms``); the dialog only gathers what was
typed. The fees are saved by ``set_maker_fees`` (app/services/consignment_terms.py), the service
``popup-pos consignment fees`` calls: it checks the amounts and who may set them, and queues
``maker_terms.set`` for every till. A refusal shows in the window's message area and leaves the dialog open
with what was typed (app/ui/form_dialog.py). The payout state is set on the hub (docs/consignment.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from app.domain.money import Money, parse_minor
from app.domain.texts import _
from app.services.consignment_terms import makers_terms, payout_state_label, set_maker_fees
from app.ui.form_dialog import FormDialog, touch_button, touch_choice
from app.ui.manager.context import ManagerContext
from app.ui.worker import Change
from sync.consignment import MakerTerms
from sync.maker_settlements import percent


@dataclass(frozen=True, slots=True)
class TypedFees:
    """The fees as typed: the fixed fee in major units ("25.00"), the rates in percent ("2", "1.5")."""

    maker: str
    fixed_fee: str
    fee_percent: str
    card_fee_percent: str


def _percent_text(rate: Decimal) -> str:
    """A stored fraction as the percentage the service reads back: 0.015 is "1.5"."""
    return f"{(rate * 100).normalize():f}"


class MakerFeesDialog(FormDialog):
    """``entered`` carries :class:`TypedFees` when the manager taps Save; opened on the maker's current fees."""

    def __init__(self, maker: str, terms: MakerTerms, currency: str, parent: QWidget | None = None) -> None:
        super().__init__("makerFeesDialog", parent)
        self.maker = maker
        self.setWindowTitle(_("Fees of {maker}").format(maker=maker))
        self.fixed_fee = self._field(_("e.g. 25.00"))
        self.fee_percent = self._field(_("e.g. 2"))
        self.card_fee_percent = self._field(_("e.g. 1.5"))
        self.fixed_fee.setText(f"{Money(terms.fixed_fee, currency).as_decimal():f}")
        self.fee_percent.setText(_percent_text(terms.fee_rate))
        self.card_fee_percent.setText(_percent_text(terms.card_fee_rate))
        rows: list[tuple[str, QWidget]] = [
            (_("Fixed fee ({currency})").format(currency=currency), self.fixed_fee),
            (_("Fee in percent of the net"), self.fee_percent),
            (_("Card fee in percent of the card share"), self.card_fee_percent),
        ]
        self._lay_out(rows, _("Save for every till"), _("Cancel"))

    def typed(self) -> TypedFees:
        """What was typed; an empty field is no fee (the service checks every value)."""
        return TypedFees(
            maker=self.maker,
            fixed_fee=self.fixed_fee.text().strip() or "0",
            fee_percent=self.fee_percent.text().strip() or "0",
            card_fee_percent=self.card_fee_percent.text().strip() or "0",
        )


class MakerFeesPanel(QWidget):
    """The chosen maker's fees and payout state in one line, and the button that opens :class:`MakerFeesDialog`."""

    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.terms: dict[str, MakerTerms] = {}
        self.dialog: MakerFeesDialog | None = None
        self.maker = touch_choice()
        self.maker.currentIndexChanged.connect(self._on_maker_current_index_changed)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.change_button = touch_button(_("Change the fees"))
        self.change_button.clicked.connect(self.change_fees)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.maker)
        row.addWidget(self.summary, 1)
        row.addWidget(self.change_button)

    def refresh(self) -> None:
        self._ctx.run(lambda: makers_terms(self._ctx.new_uow()), self._show_terms)

    def select_maker(self, maker: str) -> None:
        index = self.maker.findText(maker)
        if index >= 0:
            self.maker.setCurrentIndex(index)

    def _show_terms(self, found: list[tuple[str, MakerTerms]]) -> None:
        chosen = self.maker.currentText()
        self.terms = dict(found)
        self.maker.blockSignals(True)
        self.maker.clear()
        self.maker.addItems([name for name, _terms in found])
        self.maker.blockSignals(False)
        self.select_maker(chosen)
        self._on_maker_current_index_changed()

    @Slot()
    def _on_maker_current_index_changed(self) -> None:
        terms = self.terms.get(self.maker.currentText())
        if terms is None:
            self.summary.setText(_("No maker in the catalog yet."))
            return
        self.summary.setText(
            _("Fixed fee {fixed} · fee {fee} · card fee {card} · {payout}").format(
                fixed=self._ctx.fmt(terms.fixed_fee),
                fee=percent(terms.fee_rate),
                card=percent(terms.card_fee_rate),
                payout=payout_state_label(terms),
            )
        )

    @Slot()
    def change_fees(self) -> None:
        maker, event = self.maker.currentText(), self._ctx.event()
        if maker not in self.terms:
            self._ctx.messages.error(_("Choose the maker whose fees change first."))
            return
        if event is None:
            self._ctx.messages.error(_("The event's settings are not on this till yet: sync first."))
            return
        self.dialog = MakerFeesDialog(maker, self.terms[maker], event.currency, self)
        self.dialog.entered.connect(self._on_dialog_entered)
        self.dialog.open()

    @Slot(object)
    def _on_dialog_entered(self, typed: TypedFees) -> None:
        event = self._ctx.event()
        if event is None:
            return
        staff_id, currency = self._ctx.staff_id, event.currency

        def job() -> str:
            fixed = parse_minor(typed.fixed_fee, currency)
            change = set_maker_fees(
                typed.maker, fixed, typed.fee_percent, typed.card_fee_percent, staff_id, self._ctx.new_uow()
            )
            return change.maker

        self._ctx.run(job, self._saved, Change.EVENT)

    def _saved(self, maker: str) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self._ctx.messages.info(_("Fees of {maker} set for every till of the event.").format(maker=maker))
        self.refresh()
