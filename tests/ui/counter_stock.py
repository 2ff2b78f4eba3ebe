"""Stock as the counter shows it: the hub's levels stored as a sync stores them (``pulled``), quick keys placed
and read back, and the pillar candles the stock tests sell."""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton

from app.domain.clock import now_iso
from app.domain.quick_keys import DEFAULT_COLOUR
from app.services.quick_keys import set_quick_key
from app.store.outbox import OutboxStatus
from app.ui.main_window import MainWindow
from tests.conftest import DemoTill

SMALL_PILLAR, LARGE_PILLAR = "ATE-002", "ATE-003"


def pulled(demo: DemoTill, levels: dict[str, int]) -> None:
    """The hub's levels as a sync stores them, once the hub has answered the demo's own records."""
    with demo.till.uow() as uow:
        waiting = uow.outbox.records(OutboxStatus.WAITING)
        uow.outbox.record_answers([(record.record_id, "applied", None) for record in waiting], now_iso())
        uow.hub.set_stock_levels(levels)
        uow.commit()


def place_key(demo: DemoTill, sku: str, position: int) -> None:
    with demo.till.uow() as uow:
        product = uow.catalog.by_code(sku)
    assert product is not None
    set_quick_key(product.item.product_id, "Candles", position, DEFAULT_COLOUR, demo.manager, demo.till.uow())


def key_texts(window: MainWindow) -> dict[str, str]:
    """The quick keys on the panel's pages now (pages it replaced may linger until deleted)."""
    tabs = window.sell.quick_tabs.tabs
    keys = [key for page in range(tabs.count()) for key in tabs.widget(page).findChildren(QPushButton, "quickKey")]
    return {key.text().splitlines()[0]: key.text().splitlines()[1] for key in keys}
