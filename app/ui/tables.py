"""The tables and lists the desks and the manager's tabs show: one look, one way to fill them, one way to touch them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTableWidget, QTableWidgetItem

from app.ui.touch import FINGER_PX, finger_scroll

View = TypeVar("View", bound=QAbstractItemView)


def finger_friendly(view: View) -> View:
    """Make ``view`` work by finger: rows a fingertip tall, scrolled by dragging, scrolled by the pixel.

    A single tap activates a row through the style sheet's ``activate-on-singleclick``
    (resources/styles), so every view of the window behaves the same, whoever built it.
    """
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    if isinstance(view, QTableView):
        rows = view.verticalHeader()
        rows.setMinimumSectionSize(FINGER_PX)
        rows.setDefaultSectionSize(FINGER_PX + 4)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    finger_scroll(view.viewport())
    return view


def read_only_table(headers: Sequence[str], stretch: int, fit_contents: bool = False) -> QTableWidget:
    """A table of text the person reads (editors, if any, are set per cell); ``stretch`` takes the spare width."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    header = table.horizontalHeader()
    if fit_contents:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return finger_friendly(table)


def set_row(table: QTableWidget, row: int, texts: Sequence[str]) -> None:
    for column, text in enumerate(texts):
        table.setItem(row, column, QTableWidgetItem(text))
