"""A manager types a new drop or changes one: the dialog gathers it, the drop service checks and saves it.

The release is typed as the event's local time (2026-12-05 14:00); numbers are
whole units, and an empty cap is no cap. What the service refuses shows in the
message area and the dialog stays open with what was typed
(app/services/drop_admin.py). The form's shape is app/ui/form_dialog.py's.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QWidget

from app.domain.texts import _
from app.services.drop_admin import DropInput, DropRow
from app.ui.form_dialog import TIME_FORMAT, FormDialog


def _whole(text: str) -> int | None:
    """A typed number of units; None when empty (no cap), -1 for what is no whole number (the service refuses)."""
    text = text.strip()
    if not text:
        return None
    return int(text) if text.isdigit() and len(text) <= 7 else -1


class DropDialog(FormDialog):
    """``entered`` carries a :class:`DropInput` when the manager taps Save; ``row`` is the drop being changed."""

    def __init__(self, now: datetime, row: DropRow | None = None, parent: QWidget | None = None) -> None:
        super().__init__("dropDialog", parent)
        self.drop_id = row.drop_id if row is not None else ""
        self.setWindowTitle(_("Change drop") if row is not None else _("New drop"))
        self.name = self._field(_("e.g. Hand-thrown mugs"))
        self.skus = self._field(_("SKUs, separated by commas"))
        # An example of the format, the same in every language (the service reads ISO dates).
        self.release_at = self._field("2026-12-05 14:00")
        self.online = self._field(_("Units for the online shop, e.g. 30"))
        self.counter = self._field(_("Units for the counter, e.g. 10"))
        self.per_sale = self._field(_("Empty: no limit"))
        self.per_customer = self._field(_("Empty: no limit"))
        if row is None:
            start = (now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)).strftime(TIME_FORMAT)
            self.release_at.setText(start)
        else:
            self.name.setText(row.name)
            self.skus.setText(", ".join(row.skus))
            self.release_at.setText(datetime.fromisoformat(row.release_at).strftime(TIME_FORMAT))
            self.online.setText(str(row.online_allocation))
            self.counter.setText(str(row.counter_allocation))
            self.per_sale.setText("" if row.per_sale_cap is None else str(row.per_sale_cap))
            self.per_customer.setText("" if row.per_customer_cap is None else str(row.per_customer_cap))
        rows: list[tuple[str, QWidget]] = [
            (_("Name"), self.name),
            (_("Products (SKU)"), self.skus),
            (_("Release"), self.release_at),
            (_("Online"), self.online),
            (_("Counter"), self.counter),
            (_("Per sale"), self.per_sale),
            (_("Per customer"), self.per_customer),
        ]
        self._lay_out(rows, _("Save for every till"), _("Cancel"))

    def typed(self) -> DropInput:
        """What was typed, as the service takes it (it checks every value)."""
        return DropInput(
            name=self.name.text(),
            skus=tuple(sku.strip() for sku in self.skus.text().split(",") if sku.strip()),
            release_at=self.release_at.text(),
            online_allocation=_whole(self.online.text()) or 0,
            counter_allocation=_whole(self.counter.text()) or 0,
            per_sale_cap=_whole(self.per_sale.text()),
            per_customer_cap=_whole(self.per_customer.text()),
            drop_id=self.drop_id,
        )
