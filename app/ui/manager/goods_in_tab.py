"""The goods-in tab: receive a maker's delivery under its note's number, or move stock between places.

Scan or type codes into a list (a scan adds one, CODE=QUANTITY sets it), fix a
line's quantity on the number pad or take it out, then confirm: the services
(app/services/goods_in.py) check every line and book the whole list as one
record, and the list then shows what is on hand where the goods went.
"""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.cart import MAX_QUANTITY
from app.services.goods_in import (
    BookedLine,
    DeliveryReceived,
    GoodsLine,
    StockTransferred,
    goods_line,
    maker_names,
    receive_delivery,
    transfer_places,
    transfer_stock,
)
from app.ui.manager.context import ManagerContext
from app.ui.number_pad import NumberPadDialog, Preset, ask_number
from app.ui.tables import read_only_table, set_row
from app.ui.worker import Change

QUANTITY_PRESETS = (6, 10, 12, 24)


class GoodsInTab(QWidget):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.lines: list[GoodsLine] = []
        self.booked: tuple[BookedLine, ...] = ()
        self.quantity_pad: NumberPadDialog | None = None

        self.receive_mode = QPushButton(self.tr("Receive a delivery"))
        self.transfer_mode = QPushButton(self.tr("Move stock"))
        modes = QButtonGroup(self)
        for button in (self.receive_mode, self.transfer_mode):
            button.setCheckable(True)
            modes.addButton(button)
        self.receive_mode.setChecked(True)
        modes.buttonToggled.connect(self._on_modes_button_toggled)
        mode_row = QHBoxLayout()
        mode_row.addWidget(self.receive_mode)
        mode_row.addWidget(self.transfer_mode)

        self.maker = QComboBox()
        self.maker.setToolTip(self.tr("The maker who delivered"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Delivery note number"))
        receive_row = QHBoxLayout()
        receive_row.addWidget(QLabel(self.tr("Maker")))
        receive_row.addWidget(self.maker, 1)
        receive_row.addWidget(self.note, 1)
        self.from_place = QComboBox()
        self.to_place = QComboBox()
        for places in (self.from_place, self.to_place):
            # Editable: another till is typed as till:B.
            places.setEditable(True)
            places.addItems(transfer_places())
            places.setToolTip(self.tr("stall, quality_hold, maker (returned unsold), written_off, or till:B"))
        self.to_place.setCurrentIndex(1)
        transfer_row = QHBoxLayout()
        transfer_row.addWidget(QLabel(self.tr("From")))
        transfer_row.addWidget(self.from_place, 1)
        transfer_row.addWidget(QLabel(self.tr("To")))
        transfer_row.addWidget(self.to_place, 1)
        self.headers = QStackedWidget()
        for row in (receive_row, transfer_row):
            page = QWidget()
            row.setContentsMargins(0, 0, 0, 0)
            page.setLayout(row)
            self.headers.addWidget(page)

        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Scan each item (adds one), or type CODE=QUANTITY"))
        self.scan_field.returnPressed.connect(self._on_scan_field_return_pressed)
        self.table = read_only_table(
            [self.tr("SKU"), self.tr("Item"), self.tr("Quantity"), self.tr("On hand")], stretch=1
        )
        self.quantity_button = QPushButton(self.tr("Quantity…"))
        self.quantity_button.clicked.connect(self.ask_quantity)
        self.remove_button = QPushButton(self.tr("Remove line"))
        self.remove_button.clicked.connect(self.remove_line)
        self.confirm_button = QPushButton(self.tr("Receive the delivery"))
        self.confirm_button.setObjectName("primaryAction")
        self.confirm_button.clicked.connect(self.confirm)
        action_row = QHBoxLayout()
        action_row.addWidget(self.quantity_button)
        action_row.addWidget(self.remove_button)
        action_row.addStretch(1)
        action_row.addWidget(self.confirm_button)

        column = QVBoxLayout(self)
        column.addLayout(mode_row)
        column.addWidget(self.headers)
        column.addWidget(self.scan_field)
        column.addWidget(self.table, 1)
        column.addLayout(action_row)

    @property
    def receiving(self) -> bool:
        return self.receive_mode.isChecked()

    def refresh(self) -> None:
        self._ctx.run(lambda: maker_names(self._ctx.new_uow()), self._show_makers)

    def _show_makers(self, names: list[str]) -> None:
        current = self.maker.currentText()
        self.maker.clear()
        self.maker.addItems(names)
        if current in names:
            self.maker.setCurrentText(current)

    @Slot()
    def _on_modes_button_toggled(self) -> None:
        self.headers.setCurrentIndex(0 if self.receiving else 1)
        self.confirm_button.setText(self.tr("Receive the delivery") if self.receiving else self.tr("Move the stock"))

    @Slot()
    def _on_scan_field_return_pressed(self) -> None:
        code, equals, typed = self.scan_field.text().strip().partition("=")
        self.scan_field.clear()
        if not code.strip():
            return
        if equals and not (typed.strip().isascii() and typed.strip().isdigit()):
            self._ctx.messages.error(self.tr("Type CODE=QUANTITY with a whole number, e.g. ATE-001=12."))
            return
        quantity = int(typed) if equals else None
        maker = self.maker.currentText() if self.receiving else None
        self._ctx.run(
            lambda: goods_line(code, 1 if quantity is None else quantity, self._ctx.new_uow(), maker),
            lambda line: self._add_line(line, quantity is not None),
        )

    def _add_line(self, line: GoodsLine, typed: bool) -> None:
        """A scan adds one to the product's line; a typed quantity replaces it."""
        self.booked = ()
        for index, existing in enumerate(self.lines):
            if existing.product_id == line.product_id:
                quantity = line.quantity if typed else existing.quantity + line.quantity
                self.lines[index] = GoodsLine(line.product_id, line.sku, line.name, line.maker, quantity)
                break
        else:
            self.lines.append(line)
        self._show_lines()
        self.table.selectRow(next(i for i, kept in enumerate(self.lines) if kept.product_id == line.product_id))

    def _show_lines(self) -> None:
        if self.lines:
            rows = [(line.sku, line.name, str(line.quantity), "") for line in self.lines]
        else:
            rows = [(line.sku, line.name, str(line.quantity), str(line.on_hand)) for line in self.booked]
        self.table.setRowCount(len(rows))
        for row, texts in enumerate(rows):
            set_row(self.table, row, texts)

    def _selected(self) -> int | None:
        row = self.table.currentRow()
        if 0 <= row < len(self.lines):
            return row
        self._ctx.messages.error(self.tr("Tap a line of the list first."))
        return None

    @Slot()
    def ask_quantity(self) -> None:
        row = self._selected()
        if row is None:
            return
        line = self.lines[row]
        self.quantity_pad = ask_number(
            self,
            self.tr("Quantity"),
            self.tr("How many of {item} ({sku})?").format(item=line.name, sku=line.sku),
            lambda text: self.set_quantity(row, text),
            presets=[Preset(str(quantity), str(quantity)) for quantity in QUANTITY_PRESETS],
            initial=str(line.quantity),
        )

    def set_quantity(self, row: int, text: str) -> None:
        if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_QUANTITY):
            self._ctx.messages.error(
                self.tr("A quantity is a whole number from 1 to {limit}.").format(limit=MAX_QUANTITY)
            )
            return
        line = self.lines[row]
        self.lines[row] = GoodsLine(line.product_id, line.sku, line.name, line.maker, int(text))
        self._show_lines()

    @Slot()
    def remove_line(self) -> None:
        row = self._selected()
        if row is not None:
            del self.lines[row]
            self._show_lines()

    @Slot()
    def confirm(self) -> None:
        if not self.lines:
            self._ctx.messages.error(self.tr("Scan or type the items first."))
            return
        items = [(line.sku, line.quantity) for line in self.lines]
        staff_id = self._ctx.staff_id
        if self.receiving:
            maker, note = self.maker.currentText(), self.note.text()
            self._ctx.run(
                lambda: receive_delivery(maker, note, items, staff_id, self._ctx.new_uow()),
                self._received,
                Change.STOCK,
            )
        else:
            source, target = self.from_place.currentText(), self.to_place.currentText()
            self._ctx.run(
                lambda: transfer_stock(source, target, items, staff_id, self._ctx.new_uow()),
                self._transferred,
                Change.STOCK,
            )

    def _received(self, received: DeliveryReceived) -> None:
        self.note.clear()
        self._booked(received.lines)
        self._ctx.messages.info(
            self.tr("Delivery note {note} of {maker} received: {units} unit(s).").format(
                note=received.note, maker=received.maker, units=received.units
            )
        )

    def _transferred(self, moved: StockTransferred) -> None:
        self._booked(moved.lines)
        self._ctx.messages.info(
            self.tr("Moved {units} unit(s) from {source} to {target}.").format(
                units=moved.units, source=moved.from_location, target=moved.to_location
            )
        )

    def _booked(self, lines: tuple[BookedLine, ...]) -> None:
        self.lines = []
        self.booked = lines
        self._show_lines()
        self.scan_field.setFocus()
