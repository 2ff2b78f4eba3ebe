"""What a finger and a small screen need of a window: every control on screen, whole, and big enough to tap.

Used by the screen-size tests: ``misfits`` walks a top-level window's visible,
enabled controls and names each one that lies outside the window, is shorter
than a fingertip, or has a label cut short.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

FINGER_PX = 44
SIZES = ((1024, 600), (1366, 768), (1920, 1080))
_CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QTabBar)


@dataclass(frozen=True, slots=True)
class Misfit:
    widget: str
    problem: str

    def __str__(self) -> str:
        return f"{self.widget}: {self.problem}"


def describe(widget: QWidget) -> str:
    text = getattr(widget, "text", lambda: "")()
    name = widget.objectName() or type(widget).__name__
    return f"{name} '{text}'" if text else name


def in_scroll_area(widget: QWidget) -> bool:
    """A control inside a scroll area may lie past the window's edge: the person scrolls to it."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def controls(window: QWidget) -> list[QWidget]:
    """The visible, enabled controls a person would tap in ``window``."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, _CONTROLS)
        and widget.isVisible()
        and widget.isEnabled()
        and widget.window() is window
        # A spin box's or drop-down's own line edit is part of that control, measured as a whole.
        and not isinstance(widget.parentWidget(), (QAbstractSpinBox, QComboBox))
    ]


def misfits(window: QWidget, screen: tuple[int, int] | None = None) -> tuple[list[Misfit], int]:
    """The controls of ``window`` that do not fit a finger or the screen, and how many were checked.

    With ``screen``, a window that cannot shrink to that size is a misfit too: on a real screen of
    that size its edge would be off the glass.
    """
    found: list[Misfit] = []
    if screen is not None and (window.width() > screen[0] or window.height() > screen[1]):
        found.append(
            Misfit(describe(window), f"needs {window.width()}x{window.height()} on a {screen[0]}x{screen[1]} screen")
        )
    checked = controls(window)
    frame = QRect(QPoint(0, 0), window.size())
    for widget in checked:
        top_left = widget.mapTo(window, QPoint(0, 0))
        place = QRect(top_left, widget.size())
        if not frame.contains(place) and not in_scroll_area(widget):
            found.append(
                Misfit(
                    describe(widget),
                    f"at {place.x()},{place.y()} {place.width()}x{place.height()}, "
                    f"outside the {frame.width()}x{frame.height()} window",
                )
            )
        if widget.height() < FINGER_PX and not isinstance(widget, QTabBar):
            found.append(Misfit(describe(widget), f"{widget.height()} px tall, under {FINGER_PX} px"))
        if isinstance(widget, QTabBar) and widget.count() and widget.tabRect(0).height() < FINGER_PX:
            found.append(Misfit(describe(widget), f"tabs {widget.tabRect(0).height()} px tall"))
    for area in window.findChildren(QScrollArea):
        content = area.widget()
        # Scrolling down is the way to what is below on a short screen; sideways it hides half a form.
        shown = area.isVisible() and area.window() is window and content is not None and content.isVisible()
        if shown and content.width() > area.viewport().width() + 1:
            found.append(
                Misfit(
                    describe(area),
                    f"scrolls sideways: content {content.width()} px wide in {area.viewport().width()} px",
                )
            )
    for view in window.findChildren(QAbstractItemView):
        if view.isVisible() and view.window() is window and view.model() is not None and view.model().rowCount():
            checked.append(view)
            row_height = view.sizeHintForRow(0)
            if 0 < row_height < FINGER_PX:
                found.append(Misfit(describe(view), f"rows {row_height} px tall"))
    for label in window.findChildren(QLabel):
        if label.isVisible() and label.window() is window and label.wordWrap() and label.text():
            # A window's minimum size ignores wrapped text's height: squeezed, it runs over what follows.
            needed = label.heightForWidth(label.width())
            if label.height() < needed - 1:
                found.append(Misfit(describe(label), f"squeezed: {label.height()} px tall, its lines need {needed}"))
        if label.isVisible() and label.window() is window and not label.wordWrap() and label.text():
            needed = label.fontMetrics().horizontalAdvance(label.text().split("\n")[0])
            if label.textFormat() != Qt.TextFormat.RichText and needed > label.width() + 1:
                found.append(Misfit(describe(label), f"cut: needs {needed} px, has {label.width()}"))
    return found, len(checked)


def fit_window(qtbot: QtBot, window: QWidget, size: tuple[int, int]) -> tuple[list[Misfit], int]:
    window.showNormal()
    window.setMinimumSize(0, 0)
    window.resize(*size)
    qtbot.wait(30)
    return misfits(window, size)
