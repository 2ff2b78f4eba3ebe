"""The sell screen's way to "Asked for": rows in its search results, and the dialog they open (docs/demand.md).

A search showing a sold-out product gets an "Asked for" row under it; a
search that finds nothing gets one for the typed words as a not-stocked item.
One tap on such a row opens app/ui/demand_dialog.py; Record is the second.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QListWidget, QListWidgetItem, QWidget

from app.domain.stock_left import StockState, stock_state
from app.domain.texts import _
from app.services.availability import FoundProduct
from app.services.demand import DemandTaken
from app.store.unit_of_work import UnitOfWork
from app.ui.demand_dialog import DemandDialog
from app.ui.messages import MessageBridge
from app.ui.sell_dialogs import open_dialog
from app.ui.worker import StoreWorker

# Where a row keeps (sku or None, what to show); a product row keeps its id in UserRole instead.
DEMAND_ROLE = Qt.ItemDataRole.UserRole + 1
# Few enough that the results never push the cart off a 1024x600 screen.
MOST_DEMAND_ROWS = 2


def add_asked_for_rows(results: QListWidget, query: str, found: Sequence[FoundProduct]) -> None:
    """An "Asked for" row under each sold-out result (the first few), or one for a search that found nothing."""
    wanted = " ".join(query.split())
    if not found and wanted:
        _add(results, None, wanted, _('Not stocked: "{what}" · Asked for…').format(what=wanted))
        return
    shown = 0
    for index, result in enumerate(found):
        if shown == MOST_DEMAND_ROWS or stock_state(result.left) is not StockState.SOLD_OUT:
            continue
        item = result.product.item
        name = f"{item.name} {item.variant}".strip()
        _add(results, item.sku, name, _("Sold out: {name} · Asked for…").format(name=name), index + 1 + shown)
        shown += 1


def _add(results: QListWidget, sku: str | None, name: str, text: str, row: int | None = None) -> None:
    entry = QListWidgetItem(text)
    entry.setData(DEMAND_ROLE, (sku, name))
    if row is None:
        results.addItem(entry)
    else:
        results.insertItem(row, entry)


def is_asked_for(entry: QListWidgetItem) -> bool:
    return entry.data(DEMAND_ROLE) is not None


def open_demand_dialog(
    parent: QWidget,
    entry: QListWidgetItem,
    worker: StoreWorker,
    new_uow: Callable[[], UnitOfWork],
    messages: MessageBridge,
    staff_id: str,
    on_closed: Callable[[], None],
) -> QDialog:
    """The dialog for the tapped "Asked for" row; once recorded, the message strip says what was recorded."""
    sku, name = entry.data(DEMAND_ROLE)
    dialog = DemandDialog(worker, new_uow, staff_id, sku, str(name), parent)

    def recorded(taken: DemandTaken) -> None:
        messages.info(taken.summary)

    dialog.recorded.connect(recorded)
    return open_dialog(dialog, on_closed)
