"""How the counter words what is left of a product: "3 left", "Last one", "Sold out" (or nothing)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.domain.stock_left import StockState, stock_state


def stock_badge(left: int | None) -> str:
    """The words for what is left event-wide; empty when plenty is left or the hub never sent a level."""
    match stock_state(left):
        case StockState.SOLD_OUT:
            return QCoreApplication.translate("StockBadge", "Sold out")
        case StockState.LAST_ONE:
            return QCoreApplication.translate("StockBadge", "Last one")
        case StockState.FEW_LEFT:
            return QCoreApplication.translate("StockBadge", "{0} left").format(left)
    return ""


def beyond_stock_tip(left: int) -> str:
    """The tooltip of a cart line wanting more than is left."""
    if left <= 0:
        return QCoreApplication.translate("StockBadge", "Sold out event-wide: this line sells beyond the stock")
    return QCoreApplication.translate("StockBadge", "Only {0} left event-wide: this line sells beyond it").format(left)
