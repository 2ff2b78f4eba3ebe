"""Voucher records pushed straight to a hub store: a fresh event, a voucher issued, a sale paid by it."""

from __future__ import annotations

import uuid

from sync.hub.store import AuthenticatedTill, HubStore
from sync.protocol import EventInfo, TaxClassInfo
from sync.records import SaleCompleted, VoucherIssued

TILL_CODES = ("A", "B", "C")
LINE_SKU = "CUSTOM-AMOUNT.standard"
STAFF = str(uuid.uuid4())


def new_event(store: HubStore) -> tuple[str, list[AuthenticatedTill]]:
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Voucher fair",
            place="",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081")],
        )
    )
    tills = []
    for code in TILL_CODES:
        enrolled = store.enroll(store.create_enroll_code(event_id, code))
        till = store.authenticate(enrolled.token)
        assert till is not None
        tills.append(till)
    return event_id, tills


def issue_record(code: str, amount: int) -> dict[str, object]:
    return VoucherIssued(
        voucher_id=str(uuid.uuid4()), code=code, currency="CHF", amount=amount, issued_at="2026-12-05T10:00:00+00:00"
    ).to_payload()


def sale_record(till: AuthenticatedTill, number: int, code: str, amount: int) -> dict[str, object]:
    return SaleCompleted.model_validate(
        {
            "sale_id": str(uuid.uuid4()),
            "receipt_no": f"{till.code}-{number:06d}",
            "till_id": till.till_id,
            "event_id": till.event_id,
            "staff_id": STAFF,
            "created_at": f"2026-12-05T11:{number % 60:02d}:00+00:00",
            "cash_session_id": None,
            "currency": "CHF",
            "prices_include_tax": True,
            "subtotal": amount,
            "discount_total": 0,
            "tax_total": 0,
            "total": amount,
            "rounding": 0,
            "change": 0,
            "lines": [
                {
                    "line_no": 1,
                    "product_id": str(uuid.uuid4()),
                    "sku": LINE_SKU,
                    "name": "Custom amount",
                    "variant": "",
                    "maker_id": str(uuid.uuid4()),
                    "maker_name": "The shop",
                    "quantity": 1,
                    "unit_price": amount,
                    "discount": 0,
                    "tax_rate": "0",
                    "tax": 0,
                    "total": amount,
                }
            ],
            "tenders": [{"kind": "voucher", "amount": amount, "reference": code}],
        }
    ).to_payload()
