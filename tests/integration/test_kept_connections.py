"""A thread keeps its store connection between units of work (app/store/unit_of_work.py KeptConnections).

What keeping must not change: each unit of work still begins clean, read-only ones never take the write
lock, a failure leaves nothing open, and closing the store (or ending the thread) closes every connection.
"""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from app.bootstrap import Till
from app.services.staff import list_staff
from app.store.database import driver


def _checked_out(till: Till) -> int:
    return int(till.engine.pool.checkedout())  # type: ignore[attr-defined]


def test_a_thread_reuses_one_connection_and_closing_the_store_closes_it(empty_till: Till) -> None:
    with empty_till.uow() as first:
        first_dbapi = driver(first.connection)
    with empty_till.uow().for_reading() as second:
        assert driver(second.connection) is first_dbapi
    assert _checked_out(empty_till) == 1  # kept, idle: the same one the store's opening used

    empty_till.uow.close()
    assert _checked_out(empty_till) == 0


def test_a_thread_that_ends_gives_its_connection_back(empty_till: Till) -> None:
    def work() -> None:
        with empty_till.uow().for_reading() as uow:
            uow.connection.execute(text("SELECT 1"))

    before = _checked_out(empty_till)  # this thread's own, kept since the store was opened
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert _checked_out(empty_till) == before


def test_a_failed_statement_leaves_the_next_unit_of_work_clean(empty_till: Till) -> None:
    with pytest.raises(sqlite3.OperationalError), empty_till.uow() as uow:
        uow.tills.set_setting("kept.key", "written, then rolled back")
        driver(uow.connection).execute("SELECT * FROM no_such_table")
    with empty_till.uow() as uow:
        assert uow.tills.setting("kept.key") is None
        uow.tills.set_setting("kept.key", "kept")
        uow.commit()
    with empty_till.uow().for_reading() as uow:
        assert uow.tills.setting("kept.key") == "kept"


def test_a_read_after_commit_inside_a_unit_of_work_is_closed_with_it(empty_till: Till) -> None:
    with empty_till.uow() as uow:
        uow.tills.set_setting("kept.key", "one")
        uow.commit()
        assert uow.tills.setting("kept.key") == "one"  # SQLAlchemy begins again for this read
    with empty_till.uow() as uow:  # would raise "already initialized a Transaction" if it were still open
        uow.tills.set_setting("kept.key", "two")
        uow.commit()
    with empty_till.uow().for_reading() as uow:
        assert uow.tills.setting("kept.key") == "two"


def test_a_read_only_unit_of_work_after_a_write_never_waits_for_the_write_lock(demo_till: Till) -> None:
    with demo_till.uow() as uow:
        uow.tills.set_setting("kept.key", "written")
        uow.commit()
    # Another writer holds the write lock: a reader on the same thread's kept connection still reads.
    other = sqlite3.connect(demo_till.store_path, isolation_level=None, timeout=0.1)
    try:
        other.execute("BEGIN IMMEDIATE")
        with demo_till.uow().for_reading() as uow:
            assert uow.tills.setting("kept.key") == "written"
        other.execute("ROLLBACK")
    finally:
        other.close()
    # And the next write on that connection takes the lock again (BEGIN IMMEDIATE), not a snapshot.
    with demo_till.uow() as uow:
        lock_taker = sqlite3.connect(demo_till.store_path, isolation_level=None, timeout=0.1)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                lock_taker.execute("BEGIN IMMEDIATE")
        finally:
            lock_taker.close()


def test_a_unit_of_work_opened_inside_another_on_the_same_thread_has_its_own_connection(demo_till: Till) -> None:
    with demo_till.uow() as outer:
        outer.tills.set_setting("kept.key", "not yet committed")
        with demo_till.uow().for_reading() as inner:
            assert inner.connection is not outer.connection
            assert inner.tills.setting("kept.key") is None  # its own snapshot
            assert [member.name for member in list_staff(demo_till.uow())]  # a third, nested again
        outer.commit()
    with demo_till.uow().for_reading() as uow:
        assert uow.tills.setting("kept.key") == "not yet committed"
    assert _checked_out(demo_till) == 1


@pytest.fixture
def demo_till(demo: object) -> Till:
    return demo.till  # type: ignore[attr-defined,no-any-return]


def test_statements_through_sqlalchemy_join_the_transaction_the_unit_of_work_began(empty_till: Till) -> None:
    # The unit of work begins through the driver; SQLAlchemy's own statements join that transaction, so
    # both kinds commit together and roll back together.
    with pytest.raises(RuntimeError, match="given up"), empty_till.uow() as uow:
        uow.tills.set_setting("kept.driver", "through the driver")
        uow.connection.execute(text("INSERT INTO settings (key, value) VALUES ('kept.core', 'through SQLAlchemy')"))
        raise RuntimeError("given up")
    with empty_till.uow() as uow:
        assert uow.tills.setting("kept.driver") is None and uow.tills.setting("kept.core") is None
        uow.connection.execute(text("INSERT INTO settings (key, value) VALUES ('kept.core', 'through SQLAlchemy')"))
        uow.tills.set_setting("kept.driver", "through the driver")
        uow.commit()
    with empty_till.uow().for_reading() as uow:
        assert (uow.tills.setting("kept.core"), uow.tills.setting("kept.driver")) == (
            "through SQLAlchemy",
            "through the driver",
        )


def test_a_commit_with_no_transaction_left_never_passes_for_one_that_wrote(empty_till: Till) -> None:
    # SQLite rolls back by itself on a full disk or an I/O error; here the driver does it by hand.
    with empty_till.uow() as uow:
        uow.tills.set_setting("kept.key", "lost")
        driver(uow.connection).rollback()
        with pytest.raises(RuntimeError, match="no transaction open"):
            uow.commit()
    with empty_till.uow() as uow:
        uow.tills.set_setting("kept.key", "written once")
        uow.commit()
        with pytest.raises(RuntimeError, match="no transaction open"):
            uow.commit()
    with empty_till.uow().for_reading() as uow:
        assert uow.tills.setting("kept.key") == "written once"
