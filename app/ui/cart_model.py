"""The cart as a Qt table model: one row per priced line."""

from __future__ import annotations

from enum import IntEnum
from math import ceil
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics

from app.domain.cart import PricedLine
from app.domain.events import EventSettings

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    ITEM = 0
    QUANTITY = 1
    UNIT_PRICE = 2
    DISCOUNT = 3
    TOTAL = 4


class CartTableModel(QAbstractTableModel):
    def __init__(self, event: EventSettings | None = None) -> None:
        super().__init__()
        self._rows: list[PricedLine] = []
        self._event = event
        self._headers = {
            Column.ITEM: self.tr("Item"),
            Column.QUANTITY: self.tr("Qty"),
            Column.UNIT_PRICE: self.tr("Price"),
            Column.DISCOUNT: self.tr("Discount"),
            Column.TOTAL: self.tr("Total"),
        }

    def set_lines(self, lines: tuple[PricedLine, ...], event: EventSettings) -> None:
        """Show new lines; a line added at the end is an insert (cheap to paint), anything else a reset."""
        self._event = event
        old_ids = [row.line.line_id for row in self._rows]
        new_ids = [row.line.line_id for row in lines]
        if new_ids[: len(old_ids)] == old_ids and len(new_ids) >= len(old_ids):
            # Only rows whose figures changed are repainted: a scan must not cost
            # more as the cart grows.
            for row, line in enumerate(lines[: len(old_ids)]):
                if line != self._rows[row]:
                    self._rows[row] = line
                    self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
            if len(new_ids) > len(old_ids):
                self.beginInsertRows(QModelIndex(), len(old_ids), len(new_ids) - 1)
                self._rows[:] = lines
                self.endInsertRows()
        else:
            self.beginResetModel()
            self._rows = list(lines)
            self.endResetModel()

    def has_discounts(self) -> bool:
        """Whether any line carries a discount: without one the Discount column is only empty width."""
        return any(row.discount_total for row in self._rows)

    def item_lines(self, metrics: QFontMetrics, width: int) -> int:
        """Text lines the Item column needs at ``width`` px: the longest name and variant wrapped, then the maker."""
        usable = max(width - 12, 1)  # the cell's padding
        name_lines = max(
            (
                ceil(metrics.horizontalAdvance(f"{row.line.item.name} {row.line.item.variant}") / usable)
                for row in self._rows
            ),
            default=1,
        )
        return max(name_lines, 1) + 1

    def line_id(self, row: int) -> str:
        return self._rows[row].line.line_id

    def row_of(self, line_id: str) -> int:
        for row, line in enumerate(self._rows):
            if line.line.line_id == line_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if (
            orientation is Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return self._headers[Column(section)]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or self._event is None:
            return None
        priced = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            item = priced.line.item
            match column:
                case Column.ITEM:
                    # The whole name and variant (wrapped by the view), then the maker.
                    return f"{item.name} {item.variant}".strip() + f"\n{item.maker_name}"
                case Column.QUANTITY:
                    return str(priced.line.quantity)
                case Column.UNIT_PRICE:
                    return self._event.format(priced.line.unit_price)
                case Column.DISCOUNT:
                    return f"-{self._event.format(priced.discount_total)}" if priced.discount_total else ""
                case Column.TOTAL:
                    return self._event.format(priced.total)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not Column.ITEM:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.ITEM:
            item = priced.line.item
            return f"{item.name} {item.variant}".strip() + f" ({item.maker_name})"
        if role == Qt.ItemDataRole.ToolTipRole and priced.line.price_override is not None:
            return self.tr("Price changed by a manager (catalog price {0})").format(
                self._event.format(priced.line.item.unit_price)
            )
        return None
