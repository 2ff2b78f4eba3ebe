"""The admin API's drops: the work of ``popup-hub drops``, for the marketplace (docs/drops.md).

Each endpoint calls the store functions the command calls (sync/hub/store/drops.py): a drop the
tills would refuse is refused with a 422 saying why, and each change is logged with the API key's
name as who made it. The counts (sold at the counter) come from the tills and cannot be set.
No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from pydantic import BaseModel, ConfigDict, Field

from sync.hub.admin_common import CONFLICT, NOT_FOUND, AdminContext, EventId, change_author, refusals, unprocessable
from sync.hub.store import drops as kept

DropId = Annotated[str, Path(max_length=40, description="The drop's id, as creating it answered.")]
REFUSED_DROP = unprocessable("The tills would refuse this drop (or the catalog lacks a SKU); the detail says why.")


class DropBody(BaseModel):
    """A drop's terms; the whole drop is replaced by a PUT."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Speckled mugs",
                    "skus": ["BER-003", "BER-004"],
                    "release_at": "2026-12-05T14:00:00+01:00",
                    "online_allocation": 30,
                    "counter_allocation": 10,
                    "per_sale_cap": 2,
                    "per_customer_cap": 2,
                }
            ]
        },
    )

    name: str = Field(max_length=200)
    skus: list[str] = Field(min_length=1, max_length=200)
    release_at: str = Field(max_length=40, description="ISO 8601 with its offset.")
    online_allocation: int = Field(ge=0, le=1_000_000)
    counter_allocation: int = Field(ge=0, le=1_000_000)
    per_sale_cap: int | None = Field(default=None, ge=1, le=9999)
    per_customer_cap: int | None = Field(default=None, ge=1, le=9999)


class DropMove(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to_counter: int = Field(
        ge=-1_000_000, le=1_000_000, description="Units from online to the counter; negative: back online."
    )


class DropRow(BaseModel):
    """A drop as the event has it now, with what the tills sold of it at the counter."""

    drop_id: str
    name: str
    skus: list[str]
    release_at: str
    online_allocation: int
    counter_allocation: int
    per_sale_cap: int | None
    per_customer_cap: int | None
    counter_sold: dict[str, int] = Field(description="Units sold at the counter per till code.")
    changed_at: str


def drop_row(state: kept.DropState) -> DropRow:
    change = state.change
    return DropRow(
        drop_id=change.drop_id,
        name=change.name,
        skus=list(change.skus),
        release_at=change.release_at,
        online_allocation=change.online_allocation,
        counter_allocation=change.counter_allocation,
        per_sale_cap=change.per_sale_cap,
        per_customer_cap=change.per_customer_cap,
        counter_sold=dict(change.counter_sold),
        changed_at=change.changed_at,
    )


def _terms(body: DropBody) -> kept.DropTerms:
    return kept.DropTerms(
        body.name,
        tuple(body.skus),
        body.release_at,
        body.online_allocation,
        body.counter_allocation,
        body.per_sale_cap,
        body.per_customer_cap,
    )


def add_drop_routes(router: APIRouter, admin: AdminContext) -> None:
    @router.get(
        "/events/{event_id}/drops",
        response_model=list[DropRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("drops:read")],
    )
    def list_drops(event_id: EventId) -> list[DropRow]:
        with admin.reading(event_id) as connection:
            return [drop_row(state) for state in kept.list_drops(connection, event_id)]

    @router.post(
        "/events/{event_id}/drops",
        status_code=201,
        response_model=DropRow,
        responses={404: NOT_FOUND, 422: REFUSED_DROP},
        dependencies=[admin.scoped("drops:write")],
    )
    def create_drop(event_id: EventId, body: DropBody, request: Request) -> DropRow:
        """A new drop; every till of the event takes it at its next sync."""
        with admin.changing(event_id) as connection, refusals(422):
            return drop_row(kept.save_drop(connection, event_id, _terms(body), changed_by=change_author(request)))

    @router.put(
        "/events/{event_id}/drops/{drop_id}",
        response_model=DropRow,
        responses={404: NOT_FOUND, 422: REFUSED_DROP},
        dependencies=[admin.scoped("drops:write")],
    )
    def replace_drop(event_id: EventId, drop_id: DropId, body: DropBody, request: Request) -> DropRow:
        """Replace a drop's terms; what the tills sold of it stays counted."""
        with admin.changing(event_id) as connection:
            with refusals(404):
                kept.find_drop(connection, event_id, drop_id)
            with refusals(422):
                state = kept.save_drop(connection, event_id, _terms(body), drop_id, changed_by=change_author(request))
        return drop_row(state)

    @router.post(
        "/events/{event_id}/drops/{drop_id}/move",
        response_model=DropRow,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("drops:write")],
    )
    def move(event_id: EventId, drop_id: DropId, body: DropMove, request: Request) -> DropRow:
        """Move unsold units from online to the counter, or back (a negative number)."""
        with admin.changing(event_id) as connection:
            with refusals(404):
                kept.find_drop(connection, event_id, drop_id)
            with refusals():
                state = kept.move_allocation(
                    connection, event_id, drop_id, body.to_counter, changed_by=change_author(request)
                )
        return drop_row(state)
