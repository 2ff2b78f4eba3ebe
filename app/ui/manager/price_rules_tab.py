"""The manager's price rules: the event's markdowns and bundles this till holds, with add and withdraw.

A rule added or withdrawn here is saved, audited and queued for the hub by the
service (app/services/price_rules.py); every other till takes it at its next
sync, and rules set on the hub appear here after this till's. The list, the
actions and the dialog cycle are app/ui/manager/list_tab.py's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QWidget

from app.services.price_rules import PriceRuleInput, PriceRuleRow, price_rule_rows, set_price_rule, withdraw_price_rule
from app.ui.form_dialog import TARGET_HEIGHT
from app.ui.manager.context import ManagerContext
from app.ui.manager.list_tab import ListTab
from app.ui.manager.price_rule_dialog import PriceRuleDialog


class PriceRulesTab(ListTab[PriceRuleRow, PriceRuleDialog, PriceRuleInput]):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, set_price_rule, parent)
        self._list([self.tr("Name"), self.tr("Rule"), self.tr("When"), self.tr("State"), self.tr("Id")], stretch=1)
        self.show_withdrawn = QCheckBox(self.tr("Show withdrawn rules"))
        self.show_withdrawn.setMinimumHeight(TARGET_HEIGHT)
        self.show_withdrawn.toggled.connect(self._on_show_withdrawn_toggled)
        self.add_markdown = self._action(self.tr("New markdown…"), self._on_add_markdown_clicked)
        self.add_bundle = self._action(self.tr("New bundle…"), self._on_add_bundle_clicked)
        self.withdraw = self._action(self.tr("Withdraw the selected rule"), self._on_withdraw_clicked)
        self._lay_out(
            self.tr("Markdowns and bundles for the whole event: the counter applies them by itself.")
            + " "
            + self.tr("A change here reaches the other tills at their next sync."),
            self.show_withdrawn,
        )

    def _read(self) -> Callable[[], Sequence[PriceRuleRow]]:
        include = self.show_withdrawn.isChecked()
        return lambda: price_rule_rows(self._ctx.new_uow(), include_withdrawn=include)

    def _cells(self, row: PriceRuleRow) -> Sequence[str]:
        state = self.tr("active") if row.active else self.tr("withdrawn")
        return [row.name, row.terms, row.window, state, row.rule_id]

    def open_dialog(self, kind: str) -> PriceRuleDialog:
        return self._open(PriceRuleDialog(kind, self._event_now(), self))

    @Slot()
    def _on_add_markdown_clicked(self) -> None:
        self.open_dialog("markdown")

    @Slot()
    def _on_add_bundle_clicked(self) -> None:
        self.open_dialog("bundle")

    @Slot()
    def _on_withdraw_clicked(self) -> None:
        self._change_selected(
            self.tr("Select the rule to withdraw in the list first."),
            lambda row, staff_id, uow: withdraw_price_rule(row.rule_id, staff_id, uow),
        )

    @Slot(bool)
    def _on_show_withdrawn_toggled(self, _checked: bool) -> None:
        self.refresh()
