"""Shared fixtures: a real till store in a temporary folder, loaded with the demo event."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from app import bootstrap
from app.bootstrap import Till, open_till
from app.services.demo import DEMO_STAFF, load_demo
from app.services.staff import list_staff
from app.store.database import STORE_FILE_NAME, migrate, open_engine


@dataclass(frozen=True)
class DemoTill:
    till: Till
    manager: str
    cashier: str
    clerk: str
    voucher: str


@pytest.fixture(scope="session", autouse=True)
def new_stores_copy_one_migrated_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A till store opened for the first time in this test process starts as a page copy of one store
    migrated here, once, by the real migrations (Alembic's run took a tenth of a second a store, thousands of
    times). A store that has a revision is migrated by Alembic as before, and the migration tests call
    ``migrate`` themselves; tills started as processes of their own run Alembic too."""
    template = tmp_path_factory.mktemp("migrated") / STORE_FILE_NAME
    engine = open_engine(template)
    migrate(engine)
    engine.dispose()
    source = sqlite3.connect(template)

    def migrate_or_copy(engine: Engine) -> None:
        raw = engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert isinstance(connection, sqlite3.Connection)
            if connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
                source.backup(connection)
                return
        finally:
            raw.close()
        migrate(engine)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bootstrap, "migrate", migrate_or_copy)
        yield
    source.close()


@pytest.fixture
def empty_till(tmp_path: Path) -> Iterator[Till]:
    till = open_till(tmp_path / "store")
    yield till
    till.close()


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[DemoTill]:
    till = open_till(tmp_path / "store")
    voucher = load_demo(till.uow)
    ids = {member.name: member.staff_id for member in list_staff(till.uow())}
    manager, cashier, clerk = (ids[person.name] for person in DEMO_STAFF)
    yield DemoTill(till, manager, cashier, clerk, voucher)
    till.close()


pytest_plugins = ["tests.printer_server", "tests.postgres_server"]
