"""What the counter desks (sell, pickup, returns) share: their collaborators, a manager's approval, the scan field.

Each desk is a ``CounterDesk`` at the bottom of its class order (docs/screen_parts.md):
it asks the worker for every service call, shows refusals in the message area and
goes back to its scan field, where the next scan lands. The desk builds
``scan_field``; this class only names it. It has no text of its own.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

from app.domain.errors import PosError
from app.services.staff import SignedIn
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalRunner
from app.ui.messages import MessageBridge
from app.ui.worker import StoreWorker

# A desk's buttons are pressed by finger: taller than the 44 px every control has at least.
DESK_BUTTON_HEIGHT = 52


class CounterDesk(QWidget):
    scan_field: QLineEdit

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], messages: MessageBridge) -> None:
        # No parent: the window's page stack takes each desk in.
        super().__init__()
        self._worker = worker
        self._new_uow = new_uow
        self._messages = messages
        self._staff: SignedIn | None = None
        self.approvals = ApprovalRunner(self, worker, new_uow, self._on_failed, self._refocus)

    def _on_failed(self, error: PosError) -> None:
        """A refusal: said in the message area, the scan field selected for the next scan."""
        self._messages.error(str(error))
        self.scan_field.selectAll()
        self.scan_field.setFocus()

    def _refocus(self) -> None:
        self.scan_field.setFocus()

    def _button(self, label: str, tip: str, key: str, handler: Callable[[], None]) -> QPushButton:
        """A desk action with its key: tapping it never takes the focus from the scan field."""
        button = QPushButton(label)
        button.setToolTip(tip)
        button.setMinimumHeight(DESK_BUTTON_HEIGHT)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.clicked.connect(lambda _checked=False: handler())
        QShortcut(QKeySequence(key), self, handler)
        return button
