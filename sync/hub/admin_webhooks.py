"""The admin API's webhooks: the work of ``popup-hub webhooks subscribe|list|unsubscribe|log|replay``.

Each endpoint calls the store functions its command calls
(sync/hub/store/webhook_outbox.py, webhook_deliveries.py, sync/hub/webhooks.py).
No postponed annotations here: FastAPI reads the endpoint signatures at run time.
"""

import json
from typing import Annotated, Literal, get_args

from fastapi import APIRouter, HTTPException, Path, Query, Response

from sync.hub.admin_common import NOT_FOUND, PREFIX, AdminContext, EventId, refusals, unprocessable
from sync.hub.admin_models_more import (
    WebhookDelivery,
    WebhookReplayed,
    WebhookSubscribe,
    WebhookSubscribed,
    WebhookSubscription,
    WebhookUnsubscribed,
)
from sync.hub.admin_paging import PAGED, UNKNOWN_CURSOR, After, seeked_page
from sync.hub.api import Problem
from sync.hub.store import HubError
from sync.hub.store.webhook_deliveries import LOG_STATES, deliveries, delivery
from sync.hub.store.webhook_outbox import subscribe, subscriptions, unsubscribe
from sync.hub.webhooks import replay

ResourceId = Annotated[str, Path(max_length=64)]
MAX_LOG = 500
LogState = Literal["waiting", "failing", "delivered", "failed"]
assert get_args(LogState) == LOG_STATES, "the API filters by every state the log knows"


def add_webhook_routes(router: APIRouter, admin: AdminContext) -> None:
    store = admin.store

    @router.post(
        "/events/{event_id}/webhooks",
        status_code=201,
        response_model=WebhookSubscribed,
        responses={
            404: NOT_FOUND,
            422: unprocessable("The URL is not http(s), or a type is unknown."),
        },
        dependencies=[admin.scoped("webhooks:write")],
    )
    def subscribe_webhook(event_id: EventId, body: WebhookSubscribe) -> WebhookSubscribed:
        with admin.changing(event_id) as connection, refusals(422):
            subscription_id, secret = subscribe(connection, event_id, body.url, body.types)
        return WebhookSubscribed(
            subscription_id=subscription_id,
            event_id=event_id,
            url=body.url,
            types=sorted(set(body.types)),
            secret=secret,
        )

    @router.get(
        "/events/{event_id}/webhooks",
        response_model=list[WebhookSubscription],
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("webhooks:read")],
    )
    def list_webhooks(event_id: EventId) -> list[WebhookSubscription]:
        with admin.reading(event_id) as connection:
            return [WebhookSubscription(**each) for each in subscriptions(connection, event_id)]

    @router.delete(
        "/webhooks/{subscription_id}",
        response_model=WebhookUnsubscribed,
        responses={404: NOT_FOUND},
        dependencies=[admin.scoped("webhooks:write")],
    )
    def unsubscribe_webhook(subscription_id: ResourceId) -> WebhookUnsubscribed:
        try:
            with store.engine.begin() as connection:
                dropped = unsubscribe(connection, subscription_id)
        except HubError:
            raise HTTPException(
                404, f"No webhook subscription {subscription_id}: GET {PREFIX}/events/EVENT_ID/webhooks lists them."
            ) from None
        return WebhookUnsubscribed(subscription_id=subscription_id, waiting_dropped=dropped)

    @router.get(
        "/events/{event_id}/webhook-deliveries",
        response_model=list[WebhookDelivery],
        responses={200: PAGED, 404: NOT_FOUND, 422: UNKNOWN_CURSOR},
        dependencies=[admin.scoped("webhooks:read")],
    )
    def delivery_log(
        event_id: EventId,
        answer: Response,
        limit: Annotated[int, Query(ge=1, le=MAX_LOG, description="How many deliveries, newest first.")] = 50,
        after: After = None,
        subscription: Annotated[str | None, Query(max_length=64, description="Only this subscription's.")] = None,
        state: Annotated[
            LogState | None,
            Query(description="Only these; failing: still retried after a failed attempt; failed: given up."),
        ] = None,
    ) -> list[WebhookDelivery]:
        with admin.reading(event_id) as connection, refusals(422):
            found = deliveries(connection, event_id, limit + 1, after=after, subscription_id=subscription, state=state)
        listed = [WebhookDelivery(**{**each, "payload": json.loads(each["payload"])}) for each in found]
        return seeked_page(listed, lambda each: each.id, limit, answer)

    @router.post(
        "/webhook-deliveries/{delivery_id}/replay",
        response_model=WebhookReplayed,
        responses={
            404: NOT_FOUND,
            502: {"model": Problem, "description": "The receiver did not take it; the attempt is in the log."},
        },
        dependencies=[admin.scoped("webhooks:write")],
    )
    def replay_delivery(delivery_id: ResourceId) -> WebhookReplayed:
        try:
            with store.engine.connect() as connection:
                claimed = delivery(connection, delivery_id)
        except HubError:
            raise HTTPException(
                404,
                f"No delivery {delivery_id} (or its subscription was removed): "
                f"GET {PREFIX}/events/EVENT_ID/webhook-deliveries lists them.",
            ) from None
        attempt = replay(store.engine, claimed)
        if not attempt.delivered or attempt.status_code is None:
            raise HTTPException(
                502, f"Delivery {delivery_id} could not be sent to {claimed.url}: {attempt.error}. It stays in the log."
            )
        return WebhookReplayed(delivery_id=delivery_id, url=claimed.url, status_code=attempt.status_code)
