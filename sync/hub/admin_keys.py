"""The admin API's own keys and its call log: the work of ``popup-hub apikey create|list|revoke|log``.

Each endpoint calls the store functions its command calls (sync/hub/store/api_keys.py).
No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

import re
from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Response
from sqlalchemy import Connection

from sync.hub.admin_common import CONFLICT, NOT_FOUND, PREFIX, AdminContext, refusals, unprocessable
from sync.hub.admin_models_keys import AdminCallRow, ApiKeyCreate, ApiKeyCreated, ApiKeyRow, KeyName
from sync.hub.admin_paging import MAX_PAGE, PAGED, UNKNOWN_CURSOR, After, seeked_page
from sync.hub.api import Problem
from sync.hub.store import HubError, api_keys

SCOPE = "apikeys:admin"
LOG_PAGE = 50
_CALL_ID = re.compile(r"[0-9]{1,10}")
MAX_CALL_ID = 2**31 - 1  # admin_calls.id is a 32-bit integer


def key_row(key: api_keys.ApiKey) -> ApiKeyRow:
    return ApiKeyRow(name=key.name, scopes=sorted(key.scopes), created_at=key.created_at, revoked_at=key.revoked_at)


def the_key(connection: Connection, name: str) -> ApiKeyRow:
    (found,) = api_keys.list_keys(connection, name)
    return key_row(found)


def add_key_routes(router: APIRouter, admin: AdminContext) -> None:
    store = admin.store
    # The calling key, whose scopes bound what it may hand out.
    caller_key = admin.scoped(SCOPE)

    @router.post(
        "/apikeys",
        status_code=201,
        response_model=ApiKeyCreated,
        responses={
            403: {"model": Problem, "description": "The key lacks apikeys:admin, or a scope it would hand out."},
            409: CONFLICT,
            422: unprocessable("A name that is not one, or an unknown scope."),
        },
    )
    def create_key(body: ApiKeyCreate, caller: Annotated[api_keys.ApiKey, caller_key]) -> ApiKeyCreated:
        try:
            with store.engine.begin() as connection:
                key = api_keys.create_key(connection, body.name, body.scopes, held=caller.scopes)
                made = the_key(connection, body.name)
        except api_keys.MissingScopes as error:
            raise HTTPException(403, str(error)) from None
        except api_keys.KeyNameTaken as error:
            raise HTTPException(409, str(error)) from None
        except HubError as error:
            raise HTTPException(422, str(error)) from None
        return ApiKeyCreated(**made.model_dump(), key=key)

    @router.get("/apikeys", response_model=list[ApiKeyRow], dependencies=[admin.scoped(SCOPE)])
    def list_keys() -> list[ApiKeyRow]:
        with store.engine.connect() as connection:
            return [key_row(key) for key in api_keys.list_keys(connection)]

    @router.delete(
        "/apikeys/{name}",
        response_model=ApiKeyRow,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped(SCOPE)],
    )
    def revoke_key(name: Annotated[str, Path(max_length=64)]) -> ApiKeyRow:
        try:
            with store.engine.begin() as connection:
                api_keys.revoke_key(connection, name)
                return the_key(connection, name)
        except api_keys.NoSuchKey:
            raise HTTPException(404, f"No API key named {name}: GET {PREFIX}/apikeys lists them.") from None
        except HubError as error:
            raise HTTPException(409, str(error)) from None

    @router.get(
        "/calls",
        response_model=list[AdminCallRow],
        responses={200: PAGED, 422: UNKNOWN_CURSOR},
        dependencies=[admin.scoped(SCOPE)],
    )
    def call_log(
        answer: Response,
        limit: Annotated[
            int, Query(ge=1, le=MAX_PAGE, description="At most this many calls, newest first.")
        ] = LOG_PAGE,
        after: After = None,
        key: Annotated[KeyName | None, Query(description="Only the calls made with the key of this name.")] = None,
    ) -> list[AdminCallRow]:
        if after is not None and not (_CALL_ID.fullmatch(after) and int(after) <= MAX_CALL_ID):
            raise HTTPException(422, f"after={after} is no call's id: send the Next-After header of the previous page.")
        with refusals(422), store.engine.connect() as connection:
            read = api_keys.call_log(connection, limit + 1, int(after) if after else None, key)
        rows = [
            AdminCallRow(id=c.id, at=c.at, key_name=c.key_name, method=c.method, path=c.path, status=c.status)
            for c in read
        ]
        return seeked_page(rows, lambda row: str(row.id), limit, answer)
