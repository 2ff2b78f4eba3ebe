"""The bodies of the admin API's keys and call log (sync/hub/admin_keys.py), each with its limits and an example."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

KeyName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
CREATED_AT = "2026-12-02T09:00:00.000+00:00"


def _example(example: dict[str, Any]) -> ConfigDict:
    return ConfigDict(json_schema_extra={"examples": [example]})


class ApiKeyCreate(BaseModel):
    model_config = _example({"name": "shopify-prod", "scopes": ["orders:read", "orders:write"]})

    name: KeyName = Field(description="Who uses it; kept in the call log. A name is never given to a second key.")
    # Checked against the known scopes by the store, so the API and the command refuse alike.
    scopes: list[Annotated[str, StringConstraints(max_length=40)]] = Field(
        min_length=1, max_length=40, description="Scopes the new key grants; the calling key must hold each."
    )


class ApiKeyRow(BaseModel):
    model_config = _example(
        {
            "name": "shopify-prod",
            "scopes": ["orders:read", "orders:write"],
            "created_at": CREATED_AT,
            "revoked_at": None,
        }
    )

    name: str
    scopes: list[str]
    created_at: str
    revoked_at: str | None


class ApiKeyCreated(ApiKeyRow):
    model_config = _example(
        {
            "name": "shopify-prod",
            "scopes": ["orders:read", "orders:write"],
            "created_at": CREATED_AT,
            "revoked_at": None,
            "key": "pk_5sW0b1J2yq3nR7m8Xc4tVvZk9pLd6hGf0aEe2uQiTo",
        }
    )

    key: str = Field(description="The key itself, shown only here: the hub keeps its SHA-256 alone.")


class AdminCallRow(BaseModel):
    model_config = _example(
        {
            "id": 1042,
            "at": "2026-12-02T15:04:02.120+00:00",
            "key_name": "shopify-prod",
            "method": "POST",
            "path": "/v1/admin/events/3f1c9a6e-2b7d-4c55-9e0a-8d4f1b2c3a10/orders",
            "status": 201,
        }
    )

    id: int = Field(description="The call's place in the log; the Next-After cursor.")
    at: str
    key_name: str | None = Field(description="None when the call sent no known key.")
    method: str
    path: str
    status: int
