"""Shared fixtures: a real till store in a temporary folder, loaded with the demo event."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.bootstrap import Till, open_till
from app.services.demo import DEMO_STAFF, load_demo
from app.services.staff import list_staff


@dataclass(frozen=True)
class DemoTill:
    till: Till
    manager: str
    cashier: str
    clerk: str
    voucher: str


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
