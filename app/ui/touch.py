"""Helpers for a counter worked by finger: drag to scroll, and content that scrolls rather than leaving the glass."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QVBoxLayout, QWidget

FINGER_PX = 44


def finger_scroll(target: QWidget) -> None:
    """Dragging ``target`` (a viewport) scrolls it, with a finger on a touch screen or with the mouse."""
    QScroller.grabGesture(target, QScroller.ScrollerGestureType.LeftMouseButtonGesture)


class VerticalScrollArea(QScrollArea):
    """Scrolls up and down only: it is as wide as its content needs, so no form is ever half hidden sideways."""

    def setWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        super().setWidget(widget)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        # The hints below follow the content: when its layout changes (a longer text, a row added), the
        # parent layout's cached copy of them must be dropped, or it keeps the widest the content ever was.
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def _width_for(self, content_width: int) -> int:
        return content_width + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        return QSize(max(hint.width(), self._width_for(content.minimumSizeHint().width())), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().sizeHint()
        content = self.widget()
        if content is None:
            return hint
        return QSize(max(hint.width(), self._width_for(content.sizeHint().width())), hint.height())


def scrolling(content: QWidget, finger: bool = True) -> QScrollArea:
    """``content`` in a frameless vertical scroll area: on a short screen the person scrolls to what is below.

    With ``finger``, dragging anywhere on it scrolls; the scroller then holds back each press a moment to tell a
    drag from a tap, so a whole screen of buttons is better left to its scroll bar (and its lists to the finger).
    """
    area = VerticalScrollArea()
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(content)
    if finger:
        finger_scroll(area.viewport())
    return area


def scroll_inside(page: QWidget) -> QScrollArea:
    """Put what ``page`` lays out into a scroll area inside ``page`` itself, which keeps its identity.

    A page of a stack or a tab otherwise holds the whole window to its own minimum height: on a
    1024x600 screen the window would then reach past the glass. Inside the scroll area the page
    takes the room there is and scrolls below it; where there is room it looks as before. Its tables and
    lists keep their own finger scrolling; the page scrolls by its scroll bar and the wheel.
    """
    layout = page.layout()
    only = layout.itemAt(0) if layout is not None and layout.count() == 1 else None
    if only is not None and isinstance(only.widget(), QScrollArea):
        return only.widget()  # type: ignore[return-value]  # the page scrolls already
    body = QWidget()
    body.setObjectName(f"{page.objectName() or type(page).__name__}Body")
    if layout is not None:
        # setLayout takes the layout (and the widgets it manages) away from the page.
        body.setLayout(layout)
    area = scrolling(body, finger=False)
    column = QVBoxLayout(page)
    column.setContentsMargins(0, 0, 0, 0)
    column.addWidget(area)
    return area
