"""A venue hub's relay to the marketplace's hub (docs/relay.md): enrollment upstream, and the background worker
of ``popup-hub serve --upstream URL`` that forwards the tills' records and brings the upstream feed down.

The worker reads and writes the venue database only between its calls upstream: a till's push to the venue hub
never waits for the upstream.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import httpx

from sync.client import HubClient, HubUnreachable, SyncError, enroll_attempt_key, new_enroll_attempt
from sync.hub.store.relay_attempts import forget_attempts, keep_attempt, kept_attempt, note_try
from sync.hub.store.relay_feed import take_page
from sync.hub.store.relay_link import Link, acknowledge, link, next_batch, save_link
from sync.protocol import (
    MAX_PULL_PAGE,
    MAX_PUSH_BATCH,
    PROTOCOL_HEADER,
    PROTOCOL_VERSION,
    ChangesPage,
    EnrollResponse,
    PushResponse,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine

log = logging.getLogger(__name__)

TIMEOUT = httpx.Timeout(30.0, connect=5.0)
FIRST_DELAY_SECONDS, LONGEST_DELAY_SECONDS = 0.5, 60.0


class UpstreamRefused(Exception):
    """The upstream answered, and said no: the worker logs why and tries again later."""


def upstream_client(upstream_url: str, token: str = "") -> httpx.Client:
    """A client speaking the tills' protocol to the upstream, with the relay's token once it has one."""
    headers = {PROTOCOL_HEADER: str(PROTOCOL_VERSION)}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return httpx.Client(base_url=upstream_url.rstrip("/"), headers=headers, timeout=TIMEOUT)


def _checked(response: httpx.Response) -> httpx.Response:
    if response.status_code >= 400:
        detail = response.json().get("detail", response.text) if response.content else response.reason_phrase
        raise UpstreamRefused(f"the upstream hub answered {response.status_code}: {detail}")
    return response


def enroll_client(upstream_url: str) -> HubClient:
    """The client of an enrollment upstream: a till's, which tries again after a network error, a 5xx or a 429."""
    return HubClient(upstream_url, timeout=TIMEOUT)


def enroll_upstream(
    engine: Engine, upstream_url: str, code: str, make_client: Callable[[str], HubClient] = enroll_client
) -> EnrollResponse:
    """Enroll this hub upstream with a relay code, copy the event here, and pull the upstream feed once.

    As a till does (docs/enrollment.md), it sends an attempt value with numbered tries, kept here (committed)
    before each try goes out: run again with the same upstream and code after every try failed on this side, it
    gets the relay till the upstream made. Raises ``HubUnreachable`` when no try got an answer, and
    ``UpstreamRefused`` when the upstream said no.
    """
    key = enroll_attempt_key(upstream_url, code)
    with engine.begin() as connection:
        if link(connection) is not None:
            # Checked before the code is spent upstream.
            raise ValueError("This hub already relays to an upstream hub: use a new database for another link.")
        kept = kept_attempt(connection, key) or keep_attempt(connection, key, new_enroll_attempt())

    def before_try(try_number: int) -> None:
        with engine.begin() as connection:
            note_try(connection, key, try_number)

    try:
        with make_client(upstream_url) as client:
            enrolled = client.enroll(code, kept.attempt, kept.highest_try + 1, before_try)
    except HubUnreachable:
        raise
    except SyncError as error:
        raise UpstreamRefused(str(error)) from None
    with engine.begin() as connection:
        save_link(connection, upstream_url, enrolled.token, enrolled.event)
        forget_attempts(connection)
    with upstream_client(upstream_url, enrolled.token) as http:
        while pull_page(engine, http):
            pass
    return enrolled


def forward_batch(engine: Engine, http: httpx.Client) -> bool:
    """Forward one till's next records; True when there was something to forward."""
    with engine.connect() as connection:
        batch = next_batch(connection, MAX_PUSH_BATCH)
    if batch is None:
        return False
    body = {
        "till_id": batch.till_id,
        "till_code": batch.till_code,
        "records": [record.model_dump() for record in batch.records],
    }
    answered = PushResponse.model_validate_json(_checked(http.post("/v1/relay/push", json=body)).content)
    # The mark moves only once the upstream has answered: killed before this commit, the venue hub sends the
    # same records again and the upstream answers them as duplicates.
    with engine.begin() as connection:
        acknowledge(connection, batch.till_id, max(record.till_seq for record in batch.records))
    log.info("relay: forwarded %d record(s) of till %s", len(answered.answers), batch.till_code)
    return True


def pull_page(engine: Engine, http: httpx.Client) -> bool:
    """Take one page of the upstream feed; True when the upstream has more."""
    with engine.connect() as connection:
        current = link(connection)
    if current is None:
        raise ValueError("This hub is not enrolled upstream: run popup-hub relay enroll.")
    response = _checked(http.get("/v1/changes", params={"cursor": current.feed_cursor, "limit": MAX_PULL_PAGE}))
    page = ChangesPage.model_validate_json(response.content)
    with engine.begin() as connection:
        take_page(connection, current.event_id, page)
    return page.more or page.resync


class RelayWorker:
    """Forwards and pulls until stopped, waiting longer and longer (to a minute) while the upstream is away.

    Idle, it asks the upstream's feed every ``poll_seconds``; a till's push to this hub wakes it at once
    (``wake``), so a record leaves for the upstream without waiting for the next poll.
    """

    def __init__(self, engine: Engine, upstream_url: str, poll_seconds: float = 1.0) -> None:
        self.engine = engine
        self.upstream_url = upstream_url.rstrip("/")
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._woken = threading.Event()
        self._thread: threading.Thread | None = None

    def wake(self) -> None:
        """Something arrived to forward: go now rather than at the next poll."""
        self._woken.set()

    def linked(self) -> Link:
        """The stored link, refused when it is to another upstream than the one asked for."""
        with self.engine.connect() as connection:
            current = link(connection)
        if current is None:
            raise ValueError(
                f"This hub is not enrolled upstream: run popup-hub relay enroll --upstream {self.upstream_url} CODE."
            )
        if current.upstream_url != self.upstream_url:
            raise ValueError(f"This hub relays to {current.upstream_url}, not {self.upstream_url}.")
        return current

    def step(self, http: httpx.Client) -> bool:
        """Forward and pull what there is; True when something moved."""
        forwarded = forward_batch(self.engine, http)
        return pull_page(self.engine, http) or forwarded

    def run(self) -> None:
        delay = FIRST_DELAY_SECONDS
        with upstream_client(self.upstream_url, self.linked().token) as http:
            while not self._stop.is_set():
                try:
                    moved = self.step(http)
                except (httpx.HTTPError, UpstreamRefused, ValueError) as error:
                    log.warning("relay: the upstream hub is away or refused (%s): trying again in %.1f s", error, delay)
                    self._stop.wait(delay)
                    delay = min(delay * 2, LONGEST_DELAY_SECONDS)
                    continue
                except Exception:
                    # The venue database away for a moment, or anything else: the worker goes on rather than
                    # die silently in its thread; the records wait in the inbox.
                    log.exception("relay: a round failed")
                    self._stop.wait(delay)
                    delay = min(delay * 2, LONGEST_DELAY_SECONDS)
                    continue
                delay = FIRST_DELAY_SECONDS
                if not moved:
                    self._woken.wait(self.poll_seconds)
                    self._woken.clear()

    def start(self) -> RelayWorker:
        self.linked()
        self._thread = threading.Thread(target=self.run, name="relay", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._woken.set()
        if self._thread is not None:
            self._thread.join()
