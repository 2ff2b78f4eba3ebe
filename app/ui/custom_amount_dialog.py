"""Selling what the catalog forgot: an amount (from the number pad), a tax class, an optional note and maker.

The dialog only gathers the entry; the cart service checks it (a bad amount is
refused there with what to type instead).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QButtonGroup, QDialog, QHBoxLayout, QLayout, QPushButton, QWidget

from app.services.custom_amount import MAX_NOTE_LENGTH, CustomAmount, CustomAmountChoices
from app.ui.form_dialog import lay_out_form, touch_button, touch_choice, touch_field
from app.ui.number_pad import NumberPadDialog, ask_number


class CustomAmountDialog(QDialog):
    """``entered`` carries a :class:`CustomAmount` when the person taps Add."""

    entered = Signal(object)

    def __init__(self, choices: CustomAmountChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Custom amount"))
        self.setObjectName("customAmountDialog")
        self._currency = choices.currency
        self.pad: NumberPadDialog | None = None

        self.amount = touch_field(self.tr("Amount in {0}").format(choices.currency))
        self.amount.setObjectName("customAmount")
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.pad_button = touch_button(self.tr("Number pad"))
        self.pad_button.clicked.connect(self._on_pad_button_clicked)
        amount_row = QHBoxLayout()
        amount_row.addWidget(self.amount, 1)
        amount_row.addWidget(self.pad_button)

        # The most common rate first and chosen: one tap fewer for most entries.
        self.tax_group = QButtonGroup(self)
        self.tax_buttons: dict[str, QPushButton] = {}
        tax_row = QHBoxLayout()
        for tax in choices.tax_classes:
            button = touch_button(tax.name)
            button.setCheckable(True)
            button.setProperty("tax_class", tax.code)
            self.tax_group.addButton(button)
            self.tax_buttons[tax.code] = button
            tax_row.addWidget(button)
        if choices.tax_classes:
            self.tax_buttons[choices.tax_classes[0].code].setChecked(True)

        self.maker = touch_choice()
        self.maker.addItem(self.tr("No maker (the shop keeps it)"), None)
        for maker in choices.makers:
            self.maker.addItem(maker.name, maker.maker_id)

        self.note = touch_field(self.tr("Note on the receipt (optional), e.g. gift wrapping"))
        self.note.setMaxLength(MAX_NOTE_LENGTH)

        self.add_button = touch_button(self.tr("Add to the cart"))
        self.add_button.setObjectName("primaryAction")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        cancel = touch_button(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)
        rows: list[tuple[str, QWidget | QLayout]] = [
            (self.tr("Amount"), amount_row),
            (self.tr("Tax"), tax_row),
            (self.tr("Maker"), self.maker),
            (self.tr("Note"), self.note),
        ]
        lay_out_form(self, rows, cancel, self.add_button)

    @Slot()
    def _on_pad_button_clicked(self) -> None:
        self.pad = ask_number(
            self,
            self.tr("Custom amount"),
            self.tr("Type the amount to charge"),
            self.amount.setText,
            currency=self._currency,
            initial=self.amount.text(),
        )

    @Slot()
    def _on_add_button_clicked(self) -> None:
        checked = self.tax_group.checkedButton()
        tax_class = str(checked.property("tax_class")) if checked is not None else ""
        maker_id = self.maker.currentData()
        entry = CustomAmount(self.amount.text(), tax_class, self.note.text(), maker_id)
        self.accept()
        self.entered.emit(entry)
