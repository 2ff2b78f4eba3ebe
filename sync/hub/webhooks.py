"""Sending the hub's webhooks: signed POSTs from the outbox table, retried with backoff (docs/webhooks.md).

A WebhookSender claims due deliveries (sync/hub/store/webhook_outbox.py), so
any number of senders in any number of hub processes share one database and
each delivery is sent by one of them at a time. A sender that dies holds its
deliveries until their lock runs out; then another sends them.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy import Engine

from sync.hub.settings import HubSettings
from sync.hub.store.webhook_deliveries import Attempt, Claimed, anything_due, claim_due, record_attempts

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 10.0
# Deliveries a sender posts at once, each on its own thread: a slow receiver holds only its own.
CONCURRENCY = 8


def signature(secret: str, delivery_id: str, unix_seconds: int, body: bytes) -> str:
    """``v1=`` and the hex HMAC-SHA256, keyed with the secret's text, of ``{id}.{timestamp}.{body}``."""
    signed = f"{delivery_id}.{unix_seconds}.".encode() + body
    return "v1=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def envelope(claimed: Claimed) -> bytes:
    """The body of a delivery: the same bytes on every attempt, so a receiver can compare repeats."""
    return (
        f'{{"id":"{claimed.delivery_id}","type":"{claimed.type}","event_id":"{claimed.event_id}",'
        f'"created_at":"{claimed.created_at}","data":{claimed.payload}}}'
    ).encode()


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff: ``first_delay`` after the first failure, doubling to at most ``longest_delay``;
    a delivery still failing once ``give_up_after`` has passed since it was made is given up."""

    first_delay: timedelta = timedelta(seconds=30)
    longest_delay: timedelta = timedelta(hours=1)
    give_up_after: timedelta = timedelta(hours=24)

    def retry_at(self, claimed: Claimed, attempt: Attempt) -> datetime | None:
        """When to try again after this failed attempt, or None to give up."""
        made = datetime.fromisoformat(claimed.created_at)
        if attempt.at - made >= self.give_up_after:
            return None
        failures = claimed.attempts + 1
        delay = min(self.first_delay * (1 << min(failures - 1, 30)), self.longest_delay)
        return attempt.at + delay


def post(client: httpx.Client, claimed: Claimed) -> Attempt:
    """One signed POST of the delivery; a transport error is an attempt too, with its reason."""
    body = envelope(claimed)
    unix_seconds = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "Webhook-Id": claimed.delivery_id,
        "Webhook-Timestamp": str(unix_seconds),
        "Webhook-Signature": signature(claimed.secret, claimed.delivery_id, unix_seconds, body),
    }
    at = datetime.now(UTC)
    started = time.perf_counter()
    status: int | None = None
    error: str | None = None
    try:
        status = client.post(claimed.url, content=body, headers=headers).status_code
        if not 200 <= status < 300:
            error = f"the receiver answered {status}"
    except (httpx.HTTPError, httpx.InvalidURL) as failed:
        error = f"{type(failed).__name__}: {failed}"[:500]
    return Attempt(at, status, error, round((time.perf_counter() - started) * 1000))


def new_client() -> httpx.Client:
    # Redirects are not followed: the signature was made for the URL the marketplace subscribed.
    return httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False)


class WebhookSender:
    """Claims due deliveries, posts them, logs every attempt; ``run`` loops until told to stop."""

    def __init__(
        self,
        engine: Engine,
        policy: RetryPolicy | None = None,
        lock_for: timedelta = timedelta(seconds=60),
        poll_seconds: float = 1.0,
        name: str | None = None,
    ) -> None:
        self.engine = engine
        self.policy = policy or RetryPolicy()
        self.lock_for = lock_for
        self.poll_seconds = poll_seconds
        self.name = name or f"{socket.gethostname()}:{os.getpid()}:{id(self):x}"
        # As many rounds of CONCURRENCY posts per claim as fit twice over in the lock, at the timeout each.
        self.claim_size = CONCURRENCY * max(1, int(lock_for.total_seconds() // (2 * TIMEOUT_SECONDS)))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def send_due(self, client: httpx.Client, pool: ThreadPoolExecutor) -> None:
        """Send what is due now, a claim at a time."""
        while not self._stop.is_set() and anything_due(self.engine, datetime.now(UTC)):
            with self.engine.begin() as connection:
                claimed = claim_due(connection, self.name, datetime.now(UTC), self.lock_for, self.claim_size)
            if not claimed:
                break
            attempts = list(pool.map(lambda one: post(client, one), claimed))
            settled = [
                (each, attempt, None if attempt.delivered else self.policy.retry_at(each, attempt))
                for each, attempt in zip(claimed, attempts, strict=True)
            ]
            # One transaction for the claim's attempts: a crash before it commits only means they are sent again.
            with self.engine.begin() as connection:
                record_attempts(connection, self.name, settled)

    def run(self) -> None:
        with new_client() as client, ThreadPoolExecutor(CONCURRENCY, thread_name_prefix="webhook") as pool:
            while not self._stop.is_set():
                try:
                    self.send_due(client, pool)
                except Exception:
                    # The database away for a moment, or anything else: the deliveries wait in the table (a claimed
                    # one until its lock runs out), and the sender goes on rather than die silently in its thread.
                    log.exception("webhooks: sending stopped short; trying again")
                self._stop.wait(self.poll_seconds)

    def start(self) -> WebhookSender:
        self._thread = threading.Thread(target=self.run, name="webhook-sender", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=TIMEOUT_SECONDS + 5)


def sender_for(engine: Engine, settings: HubSettings) -> WebhookSender:
    """The sender a hub process runs, with the retry delay and lock of its settings."""
    return WebhookSender(
        engine,
        RetryPolicy(first_delay=timedelta(seconds=settings.webhook_first_retry_seconds)),
        lock_for=timedelta(seconds=settings.webhook_lock_seconds),
    )


def replay(engine: Engine, claimed: Claimed) -> Attempt:
    """Send a delivery once more now, with its id, whatever its state; the attempt is logged with the others."""
    with new_client() as client:
        attempt = post(client, claimed)
    with engine.begin() as connection:
        record_attempts(connection, "replay", [(claimed, attempt, None)])
    return attempt
