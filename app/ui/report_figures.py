"""The parts the event report is drawn with: a table model of report rows, its table view and a bar chart.

Pure display: each column says how to print a row (the money formatter is the
event's), and nothing here reads the store or computes a figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")


@dataclass(frozen=True, slots=True)
class ReportColumn(Generic[Row]):
    header: str
    text: Callable[[Row], str]
    figure: bool = True  # right-aligned
    tooltip: str = ""


class FiguresModel(QAbstractTableModel, Generic[Row]):
    """Rows of one report table; cells are formatted when painted, so 10,000 products show at once."""

    def __init__(self, columns: Sequence[ReportColumn[Row]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation is not Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].tooltip or None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(self._rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and column.figure:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def figures_table(model: QAbstractTableModel, stretch: int = 0) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class BarChart:
    """One bar set on a category axis and a value axis, refilled on every report."""

    def __init__(self, title: str, series_name: str, horizontal: bool) -> None:
        self.bars = QBarSet(series_name)
        self.series = QHorizontalBarSeries() if horizontal else QBarSeries()
        self.series.append(self.bars)
        self.categories = QBarCategoryAxis()
        self.values = QValueAxis()
        self.values.setLabelFormat("%.0f")
        self.values.setMin(0)
        self.chart = QChart()
        self.chart.setTitle(title)
        self.chart.legend().hide()
        self.chart.addSeries(self.series)
        category_side, value_side = (
            (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
            if horizontal
            else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
        )
        self.chart.addAxis(self.categories, category_side)
        self.chart.addAxis(self.values, value_side)
        self.series.attachAxis(self.categories)
        self.series.attachAxis(self.values)
        self.view = QChartView(self.chart)
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(260)

    def plot(self, labels: Sequence[str], minor_values: Sequence[int], minor_unit: int, unit: str) -> None:
        """Bars in major units: a chart's scale needs no cents, the tables beside it have them exact."""
        self.bars.remove(0, self.bars.count())
        self.bars.append([value / minor_unit for value in minor_values])
        self.categories.clear()
        self.categories.append(list(labels))
        self.values.setRange(0, max([value / minor_unit for value in minor_values], default=0) or 1)
        self.values.applyNiceNumbers()
        self.values.setTitleText(unit)
