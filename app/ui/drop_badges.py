"""What the counter says is left of a product in a drop: its counter allocation, always ("8 left")."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.ui.stock_badges import stock_badge


def counter_badge(left: int | None, drop_left: int | None) -> str:
    """A drop's product shows what is left of the counter's allocation however many; others, the stock badge."""
    if drop_left is None:
        return stock_badge(left)
    if drop_left <= 0:
        return QCoreApplication.translate("StockBadge", "Sold out")
    return QCoreApplication.translate("StockBadge", "{0} left").format(drop_left)
