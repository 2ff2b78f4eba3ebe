"""The bodies of the admin API's webhooks, staff, settings, commissions, vouchers and close endpoints
(sync/hub/admin_webhooks.py, sync/hub/admin_event.py), each with its limits and an example."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sync.hub.admin_models import EVENT_ID
from sync.hub.store.webhook_outbox import EVENT_TYPES
from sync.pin_hashes import PIN_MAX_LENGTH, PIN_MIN_LENGTH

WebhookType = Literal[
    "sale.completed",
    "pickup.handed_over",
    "return.recorded",
    "voucher.issued",
    "stock.low",
    "stock.sold_out",
    "conflict.raised",
    "event.closed",
    "group_buy.pickup_order",
    "group_buy.refund_due",
    "demand.recorded",
]
assert set(get_args(WebhookType)) == set(EVENT_TYPES), "the API offers every webhook type the hub sends"
OneLine = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")]
Who = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Pin = Annotated[str, StringConstraints(pattern=rf"^[0-9]{{{PIN_MIN_LENGTH},{PIN_MAX_LENGTH}}}$")]
SUBSCRIPTION_ID = "8a0c3e52-6f1b-4d2a-9c77-1e5b0f4d2a93"
DELIVERY_ID = "b7e2d9a4-31c8-4f60-8d15-6a2e9c0b7f44"


def _example(example: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


# Webhooks


class WebhookSubscribe(BaseModel):
    model_config = _example({"url": "https://shop.example/hooks/popup", "types": ["sale.completed", "event.closed"]})

    url: Annotated[str, StringConstraints(max_length=2000, pattern=r"^https?://[^\s]+$")] = Field(
        description="The receiver, http:// or https://."
    )
    types: list[WebhookType] = Field(min_length=1, max_length=len(EVENT_TYPES))


class WebhookSubscribed(BaseModel):
    model_config = _example(
        {
            "subscription_id": SUBSCRIPTION_ID,
            "event_id": EVENT_ID,
            "url": "https://shop.example/hooks/popup",
            "types": ["event.closed", "sale.completed"],
            "secret": "whsec_5d1f...",
        }
    )

    subscription_id: str
    event_id: str
    url: str
    types: list[str]
    secret: str = Field(description="Verifies each delivery's signature; shown this once only.")


class WebhookSubscription(BaseModel):
    model_config = _example(
        {
            "id": SUBSCRIPTION_ID,
            "event_id": EVENT_ID,
            "url": "https://shop.example/hooks/popup",
            "types": ["event.closed", "sale.completed"],
            "created_at": "2026-12-02T10:00:00.000+00:00",
        }
    )

    id: str
    event_id: str
    url: str
    types: list[str]
    created_at: str


class WebhookUnsubscribed(BaseModel):
    model_config = _example({"subscription_id": SUBSCRIPTION_ID, "waiting_dropped": 2})

    subscription_id: str
    waiting_dropped: int = Field(description="Deliveries still waiting, which will not be sent now.")


class WebhookAttempt(BaseModel):
    at: str
    status_code: int | None
    error: str | None
    duration_ms: int
    sender: str


class WebhookDelivery(BaseModel):
    model_config = _example(
        {
            "id": DELIVERY_ID,
            "subscription_id": SUBSCRIPTION_ID,
            "event_id": EVENT_ID,
            "type": "sale.completed",
            "payload": {"sale_id": "..."},
            "created_at": "2026-12-02T10:00:01.000+00:00",
            "attempts": 1,
            "state": "delivered",
            "last_status": 200,
            "last_error": None,
            "attempt_log": [
                {
                    "at": "2026-12-02T10:00:01.200+00:00",
                    "status_code": 200,
                    "error": None,
                    "duration_ms": 35,
                    "sender": "hub-1",
                }
            ],
        }
    )

    id: str
    subscription_id: str
    event_id: str
    type: str
    payload: dict[str, Any]
    created_at: str
    attempts: int
    state: str = Field(description="waiting, delivered or failed")
    last_status: int | None
    last_error: str | None
    attempt_log: list[WebhookAttempt]


class WebhookReplayed(BaseModel):
    model_config = _example({"delivery_id": DELIVERY_ID, "url": "https://shop.example/hooks/popup", "status_code": 200})

    delivery_id: str
    url: str
    status_code: int


# Staff, settings and commissions


class StaffAdd(BaseModel):
    model_config = _example({"name": "Lena Roth", "role": "cashier", "pin": "4711"})

    name: Who
    role: Literal["cashier", "pickup_clerk", "manager"]
    pin: Pin = Field(description="Hashed on the hub at once; never stored, logged or shown.")


class StaffPin(BaseModel):
    model_config = _example({"pin": "8256"})

    pin: Pin = Field(description="Hashed on the hub at once; never stored, logged or shown.")


class StaffMember(BaseModel):
    model_config = _example(
        {
            "staff_id": "0d7f3b2a-5c6e-4f81-9a0b-3c2d1e4f5a6b",
            "name": "Lena Roth",
            "role": "cashier",
            "active": True,
            "changed_at": "2026-12-02T09:00:00.000+00:00",
        }
    )

    staff_id: str
    name: str
    role: str
    active: bool
    changed_at: str


class SettingSet(BaseModel):
    model_config = _example({"value": "true"})

    value: Annotated[str, StringConstraints(max_length=200)] = Field(
        description="As typed at 'popup-hub settings set KEY VALUE'."
    )


class SettingRow(BaseModel):
    model_config = _example(
        {
            "key": "receipt_footer",
            "value": "Thank you!",
            "updated_at": "2026-12-02T09:00:00.000+00:00",
            "updated_by": "hub",
        }
    )

    key: str
    value: Any
    updated_at: str
    updated_by: str


class CommissionSet(BaseModel):
    model_config = _example({"maker": "Bergkeramik", "percent": "25"})

    percent: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=12)] = Field(
        description="A percentage from 0 to 100, e.g. 25 or 12.5."
    )
    maker: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = Field(
        default=None, description="The maker's name as the catalog spells it (or give sku, or neither: the default)."
    )
    sku: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = None


class CommissionRow(BaseModel):
    model_config = _example(
        {"scope": "maker", "subject": "Bergkeramik", "rate": "0.25", "updated_at": "2026-12-02T09:00:00.000+00:00"}
    )

    scope: str
    subject: str
    rate: str = Field(description="A fraction: 0.25 for 25%.")
    updated_at: str


# Vouchers


class VoucherIssue(BaseModel):
    model_config = _example({"amount": "20.00", "note": "sold online, order 1042"})

    amount: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)] = Field(
        description="In major units of the event's currency."
    )
    note: OneLine = ""


class VoucherRedemption(BaseModel):
    till_code: str
    sale_id: str
    amount: int
    at: str


class VoucherRow(BaseModel):
    model_config = _example(
        {
            "code": "V-7KQ2MX9PA4",
            "event_id": EVENT_ID,
            "currency": "CHF",
            "issued": 2000,
            "spent": 500,
            "left": 1500,
            "issued_by": "marketplace",
            "issued_at": "2026-12-02T09:00:00.000+00:00",
            "note": "sold online, order 1042",
            "state": "open",
            "redemptions": [{"till_code": "A", "sale_id": "...", "amount": 500, "at": "2026-12-02T11:00:00.000+00:00"}],
        }
    )

    code: str
    event_id: str
    currency: str
    issued: int | None = Field(description="Minor units; null for a code spent at tills but never issued.")
    spent: int
    left: int
    issued_by: str
    issued_at: str
    note: str
    state: str = Field(description="open, used up, over-spent, or not issued (spent at tills, never issued)")
    redemptions: list[VoucherRedemption]


# The close


class EventClose(BaseModel):
    model_config = _example({"by": "Mia (marketplace)"})

    by: Who | None = Field(default=None, description="Who closes the event (default: the API key's name).")
    override: OneLine | None = Field(
        default=None, description="Freeze although tills are not ready; the reason is kept with the freeze."
    )


class ChecklistTill(BaseModel):
    till_id: str
    code: str
    ready: bool
    last_seq_received: int
    last_seq_declared: int | None
    problems: list[str]


class ChecklistConflict(BaseModel):
    conflict_id: int
    kind: str
    subject: str
    till_code: str


class EventChecklist(BaseModel):
    model_config = _example(
        {
            "event_id": EVENT_ID,
            "closed": False,
            "closed_at": None,
            "closed_by": None,
            "override_reason": None,
            "tills": [
                {
                    "till_id": "c2b1f0de-8a54-4f3e-b7a9-2d6e1c0f9b31",
                    "code": "A",
                    "ready": False,
                    "last_seq_received": 41,
                    "last_seq_declared": None,
                    "problems": ["cash not closed: close its cash session and the event on the till, then sync it"],
                }
            ],
            "conflicts_to_review": [],
        }
    )

    event_id: str
    closed: bool
    closed_at: str | None
    closed_by: str | None
    override_reason: str | None
    tills: list[ChecklistTill]
    conflicts_to_review: list[ChecklistConflict]


class StockLocationRow(BaseModel):
    model_config = _example({"sku": "MUG-01", "sellable": 20, "places": {"stall": 4, "till:A": 16}})

    sku: str
    sellable: int
    places: dict[str, int]
