"""Price rules on the hub: `popup-hub pricing` and the admin API over real HTTP, the hub on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sync.hub.cli import main as hub_main
from sync.hub.store import metadata
from sync.hub.store import price_rules as kept
from tests.sync.admin_client import new_key, url_of
from tests.sync.conftest import HubEvent

MAKER = "Atelier Lumen"
WINDOW = ["--from", "2026-12-05T19:00+01:00", "--until", "2026-12-05T21:00+01:00"]
MARKDOWN: dict[str, Any] = {
    "kind": "markdown",
    "name": "Candles last hours",
    "starts_at": "2026-12-05T19:00:00+01:00",
    "ends_at": "2026-12-05T21:00:00+01:00",
    "markdown": {"target_kind": "maker", "target": MAKER, "percent_off": "30"},
}


def pricing(hub: HubEvent, *args: str) -> int:
    return hub_main(["--db", url_of(hub.hub.store.engine), "pricing", *args, "--event", hub.event_id])


def test_the_hub_commands_add_list_and_withdraw_rules(hub: HubEvent, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        pricing(hub, "markdown", "add", "Candles", "--id", "md-candles", "--maker", MAKER, "--percent", "30", *WINDOW)
        == 0
    )
    assert "md-candles" in capsys.readouterr().out
    assert pricing(hub, "bundle", "add", "Tapers", "--sku", "ATE-001", "--count", "2", "--price", "20.00") == 0
    bundle_id = capsys.readouterr().out.split()[2]
    assert bundle_id.startswith("b-")
    assert pricing(hub, "list") == 0
    listed = capsys.readouterr().out
    assert "markdown maker Atelier Lumen -30%" in listed
    assert "bundle 2 of ATE-001 for CHF 20.00\talways" in listed

    assert pricing(hub, "withdraw", bundle_id) == 0
    capsys.readouterr()
    assert pricing(hub, "list") == 0
    assert bundle_id not in capsys.readouterr().out
    assert pricing(hub, "list", "--all") == 0
    assert "withdrawn" in capsys.readouterr().out
    assert pricing(hub, "history", bundle_id) == 0
    assert capsys.readouterr().out.count("\thub\thub\tin force") == 2


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["markdown", "add", "X", "--category", "Candles", "--percent", "0", *WINDOW], "more than 0 and at most 100"),
        (["markdown", "add", "X", "--category", "Candles", "--percent", "12.345", *WINDOW], "at most 2 decimals"),
        (
            [
                "markdown",
                "add",
                "X",
                "--category",
                "Candles",
                "--percent",
                "10",
                "--from",
                "2026-12-05T19:00",
                "--until",
                "2026-12-05T21:00+01:00",
            ],
            "has no time zone",
        ),
        (
            [
                "markdown",
                "add",
                "X",
                "--category",
                "Candles",
                "--percent",
                "10",
                "--from",
                "2026-12-05T21:00+01:00",
                "--until",
                "2026-12-05T19:00+01:00",
            ],
            "must end after it starts",
        ),
        (["markdown", "add", "X", "--sku", "NOPE-1", "--price", "5", *WINDOW], "No product with SKU NOPE-1"),
        (["markdown", "add", "X", "--maker", "Nobody", "--price", "5", *WINDOW], "No maker called Nobody"),
        (["bundle", "add", "X", "--category", "Cards", "--count", "1", "--price", "5"], "bundle.count"),
        (["bundle", "add", "X", "--category", "Cards", "--count", "2", "--price", "0"], "bundle.price"),
        (["bundle", "add", "X", "--category", "Cards", "--count", "2", "--price", "5.001"], "more than 2 decimals"),
        (["withdraw", "md-none"], "No price rule md-none"),
    ],
)
def test_a_rule_the_tills_would_refuse_is_refused_by_the_command_saying_why(
    hub: HubEvent, capsys: pytest.CaptureFixture[str], args: list[str], reason: str
) -> None:
    assert pricing(hub, *args) == 2
    assert reason in capsys.readouterr().err
    with hub.hub.store.engine.connect() as connection:
        assert kept.rules(connection, hub.event_id, include_withdrawn=True) == []


def test_the_pricing_commands_are_documented_in_their_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["pricing"], ["pricing", "markdown"], ["pricing", "bundle"]):
        with pytest.raises(SystemExit):
            hub_main([*command, "--help"])
        shown = capsys.readouterr().out
        assert "markdown" in shown or "bundle" in shown
    with pytest.raises(SystemExit):
        hub_main(["pricing", "markdown", "--help"])
    assert "--percent" in capsys.readouterr().out


def test_the_admin_api_lists_sets_and_withdraws_rules(hub: HubEvent, capsys: pytest.CaptureFixture[str]) -> None:
    url = url_of(hub.hub.store.engine)
    writer = new_key(url, "shop", ["pricing:read", "pricing:write"], capsys)
    reader = new_key(url, "viewer", ["pricing:read"], capsys)
    base = f"{hub.hub.url}/v1/admin/events/{hub.event_id}/price-rules"

    def call(method: str, path: str = "", key: str = writer, **kwargs: Any) -> httpx.Response:
        return httpx.request(method, base + path, headers={"Authorization": f"Bearer {key}"}, timeout=30, **kwargs)

    made = call("PUT", "/md-candles", json=MARKDOWN)
    assert made.status_code == 200, made.text
    assert made.json()["changed_by"] == "api:shop" and made.json()["active"] is True
    replaced = call("PUT", "/md-candles", json={**MARKDOWN, "markdown": {**MARKDOWN["markdown"], "percent_off": "40"}})
    assert replaced.json()["markdown"]["percent_off"] == "40"
    assert [rule["rule_id"] for rule in call("GET", key=reader).json()] == ["md-candles"]

    refused = call("PUT", "/md-candles", key=reader, json=MARKDOWN)
    assert refused.status_code == 403 and "pricing:write" in refused.json()["detail"]
    naive = call("PUT", "/md-x", json={**MARKDOWN, "starts_at": "2026-12-05T19:00:00"})
    assert naive.status_code == 422 and "has no time zone" in naive.json()["detail"]
    backwards = call("PUT", "/md-x", json={**MARKDOWN, "ends_at": "2026-12-05T18:00:00+01:00"})
    assert backwards.status_code == 422 and "end after it starts" in backwards.json()["detail"]
    bad_id = call("PUT", "/bad%20id", json=MARKDOWN)
    assert bad_id.status_code == 422

    withdrawn = call("POST", "/md-candles/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["active"] is False
    assert call("POST", "/md-candles/withdraw").status_code == 409
    assert call("POST", "/md-none/withdraw").status_code == 404
    assert call("GET").json() == []
    assert [rule["active"] for rule in call("GET", params={"withdrawn": "true"}).json()] == [False]
    with hub.hub.store.engine.connect() as connection:
        history = kept.history(connection, hub.event_id, "md-candles")
    assert [(by, source) for _at, by, source, _in_force in history] == [("api:shop", "api")] * 3


def test_the_price_rule_tables_match_their_migration(hub: HubEvent) -> None:
    def mine(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        table = getattr(obj, "table", obj) if type_ != "table" else obj
        return getattr(table, "name", name) in {"price_rules", "price_rule_changes"}

    with hub.hub.store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": mine})
        assert compare_metadata(context, metadata) == []
