"""The feed endpoint writes each page's JSON from the stored entries (feed.changes_json) instead of through models.

What a till reads over HTTP must be exactly the page ``changes_since`` gives:
every entry, its data as published, keys and kinds that need escaping
escaped, the cursor and ``more`` as they were; a cursor past the feed asks
for a resync.
"""

from __future__ import annotations

from typing import Any

from sync.client import HubClient
from sync.hub.store import AuthenticatedTill
from sync.hub.store.feed import publish
from sync.protocol import ChangesPage
from tests.sync.conftest import HubEvent

AWKWARD = [
    ("product", 'SKU "quoted" \\ back', {"name": "Tasse «Zürich» \u2603", "price": 1250, "tags": [1, None, True]}),
    ("stock_level", "LINE\nBREAK\t", {"level": -3, "on_hand": 0, "reserved": 3}),
    ("event", "emoji \U0001f600", {"nested": {"deep": [{"x": 1.5}]}, "empty": {}}),
]


def pages_over_http(client: HubClient, limit: int) -> list[ChangesPage]:
    pages, cursor = [], ""
    while True:
        page = client.pull(cursor, limit)
        pages.append(page)
        if not page.more:
            return pages
        cursor = page.next_cursor


def pages_from_the_store(hub: HubEvent, till: AuthenticatedTill, limit: int) -> list[ChangesPage]:
    pages, cursor = [], ""
    while True:
        page = hub.hub.store.changes_since(till, cursor, limit)
        pages.append(page)
        if not page.more:
            return pages
        cursor = page.next_cursor


def test_a_till_reads_over_http_exactly_the_pages_the_feed_holds(hub: HubEvent) -> None:
    store = hub.hub.store
    with store.engine.begin() as connection:
        for kind, key, data in AWKWARD:
            publish(connection, hub.event_id, kind, key, data)
        publish(connection, None, "pickup_key", "all events", {"public_key": "k", "revoked": False})
    with HubClient(hub.hub.url, "") as anonymous:
        enrolled = anonymous.enroll(store.create_enroll_code(hub.event_id, "A"))
    till = AuthenticatedTill(enrolled.till_id, hub.event_id, enrolled.till_code)

    with HubClient(hub.hub.url, enrolled.token) as client:
        over_http = pages_over_http(client, 7)
    held = pages_from_the_store(hub, till, 7)

    assert over_http == held
    assert len(held) > 2, "the demo catalog and the entries above make several pages"
    entries: dict[str, Any] = {change.key: (change.kind, change.data) for page in held for change in page.changes}
    for kind, key, data in AWKWARD:
        assert entries[key] == (kind, data)
    assert len({change.seq for page in held for change in page.changes}) == sum(len(page.changes) for page in held)


def test_a_cursor_past_the_feed_asks_for_a_resync_over_http(hub: HubEvent) -> None:
    store = hub.hub.store
    with HubClient(hub.hub.url, "") as anonymous:
        enrolled = anonymous.enroll(store.create_enroll_code(hub.event_id, "A"))
    with HubClient(hub.hub.url, enrolled.token) as client:
        page = client.pull("0.999999999")
    assert page == ChangesPage(changes=[], next_cursor="", more=True, resync=True)
