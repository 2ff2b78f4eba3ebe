"""The admin API's pickup orders and the keys that sign them: the work of ``popup-hub pickup`` and ``keys``.

No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from sync.hub.admin_common import CONFLICT, NOT_FOUND, AdminContext, EventId, refusals
from sync.hub.admin_models import OrderCreate, OrderCreated, OrderRow, SigningKeyCreated, SigningKeyRow
from sync.hub.admin_paging import PAGED, UNKNOWN_CURSOR, After, Limit, page
from sync.hub.api import Problem
from sync.hub.store import marketplace_orders, pickups
from sync.hub.store.marketplace_orders import MarketplaceOrder
from sync.pickup_codes import private_key_pem


def add_order_routes(router: APIRouter, admin: AdminContext) -> None:
    store = admin.store

    def orders_of(connection: Connection, event_id: str) -> list[OrderRow]:
        listed = pickups.list_pickups(connection, event_id)
        external = marketplace_orders.external_ids(connection, event_id)
        by_id = {order["order_id"]: order for order in listed}
        return [
            OrderRow(
                order_id=order["order_id"],
                number=order["number"],
                external_id=external.get(order["order_id"]),
                customer_name=order["customer_name"],
                state=marketplace_orders.order_state(order, by_id),
                lines=order["lines"],
                member_order_ids=order["member_order_ids"],
            )
            for order in listed
        ]

    @router.post(
        "/events/{event_id}/orders",
        status_code=201,
        response_model=OrderCreated,
        responses={
            200: {"model": OrderCreated, "description": "This external id was already this very order."},
            404: NOT_FOUND,
            409: {"model": Problem, "description": "The external id is another order, or the hub refuses this one."},
            503: {"model": Problem, "description": "The hub has no signing key configured for the admin API."},
        },
        dependencies=[admin.scoped("orders:write")],
    )
    def create_order(event_id: EventId, body: OrderCreate) -> Response:
        admin.event_exists(event_id)
        order = MarketplaceOrder(
            external_id=body.external_id,
            customer_name=body.customer_name,
            number=body.number or body.external_id,
            items=[(line.sku, line.quantity) for line in body.lines],
            members=body.members,
            notes=body.notes,
            valid_days=body.valid_days,
        )
        private_key = admin.signing_key()

        def create() -> tuple[pickups.PickupCreated, bool]:
            with store.engine.begin() as connection:
                return marketplace_orders.create_order(connection, event_id, order, private_key)

        with refusals():
            try:
                created, new = create()
            except IntegrityError:
                # The same order sent twice at once: the second sees the first's now.
                created, new = create()
        answer = OrderCreated(
            order_id=created.order_id,
            number=created.number,
            external_id=body.external_id,
            code=created.code,
            created=new,
        )
        return JSONResponse(answer.model_dump(), status_code=201 if new else 200)

    @router.post(
        "/events/{event_id}/orders/{number}/cancel",
        response_model=OrderRow,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("orders:write")],
    )
    def cancel_order(
        event_id: EventId,
        number: Annotated[str, Path(max_length=64)],
        force: Annotated[bool, Query(description="Cancel even if items were handed over.")] = False,
    ) -> OrderRow:
        with admin.reading(event_id) as connection:
            if not any(order.number == number for order in orders_of(connection, event_id)):
                raise HTTPException(404, f"No pickup order {number} at event {event_id}: GET its orders to see them.")
        with refusals():
            store.cancel_pickup(event_id, number, force)
        with store.engine.connect() as connection:
            return next(order for order in orders_of(connection, event_id) if order.number == number)

    @router.get(
        "/events/{event_id}/orders",
        response_model=list[OrderRow],
        responses={200: PAGED, 404: NOT_FOUND, 422: UNKNOWN_CURSOR},
        dependencies=[admin.scoped("orders:read")],
    )
    def list_orders(
        event_id: EventId,
        answer: Response,
        state: Annotated[
            Literal["waiting", "partly collected", "collected", "cancelled"] | None, Query(description="Only these.")
        ] = None,
        limit: Limit = None,
        after: After = None,
    ) -> list[OrderRow]:
        with admin.reading(event_id) as connection:
            listed = orders_of(connection, event_id)
        chosen = [order for order in listed if state is None or order.state == state]
        return page(chosen, lambda order: order.number, limit, after, answer)

    @router.post(
        "/signing-keys",
        status_code=201,
        response_model=SigningKeyCreated,
        responses={409: CONFLICT},
        dependencies=[admin.scoped("keys:write")],
    )
    def create_signing_key() -> SigningKeyCreated:
        with refusals():
            key_id, private_key = store.create_signing_key()
        return SigningKeyCreated(key_id=key_id, private_key_pem=private_key_pem(private_key).decode())

    @router.get("/signing-keys", response_model=list[SigningKeyRow], dependencies=[admin.scoped("keys:write")])
    def list_signing_keys() -> list[SigningKeyRow]:
        return [SigningKeyRow(**key) for key in store.signing_keys()]

    @router.post(
        "/signing-keys/{key_id}/revoke",
        response_model=SigningKeyRow,
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("keys:write")],
    )
    def revoke_signing_key(key_id: Annotated[int, Path(ge=1, le=pickups.MAX_KEY_ID)]) -> SigningKeyRow:
        with refusals(404):
            store.revoke_signing_key(key_id)
        return next(SigningKeyRow(**key) for key in store.signing_keys() if key["key_id"] == key_id)
