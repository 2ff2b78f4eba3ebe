"""The manager's drops: every drop this till knows, with what is left at the counter, and new or change.

A drop set here is saved, audited and queued for the hub by the service
(app/services/drop_admin.py); the hub keeps counting the sales of every till
and moves allocation between online and the counter (docs/drops.md). The list,
the actions and the dialog cycle are app/ui/manager/list_tab.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from app.domain.texts import _
from app.services.drop_admin import DropInput, DropRow, drop_rows, set_drop
from app.ui.manager.context import ManagerContext
from app.ui.manager.drop_dialog import DropDialog
from app.ui.manager.list_tab import ListTab


def _cap(cap: int | None) -> str:
    return "–" if cap is None else str(cap)


class DropsTab(ListTab[DropRow, DropDialog, DropInput]):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, set_drop, parent)
        self._list(
            [_("Name"), _("Release"), _("Online"), _("Counter"), _("Left"), _("Per sale"), _("Per customer")],
            stretch=0,
        )
        self.add = self._action(_("New drop…"), self._on_add_clicked)
        self.change = self._action(_("Change the selected drop…"), self._on_change_clicked)
        self._lay_out(
            _("Drops for the whole event: the counter refuses them before the release and keeps to the caps.")
            + " "
            + _("A change here reaches the hub and the other tills at their next sync.")
        )

    def _read(self) -> Callable[[], Sequence[DropRow]]:
        return lambda: drop_rows(self._ctx.new_uow())

    def _cells(self, row: DropRow) -> Sequence[str]:
        return [
            row.name,
            row.release_text,
            str(row.online_allocation),
            str(row.counter_allocation),
            str(row.counter_left),
            _cap(row.per_sale_cap),
            _cap(row.per_customer_cap),
        ]

    def open_dialog(self, row: DropRow | None = None) -> DropDialog:
        return self._open(DropDialog(self._event_now(), row, self))

    @Slot()
    def _on_add_clicked(self) -> None:
        self.open_dialog()

    @Slot()
    def _on_change_clicked(self) -> None:
        row = self._selected(_("Select the drop to change in the list first."))
        if row is not None:
            self.open_dialog(row)
