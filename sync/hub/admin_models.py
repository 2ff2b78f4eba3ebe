"""The admin API's request and answer bodies (sync/hub/admin_api.py), each with its limits and an example."""

from __future__ import annotations

from typing import Annotated, Any, Self

from babel.numbers import is_currency
from pydantic import UUID4, BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$")]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
OrderNumber = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._/#-]{0,63}$")]
Sku = Annotated[str, StringConstraints(min_length=1, max_length=64)]
EVENT_ID = "3f1c9a6e-2b7d-4c55-9e0a-8d4f1b2c3a10"


def _example(example: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class TaxClassCreate(BaseModel):
    code: Code
    name: Name
    rate: Annotated[str, StringConstraints(pattern=r"^(0(\.[0-9]{1,6})?|1(\.0{1,6})?)$")] = Field(
        description="A fraction: 0.081 for 8.1%."
    )


class EventCreate(BaseModel):
    model_config = _example(
        {
            "name": "Winter Makers Market",
            "place": "Kanzlei, Zurich",
            "currency": "CHF",
            "locale": "de_CH",
            "prices_include_tax": True,
            "cash_rounding_step": 5,
            "tax_classes": [{"code": "standard", "name": "VAT 8.1%", "rate": "0.081"}],
        }
    )

    event_id: UUID4 | None = Field(
        default=None, description="A UUID chosen by the marketplace (a retry then cannot make a second event)."
    )
    name: Name
    place: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
    locale: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(_[A-Z]{2})?$")] = "en_GB"
    prices_include_tax: bool = True
    cash_rounding_step: int = Field(default=1, ge=1, le=100_000, description="Cash rounding step in minor units.")
    tax_classes: list[TaxClassCreate] = Field(min_length=1, max_length=20)

    @field_validator("currency")
    @classmethod
    def known_currency(cls, currency: str) -> str:
        if not is_currency(currency):
            raise ValueError(f"'{currency}' is not an ISO 4217 currency code: use one such as EUR")
        return currency


class EnrollCodeRequest(BaseModel):
    model_config = _example({"till_code": "B"})

    till_code: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9]{1,8}$")] = "A"


class EnrollCodeCreated(BaseModel):
    model_config = _example({"event_id": EVENT_ID, "till_code": "B", "code": "9F2C41AB"})

    event_id: str
    till_code: str
    code: str = Field(description="One-time code, typed on the till's first run; shown only here.")


class TillRow(BaseModel):
    model_config = _example({"till_id": "c2b1f0de-8a54-4f3e-b7a9-2d6e1c0f9b31", "code": "B", "revoked": False})

    till_id: str
    code: str
    revoked: bool


CATALOG_EXAMPLE = {
    "sku": "MUG-01",
    "name": "Stoneware mug",
    "maker": "Bergkeramik",
    "tax_class": "standard",
    "price": "24.50",
}


class CatalogProduct(BaseModel):
    model_config = _example(CATALOG_EXAMPLE)

    sku: Sku
    name: Name
    maker: Name
    tax_class: Code
    price: Annotated[str, StringConstraints(pattern=r"^[0-9]{1,9}([.][0-9]{1,3})?$")] = Field(
        description="In major units of the catalog's currency, as in the CSV: 24.50."
    )
    variant: Annotated[str, StringConstraints(max_length=200)] = ""
    category: Annotated[str, StringConstraints(max_length=200)] = ""
    barcodes: list[Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z-]{1,64}$")]] = Field(
        default_factory=list, max_length=20
    )


class CatalogImported(BaseModel):
    model_config = _example({"imported": 42, "warnings": []})

    imported: int
    warnings: list[str] = Field(description="Cells a spreadsheet would run as formulas, line by line.")


class StockLevel(BaseModel):
    model_config = _example({"level": 24})

    level: int = Field(ge=0, le=10_000_000, description="The units on hand from now on (booked as a movement).")


class StockRow(BaseModel):
    model_config = _example({"sku": "MUG-01", "on_hand": 24, "reserved": 3, "available": 21})

    sku: str
    on_hand: int
    reserved: int = Field(description="Held for paid pickup orders not yet collected.")
    available: int


class OrderLine(BaseModel):
    sku: Sku
    quantity: int = Field(ge=1, le=10_000)


class OrderCreate(BaseModel):
    model_config = _example(
        {
            "external_id": "shop-100234",
            "customer_name": "Mia Keller",
            "lines": [{"sku": "MUG-01", "quantity": 2}],
            "notes": "ID check required",
        }
    )

    external_id: OrderNumber = Field(description="The marketplace's own order id: the same id twice is one order.")
    customer_name: Name
    number: OrderNumber | None = Field(default=None, description="What the customer knows; the external id if none.")
    lines: list[OrderLine] = Field(default_factory=list, max_length=200)
    members: list[OrderNumber] = Field(
        default_factory=list, max_length=100, description="A group leader's order: the members' order numbers."
    )
    notes: Annotated[str, StringConstraints(max_length=1000)] = ""
    valid_days: int = Field(default=60, ge=1, le=366, description="Days the pickup code stays valid.")

    @model_validator(mode="after")
    def lines_or_members(self) -> Self:
        if bool(self.lines) == bool(self.members):
            raise ValueError("give either lines (an order) or members (a group leader's order), not both or neither")
        return self


class OrderCreated(BaseModel):
    model_config = _example(
        {
            "order_id": "0b9d2a55-5f1e-4c39-9a57-4c1f7a0f6c21",
            "number": "shop-100234",
            "external_id": "shop-100234",
            "code": "PU:1:...",
            "created": True,
        }
    )

    order_id: str
    number: str
    external_id: str
    code: str = Field(description="The signed pickup code the customer shows (as a QR code).")
    created: bool = Field(description="False when this external id was already this order.")


class OrderLineState(BaseModel):
    line_id: str
    sku: str
    name: str
    maker: str
    quantity: int
    handed_over: int


class OrderRow(BaseModel):
    model_config = _example(
        {
            "order_id": "0b9d2a55-5f1e-4c39-9a57-4c1f7a0f6c21",
            "number": "shop-100234",
            "external_id": "shop-100234",
            "customer_name": "Mia Keller",
            "state": "partly collected",
            "lines": [
                {
                    "line_id": "1",
                    "sku": "MUG-01",
                    "name": "Stoneware mug",
                    "maker": "Bergkeramik",
                    "quantity": 2,
                    "handed_over": 1,
                }
            ],
            "member_order_ids": [],
        }
    )

    order_id: str
    number: str
    external_id: str | None = Field(description="None for an order made with 'popup-hub pickup create'.")
    customer_name: str
    state: str = Field(description="waiting, partly collected, collected or cancelled.")
    lines: list[OrderLineState]
    member_order_ids: list[str]


class SigningKeyCreated(BaseModel):
    model_config = _example({"key_id": 2, "private_key_pem": "-----BEGIN PRIVATE KEY-----\n..."})

    key_id: int
    private_key_pem: str = Field(
        description="Shown only here: to sign the API's orders with it, write it to the hub's --signing-key file."
    )


class SigningKeyRow(BaseModel):
    model_config = _example(
        {
            "key_id": 1,
            "public_key": "m8Xc2Vq0bC1u6kq3Yx7rJd5fWnT9sH4pLz0aE2gR1vI=",
            "created_at": "2026-12-01T09:00:00.000+00:00",
            "revoked_at": None,
        }
    )

    key_id: int
    public_key: str
    created_at: str
    revoked_at: str | None


class ConflictRow(BaseModel):
    model_config = _example(
        {
            "conflict_id": 7,
            "kind": "pickup_after_cancel",
            "subject": "shop-100234",
            "record_id": "5d7e...",
            "details": {"till": "A", "at": "2026-12-02T15:04:00+00:00"},
            "raised_at": "2026-12-02T15:04:02.120+00:00",
            "reviewed_at": None,
            "reviewed_by": None,
            "note": None,
        }
    )

    conflict_id: int
    kind: str
    subject: str
    record_id: str
    details: dict[str, Any]
    raised_at: str
    reviewed_at: str | None
    reviewed_by: str | None
    note: str | None


class ConflictReview(BaseModel):
    model_config = _example({"note": "Customer called, refund agreed."})

    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
    by: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] | None = Field(
        default=None, description="Who reviewed it; the API key's name when none is given."
    )


class ReportTable(BaseModel):
    """A report as the rows of its CSV (the same columns, amounts in minor units), so the two never differ."""

    model_config = _example(
        {
            "event_id": EVENT_ID,
            "report": "z",
            "currency": "CHF",
            "columns": ["till", "session", "number"],
            "rows": [["A", 1, "A-Z0001"]],
            "note": "",
        }
    )

    event_id: str
    report: str
    currency: str
    columns: list[str]
    rows: list[list[str | int]]
    note: str
