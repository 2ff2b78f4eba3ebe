"""Made-up sales as a till sends them (sync/records/facts.py SaleCompleted), for the report benchmarks and the
report screens that need many sales."""

from __future__ import annotations

import random
import uuid
from decimal import Decimal
from typing import Any

PRODUCTS = 500


def sale_payload(till_code: str, number: int, rng: random.Random) -> dict[str, Any]:
    """A sale as a till sends it (sync/records/facts.py SaleCompleted): 1 to 4 lines, paid by card or cash."""
    lines: list[dict[str, Any]] = []
    for line_no in range(1, rng.randint(1, 4) + 1):
        sku_number = rng.randint(1, PRODUCTS)
        quantity, price = rng.randint(1, 3), 100 * rng.randint(3, 60)
        rate = "0.081" if sku_number % 4 else "0.026"
        total = quantity * price
        lines.append(
            {
                "line_no": line_no,
                "product_id": str(uuid.uuid4()),
                "sku": f"GEN-{sku_number:06d}",
                "name": f"Product {sku_number}",
                "variant": "",
                "maker_id": str(uuid.uuid4()),
                "maker_name": f"Maker {sku_number % 40}",
                "quantity": quantity,
                "unit_price": price,
                "discount": 0,
                "tax_rate": rate,
                "tax": int((Decimal(total) * Decimal(rate) / (1 + Decimal(rate))).quantize(Decimal(1))),
                "total": total,
            }
        )
    total = sum(line["total"] for line in lines)
    at = f"2026-12-05T{10 + number % 8:02d}:{number % 60:02d}:00.000+00:00"
    return {
        "sale_id": str(uuid.uuid4()),
        "receipt_no": f"{till_code}-{number:06d}",
        "till_id": "",
        "event_id": "",
        "staff_id": str(uuid.uuid4()),
        "created_at": at,
        "cash_session_id": None,
        "currency": "CHF",
        "prices_include_tax": True,
        "subtotal": total,
        "discount_total": 0,
        "tax_total": sum(line["tax"] for line in lines),
        "total": total,
        "rounding": 0,
        "change": 0,
        "lines": lines,
        "tenders": [{"kind": rng.choice(("card", "cash")), "amount": total, "reference": ""}],
    }
