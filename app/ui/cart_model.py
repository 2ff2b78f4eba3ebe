"""The cart as a Qt table model: one row per priced line."""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from math import ceil
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics

from app.domain.cart import PricedLine
from app.domain.events import EventSettings
from app.ui.stock_badges import beyond_stock_tip, stock_badge

Index = QModelIndex | QPersistentModelIndex
# A quantity beyond what is left reads in the colour of a warning, in the light and the dark style alike.
BEYOND_STOCK_COLOUR = "#c0392b"


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
        # What is left of each product event-wide, and what the cart wants of it (a product may be on two lines).
        self._left: Mapping[str, int] = {}
        self._wanted: dict[str, int] = {}
        # The price rules' names by id: a markdown or a bundle shows under its line by name.
        self._rule_names: Mapping[str, str] = {}
        self._headers = {
            Column.ITEM: self.tr("Item"),
            Column.QUANTITY: self.tr("Qty"),
            Column.UNIT_PRICE: self.tr("Price"),
            Column.DISCOUNT: self.tr("Discount"),
            Column.TOTAL: self.tr("Total"),
        }

    def set_lines(
        self,
        lines: tuple[PricedLine, ...],
        event: EventSettings,
        left: Mapping[str, int] | None = None,
        rule_names: Mapping[str, str] | None = None,
    ) -> None:
        """Show new lines; a line added at the end is an insert (cheap to paint), anything else a reset."""
        self._event = event
        if rule_names is not None:
            self._rule_names = rule_names
        before = (self._left, self._wanted)
        self._left = left or {}
        self._wanted = {}
        for line in lines:
            self._wanted[line.line.item.sku] = self._wanted.get(line.line.item.sku, 0) + line.line.quantity
        # Products whose stock words or marks change although their line did not (another till sold one).
        restated = {
            sku
            for sku in {*before[0], *self._left}
            if (before[0].get(sku), before[1].get(sku)) != (self._left.get(sku), self._wanted.get(sku))
        }
        old_ids = [row.line.line_id for row in self._rows]
        new_ids = [row.line.line_id for row in lines]
        if new_ids[: len(old_ids)] == old_ids and len(new_ids) >= len(old_ids):
            # Only rows whose figures changed are repainted: a scan must not cost
            # more as the cart grows.
            for row, line in enumerate(lines[: len(old_ids)]):
                if line != self._rows[row] or line.line.item.sku in restated:
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
        return max(name_lines, 1) + 1 + max((len(self.automatic_lines(row)) for row in self._rows), default=0)

    def automatic_lines(self, priced: PricedLine) -> list[str]:
        """The line's markdown and bundle, each with its rule's name and what it took off."""
        if self._event is None:
            return []
        found = []
        if priced.markdown:
            name = self._rule_names.get(priced.markdown_id or "", priced.markdown_id or "")
            found.append(self.tr("Markdown {0}: -{1}").format(name, self._event.format(priced.markdown)))
        if priced.bundle:
            names = ", ".join(self._rule_names.get(rule_id, rule_id) for rule_id in priced.bundle_ids)
            found.append(self.tr("Bundle {0}: -{1}").format(names, self._event.format(priced.bundle)))
        return found

    def _beyond(self, sku: str) -> int | None:
        """What is left of a product the cart wants more of than that; None when within it (or unknown)."""
        left = self._left.get(sku)
        return left if left is not None and self._wanted.get(sku, 0) > left else None

    def is_beyond_stock(self, row: int) -> bool:
        return self._beyond(self._rows[row].line.item.sku) is not None

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
                    # The whole name and variant (wrapped by the view), then the maker and what is left.
                    badge = stock_badge(self._left.get(item.sku))
                    maker = f"{item.maker_name} · {badge}" if badge else item.maker_name
                    automatic = "".join(f"\n{text}" for text in self.automatic_lines(priced))
                    return f"{item.name} {item.variant}".strip() + f"\n{maker}{automatic}"
                case Column.QUANTITY:
                    return str(priced.line.quantity)
                case Column.UNIT_PRICE:
                    return self._event.format(priced.line.unit_price)
                case Column.DISCOUNT:
                    return f"-{self._event.format(priced.discount_total)}" if priced.discount_total else ""
                case Column.TOTAL:
                    return self._event.format(priced.total)
        beyond = self._beyond(priced.line.item.sku)
        if beyond is not None and column is Column.QUANTITY:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(BEYOND_STOCK_COLOUR))
            if role == Qt.ItemDataRole.ToolTipRole:
                return beyond_stock_tip(beyond)
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
