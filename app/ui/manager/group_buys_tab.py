"""The manager's group buys: every window this till knows with its progress, with open, change and cancel.

A group buy opened, changed or cancelled here is saved, audited and queued for
the hub by the service (app/services/group_buy_admin.py); the hub counts the
commitments of every till and closes the window at its deadline. The list, the
actions and the dialog cycle are app/ui/manager/list_tab.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QWidget

from app.domain.events import EventSettings
from app.domain.texts import _
from app.services.group_buy_admin import GroupBuyInput, cancel_group_buy, set_group_buy
from app.services.group_buys import GroupBuyView, group_buy_board
from app.ui.manager.context import ManagerContext
from app.ui.manager.group_buy_admin_dialog import GroupBuyAdminDialog
from app.ui.manager.list_tab import ListTab


class GroupBuysTab(ListTab[GroupBuyView, GroupBuyAdminDialog, GroupBuyInput]):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, set_group_buy, parent)
        self._list([_("Name"), _("Progress"), _("Price"), _("Product (SKU)")], stretch=1)
        self.add = self._action(_("New group buy…"), self._on_add_clicked)
        self.change = self._action(_("Change the selected…"), self._on_change_clicked)
        self.cancel = self._action(_("Cancel the selected group buy"), self._on_cancel_clicked)
        self._lay_out(
            _("Group buys for the whole event: every till takes commitments and the hub closes each at its deadline.")
        )

    def _read(self) -> Callable[[], Sequence[GroupBuyView]]:
        return lambda: group_buy_board(self._ctx.new_uow()).group_buys

    def _cells(self, row: GroupBuyView) -> Sequence[str]:
        return [row.group_buy.name, row.line, row.price_text, row.group_buy.sku]

    def _event_zone(self, event: EventSettings) -> str:
        # The group-buy service reads a typed deadline in zone_name() (app/services/group_buy_admin.py).
        return event.zone_name()

    def open_dialog(self, view: GroupBuyView | None = None) -> GroupBuyAdminDialog:
        return self._open(GroupBuyAdminDialog(self._event_now(), view.group_buy if view else None, self))

    @Slot()
    def _on_add_clicked(self) -> None:
        self.open_dialog()

    @Slot()
    def _on_change_clicked(self) -> None:
        view = self._selected(_("Select the group buy in the list first."))
        if view is not None:
            self.open_dialog(view)

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self._change_selected(
            _("Select the group buy in the list first."),
            lambda view, staff_id, uow: cancel_group_buy(view.group_buy.group_buy_id, staff_id, uow),
        )
