"""The ``demand.recorded`` webhook's data (docs/webhooks.md, docs/demand.md).

Apart from sync/hub/store/demand.py, so that webhook_outbox.py imports no store module.
"""

from __future__ import annotations

from typing import Any


def demand_webhook(payload: dict[str, Any], till: str) -> dict[str, Any]:
    """What the marketplace hears of a demand entry; the contact only when the customer consented to it."""
    consented = payload.get("consent") is True and payload.get("contact") is not None
    return {
        "demand_id": payload["demand_id"],
        "till": till,
        "sku": payload["sku"],
        "product_name": payload["product_name"],
        "item": payload["item"],
        "quantity": payload["quantity"],
        "note": payload["note"],
        "recorded_at": payload["recorded_at"],
        "contact": payload["contact"] if consented else None,
        "consent_wording": payload["consent_wording"] if consented else None,
    }
