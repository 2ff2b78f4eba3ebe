"""The admin API's close of an event, where its stock is, and the feed file for a till with no network: the work of
``popup-hub event checklist|close``, ``popup-hub stock locations`` and ``popup-hub feed export``.

Each endpoint calls the store functions its command calls
(sync/hub/store/event_close.py, stock_locations.py, feed_export.py).
No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import Response
from sqlalchemy import Connection

from sync.hub.admin_common import CONFLICT, NOT_FOUND, AdminContext, EventId, refusals
from sync.hub.admin_models_more import (
    ChecklistConflict,
    ChecklistTill,
    EventChecklist,
    EventClose,
    StockLocationRow,
)
from sync.hub.api import Problem
from sync.hub.store import HubError
from sync.hub.store import event_close as closing
from sync.hub.store.feed_export import UnservedCursor, till_feed_file
from sync.hub.store.stock_locations import by_location

FEED_MEDIA_TYPE = "application/x-ndjson"
MAX_SKUS = 100


def checklist_body(connection: Connection, current: closing.EventChecklist) -> EventChecklist:
    freeze = current.freeze
    return EventChecklist(
        event_id=current.event_id,
        closed=freeze is not None,
        closed_at=freeze.frozen_at if freeze else None,
        closed_by=freeze.frozen_by if freeze else None,
        override_reason=freeze.override_reason if freeze else None,
        tills=[
            ChecklistTill(
                till_id=line.till_id,
                code=line.code,
                ready=not line.problems(),
                last_seq_received=line.last_seq_received,
                last_seq_declared=line.last_seq_declared,
                problems=line.problems(),
            )
            for line in current.tills
        ],
        conflicts_to_review=[
            ChecklistConflict(conflict_id=item.conflict_id, kind=item.kind, subject=item.subject, till_code=code)
            for item, code in closing.conflicts_to_review(connection, current)
        ],
    )


def add_close_routes(router: APIRouter, admin: AdminContext) -> None:
    @router.get(
        "/events/{event_id}/checklist",
        response_model=EventChecklist,
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("events:read")],
    )
    def checklist(event_id: EventId) -> EventChecklist:
        with admin.reading(event_id) as connection:
            return checklist_body(connection, closing.checklist(connection, event_id))

    @router.post(
        "/events/{event_id}/close",
        response_model=EventChecklist,
        responses={404: NOT_FOUND, 409: CONFLICT},
        dependencies=[admin.scoped("events:write")],
    )
    def close(event_id: EventId, body: EventClose, request: Request) -> EventChecklist:
        with admin.changing(event_id) as connection:
            with refusals():
                closed = closing.close_event(connection, event_id, body.by or request.state.api_key_name, body.override)
            return checklist_body(connection, closed)

    @router.get(
        "/events/{event_id}/stock-locations",
        response_model=list[StockLocationRow],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("events:read")],
    )
    def stock_locations(
        event_id: EventId,
        sku: Annotated[list[Annotated[str, Query(max_length=64)]], Query(max_length=MAX_SKUS)] = [],  # noqa: B006
    ) -> list[StockLocationRow]:
        with admin.reading(event_id) as connection:
            located = by_location(connection, event_id, sku)
        return [StockLocationRow(sku=each.sku, sellable=each.sellable, places=each.places) for each in located]

    @router.get(
        "/events/{event_id}/tills/{till_code}/feed-file",
        response_class=Response,
        responses={
            200: {
                "content": {FEED_MEDIA_TYPE: {"schema": {"type": "string"}}},
                "description": "The feed file, signed for the till: 'popup-pos feed import FILE' applies it there.",
            },
            400: {
                "model": Problem,
                "description": "The hub cannot start a feed at this cursor; the detail says what to send.",
            },
            404: NOT_FOUND,
        },
        dependencies=[admin.scoped("tills:write")],
    )
    def feed_file(
        event_id: EventId,
        till_code: Annotated[str, Path(max_length=32)],
        since: Annotated[
            str | None,
            Query(
                max_length=40,
                description="Start after this cursor (a Feed-Until header), '' for the whole feed; "
                "default: the cursor the till last reported.",
            ),
        ] = None,
    ) -> Response:
        with admin.reading(event_id) as connection:
            try:
                text, exported = till_feed_file(connection, till_code, event_id, since)
            except UnservedCursor as error:
                raise HTTPException(400, str(error)) from None
            except HubError:
                raise HTTPException(
                    404,
                    f"No enrolled till {till_code} at event {event_id} (or it was revoked): "
                    f"GET /v1/admin/events/{event_id}/tills lists them.",
                ) from None
        return Response(
            text,
            media_type=FEED_MEDIA_TYPE,
            headers={
                "Content-Disposition": f'attachment; filename="feed-{exported.until or "start"}.popupfeed"',
                "Feed-Changes": str(len(exported.entries)),
                "Feed-Since": exported.since,
                "Feed-Until": exported.until,
            },
        )
