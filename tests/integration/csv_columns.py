"""The columns of the event's CSV export that hold money."""

from __future__ import annotations

# The amounts of each file, as the export has always written them: major units, then ``<name>_minor``.
MONEY_COLUMNS = frozenset(
    {
        "subtotal",
        "discount_total",
        "tax_total",
        "total",
        "rounding",
        "change_given",
        "catalog_unit_price",
        "unit_price",
        "line_discount",
        "cart_discount_share",
        "markdown",
        "bundle",
        "tax",
        "amount",
        "tendered",
        "refund_total",
        "refund",
    }
)
