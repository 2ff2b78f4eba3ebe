"""Catalog CSV files of any length, for imports long enough to show their progress."""

from __future__ import annotations


def catalog_csv(rows: int, price: str = "5.00") -> bytes:
    lines = ["sku,name,variant,maker,category,tax_class,price,barcodes"]
    lines += [f"BIG-{n:06d},Card {n},,Print Shop,Cards,standard,{price}," for n in range(rows)]
    return ("\n".join(lines) + "\n").encode()
