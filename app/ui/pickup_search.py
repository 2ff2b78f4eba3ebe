"""The pickup desk's search for a customer without a phone: by order number or name, as the clerk types.

The search runs once typing pauses (``SEARCH_DELAY_MS``), so a name typed at
the desk is one query, not one per letter; an answer for text since changed
is dropped. Enter searches at once and moves to the first result. Its texts
keep the desk's translation context ("PickupScreen"), where they were first.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from app.services.pickups import PickupSummary, search_pickups
from app.store.unit_of_work import UnitOfWork
from app.ui.messages import MessageBridge
from app.ui.pickup_list import state_text
from app.ui.worker import StoreWorker

SEARCH_DELAY_MS = 200
MIN_SEARCH = 2


def no_match_text() -> str:
    return QCoreApplication.translate(
        "PickupScreen", "No pickup order matches: check the spelling, or sync and search again."
    )


class PickupSearch(QWidget):
    order_chosen = Signal(str)  # order id

    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        messages: MessageBridge,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self._messages = messages
        self.field = QLineEdit()
        self.field.setObjectName("pickupSearch")
        self.field.setPlaceholderText(
            QCoreApplication.translate("PickupScreen", "No phone? Search by order number or customer name")
        )
        self.field.returnPressed.connect(self._on_field_return_pressed)
        self.field.textEdited.connect(self._on_field_text_edited)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.results = QListWidget()
        self.results.setObjectName("searchResults")
        self.results.hide()
        self.results.itemActivated.connect(self._on_results_item_activated)
        # One tap opens an order, as every list at the counter does.
        self.results.itemClicked.connect(self._on_results_item_activated)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.field)
        column.addWidget(self.results)

    @Slot(str)
    def _on_field_text_edited(self, _text: str) -> None:
        self._timer.start()

    @Slot()
    def _on_timer_timeout(self) -> None:
        text = self.field.text()
        if len(text.strip()) < MIN_SEARCH:
            self.results.clear()
            self.results.hide()
            return
        self._worker.query(lambda: search_pickups(text, self._new_uow())).success(
            lambda found: self._show_typed_results(text, found)
        )

    def _show_typed_results(self, text: str, found: list[PickupSummary]) -> None:
        """Results as the clerk types: a stale answer is dropped, no match is said in the list, not as an error."""
        if text != self.field.text():
            return
        self._fill_results(found)
        if not found:
            item = QListWidgetItem(no_match_text())
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(item)
        self.results.show()

    @Slot()
    def _on_field_return_pressed(self) -> None:
        self._timer.stop()
        text = self.field.text()
        self._worker.query(lambda: search_pickups(text, self._new_uow())).success(self._show_results)

    def _fill_results(self, found: list[PickupSummary]) -> None:
        self.results.clear()
        for summary in found:
            item = QListWidgetItem(
                f"{summary.number} · {summary.customer_name} · {state_text(summary.state)} "
                f"({summary.collected}/{summary.items})"
            )
            item.setData(Qt.ItemDataRole.UserRole, summary.order_id)
            self.results.addItem(item)

    def _show_results(self, found: list[PickupSummary]) -> None:
        self._fill_results(found)
        self.results.setVisible(bool(found))
        if not found:
            self._messages.error(no_match_text())
        else:
            self.results.setCurrentRow(0)
            self.results.setFocus()

    @Slot(QListWidgetItem)
    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        order_id = item.data(Qt.ItemDataRole.UserRole)
        if order_id is None:  # the "no match" line
            return
        self._timer.stop()
        self.results.hide()
        self.field.clear()
        self.order_chosen.emit(str(order_id))
