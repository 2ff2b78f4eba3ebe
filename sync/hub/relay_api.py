"""``POST /v1/relay/push``: a venue hub forwards one of its tills' records to this hub (docs/relay.md).

No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy.exc import IntegrityError

from sync.hub.store import HubError, HubStore, PayloadMismatchError
from sync.hub.store.relay_upstream import relay_push
from sync.protocol import MAX_PUSH_BATCH, UUID_PATTERN, PayloadMismatch, PushRecord, PushResponse, VersionMismatch


class RelayPush(BaseModel):
    """One venue till's records, with its identity on the venue hub, forwarded by the venue hub."""

    till_id: Annotated[str, StringConstraints(pattern=UUID_PATTERN)]
    till_code: Annotated[str, StringConstraints(pattern=r"^[A-Z0-9][A-Z0-9_-]{0,31}$")]
    records: list[PushRecord] = Field(max_length=MAX_PUSH_BATCH)

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "till_id": "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b",
                    "till_code": "T1",
                    "records": [
                        {
                            "event_id": "0190b6a2-5c3e-7d41-9a2b-3c4d5e6f7a8b",
                            "till_seq": 1,
                            "type": "cash.session_closed",
                            "schema_version": 1,
                            "payload": {},
                        }
                    ],
                }
            ]
        }
    }


class RelayProblem(BaseModel):
    """Why a relayed push was refused, in a sentence that says what to do."""

    detail: str


def relay_router(store: HubStore) -> APIRouter:
    router = APIRouter()
    problem: dict[str, Any] = {"model": RelayProblem}

    @router.post(
        "/v1/relay/push",
        response_model=PushResponse,
        responses={
            400: {**problem, "description": "The body cannot be read as JSON."},
            413: {**problem, "description": "The request body is larger than this hub takes."},
            426: {"model": VersionMismatch, "description": "The relay speaks another sync protocol version."},
            401: {**problem, "description": "Unknown or revoked relay token."},
            403: {**problem, "description": "Not a relay, or a till this relay does not speak for."},
            # 409, not 422 as for a till's push: 422 stays FastAPI's answer to a body that is not a RelayPush.
            409: {"model": PayloadMismatch, "description": "Record ids already received with another content."},
        },
    )
    def push_relayed(
        body: RelayPush, authorization: Annotated[str | None, Header()] = None
    ) -> PushResponse | JSONResponse:
        token = (authorization or "").removeprefix("Bearer ").strip()
        relay = store.authenticate(token) if token else None
        if relay is None:
            raise HTTPException(401, "Unknown or revoked relay: enroll the venue hub again with a new relay code.")

        def run() -> PushResponse:
            with store.engine.begin() as connection:
                return PushResponse(answers=relay_push(connection, relay, body.till_id, body.till_code, body.records))

        try:
            try:
                return run()
            except IntegrityError:
                # Another hub process stored one of these ids a moment ago: the second pass answers it as a duplicate.
                return run()
        except PayloadMismatchError as error:
            mismatch = PayloadMismatch(detail=str(error), event_ids=error.event_ids)
            return JSONResponse(mismatch.model_dump(), status_code=409)
        except HubError as error:
            raise HTTPException(403, str(error)) from None

    return router
