"""A marketplace's webhook endpoint for the sync tests: a real HTTP receiver on 127.0.0.1, the hub's sender with
quick retries, the verification snippet read out of docs/webhooks.md, and the ``popup-hub webhooks`` commands."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from sync.hub.cli import main
from sync.hub.webhooks import RetryPolicy, WebhookSender
from tests.sync.conftest import HubEvent

ROOT = Path(__file__).resolve().parents[2]
QUICK = RetryPolicy(first_delay=timedelta(milliseconds=50), longest_delay=timedelta(milliseconds=200))
WAIT_SECONDS = 30


def documented_verify() -> Callable[[str, Mapping[str, str], bytes], bool]:
    """The ``verify`` function of docs/webhooks.md, run from the document's own text."""
    text = (ROOT / "docs" / "webhooks.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- verify -->\n```python\n(.*?)```", text, re.DOTALL)
    assert found is not None, "docs/webhooks.md lost its verification snippet"
    namespace: dict[str, object] = {}
    exec(compile(found.group(1), "docs/webhooks.md", "exec"), namespace)
    verify = namespace["verify"]
    assert callable(verify)
    return verify


VERIFY = documented_verify()


@dataclass(frozen=True)
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    @property
    def delivery(self) -> dict[str, object]:
        return dict(json.loads(self.body))


class Receiver:
    """A marketplace's endpoint: records every POST and answers the scripted statuses, then 200.

    With ``hold_first``, the first request waits for ``release`` before it is answered.
    """

    def __init__(self, statuses: list[int] | None = None, hold_first: bool = False, work_seconds: float = 0) -> None:
        self.statuses = list(statuses or [])
        self.received: list[Received] = []
        self.changed = threading.Condition()
        self.release = threading.Event()
        hold = [hold_first]
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.changed:
                    receiver.received.append(Received(self.path, dict(self.headers.items()), body))
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                    held, hold[0] = hold[0], False
                    receiver.changed.notify_all()
                if held:
                    receiver.release.wait(WAIT_SECONDS)
                if work_seconds:
                    time.sleep(work_seconds)  # a receiver that takes time to answer, not a synchronisation
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, count: int) -> list[Received]:
        with self.changed:
            assert self.changed.wait_for(lambda: len(self.received) >= count, WAIT_SECONDS), (
                f"{len(self.received)} of {count} deliveries arrived"
            )
            return list(self.received)

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    served = Receiver()
    yield served
    served.close()


@pytest.fixture
def sender(hub: HubEvent) -> Iterator[WebhookSender]:
    running = WebhookSender(hub.hub.store.engine, QUICK, poll_seconds=0.05, name="test-sender").start()
    yield running
    running.stop()


def hub_command(db_url: str, *argv: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["--db", db_url, *argv])
    out, err = capsys.readouterr()
    return code, out, err


def subscribe(db_url: str, event_id: str, url: str, types: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Subscribe through the command; returns the signing secret it prints once."""
    code, out, err = hub_command(
        db_url,
        "webhooks",
        "subscribe",
        "--event",
        event_id,
        url,
        *[part for kind in types for part in ("--type", kind)],
        capsys=capsys,
    )
    assert code == 0, err
    secret = re.search(r"^Signing secret (whsec_[0-9a-f]{64})$", out, re.MULTILINE)
    assert secret is not None, out
    return secret.group(1)


def delivery_log(db_url: str, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    code, out, err = hub_command(db_url, "webhooks", "log", "--limit", "1000", capsys=capsys)
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def wait_for_log(
    db_url: str, capsys: pytest.CaptureFixture[str], settled: Callable[[dict[str, object]], bool]
) -> list[dict[str, object]]:
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        entries = delivery_log(db_url, capsys)
        if entries and all(settled(entry) for entry in entries):
            return entries
        assert time.monotonic() < deadline, entries
        time.sleep(0.05)
