"""Calling a served hub's admin API with a key of every scope (the fixture ``api``)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from sync.hub.store.api_keys import SCOPES
from tests.sync.admin_client import new_key, url_of
from tests.sync.conftest import HubEvent


class Api:
    """The admin API of a served hub, with a key of every scope unless told which."""

    def __init__(self, hub: HubEvent, key: str) -> None:
        self.hub = hub
        self.key = key

    def call(self, method: str, path: str, key: str | None = None, **kwargs: Any) -> httpx.Response:
        headers = {"Authorization": f"Bearer {key or self.key}"}
        return httpx.request(method, f"{self.hub.hub.url}/v1/admin{path}", headers=headers, timeout=30, **kwargs)

    @property
    def event(self) -> str:
        return f"/events/{self.hub.event_id}"


@pytest.fixture
def api(hub: HubEvent, capsys: pytest.CaptureFixture[str]) -> Api:
    return Api(hub, new_key(url_of(hub.hub.store.engine), "shop", list(SCOPES), capsys))
