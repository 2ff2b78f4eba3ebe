"""The admin API's group buys: the work of ``popup-hub groupbuys add|list|close`` (docs/group_buys.md).

Creating and closing take the ``orders:write`` scope (a reached group buy's
close makes pickup orders), listing ``orders:read``.

No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from sync.hub.admin_common import CONFLICT, NOT_FOUND, AdminContext, EventId, refusals, unprocessable
from sync.hub.store import group_buys as kept
from sync.records import GroupBuyChanged

GroupBuyId = Annotated[str, Path(max_length=64)]


class GroupBuyCreate(BaseModel):
    """A new group buy; ``price`` is what one unit's commitment costs, in minor units."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "name": "Hand-thrown teapot",
                "sku": "ATE-001",
                "minimum": 50,
                "deadline": "2026-12-06T18:00:00+01:00",
                "price": 2000,
                "payment": "deposit",
            }
        },
    )

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    sku: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")]
    minimum: Annotated[int, Field(ge=1, le=9999)]
    deadline: Annotated[str, StringConstraints(max_length=40)]
    price: Annotated[int, Field(ge=1, le=10**12 - 1)]
    payment: Literal["deposit", "full"] = "deposit"


class GroupBuyClosed(BaseModel):
    group_buy: GroupBuyChanged
    closed_now: bool
    pickup_orders: int
    refunds_due: int


def add_group_buy_routes(router: APIRouter, admin: AdminContext) -> None:
    store = admin.store

    @router.post(
        "/events/{event_id}/group-buys",
        status_code=201,
        response_model=GroupBuyChanged,
        responses={404: NOT_FOUND, 409: CONFLICT, 422: unprocessable("A field is out of its limits.")},
        dependencies=[admin.scoped("orders:write")],
    )
    def create_group_buy(event_id: EventId, body: GroupBuyCreate) -> GroupBuyChanged:
        admin.event_exists(event_id)
        with refusals(), store.engine.begin() as connection:
            return kept.add_group_buy(
                connection,
                event_id,
                name=body.name,
                sku=body.sku,
                minimum=body.minimum,
                deadline=body.deadline,
                price=body.price,
                payment=body.payment,
            )

    @router.get(
        "/events/{event_id}/group-buys",
        response_model=list[GroupBuyChanged],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("orders:read")],
    )
    def list_group_buys(event_id: EventId) -> list[GroupBuyChanged]:
        with admin.reading(event_id) as connection:
            return kept.list_group_buys(connection, event_id)

    @router.post(
        "/events/{event_id}/group-buys/{group_buy_id}/close",
        response_model=GroupBuyClosed,
        responses={
            404: NOT_FOUND,
            409: CONFLICT,
            503: {"description": "The group buy reached its minimum and the hub has no signing key configured."},
        },
        dependencies=[admin.scoped("orders:write")],
    )
    def close_group_buy(event_id: EventId, group_buy_id: GroupBuyId) -> GroupBuyClosed:
        with admin.reading(event_id) as connection, refusals():
            found = [item for item in kept.list_group_buys(connection, event_id) if item.group_buy_id == group_buy_id]
        if not found:
            raise HTTPException(404, f"No group buy {group_buy_id} at event {event_id}: GET its group buys.")
        key = admin.signing_key() if admin.signing_key_file() else None
        with refusals(), store.engine.begin() as connection:
            closed = kept.close_group_buy(connection, event_id, group_buy_id, key)
        return GroupBuyClosed(
            group_buy=closed.group_buy,
            closed_now=closed.closed_now,
            pickup_orders=closed.pickup_orders,
            refunds_due=closed.refunds_due,
        )
