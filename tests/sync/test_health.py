"""The hub's health endpoint and its JSON logs, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine

from sync.hub.logs import JsonFormatter, QuietHealthChecks
from sync.protocol import PROTOCOL_VERSION
from tests.sync.conftest import HubEvent, free_port


def test_health_answers_ok_after_asking_the_database(hub: HubEvent) -> None:
    answer = httpx.get(f"{hub.hub.url}/v1/health", timeout=5)
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok", "protocol_version": PROTOCOL_VERSION, "database": "ok"}


def test_health_answers_503_when_the_database_does_not(
    hub: HubEvent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    gone = create_engine(f"sqlite:///{tmp_path / 'no such folder' / 'hub.db'}")
    monkeypatch.setattr(hub.hub.store, "engine", gone)

    answer = httpx.get(f"{hub.hub.url}/v1/health", timeout=5)

    assert answer.status_code == 503
    assert answer.json() == {"status": "unavailable", "protocol_version": PROTOCOL_VERSION, "database": "unreachable"}
    assert any("health check" in record.getMessage() for record in caplog.records)


def _record(name: str, message: str, args: tuple[object, ...]) -> logging.LogRecord:
    return logging.LogRecord(name, logging.INFO, __file__, 1, message, args, None)


def test_an_access_line_is_one_json_object_with_its_fields() -> None:
    record = _record("uvicorn.access", '%s - "%s %s HTTP/%s" %d', ("10.0.0.7:5123", "POST", "/v1/push", "1.1", 200))
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "info"
    assert (entry["method"], entry["path"], entry["status"], entry["client"]) == (
        "POST",
        "/v1/push",
        200,
        "10.0.0.7:5123",
    )
    assert entry["message"] == '10.0.0.7:5123 - "POST /v1/push HTTP/1.1" 200'


def test_an_error_keeps_its_traceback_inside_the_one_line() -> None:
    try:
        raise ValueError("disk full")
    except ValueError:
        record = logging.LogRecord("sync.hub.api", logging.ERROR, __file__, 1, "push failed", (), sys.exc_info())
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "error"
    assert "ValueError: disk full" in entry["error"]


def test_successful_health_checks_are_left_out_of_the_access_log() -> None:
    quiet = QuietHealthChecks()
    fields = '%s - "%s %s HTTP/%s" %d'
    assert not quiet.filter(_record("uvicorn.access", fields, ("127.0.0.1:1", "GET", "/v1/health", "1.1", 200)))
    assert quiet.filter(_record("uvicorn.access", fields, ("127.0.0.1:1", "GET", "/v1/health", "1.1", 503)))
    assert quiet.filter(_record("uvicorn.access", fields, ("127.0.0.1:1", "GET", "/v1/changes", "1.1", 401)))


SERVE_WITH_JSON_LOGS = """
import sys
import uvicorn
from sync.hub.api import create_app
from sync.hub.logs import log_config
from sync.hub.store import HubStore, open_hub_engine

store = HubStore(open_hub_engine(sys.argv[1]))
uvicorn.run(create_app(store), host="127.0.0.1", port=int(sys.argv[2]), log_config=log_config())
"""


def test_a_served_hub_logs_json_lines(tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVE_WITH_JSON_LOGS, f"sqlite:///{tmp_path / 'hub.db'}", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=2).status_code == 200
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the hub did not start"
                time.sleep(0.1)
        assert httpx.get(f"http://127.0.0.1:{port}/v1/changes", timeout=2).status_code == 401
    finally:
        server.terminate()
        _, err = server.communicate(timeout=20)

    entries = [json.loads(line) for line in err.splitlines() if line.strip()]
    assert any(entry["message"].startswith("Uvicorn running on") for entry in entries)
    access = [entry for entry in entries if entry["logger"] == "uvicorn.access"]
    assert [(entry["method"], entry["path"], entry["status"]) for entry in access] == [("GET", "/v1/changes", 401)]
