"""The blind count of the drawer: one spin box per coin or note, laid out in as many columns as the width allows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

# One label and its spin box side by side need about this much width at 16 px.
_CELL_PX = 230


class CountGrid(QWidget):
    """Coins and notes counted one spin box each; the total follows, nothing else is shown (a blind count)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells = QWidget()
        self._grid = QGridLayout(self._cells)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.spins: dict[int, QSpinBox] = {}
        self._labels: list[QLabel] = []
        self._columns = 0
        self.total = QLabel()
        self._format: Callable[[int], str] = str
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._cells)
        column.addWidget(self.total)

    def set_denominations(self, values: tuple[int, ...], fmt: Callable[[int], str]) -> None:
        self._format = fmt
        for widget in (*self._labels, *self.spins.values()):
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.spins = {}
        self._labels = []
        for value in values:
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            spin.valueChanged.connect(self._show_total)
            self.spins[value] = spin
            self._labels.append(QLabel(fmt(value)))
        self._columns = 0
        self._reflow(self.width())
        self._show_total()

    def _reflow(self, width: int) -> None:
        """Fewer columns on a narrow screen, so the grid never pushes the window wider than the glass."""
        columns = max(1, min(6, width // _CELL_PX)) if width > 0 else 4
        if columns == self._columns:
            return
        self._columns = columns
        for index, (label, spin) in enumerate(zip(self._labels, self.spins.values(), strict=True)):
            self._grid.addWidget(label, index // columns, (index % columns) * 2)
            self._grid.addWidget(spin, index // columns, (index % columns) * 2 + 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        # One column is always possible: never ask for more width than that.
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), _CELL_PX), hint.height())

    def counts(self) -> dict[int, int]:
        return {value: spin.value() for value, spin in self.spins.items() if spin.value()}

    def clear(self) -> None:
        for spin in self.spins.values():
            spin.setValue(0)

    @Slot()
    def _show_total(self) -> None:
        amount = sum(value * spin.value() for value, spin in self.spins.items())
        self.total.setText(self.tr("Counted: {0}").format(self._format(amount)))
