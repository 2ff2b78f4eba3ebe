"""The running stock levels (``stock_levels``, sync/hub/store/stock_levels.py) on SQLite and PostgreSQL.

Whatever writes stock movements (a till's sales, goods-in, transfers, counts and write-offs, the hub's own
``set_stock``), each SKU's running level is the sum of its movements, and what a push answers and feeds
is read from it. Two tills pushing the same SKU at once on PostgreSQL are still serialised by the SKU locks:
every record that took the level below zero is flagged, none twice. Hub migration 0027 fills the table
from the movements a hub already holds, and its downgrade drops it.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from sync.hub.store.engine import MIGRATIONS
from tests.sync.conftest import HubEvent
from tests.sync.hostile_records import SKUS, STOCK_MOVED_AT, Sender, a_record, a_sale, answers_of, enroll


def _levels_and_sums(hub: HubEvent) -> tuple[dict[tuple[str, str], int], dict[tuple[str, str], int]]:
    """(event, SKU) -> the running level, and -> the sum of its movements: the same SKUs, the same figures."""
    with hub.hub.store.engine.connect() as connection:
        levels = {
            (event, sku): int(on_hand)
            for event, sku, on_hand in connection.exec_driver_sql("SELECT event_id, sku, on_hand FROM stock_levels")
        }
        sums = {
            (event, sku): int(total)
            for event, sku, total in connection.exec_driver_sql(
                "SELECT event_id, sku, sum(quantity) FROM stock_movements GROUP BY event_id, sku"
            )
        }
    return levels, sums


def _move(seq: int, **payload: Any) -> dict[str, Any]:
    """A ``stock.moved`` record with an id of its own (two tills may use the same sequence numbers)."""
    return a_record({"at": STOCK_MOVED_AT, **payload}, seq, "stock.moved")


def test_the_running_level_is_the_sum_of_every_writers_movements(hub: HubEvent) -> None:
    first, second = SKUS[0], SKUS[1]
    hub.hub.store.set_stock(hub.event_id, first, 10)
    sender = enroll(hub, "B")
    batch = [
        _move(1, kind="receive", location="stall", deltas=[[first, 6], [second, 4]], maker="Atelier", reference="LS"),
        a_record(a_sale(sender, first, 3), 2),
        _move(3, kind="transfer", location="stall", to_location="quality_hold", deltas=[[first, 2]], reason="chip"),
        _move(4, kind="count_adjustment", location="stall", deltas=[[second, -1]]),
        _move(5, kind="write_off", location="stall", deltas=[[second, -5]]),
        # A transfer back into the sellable place raises the level again.
        _move(6, kind="transfer", location="quality_hold", to_location="stall", deltas=[[first, 1]]),
    ]
    answers = answers_of(sender.push(batch))
    assert [answer["status"] for answer in answers] == ["applied"] * 4 + ["conflict", "applied"]
    levels, sums = _levels_and_sums(hub)
    assert levels == sums
    assert hub.hub.store.stock_level(hub.event_id, first) == 10 + 6 - 3 - 2 + 1
    assert hub.hub.store.stock_level(hub.event_id, second) == 4 - 1 - 5

    # The hub's own correction books the difference; the running level follows it.
    hub.hub.store.set_stock(hub.event_id, second, 7)
    more = answers_of(sender.push([a_record(a_sale(sender, second, 2), 7)]))
    assert more[0]["status"] == "applied"
    levels, sums = _levels_and_sums(hub)
    assert levels == sums
    assert levels[(hub.event_id, second)] == 5

    # A batch sent again moves nothing twice.
    again = answers_of(sender.push(batch))
    assert {answer["status"] for answer in again} == {"duplicate"}
    assert _levels_and_sums(hub)[0] == sums


def test_two_tills_pushing_the_same_sku_at_once_are_serialised(hub: HubEvent) -> None:
    sku, stocked, per_till, batches = SKUS[2], 30, 40, 4
    hub.hub.store.set_stock(hub.event_id, sku, stocked)
    senders = [enroll(hub, "B"), enroll(hub, "C")]
    answered: list[dict[str, Any]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()

    def push_all(sender: Sender) -> None:
        try:
            seqs = iter(range(1, per_till * batches + 1))
            for _ in range(batches):
                records = [
                    _move(next(seqs), kind="write_off", location="stall", deltas=[[sku, -1]]) for _ in range(per_till)
                ]
                got = answers_of(sender.push(records))
                with lock:
                    answered.extend(got)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=push_all, args=(sender,)) for sender in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    moved = len(senders) * per_till * batches
    assert len(answered) == moved
    # Serialised, the units in stock are taken once each: exactly the records beyond them go below zero.
    conflicts = [answer for answer in answered if answer["status"] == "conflict"]
    assert len(conflicts) == moved - stocked
    levels, sums = _levels_and_sums(hub)
    assert levels == sums
    assert hub.hub.store.stock_level(hub.event_id, sku) == stocked - moved


def test_migration_0027_fills_the_levels_from_the_movements_and_its_downgrade_drops_them(hub: HubEvent) -> None:
    engine = hub.hub.store.engine
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    other_event = str(uuid.uuid4())
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0026")
    assert "stock_levels" not in inspect(engine).get_table_names()
    # Movements a hub held before the upgrade, in two events, one SKU summing to nothing.
    rows = [
        (hub.event_id, SKUS[0], 5),
        (hub.event_id, SKUS[0], -2),
        (hub.event_id, SKUS[1], 4),
        (hub.event_id, SKUS[1], -4),
        (other_event, SKUS[0], 9),
    ]
    mark = "?" if engine.dialect.paramstyle == "qmark" else "%s"
    with engine.begin() as connection:
        for event_id, sku, quantity in rows:
            connection.exec_driver_sql(
                f"INSERT INTO stock_movements (event_id, sku, quantity, source) VALUES ({mark}, {mark}, {mark}, 'old')",
                (event_id, sku, quantity),
            )
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    levels, sums = _levels_and_sums(hub)
    assert levels == sums == {(hub.event_id, SKUS[0]): 3, (hub.event_id, SKUS[1]): 0, (other_event, SKUS[0]): 9}
    assert hub.hub.store.stock_level(hub.event_id, SKUS[1]) == 0
    # And the next push adds to the filled level.
    sender = enroll(hub, "B")
    answers = answers_of(sender.push([_move(1, kind="receive", location="stall", deltas=[[SKUS[0], 2]])]))
    assert answers[0]["status"] == "applied"
    assert hub.hub.store.stock_level(hub.event_id, SKUS[0]) == 5
