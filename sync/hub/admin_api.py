"""The admin API under /v1/admin/: what the ``popup-hub`` commands do, for a marketplace, with scoped API keys.

Each endpoint calls the hub functions its command calls (HubStore and the
store modules), so the two cannot drift; docs/admin_api.md lists them. The
orders and signing keys are in sync/hub/admin_orders.py, what every endpoint
shares in sync/hub/admin_common.py. No postponed annotations here: FastAPI
reads the endpoint signatures at run time.
"""

import csv
import io
import logging
import uuid
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import Response
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.event_figures_csv import EVENT_HEADER, SETTLEMENT_HEADER, Line, csv_text, event_rows, settlement_rows
from sync.hub.admin_close import add_close_routes
from sync.hub.admin_common import CONFLICT, NOT_FOUND, PREFIX, REFUSED, AdminContext, EventId, refusals
from sync.hub.admin_drops import add_drop_routes
from sync.hub.admin_event import add_event_routes
from sync.hub.admin_group_buys import add_group_buy_routes
from sync.hub.admin_keys import add_key_routes
from sync.hub.admin_makers import add_maker_routes
from sync.hub.admin_models import (
    CATALOG_EXAMPLE,
    CatalogImported,
    CatalogProduct,
    ConflictReview,
    ConflictRow,
    EnrollCodeCreated,
    EnrollCodeRequest,
    EventCreate,
    ReportTable,
    StockLevel,
    StockRow,
    TillRow,
)
from sync.hub.admin_orders import add_order_routes
from sync.hub.admin_paging import PAGED, UNKNOWN_CURSOR, After, Limit, page
from sync.hub.admin_pricing import add_pricing_routes
from sync.hub.admin_scorecards import add_scorecard_routes
from sync.hub.admin_webhooks import add_webhook_routes
from sync.hub.api import Problem
from sync.hub.commands.reports import Z_HEADER, z_row
from sync.hub.store import HubStore, admin_reads, api_keys
from sync.hub.store import event_close as closing
from sync.hub.store import reports as figures_store
from sync.hub.store.availability import stock_figures
from sync.protocol import EventInfo, TaxClassInfo

log = logging.getLogger(__name__)

_PRODUCTS = TypeAdapter(list[CatalogProduct])
MAX_PRODUCTS = 10_000


class AdminCallLog:
    """Writes every call under /v1/admin/ to the call log (``popup-hub apikey log``) before its answer leaves."""

    def __init__(self, app: ASGIApp, store: HubStore) -> None:
        self.app = app
        self.store = store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(f"{PREFIX}/"):
            await self.app(scope, receive, send)
            return
        # The scope's state is the request's state: the key check puts the key's name there.
        state = scope.setdefault("state", {})
        query = scope.get("query_string", b"").decode("latin-1")
        path = f"{scope['path']}?{query}" if query else scope["path"]

        async def logged(message: Message) -> None:
            if message["type"] == "http.response.start":
                await run_in_threadpool(self.write, state.get("api_key_name"), scope["method"], path, message["status"])
            await send(message)

        await self.app(scope, receive, logged)

    def write(self, key_name: str | None, method: str, path: str, status: int) -> None:
        try:
            with self.store.engine.begin() as connection:
                api_keys.log_call(connection, key_name, method, path, status)
        except SQLAlchemyError:
            log.exception("admin call log: %s %s (%s) could not be written", method, path, status)


def catalog_csv(products: list[CatalogProduct]) -> bytes:
    """Products sent as JSON, as the catalog CSV every import reads: one set of rules for both ways in."""
    columns = ("sku", "name", "maker", "tax_class", "price", "variant", "category", "barcodes")
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(columns)
    for product in products:
        writer.writerow([*(getattr(product, column) for column in columns[:-1]), " ".join(product.barcodes)])
    return text.getvalue().encode()


def include_admin_api(app: FastAPI, store: HubStore) -> None:
    """The admin endpoints, and the log of their calls, on the hub's app."""
    app.include_router(admin_router(store, lambda: app.state.settings.signing_key))
    app.add_middleware(AdminCallLog, store=store)


def admin_router(store: HubStore, signing_key_file: Callable[[], str]) -> APIRouter:
    router = APIRouter(prefix=PREFIX, tags=["admin"], responses=REFUSED)
    admin = AdminContext(store, signing_key_file)

    # Events, enroll codes and tills

    @router.post(
        "/events",
        status_code=201,
        response_model=EventInfo,
        responses={409: CONFLICT},
        dependencies=[admin.scoped("events:write")],
    )
    def create_event(body: EventCreate) -> EventInfo:
        info = EventInfo(
            event_id=str(body.event_id or uuid.uuid4()),
            name=body.name,
            place=body.place,
            currency=body.currency,
            locale=body.locale,
            prices_include_tax=body.prices_include_tax,
            cash_rounding_step=body.cash_rounding_step,
            tax_classes=[TaxClassInfo(**tax.model_dump()) for tax in body.tax_classes],
        )
        with store.engine.connect() as connection:
            if admin_reads.event_infos(connection, info.event_id):
                raise HTTPException(409, f"The event {info.event_id} exists already: choose another id.")
        try:
            store.create_event(info)
        except IntegrityError:
            raise HTTPException(409, f"The event {info.event_id} exists already: choose another id.") from None
        return info

    @router.get("/events", response_model=list[EventInfo], dependencies=[admin.scoped("events:read")])
    def list_events() -> list[EventInfo]:
        with store.engine.connect() as connection:
            return admin_reads.event_infos(connection)

    @router.get(
        "/events/{event_id}",
        response_model=EventInfo,
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("events:read")],
    )
    def show_event(event_id: EventId) -> EventInfo:
        with store.engine.connect() as connection:
            return admin.known_event(connection, event_id)

    @router.post(
        "/events/{event_id}/enroll-codes",
        status_code=201,
        response_model=EnrollCodeCreated,
        responses={
            404: NOT_FOUND,
            409: {"model": Problem, "description": "A till of the event has this till code already; choose another."},
        },
        dependencies=[admin.scoped("tills:write")],
    )
    def create_enroll_code(event_id: EventId, body: EnrollCodeRequest) -> EnrollCodeCreated:
        admin.event_exists(event_id)
        with refusals():
            code = store.create_enroll_code(event_id, body.till_code)
        return EnrollCodeCreated(event_id=event_id, till_code=body.till_code.upper(), code=code)

    @router.get(
        "/events/{event_id}/tills",
        response_model=list[TillRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("events:read")],
    )
    def list_tills(event_id: EventId) -> list[TillRow]:
        with admin.reading(event_id) as connection:
            listed = admin_reads.event_tills(connection, event_id)
        return [TillRow(till_id=till.till_id, code=till.code, revoked=till.revoked) for till in listed]

    @router.post(
        "/tills/{till_id}/revoke",
        status_code=204,
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("tills:write")],
    )
    def revoke_till(till_id: Annotated[str, Path(max_length=64)]) -> Response:
        with refusals(404):
            store.revoke_till(till_id)
        return Response(status_code=204)

    # Catalog and stock

    @router.put(
        "/catalog",
        response_model=CatalogImported,
        responses={
            400: {"model": Problem, "description": "The body cannot be read as JSON or as UTF-8 CSV."},
            409: CONFLICT,
            415: {"model": Problem, "description": "Send application/json or text/csv."},
            422: {"model": Problem, "description": "The catalog was refused whole; the detail lists each line."},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {
                        "schema": {
                            "type": "array",
                            "maxItems": MAX_PRODUCTS,
                            "items": CatalogProduct.model_json_schema(),
                        },
                        "example": [CATALOG_EXAMPLE],
                    },
                    "text/csv": {
                        "schema": {"type": "string"},
                        "example": "sku,name,maker,tax_class,price\nMUG-01,Stoneware mug,Bergkeramik,standard,24.50\n",
                    },
                },
            }
        },
        dependencies=[admin.scoped("catalog:write")],
    )
    async def import_catalog(
        request: Request,
        # Checked by import_catalog, whose refusals are 422 Problems like the rest of this endpoint's.
        currency: Annotated[str | None, Query(description="ISO 4217 code of the prices (default: the events')")] = None,
    ) -> CatalogImported:
        media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type not in ("application/json", "text/csv"):
            raise HTTPException(415, "Send the catalog as application/json (a list of products) or as text/csv.")
        data = await request.body()
        if media_type == "application/json":
            try:
                products = _PRODUCTS.validate_json(data)
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                where = ".".join(str(part) for part in first["loc"]) or "the body"
                raise HTTPException(422, f"The catalog is not a list of products: {where}: {first['msg']}.") from None
            if len(products) > MAX_PRODUCTS:
                raise HTTPException(422, f"{len(products)} products in one call: send at most {MAX_PRODUCTS}.")
            data = catalog_csv(products)
        return await run_in_threadpool(_import, data, currency)

    def _import(data: bytes, currency: str | None) -> CatalogImported:
        with refusals(422):
            imported, warnings = store.import_catalog(data, currency)
        return CatalogImported(imported=imported, warnings=warnings)

    @router.put(
        "/events/{event_id}/stock/{sku}",
        response_model=StockRow,
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("stock:write")],
    )
    def set_stock(event_id: EventId, sku: Annotated[str, Path(max_length=64)], body: StockLevel) -> StockRow:
        admin.event_exists(event_id)
        with refusals():
            store.set_stock(event_id, sku, body.level)
        with store.engine.connect() as connection:
            figures = stock_figures(connection, event_id, [sku])[sku]
        return StockRow(sku=sku, on_hand=figures.on_hand, reserved=figures.reserved, available=figures.available)

    @router.get(
        "/events/{event_id}/stock",
        response_model=list[StockRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("events:read")],
    )
    def show_stock(event_id: EventId) -> list[StockRow]:
        with admin.reading(event_id) as connection:
            figures = stock_figures(connection, event_id)
        return [
            StockRow(sku=sku, on_hand=each.on_hand, reserved=each.reserved, available=each.available)
            for sku, each in sorted(figures.items())
        ]

    # Conflicts and reports

    @router.get(
        "/conflicts",
        response_model=list[ConflictRow],
        responses={200: PAGED, 422: UNKNOWN_CURSOR},
        dependencies=[admin.scoped("conflicts:read")],
    )
    def list_conflicts(
        answer: Response,
        state: Annotated[Literal["open", "reviewed", "all"], Query()] = "all",
        limit: Limit = None,
        after: After = None,
    ) -> list[ConflictRow]:
        reviewed = {"open": False, "reviewed": True, "all": None}[state]
        with store.engine.connect() as connection:
            listed = [ConflictRow(**row) for row in admin_reads.reviewed_conflicts(connection, reviewed)]
        return page(listed, lambda row: str(row.conflict_id), limit, after, answer)

    @router.post(
        "/conflicts/{conflict_id}/review",
        response_model=ConflictRow,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("conflicts:write")],
    )
    def review_conflict(
        conflict_id: Annotated[int, Path(ge=1, le=2**31 - 1)],  # conflicts.id is a 32-bit integer
        body: ConflictReview,
        request: Request,
    ) -> ConflictRow:
        with store.engine.begin() as connection:
            if not admin_reads.reviewed_conflicts(connection, None, conflict_id):
                raise HTTPException(404, f"No conflict {conflict_id} on this hub: GET {PREFIX}/conflicts lists them.")
            with refusals():
                closing.review_conflict(connection, conflict_id, body.by or request.state.api_key_name, body.note)
        with store.engine.connect() as connection:
            return ConflictRow(**admin_reads.reviewed_conflicts(connection, True, conflict_id)[0])

    @router.get(
        "/events/{event_id}/reports/{report}",
        response_model=ReportTable,
        responses={
            200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": "The report."},
            404: NOT_FOUND,
        },
        dependencies=[admin.scoped("reports:read")],
    )
    def report(
        event_id: EventId,
        report: Literal["event", "settlement", "z"],
        format: Annotated[Literal["json", "csv"], Query(description="csv: UTF-8, amounts in minor units")] = "json",
    ) -> Any:
        with admin.reading(event_id) as connection:
            heading = figures_store.heading(connection, event_id)
            note = ""
            if report == "event":
                header: tuple[str, ...] = EVENT_HEADER
                rows: list[Line] = event_rows(figures_store.figures(connection, event_id), heading.currency)
            elif report == "settlement":
                settlements, note = figures_store.settlements(connection, event_id)
                header, rows = SETTLEMENT_HEADER, settlement_rows(settlements)
            else:
                header, rows = Z_HEADER, [z_row(z) for z in figures_store.z_reports(connection, event_id)]
        if format == "csv":
            return Response("\ufeff" + csv_text(header, rows), media_type="text/csv")
        return ReportTable(
            event_id=event_id,
            report=report,
            currency=heading.currency,
            columns=list(header),
            rows=[list(row) for row in rows],
            note=note,
        )

    add_order_routes(router, admin)
    add_event_routes(router, admin)
    add_pricing_routes(router, admin)
    add_drop_routes(router, admin)
    add_close_routes(router, admin)
    add_webhook_routes(router, admin)
    add_key_routes(router, admin)
    add_group_buy_routes(router, admin)
    add_maker_routes(router, admin)
    add_scorecard_routes(router, admin)
    return router
