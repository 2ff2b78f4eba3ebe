"""The hub's HTTP API under /v1/, served by FastAPI (its OpenAPI document is kept in sync/hub/openapi.json).

No postponed annotations here: FastAPI reads the endpoint signatures at run time,
and the dependencies are local to create_app.
"""

import logging
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import SQLAlchemyError

from sync.hub.settings import HubSettings
from sync.hub.store import AuthenticatedTill, HubError, HubStore, PayloadMismatchError
from sync.protocol import (
    MAX_PULL_PAGE,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ChangesPage,
    EnrollRequest,
    EnrollResponse,
    PayloadMismatch,
    PushRequest,
    PushResponse,
    VersionMismatch,
)

log = logging.getLogger(__name__)


class Health(BaseModel):
    """What a load balancer, Docker or systemd reads to know the hub can take records."""

    status: str
    protocol_version: int
    database: str


def create_app(store: HubStore, settings: HubSettings | None = None) -> FastAPI:
    app = FastAPI(title="Pop-up POS hub", version=str(PROTOCOL_VERSION))
    app.state.settings = settings or HubSettings()

    @app.middleware("http")
    async def check_protocol(request: Request, call_next):  # type: ignore[no-untyped-def]
        spoken = request.headers.get(PROTOCOL_HEADER)
        if request.url.path.startswith("/v1/") and spoken is not None and spoken != str(PROTOCOL_VERSION):
            till_version = int(spoken) if spoken.isdigit() else 0
            body = VersionMismatch(
                detail=f"This till speaks sync protocol v{spoken}, the hub speaks v{PROTOCOL_VERSION}: "
                "update the older side.",
                hub_version=PROTOCOL_VERSION,
                till_version=till_version,
            )
            return JSONResponse(body.model_dump(), status_code=426)
        return await call_next(request)

    def till_of(authorization: Annotated[str | None, Header()] = None) -> AuthenticatedTill:
        token = (authorization or "").removeprefix("Bearer ").strip()
        till = store.authenticate(token) if token else None
        if till is None:
            raise HTTPException(401, "Unknown or revoked till: enroll it again with a new code.")
        return till

    @app.get(
        "/v1/health",
        response_model=Health,
        responses={503: {"model": Health, "description": "The hub is up but its database does not answer."}},
    )
    def health() -> Health | JSONResponse:
        # A bare SELECT on a driver connection: through SQLAlchemy, the SQLite hub
        # would begin IMMEDIATE and queue every probe behind the writers.
        try:
            connection = store.engine.raw_connection()
            try:
                cursor = connection.cursor()
                cursor.execute("SELECT 1")
                cursor.fetchone()
            finally:
                connection.close()
        except (SQLAlchemyError, store.engine.dialect.loaded_dbapi.Error):
            log.exception("health check: the database does not answer")
            down = Health(status="unavailable", protocol_version=PROTOCOL_VERSION, database="unreachable")
            return JSONResponse(down.model_dump(), status_code=503)
        return Health(status="ok", protocol_version=PROTOCOL_VERSION, database="ok")

    @app.post("/v1/enroll", response_model=EnrollResponse)
    def enroll(request: EnrollRequest) -> EnrollResponse:
        try:
            return store.enroll(request.code)
        except HubError as error:
            raise HTTPException(403, str(error)) from None

    @app.post(
        "/v1/push",
        response_model=PushResponse,
        responses={422: {"model": PayloadMismatch}},
    )
    def push(request: PushRequest, till: Annotated[AuthenticatedTill, Depends(till_of)]) -> PushResponse | JSONResponse:
        try:
            return PushResponse(answers=store.push(till, request.records))
        except PayloadMismatchError as error:
            body = PayloadMismatch(detail=str(error), event_ids=error.event_ids)
            return JSONResponse(body.model_dump(), status_code=422)

    @app.get("/v1/changes", response_model=ChangesPage)
    def pull(
        till: Annotated[AuthenticatedTill, Depends(till_of)],
        cursor: Annotated[str, Query(max_length=64)] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_PAGE)] = MAX_PULL_PAGE,
    ) -> ChangesPage:
        return store.changes_since(till, cursor, limit)

    return app
