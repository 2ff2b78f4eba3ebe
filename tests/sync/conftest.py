"""A real hub served over HTTP on 127.0.0.1, with a demo event, its catalog and enrollment codes."""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from app.bootstrap import Till, open_till
from app.domain.staff import Role
from app.services.cash import open_session
from app.services.demo import DEMO_CATALOG
from app.services.staff import AddStaff, add_staff, list_staff
from app.services.syncing import enroll_till, sync_once
from sync.hub.api import create_app
from sync.hub.store import HubStore, open_hub_engine
from sync.protocol import EventInfo, TaxClassInfo
from tests.postgres_server import new_database


class ServedHub:
    def __init__(self, store: HubStore, port: int, after_push: Callable[[], None] | None = None) -> None:
        self.store = store
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        app = create_app(store, after_push=after_push)
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def start(self) -> None:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the hub did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(port: int) -> None:
    """Wait for a hub started in its own process (``popup-hub serve``) to answer its health check."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"hub on port {port} did not start")


@dataclass
class HubEvent:
    hub: ServedHub
    event_id: str


@pytest.fixture(scope="session")
def migrated_hub_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hub's SQLite file the hub's migrations (Alembic) built once in this test process."""
    path = tmp_path_factory.mktemp("migrated-hub") / "hub.db"
    open_hub_engine(f"sqlite:///{path}").dispose()
    return path


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hub_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Every hub test runs on SQLite (a laptop at the event) and on PostgreSQL (many tills). The database
    starts as a copy of one migrated once (the hub still checks its revision when it opens it)."""
    if request.param == "sqlite":
        path = tmp_path / "hub.db"
        template = request.getfixturevalue("migrated_hub_file")
        with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(path)) as copy:
            source.backup(copy)
        return f"sqlite:///{path}"
    return new_database(request.getfixturevalue("postgres_server"), request.getfixturevalue("migrated_hub_template"))


@pytest.fixture
def hub(hub_url: str) -> Iterator[HubEvent]:
    with hub_on(hub_url) as served:
        yield served


@contextmanager
def hub_on(url: str) -> Iterator[HubEvent]:
    store = HubStore(open_hub_engine(url))
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Winter Makers Market",
            place="Kanzlei, Zurich",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[
                TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081"),
                TaxClassInfo(code="reduced", name="VAT 2.6%", rate="0.026"),
            ],
        )
    )
    store.import_catalog(DEMO_CATALOG.read_bytes())
    served = ServedHub(store, free_port())
    served.start()
    yield HubEvent(served, event_id)
    served.stop()
    store.engine.dispose()


@dataclass
class EnrolledTill:
    till: Till
    manager: str
    cashier: str


def enrolled_till(
    url: str, store: HubStore, event_id: str, folder: Path, code: str = "A", staff_from_hub: bool = False
) -> EnrolledTill:
    """A till on the event with Alex (manager, PIN 1234) and Sam (cashier, 1111): added on it, or, with
    ``staff_from_hub``, the event's own as a first sync brings them (another till added them before)."""
    till = open_till(folder)
    enroll_till(url, store.create_enroll_code(event_id, code), till.uow())
    if staff_from_hub:
        sync_once(till.uow, till.data_dir / "sync.lock")
        staff = {member.name: member.staff_id for member in list_staff(till.uow())}
        manager, cashier = staff["Alex"], staff["Sam"]
    else:
        manager = add_staff(AddStaff("Alex", Role.MANAGER, "1234"), till.uow()).staff_id
        cashier = add_staff(AddStaff("Sam", Role.CASHIER, "1111", added_by=manager), till.uow()).staff_id
    open_session({2000: 5}, cashier, till.uow())  # a sale needs the drawer's session open
    return EnrolledTill(till, manager, cashier)


@pytest.fixture
def till_a(hub: HubEvent, tmp_path: Path) -> Iterator[EnrolledTill]:
    enrolled = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a")
    yield enrolled
    enrolled.till.close()


@pytest.fixture
def till_a_on_postgres(postgres_server: str, tmp_path: Path) -> Iterator[tuple[HubEvent, EnrolledTill]]:
    with hub_on(new_database(postgres_server)) as served:
        enrolled = enrolled_till(served.hub.url, served.hub.store, served.event_id, tmp_path / "till-a")
        yield served, enrolled
        enrolled.till.close()
