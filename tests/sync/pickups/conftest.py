"""The pickup tests' hub key and the tills enrolled after it (so they get its public key at enrollment)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.pickups.pickup_desk import signing_key


@pytest.fixture
def key(hub: HubEvent) -> bytes:
    return signing_key(hub.hub.store)


@pytest.fixture
def till_b(hub: HubEvent, key: bytes, tmp_path: Path) -> EnrolledTill:
    return enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B")


@pytest.fixture
def desk(hub: HubEvent, key: bytes, tmp_path: Path) -> EnrolledTill:
    """A till enrolled after the key was made: it gets the public key at enrollment."""
    return enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "desk", code="P")
