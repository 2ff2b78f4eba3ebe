"""The admin API's keys over real HTTP, on SQLite and PostgreSQL: a revoked key, the call log, the documented scopes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.hub.cli import main as hub_main
from tests.sync.admin_client import ALL_SCOPES, Admin, admin, db_args, new_key

# The admin fixture (a served hub with a key of every scope) the tests here take.
__all__ = ["admin"]


def test_a_revoked_key_is_refused(admin: Admin, capsys: pytest.CaptureFixture[str]) -> None:
    temporary = new_key(admin.url, "temp", ["events:read"], capsys)
    assert admin.call("GET", "/events", key=temporary).status_code == 200
    assert hub_main([*db_args(admin.url), "apikey", "revoke", "temp"]) == 0
    refused = admin.call("GET", "/events", key=temporary)
    assert refused.status_code == 401 and "revoked" in refused.json()["detail"]
    capsys.readouterr()
    assert hub_main([*db_args(admin.url), "apikey", "list"]) == 0
    listed = capsys.readouterr().out
    assert "temp\trevoked" in listed and "shop\tactive" in listed
    assert hub_main([*db_args(admin.url), "apikey", "create", "temp", "--scope", "events:read"]) == 2


def test_every_call_is_in_the_log(admin: Admin, capsys: pytest.CaptureFixture[str]) -> None:
    reader = new_key(admin.url, "reader", ["events:read"], capsys)
    event = admin.hub.event_id
    calls = [
        ("GET", "/events", admin.key, 200),
        ("GET", f"/events/{event}/tills", reader, 200),
        ("POST", f"/events/{event}/enroll-codes", reader, 403),
        ("GET", "/events/no-such-event", admin.key, 404),
        ("GET", "/events", "pk_not-a-key", 401),
    ]
    for method, path, key, status in calls:
        answer = admin.call(method, path, key=key, json={"till_code": "B"} if method == "POST" else None)
        assert answer.status_code == status, answer.text
    capsys.readouterr()
    assert hub_main([*db_args(admin.url), "apikey", "log", "--limit", "5"]) == 0
    logged = [line.split("\t")[1:] for line in capsys.readouterr().out.splitlines()]
    names = {admin.key: "shop", reader: "reader", "pk_not-a-key": "(no key)"}
    assert logged == [[names[key], f"{method} /v1/admin{path}", str(status)] for method, path, key, status in calls]


def test_the_api_keys_scopes_are_documented() -> None:
    documented = (Path(__file__).parents[2] / "docs" / "admin_api.md").read_text()
    assert all(f"`{scope}`" in documented for scope in ALL_SCOPES)
    assert json.loads((Path(__file__).parents[2] / "sync" / "hub" / "openapi.json").read_text())["paths"][
        "/v1/admin/events/{event_id}/orders"
    ]
