"""The admin API's client side for the sync tests: keys made as an operator makes them, an ``Admin`` that calls
a served hub with one, and the fixtures that set them up (``admin``, ``second_hub_url``)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import Engine

from sync.hub.cli import main as hub_main
from sync.hub.store import HubStore
from sync.pickup_codes import private_key_pem
from tests.postgres_server import new_database
from tests.sync.conftest import HubEvent

ALL_SCOPES = [
    "events:read",
    "events:write",
    "tills:write",
    "catalog:write",
    "stock:write",
    "orders:read",
    "orders:write",
    "keys:write",
    "conflicts:read",
    "conflicts:write",
    "reports:read",
]
TAXES = ["--tax", "standard=8.1", "--tax", "reduced=2.6"]
ORDER = {"external_id": "shop-100234", "customer_name": "Mia Keller", "lines": [{"sku": "ATE-001", "quantity": 2}]}


def db_args(url: str) -> list[str]:
    return ["--db", url]


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def new_key(url: str, name: str, scopes: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """A key made with ``popup-hub apikey create``, as an operator makes one."""
    capsys.readouterr()
    assert hub_main([*db_args(url), "apikey", "create", name, *(f"--scope={scope}" for scope in scopes)]) == 0
    return capsys.readouterr().out.splitlines()[0]


@dataclasses.dataclass
class Admin:
    hub: HubEvent
    url: str
    key: str

    @property
    def store(self) -> HubStore:
        return self.hub.hub.store

    def call(
        self, method: str, path: str, key: str | None = None, headers: dict[str, str] | None = None, **kwargs: Any
    ) -> httpx.Response:
        sent = {"Authorization": f"Bearer {key or self.key}", **(headers or {})}
        return httpx.request(method, f"{self.hub.hub.url}/v1/admin{path}", headers=sent, timeout=30, **kwargs)


def sign_orders_with(hub: HubEvent, folder: Path) -> bytes:
    """A signing key registered on the hub, in the file the served hub is configured to sign its API orders with."""
    _key_id, private_key = hub.hub.store.create_signing_key()
    pem = folder / "signing.pem"
    pem.write_bytes(private_key_pem(private_key))
    app = hub.hub.server.config.app
    assert isinstance(app, FastAPI)
    app.state.settings = dataclasses.replace(app.state.settings, signing_key=str(pem))
    return private_key


@pytest.fixture
def admin(hub: HubEvent, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Admin:
    url = url_of(hub.hub.store.engine)
    sign_orders_with(hub, tmp_path)
    return Admin(hub, url, new_key(url, "shop", ALL_SCOPES, capsys))


@pytest.fixture
def second_hub_url(hub_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Another empty hub database of the same kind, for the commands' side of a comparison."""
    if hub_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'commands-hub.db'}"
    return new_database(request.getfixturevalue("postgres_server"))
