"""A manager types a new markdown or bundle: the dialog gathers it, the price-rule service checks and saves it.

Times are typed as the event's local time (2026-12-05 19:00), prices in major
units; what the service refuses shows in the message area and the dialog stays
open with what was typed (app/services/price_rules.py). The form's shape is
app/ui/form_dialog.py's; the texts stay in this class, the context of their translations.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QWidget

from app.services.price_rules import PriceRuleInput
from app.ui.form_dialog import TIME_FORMAT, FormDialog, touch_choice


class PriceRuleDialog(FormDialog):
    """``entered`` carries a :class:`PriceRuleInput` when the manager taps Save; ``kind`` is markdown or bundle."""

    def __init__(self, kind: str, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__("priceRuleDialog", parent)
        self.kind = kind
        markdown = kind == "markdown"
        self.setWindowTitle(self.tr("New markdown") if markdown else self.tr("New bundle"))
        self.name = self._field(self.tr("e.g. Candles, last hour"))
        start = now.replace(second=0, microsecond=0)
        # Examples of the format, the same in every language (the service reads ISO dates).
        self.starts_at = self._field("2026-12-05 19:00")
        self.ends_at = self._field("2026-12-05 20:00")
        if markdown:
            self.starts_at.setText(start.strftime(TIME_FORMAT))
            self.ends_at.setText((start + timedelta(hours=1)).strftime(TIME_FORMAT))
        self.target_kind = touch_choice()
        self.target_kind.addItem(self.tr("Category"), "category")
        self.target_kind.addItem(self.tr("Maker"), "maker")
        self.target_kind.addItem(self.tr("Product (SKU)"), "sku")
        self.target = self._field(self.tr("The category, maker or SKU as the catalog spells it"))
        self.percent_off = self._field(self.tr("Percent off, e.g. 30"))
        self.new_price = self._field(self.tr("Or a new unit price, e.g. 12.00"))
        self.count = self._field(self.tr("Units in a bundle, e.g. 3"))
        self.price = self._field(self.tr("Bundle price, e.g. 10.00"))
        self.category = self._field(self.tr("Any product of this category"))
        self.skus = self._field(self.tr("Or SKUs, separated by commas"))

        rows: list[tuple[str, QWidget]] = [(self.tr("Name"), self.name)]
        if markdown:
            rows += [
                (self.tr("For"), self.target_kind),
                (self.tr("Which"), self.target),
                (self.tr("Percent off"), self.percent_off),
                (self.tr("New price"), self.new_price),
                (self.tr("From"), self.starts_at),
                (self.tr("Until"), self.ends_at),
            ]
        else:
            rows += [
                (self.tr("Units"), self.count),
                (self.tr("Price"), self.price),
                (self.tr("Category"), self.category),
                (self.tr("SKUs"), self.skus),
                (self.tr("From (optional)"), self.starts_at),
                (self.tr("Until (optional)"), self.ends_at),
            ]
        self._lay_out(rows, self.tr("Save for every till"), self.tr("Cancel"))

    def typed(self) -> PriceRuleInput:
        """What was typed, as the service takes it (it checks every value)."""
        count = self.count.text().strip()
        return PriceRuleInput(
            kind=self.kind,
            name=self.name.text(),
            starts_at=self.starts_at.text(),
            ends_at=self.ends_at.text(),
            target_kind=str(self.target_kind.currentData()),
            target=self.target.text(),
            percent_off=self.percent_off.text(),
            new_price=self.new_price.text(),
            count=int(count) if count.isdigit() else 0,
            price=self.price.text(),
            skus=tuple(sku.strip() for sku in self.skus.text().split(",") if sku.strip()),
            category=self.category.text(),
        )
