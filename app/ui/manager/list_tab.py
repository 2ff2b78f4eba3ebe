"""The shape of a manager's list tab: a note, a list of the event's records, touch-sized actions below it, and
a form dialog to add or change one (docs/manager_list_tabs.md).

The cycle: an action opens the tab's :class:`~app.ui.form_dialog.FormDialog`; what it ``entered`` goes to the
tab's save service through the store worker; once saved the dialog is accepted and the list read again; a
refusal shows in the window's message area and leaves the dialog open with what was typed. The tabs give
their own texts (so each keeps its translation context), columns, actions and services.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Generic, TypeVar

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QTableWidget, QVBoxLayout, QWidget

from app.domain import dates
from app.domain.events import EventSettings
from app.store.unit_of_work import UnitOfWork
from app.ui.form_dialog import TARGET_HEIGHT, FormDialog
from app.ui.manager.context import ManagerContext
from app.ui.tables import read_only_table, set_row
from app.ui.worker import Change

Row = TypeVar("Row")
Dialog = TypeVar("Dialog", bound=FormDialog)
Typed = TypeVar("Typed")


class ListTab(QWidget, Generic[Row, Dialog, Typed]):
    """``rows`` are what ``table`` shows, in its order; ``dialog`` is the one opened last.

    ``save(typed, staff_id, uow)`` is the service that checks and saves what a ``Dialog`` entered.
    """

    table: QTableWidget

    def __init__(
        self, ctx: ManagerContext, save: Callable[[Typed, str, UnitOfWork], object], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._save = save
        self.rows: list[Row] = []
        self.dialog: Dialog | None = None
        self._actions = QGridLayout()

    # Building: the table, the actions, then the layout.

    def _list(self, headers: Sequence[str], stretch: int) -> QTableWidget:
        """The read-only list, rows a fingertip tall; column ``stretch`` takes the spare width."""
        self.table = read_only_table(headers, stretch=stretch, fit_contents=True)
        return self.table

    def _action(self, label: str, clicked: Callable[[], None]) -> QPushButton:
        """A touch-sized button, next in the row of actions below the list."""
        button = QPushButton(label)
        button.setMinimumHeight(TARGET_HEIGHT)
        button.clicked.connect(clicked)
        self._actions.addWidget(button, 0, self._actions.count())
        return button

    def _lay_out(self, note: str, *above_list: QWidget) -> None:
        label = QLabel(note)
        label.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(label)
        for widget in above_list:
            column.addWidget(widget)
        column.addWidget(self.table, 1)
        column.addLayout(self._actions)

    # Reading the list.

    def refresh(self) -> None:
        self._ctx.run(self._read(), self._show_rows)

    def _read(self) -> Callable[[], Sequence[Row]]:
        """The job, run by the store worker, that reads the rows; built on the GUI thread (it may read widgets)."""
        raise NotImplementedError

    def _cells(self, row: Row) -> Sequence[str]:
        """The texts of ``row``, one per column."""
        raise NotImplementedError

    def _show_rows(self, rows: Sequence[Row]) -> None:
        self.rows = list(rows)
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            set_row(self.table, index, self._cells(row))

    def _selected(self, unselected: str) -> Row | None:
        """The selected row; without one, ``unselected`` (what to do first) in the message area."""
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self._ctx.messages.info(unselected)
            return None
        return self.rows[index]

    # Changing the event's records.

    def _event_zone(self, event: EventSettings) -> str:
        """The zone the tab's save service reads a typed time in."""
        return event.time_zone

    def _event_now(self) -> datetime:
        event = self._ctx.event()
        return datetime.now(dates.zone(self._event_zone(event) if event else ""))

    def _open(self, dialog: Dialog) -> Dialog:
        self.dialog = dialog
        dialog.entered.connect(self._on_dialog_entered)
        dialog.open()
        return dialog

    @Slot(object)
    def _on_dialog_entered(self, typed: Typed) -> None:
        staff_id, save = self._ctx.staff_id, self._save
        self._ctx.run(lambda: save(typed, staff_id, self._ctx.new_uow()), self._on_saved, Change.EVENT)

    def _on_saved(self, _saved: object) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self.refresh()

    def _change_selected(self, unselected: str, change: Callable[[Row, str, UnitOfWork], object]) -> None:
        """``change(row, staff_id, uow)`` on the selected row (a withdrawal, a cancellation), then the list again."""
        row = self._selected(unselected)
        if row is None:
            return
        staff_id = self._ctx.staff_id
        self._ctx.run(lambda: change(row, staff_id, self._ctx.new_uow()), lambda _done: self.refresh(), Change.EVENT)
