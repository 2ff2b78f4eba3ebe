"""The stock count tab: start or resume a count per location, scan or type what is there, post the adjustments."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.services.stock_count import CountSheet, count_entry, count_locations, count_sheet, post_count, start_count
from app.ui.manager.context import ManagerContext
from app.ui.manager.oversell_setting import OversellSetting
from app.ui.tables import finger_friendly, read_only_table, set_row
from app.ui.worker import Change


class CountTab(QWidget):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.count_id: str | None = None
        self.count_location = QComboBox()
        self.count_location.setToolTip(self.tr("The stall, or where held and written-off items are kept apart"))
        start = QPushButton(self.tr("Start (or resume) a count"))
        start.clicked.connect(self.start_count)
        start_row = QHBoxLayout()
        start_row.addWidget(self.count_location, 1)
        start_row.addWidget(start)
        self.count_field = QLineEdit()
        self.count_field.setObjectName("scanField")
        self.count_field.setPlaceholderText(self.tr("Scan each item (adds one), or type CODE=QUANTITY"))
        self.count_field.returnPressed.connect(self._on_count_field_return_pressed)
        self.sheet = finger_friendly(
            read_only_table(
                [self.tr("SKU"), self.tr("Item"), self.tr("Expected"), self.tr("Counted"), self.tr("Variance")],
                stretch=1,
            )
        )
        post = QPushButton(self.tr("Post the count (writes the adjustments)"))
        post.clicked.connect(self.post_count)
        # Stock's one event setting on a till sits with the stock the manager counts.
        self.oversell = OversellSetting(ctx)
        column = QVBoxLayout(self)
        column.addWidget(self.oversell)
        column.addLayout(start_row)
        column.addWidget(self.count_field)
        column.addWidget(self.sheet, 1)
        column.addWidget(post)

    def refresh(self) -> None:
        self._ctx.run(lambda: count_locations(self._ctx.new_uow()), self._show_locations)
        if self.count_id:
            count_id = self.count_id
            self._ctx.run(lambda: count_sheet(count_id, self._ctx.new_uow()), self._show_sheet)

    @Slot()
    def start_count(self) -> None:
        staff_id, location = self._ctx.staff_id, self.count_location.currentText() or None
        self._ctx.run(lambda: start_count(staff_id, self._ctx.new_uow(), location), self._count_started, Change.STOCK)

    def _show_locations(self, locations: list[str]) -> None:
        current = self.count_location.currentText()
        self.count_location.clear()
        self.count_location.addItems(locations)
        if current in locations:
            self.count_location.setCurrentText(current)

    def _count_started(self, count_id: str) -> None:
        self.count_id = count_id
        self.count_field.setFocus()
        self.refresh()

    @Slot()
    def _on_count_field_return_pressed(self) -> None:
        if self.count_id is None:
            self._ctx.messages.error(self.tr("Start a count first."))
            return
        entry = self.count_field.text()
        self.count_field.clear()
        count_id, staff_id = self.count_id, self._ctx.staff_id
        self._ctx.run(
            lambda: count_entry(count_id, entry, staff_id, self._ctx.new_uow()),
            lambda _line: self.refresh(),
            Change.STOCK,
        )

    def _show_sheet(self, sheet: CountSheet) -> None:
        self.sheet.setRowCount(len(sheet.lines))
        for row, line in enumerate(sheet.lines):
            counted = "" if line.counted is None else str(line.counted)
            variance = "" if line.variance is None else f"{line.variance:+d}"
            set_row(self.sheet, row, (line.sku, line.name, str(line.expected), counted, variance))
            # Hovering a row explains the expected on-hand by movement kind.
            explained = ", ".join(f"{kind}: {quantity:+d}" for kind, quantity in line.movements)
            for column in range(self.sheet.columnCount()):
                item = self.sheet.item(row, column)
                if item is not None:
                    item.setToolTip(explained)

    @Slot()
    def post_count(self) -> None:
        if self.count_id is None:
            return
        count_id, staff_id = self.count_id, self._ctx.staff_id

        def done(adjusted: int) -> None:
            self.count_id = None
            self.sheet.setRowCount(0)
            self._ctx.messages.info(self.tr("Count posted: {0} product(s) adjusted.").format(adjusted))

        self._ctx.run(lambda: post_count(count_id, staff_id, self._ctx.new_uow()), done, Change.STOCK)
