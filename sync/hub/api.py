"""The hub's HTTP API under /v1/, served by FastAPI (its OpenAPI document is kept in sync/hub/openapi.json).

No postponed annotations here: FastAPI reads the endpoint signatures at run time,
and the dependencies are local to create_app.
"""

import json
import logging
import re
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, TypeAdapter, ValidationError
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from sync.hub.limits import BodySizeLimit
from sync.hub.page import include_event_page
from sync.hub.relay_api import relay_router
from sync.hub.settings import HubSettings
from sync.hub.store import AuthenticatedTill, HubError, HubStore, PayloadMismatchError
from sync.protocol import (
    MAX_PULL_PAGE,
    MAX_RECORDS_WAITING,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    AnswerStatus,
    ChangesPage,
    EnrollRequest,
    EnrollResponse,
    PayloadMismatch,
    PushedHead,
    PushRecord,
    PushRequest,
    PushResponse,
    RecordAnswer,
    VersionMismatch,
)

log = logging.getLogger(__name__)


class Health(BaseModel):
    """What a load balancer, Docker or systemd reads to know the hub can take records."""

    status: str
    protocol_version: int
    database: str


class Problem(BaseModel):
    """Why a request was refused, in a sentence that says what to do."""

    detail: str


UNKNOWN_TILL: dict[str, Any] = {"model": Problem, "description": "Unknown or revoked till token."}
# Every endpoint under /v1/ can answer these two before it reads the request.
COMMON: dict[int | str, dict[str, Any]] = {
    413: {"model": Problem, "description": "The request body is larger than this hub takes."},
    426: {"model": VersionMismatch, "description": "The till speaks another sync protocol version."},
}
_CURSOR = re.compile(r"^(0|[1-9][0-9]{0,18})\.(0|[1-9][0-9]{0,18})$")
_MAX_CURSOR_PART = 2**63 - 1


def valid_cursor(cursor: str) -> bool:
    """A cursor as the hub writes them (``tx.seq``), within the database's 64-bit integers."""
    match = _CURSOR.fullmatch(cursor)
    return match is not None and all(int(part) <= _MAX_CURSOR_PART for part in match.groups())


_ENVELOPES = TypeAdapter(list[PushRecord])


def read_envelopes(raw_records: list[Any]) -> tuple[list[RecordAnswer | None], list[tuple[int, PushRecord]]]:
    """Each pushed record's envelope on its own: a broken one is answered rejected, the others go on."""
    answers: list[RecordAnswer | None] = [None] * len(raw_records)
    try:
        # A genuine batch is read in one call, at half the cost of one call per record.
        return answers, list(enumerate(_ENVELOPES.validate_python(raw_records)))
    except ValidationError:
        pass
    envelopes: list[tuple[int, PushRecord]] = []
    for index, raw in enumerate(raw_records):
        try:
            envelopes.append((index, PushRecord.model_validate(raw)))
        except ValidationError as error:
            claimed = raw.get("event_id") if isinstance(raw, dict) else None
            first = error.errors(include_url=False)[0]
            where = ".".join(str(part) for part in first["loc"]) or "the record"
            answers[index] = RecordAnswer(
                event_id=claimed if isinstance(claimed, str) and len(claimed) <= 64 else "",
                status=AnswerStatus.REJECTED,
                reason=f"the record's envelope is broken: {where}: {first['msg']}",
            )
    return answers, envelopes


# A push's envelopes (read_envelopes), its audit head (None when the till sent none, a reason when it is broken),
# and the records the till says still wait on it (read_waiting).
ReadPush = tuple[list[RecordAnswer | None], list[tuple[int, PushRecord]], PushedHead | str | None, int | None]


def read_head(raw: Any) -> PushedHead | str | None:
    """The pushed audit head, or why it cannot be read: a broken head refuses no record."""
    if raw is None:
        return None
    try:
        return PushedHead.model_validate(raw)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "the head"
        return f"The audit head is broken: {where}: {first['msg']}. The hub kept the head it had."


def read_waiting(raw: Any) -> int | None:
    """The count of records still waiting on the till, or None when it sent none or one that is not a count:
    the count only informs the event page, so a broken one refuses nothing."""
    if isinstance(raw, int) and not isinstance(raw, bool) and 0 <= raw <= MAX_RECORDS_WAITING:
        return raw
    return None


class _WholeBody(BaseModel):
    """A push body whose every envelope is sound: read from its bytes in one pass (pydantic's JSON parser).

    The head and the count stay as sent: read_head and read_waiting judge them as they do otherwise.
    """

    records: list[PushRecord]
    audit_head: Any = None
    records_waiting: Any = None


_WHOLE_BODY = TypeAdapter(_WholeBody)


def read_push(raw_body: bytes, max_batch: int) -> ReadPush | JSONResponse:
    """The pushed records' envelopes (read_envelopes), audit head and count waiting, or why the body is refused.

    A genuine push is read straight from its bytes, at a third of the cost of
    json.loads and then each envelope; any body that is not (broken JSON, a
    broken envelope) is read the slow way, which says what is wrong and answers
    each record on its own.

    The parsed JSON is dropped on return: kept through the store's work, the
    garbage collector would carry it into its oldest generation and run its
    full collections sooner.
    """
    try:
        whole = _WHOLE_BODY.validate_json(raw_body)
    except (ValueError, RecursionError):  # pydantic's ValidationError is a ValueError
        pass
    else:
        if len(whole.records) > max_batch:
            return _problem(413, f"{len(whole.records)} records in one push: send at most {max_batch}.")
        return (
            [None] * len(whole.records),
            list(enumerate(whole.records)),
            read_head(whole.audit_head),
            read_waiting(whole.records_waiting),
        )
    try:
        body = json.loads(raw_body)
    except (ValueError, RecursionError):
        return _problem(400, 'The body is not JSON: send {"records": [...]}.')
    raw_records = body.get("records") if isinstance(body, dict) else None
    if not isinstance(raw_records, list):
        return _problem(400, 'The body has no list of records: send {"records": [...]}.')
    if len(raw_records) > max_batch:
        return _problem(413, f"{len(raw_records)} records in one push: send at most {max_batch}.")
    return (*read_envelopes(raw_records), read_head(body.get("audit_head")), read_waiting(body.get("records_waiting")))


def _problem(status: int, detail: str) -> JSONResponse:
    return JSONResponse(Problem(detail=detail).model_dump(), status_code=status)


class ProtocolCheck:
    """Answers 426 to a request under /v1/ from a till that speaks another protocol version."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"].startswith("/v1/"):
            spoken = Headers(scope=scope).get(PROTOCOL_HEADER)
            if spoken is not None and spoken != str(PROTOCOL_VERSION):
                till_version = int(spoken) if spoken.isascii() and spoken.isdigit() and len(spoken) < 10 else 0
                body = VersionMismatch(
                    detail=f"This till speaks sync protocol v{spoken}, the hub speaks v{PROTOCOL_VERSION}: "
                    "update the older side.",
                    hub_version=PROTOCOL_VERSION,
                    till_version=till_version,
                )
                await JSONResponse(body.model_dump(), status_code=426)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(
    store: HubStore, settings: HubSettings | None = None, after_push: Callable[[], None] | None = None
) -> FastAPI:
    """The hub's HTTP API; ``after_push`` runs after each stored push (a venue hub's relay worker wakes)."""
    app = FastAPI(title="Pop-up POS hub", version=str(PROTOCOL_VERSION))
    app.state.settings = settings or HubSettings()
    app.add_middleware(BodySizeLimit, max_bytes=app.state.settings.max_body_bytes)
    from sync.hub.admin_api import include_admin_api  # it builds on this module's Problem: imported once it is

    include_admin_api(app, store)
    include_event_page(app, store)
    app.include_router(relay_router(store))

    def document() -> dict[str, Any]:
        # push() reads its body record by record, so PushRequest is added to the components by hand.
        if app.openapi_schema is None:
            built = get_openapi(title=app.title, version=app.version, routes=app.routes)
            schemas = built.setdefault("components", {}).setdefault("schemas", {})
            request_schema = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(request_schema.pop("$defs", {}))
            schemas["PushRequest"] = request_schema
            app.openapi_schema = built
        return app.openapi_schema

    app.openapi = document  # type: ignore[method-assign]

    # Added last, so it runs first: a till of another version hears so before any limit is applied.
    app.add_middleware(ProtocolCheck)

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

    @app.post(
        "/v1/enroll",
        response_model=EnrollResponse,
        responses={
            **COMMON,
            400: {"model": Problem, "description": "The body cannot be read as JSON text."},
            403: {
                "model": Problem,
                "description": "The code is unknown or already used (a retry with the attempt that used it gets "
                "its till back, unless a later try was answered), or its till code has a till on the event already.",
            },
        },
    )
    def enroll(request: EnrollRequest) -> EnrollResponse:
        try:
            return store.enroll(request.code, request.attempt, request.try_number)
        except HubError as error:
            raise HTTPException(403, str(error)) from None

    @app.post(
        "/v1/push",
        response_model=PushResponse,
        responses={
            **COMMON,
            400: {"model": Problem, "description": 'The body is not JSON of the form {"records": [...]}.'},
            401: UNKNOWN_TILL,
            413: {"model": Problem, "description": "Too many records, or too many bytes, in one push."},
            422: {"model": PayloadMismatch, "description": "Record ids already received with another content."},
        },
        # The body is read record by record (one broken record must not refuse the batch), so its
        # schema is declared here rather than taken from a parameter.
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}},
            }
        },
    )
    async def push(request: Request, authorization: Annotated[str | None, Header()] = None) -> Response:
        # The token, the JSON and the store in one trip to a worker thread: the event loop stays free
        # for other tills, and the push is handed between threads once rather than twice.
        return await run_in_threadpool(answer_push, authorization, await request.body())

    def answer_push(authorization: str | None, raw_body: bytes) -> Response:
        till = till_of(authorization)
        read = read_push(raw_body, app.state.settings.max_batch)
        if isinstance(read, JSONResponse):
            return read
        answers, envelopes, head, waiting = read
        try:
            applied, head_answer = store.push_with_head(
                till,
                [record for _index, record in envelopes],
                head if isinstance(head, PushedHead) else None,
                waiting,
            )
        except PayloadMismatchError as error:
            mismatch = PayloadMismatch(detail=str(error), event_ids=error.event_ids)
            return JSONResponse(mismatch.model_dump(), status_code=422)
        for (index, _record), answer in zip(envelopes, applied, strict=True):
            answers[index] = answer
        if after_push is not None and envelopes:
            after_push()
        if isinstance(head, str):
            head_answer = store.head_refused(till, head)
        # Serialised here: FastAPI would validate every answer again against response_model.
        answered = PushResponse(answers=[answer for answer in answers if answer is not None], audit_head=head_answer)
        return Response(answered.model_dump_json(), media_type="application/json")

    @app.get(
        "/v1/changes",
        response_model=ChangesPage,
        responses={
            **COMMON,
            400: {"model": Problem, "description": "The cursor is not one this hub gave."},
            401: UNKNOWN_TILL,
        },
    )
    def pull(
        till: Annotated[AuthenticatedTill, Depends(till_of)],
        cursor: Annotated[str, Query(max_length=64)] = "",
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_PAGE)] = MAX_PULL_PAGE,
    ) -> Response:
        if cursor and not valid_cursor(cursor):
            return _problem(
                400, "The cursor is not one this hub gave: send the last page's next_cursor, or none to start over."
            )
        # A ChangesPage written as JSON by the feed itself (feed.changes_json): each entry's data as it is stored.
        return Response(store.changes_json(till, cursor, limit), media_type="application/json")

    return app
