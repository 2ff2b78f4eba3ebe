"""A manager opens or changes a group buy: the dialog gathers the terms, the service checks and saves them.

The deadline is typed as the event's local time (2026-12-06 18:00), the price
per unit in major units; what the service refuses shows in the message area
and the dialog stays open with what was typed (app/services/group_buy_admin.py).
The form's shape is app/ui/form_dialog.py's.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from PySide6.QtWidgets import QWidget

from app.domain.group_buys import GroupBuy
from app.domain.money import currency_exponent
from app.domain.texts import _
from app.services.group_buy_admin import GroupBuyInput
from app.ui.form_dialog import TIME_FORMAT, FormDialog, touch_choice


class GroupBuyAdminDialog(FormDialog):
    """``entered`` carries a :class:`GroupBuyInput` when the manager taps Save; ``held`` is the one changed."""

    def __init__(self, now: datetime, held: GroupBuy | None = None, parent: QWidget | None = None) -> None:
        super().__init__("groupBuyAdminDialog", parent)
        self.held = held
        self.setWindowTitle(_("Change the group buy") if held else _("New group buy"))
        self.name = self._field(_("e.g. Teapot run"))
        self.sku = self._field(_("The product's SKU, e.g. ATE-001"))
        self.minimum = self._field(_("Units to commit, e.g. 50"))
        # An example of the format, the same in every language (the service reads ISO dates).
        self.deadline = self._field("2026-12-06 18:00")
        self.price = self._field(_("Per unit, e.g. 20.00"))
        self.payment = touch_choice()
        self.payment.addItem(_("Deposit"), "deposit")
        self.payment.addItem(_("Full price"), "full")
        if held is None:
            self.deadline.setText((now.replace(second=0, microsecond=0) + timedelta(days=3)).strftime(TIME_FORMAT))
        else:
            self.name.setText(held.name)
            self.sku.setText(held.sku)
            self.minimum.setText(str(held.minimum))
            self.deadline.setText(held.deadline.astimezone(now.tzinfo).strftime(TIME_FORMAT))
            self.price.setText(str(Decimal(held.price).scaleb(-currency_exponent(held.currency))))
            self.payment.setCurrentIndex(max(0, self.payment.findData(held.payment)))
        rows: list[tuple[str, QWidget]] = [
            (_("Name"), self.name),
            (_("Product (SKU)"), self.sku),
            (_("Minimum"), self.minimum),
            (_("Deadline"), self.deadline),
            (_("Price"), self.price),
            (_("Payment"), self.payment),
        ]
        self._lay_out(rows, _("Save for every till"), _("Cancel"))

    def typed(self) -> GroupBuyInput:
        """What was typed, as the service takes it (it checks every value)."""
        minimum = self.minimum.text().strip()
        return GroupBuyInput(
            name=self.name.text(),
            sku=self.sku.text(),
            minimum=int(minimum) if minimum.isdigit() else 0,
            deadline=self.deadline.text(),
            price=self.price.text(),
            payment=str(self.payment.currentData()),
            group_buy_id=self.held.group_buy_id if self.held else "",
        )
