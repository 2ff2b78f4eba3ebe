"""Five till processes push at once to one PostgreSQL hub behind two server processes."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.hub.store import HubStore, inbox, open_hub_engine
from sync.protocol import EventInfo, TaxClassInfo
from tests.postgres_server import new_database
from tests.sync.conftest import enrolled_till, free_port, wait_until_up
from tests.sync.hub_processes import CHILD, ROOT, serve
from tests.sync.till_actions import sell, sync

TILLS, SALES = 5, 30


@pytest.mark.postgres
@pytest.mark.slow
def test_five_tills_two_hub_processes_one_database(postgres_server: str, tmp_path: Path) -> None:
    db_url = new_database(postgres_server)
    store = HubStore(open_hub_engine(db_url))
    event_id = store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Busy market",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081")],
        )
    )
    store.import_catalog(
        b"sku,name,maker,tax_class,price\nMUG-1,Mug,Bergkeramik,standard,32.00\nCUP-1,Cup,Bergkeramik,standard,18.00\n"
    )
    store.set_stock(event_id, "MUG-1", 100)
    ports = [free_port(), free_port()]
    servers = [serve(db_url, port) for port in ports]
    try:
        for port in ports:
            wait_until_up(port)
        tills = []
        for number in range(TILLS):
            url = f"http://127.0.0.1:{ports[number % 2]}"
            till = enrolled_till(url, store, event_id, tmp_path / f"till-{number}", code=chr(ord("A") + number))
            sync(till)
            for _ in range(SALES):
                sell(till, "MUG-1", "CUP-1")
            tills.append(till)

        children = [
            subprocess.Popen(
                [sys.executable, str(CHILD), str(till.till.data_dir), f"http://127.0.0.1:{ports[index % 2]}"],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for index, till in enumerate(tills)
        ]
        # The same tills push again at once through the other server: repeats must be harmless.
        children += [
            subprocess.Popen(
                [sys.executable, str(CHILD), str(till.till.data_dir), f"http://127.0.0.1:{ports[(index + 1) % 2]}"],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for index, till in enumerate(tills)
        ]
        for child in children:
            child.communicate(timeout=120)
        for till in tills:
            sync(till)  # whichever child lost the sender lock left its till to this round
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)

    with store.engine.connect() as connection:
        sales = connection.scalar(select(func.count()).select_from(inbox).where(inbox.c.type == "sale.completed"))
    assert sales == TILLS * SALES, "every sale counted once"
    assert store.stock_level(event_id, "MUG-1") == 100 - TILLS * SALES
    assert store.stock_level(event_id, "CUP-1") == -TILLS * SALES
    flagged = [conflict["subject"] for conflict in store.conflicts()]
    # Every sale that took a level below zero is flagged once: all the cups, the mugs past the 100th.
    assert flagged.count("CUP-1") == TILLS * SALES
    assert flagged.count("MUG-1") == TILLS * SALES - 100
    for till in tills:
        till.till.close()
    store.engine.dispose()
