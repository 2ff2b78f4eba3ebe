"""Two writers of the event's close lines at once, on PostgreSQL (SQLite has one writer, so never two).

Each till's line of the close checklist (``till_status`` in the feed) is computed
from what the hub has committed. Two transactions computing the lines at once
each saw what was committed when they read, and the later one fed a line older
than the other's records: CI once saw till C closed on the hub but "cash still
open" on till B. The hub now lets one transaction of an event write the lines at
a time (event_close.py ``one_publisher``); this shows the second waits, and
that every till then pulls each line as it is.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from app.services.event_close import close_checklist
from sync.hub.store.event_close import review_conflict
from tests.postgres_server import new_database
from tests.sync.conftest import enrolled_till, hub_on
from tests.sync.event_close_tills import SKU, sell
from tests.sync.till_actions import sync


def an_advisory_lock_is_awaited(engine: Engine) -> bool:
    """Whether some transaction waits for an advisory lock; asked for up to 10 seconds."""
    query = text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
    deadline = time.monotonic() + 10
    with engine.connect() as watcher:
        while time.monotonic() < deadline:
            if watcher.scalar(query):
                return True
            watcher.rollback()
            time.sleep(0.05)
    return False


@pytest.mark.postgres
def test_two_reviews_at_once_feed_every_till_its_latest_line(postgres_server: str, tmp_path: Path) -> None:
    with hub_on(new_database(postgres_server)) as hub:
        store = hub.hub.store
        store.set_stock(hub.event_id, SKU, 0)  # each till's sale goes below zero: one conflict each
        tills = [enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / code, code) for code in "AB"]
        try:
            for till in tills:
                sync(till)
                sell(till)
                sync(till)
            # A pushed its sale first, so its conflict was raised first.
            conflict_a, conflict_b = [each["id"] for each in store.conflicts() if each["kind"] == "stock_below_zero"]

            with store.engine.connect() as first:
                first.begin()
                review_conflict(first, conflict_b, "Kim", "counted, one more was in the van")

                def review_a() -> None:
                    with store.engine.begin() as second:
                        review_conflict(second, conflict_a, "Kim", "booked as shrinkage")

                second = threading.Thread(target=review_a)
                second.start()
                assert an_advisory_lock_is_awaited(store.engine), "the second review waits for the first's lines"
                assert second.is_alive()
                first.commit()
            second.join(timeout=10)
            assert not second.is_alive()

            for till in tills:
                sync(till)
                lines = [line.text() for line in close_checklist(till.till.uow()).event.tills]
                assert lines == [
                    "Till A: cash still open (the till has not closed)",
                    "Till B: cash still open (the till has not closed)",
                ], "no till is left with a conflict the hub reviewed"
        finally:
            for till in tills:
                till.till.close()
