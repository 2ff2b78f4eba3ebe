"""What every admin endpoint shares (sync/hub/admin_api.py, sync/hub/admin_orders.py): the key check with its
scope, the documented refusals, the event named in the path, the key that signs the API's pickup orders."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import Depends, Header, HTTPException, Path, Request
from pydantic import BaseModel
from sqlalchemy import Connection

from sync.hub.api import COMMON, Problem
from sync.hub.store import HubError, HubStore, admin_reads, api_keys
from sync.pickup_codes import private_key_from_pem
from sync.protocol import EventInfo

PREFIX = "/v1/admin"
EventId = Annotated[str, Path(max_length=64)]
REFUSED: dict[int | str, dict[str, Any]] = {
    **COMMON,
    400: {"model": Problem, "description": "The body cannot be read as JSON text."},
    401: {"model": Problem, "description": "No API key, or an unknown or revoked one."},
    403: {"model": Problem, "description": "The key lacks the scope this call needs (the detail names it)."},
}
NOT_FOUND: dict[str, Any] = {"model": Problem, "description": "No such event (or other resource named in the path)."}
CONFLICT: dict[str, Any] = {"model": Problem, "description": "The hub's state refuses it; the detail says why."}


class Unprocessable(BaseModel):
    """A 422: a Problem saying what to send, or FastAPI's list of the fields that broke a model's limits."""

    detail: str | list[dict[str, Any]]


def unprocessable(description: str) -> dict[str, Any]:
    return {"model": Unprocessable, "description": description}


def key_in(authorization: str | None) -> str:
    """The admin key of an ``Authorization: Bearer pk_...`` header; '' for anything else (a till's token too)."""
    scheme, _, key = (authorization or "").partition(" ")
    key = key.strip()
    return key if scheme.lower() == "bearer" and key.startswith(api_keys.KEY_PREFIX) else ""


def change_author(request: Request) -> str:
    """Who made a change through the API, as the change's log and every till name it: the key's name."""
    return f"api:{getattr(request.state, 'api_key_name', '')}"


@contextmanager
def refusals(status: int = 409) -> Iterator[None]:
    """The store's refusals as Problems of ``status`` (a 409 unless the endpoint documents another), saying why."""
    try:
        yield
    except HubError as error:
        raise HTTPException(status, str(error)) from None


@dataclass(frozen=True, slots=True)
class AdminContext:
    store: HubStore
    # The PEM file's path, read from the app's settings at each call.
    signing_key_file: Callable[[], str]

    def scoped(self, scope: str) -> Any:
        """The dependency that lets a call through only with a key holding ``scope``."""
        store = self.store

        def check(request: Request, authorization: Annotated[str | None, Header()] = None) -> api_keys.ApiKey:
            key = key_in(authorization)
            if not key:
                raise HTTPException(
                    401,
                    "Send an admin API key: 'Authorization: Bearer pk_...' (popup-hub apikey create). "
                    "A till's token is not one.",
                )
            with store.engine.connect() as connection:
                found = api_keys.authenticate(connection, key)
            if found is None:
                raise HTTPException(401, "Unknown or revoked API key: ask for a new one (popup-hub apikey create).")
            request.state.api_key_name = found.name
            if scope not in found.scopes:
                raise HTTPException(
                    403, f"The key {found.name} lacks the scope {scope}: use a key created with --scope {scope}."
                )
            return found

        return Depends(check)

    def known_event(self, connection: Connection, event_id: str) -> EventInfo:
        found = admin_reads.event_infos(connection, event_id)
        if not found:
            raise HTTPException(404, f"No event {event_id} on this hub: GET {PREFIX}/events lists them.")
        return found[0]

    def event_exists(self, event_id: str) -> None:
        with self.reading(event_id):
            pass

    @contextmanager
    def reading(self, event_id: str) -> Iterator[Connection]:
        """A connection to read the event named in the path; a 404 if the hub has no such event."""
        with self.store.engine.connect() as connection:
            self.known_event(connection, event_id)
            yield connection

    @contextmanager
    def changing(self, event_id: str) -> Iterator[Connection]:
        """One transaction on the event named in the path (a 404 if the hub has none), committed if nothing raises."""
        with self.store.engine.begin() as connection:
            self.known_event(connection, event_id)
            yield connection

    def signing_key(self) -> bytes:
        path = self.signing_key_file()
        if not path:
            raise HTTPException(
                503,
                "This hub has no key to sign pickup orders with: start it with --signing-key FILE "
                "(or POPUP_HUB_SIGNING_KEY), the file 'popup-hub keys create' wrote.",
            )
        try:
            return private_key_from_pem(FilePath(path).read_bytes())
        except (OSError, ValueError):
            raise HTTPException(
                503, "The hub's signing key file cannot be read as an Ed25519 private key: check --signing-key."
            ) from None
