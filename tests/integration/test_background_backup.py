"""The daily backup taken beside the window: the till opens and sells while it is copied, and it is whole.

The copy is held after its first page (its snapshot taken) by a gate on the
copy's cancellation check, so that what happens "during the backup" happens
during it on any machine, however fast.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.bootstrap import open_till
from app.cli import main
from app.services import backups
from app.services.backups import Cancellation, CopyCancelled, backup_folder, backup_status, daily_backups
from app.services.demo import load_demo
from app.ui.main_window import MainWindow
from tests.integration.backup_sales import sales_in, sell_a_candle


class Gate:
    """Holds the copy at its first look at a cancellation, until released or cancelled."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.release = threading.Event()


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[Gate]:
    gate = Gate()
    check = Cancellation.stop_if_requested

    def held_once(cancellation: Cancellation) -> None:
        if not gate.reached.is_set():
            gate.reached.set()
            while not gate.release.wait(0.01) and not cancellation.requested:
                pass
        check(cancellation)

    # One page a step: the copy is held with its snapshot taken and the rest of the store still to copy.
    monkeypatch.setattr(backups, "STEP_PAGES", 1)
    monkeypatch.setattr(Cancellation, "stop_if_requested", held_once)
    yield gate
    gate.release.set()


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    """A data folder whose demo till has sold twice and has no backup yet (it was empty when opened)."""
    folder = tmp_path / "till"
    till = open_till(folder)
    load_demo(till.uow)
    sell_a_candle(till)
    sell_a_candle(till)
    till.close()
    return folder


def test_the_window_opens_and_sells_before_a_due_backup_ends_and_the_backup_is_whole(
    qtbot: QtBot, qapp: object, demo_folder: Path, gate: Gate
) -> None:
    till = open_till(demo_folder, backup_in_background=True)
    try:
        assert till.backup is not None
        assert gate.reached.wait(10), "the backup did not start"

        window = MainWindow(till)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: bool(window.sign_in.findChildren(QPushButton, "personButton")))
        sell_a_candle(till)  # the till writes while the copy holds its snapshot
        assert till.backup.running
        assert daily_backups(backup_folder(demo_folder)) == []
        window.close()

        gate.release.set()
        assert till.backup.wait(60)
        status = till.backup.status
        assert status is not None and status.ok, status
        [(_taken, copy)] = daily_backups(backup_folder(demo_folder))
        assert status.file == str(copy)
        with closing(sqlite3.connect(copy)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sales_in(copy) == 2  # the store as the copy began: the sale made during it is not half in it
        assert sales_in(till.store_path) == 3
        assert backup_status(till.uow()) == status
        assert list(backup_folder(demo_folder).glob("*.partial*")) == []
    finally:
        gate.release.set()
        till.close()


def test_closing_the_till_mid_backup_leaves_nothing_taken_for_a_backup(demo_folder: Path, gate: Gate) -> None:
    till = open_till(demo_folder, backup_in_background=True)
    assert till.backup is not None
    assert gate.reached.wait(10), "the backup did not start"
    partial = list(backup_folder(demo_folder).glob("till-*.db.partial"))
    assert len(partial) == 1  # being written under its temporary name

    till.close()  # stops the copy and waits for its thread, without the gate being released

    assert not till.backup.running and till.backup.status is None
    assert list(backup_folder(demo_folder).iterdir()) == []
    gate.release.set()
    reopened = open_till(demo_folder)  # the backup is still due, and the next opening takes it
    try:
        assert backup_status(reopened.uow()) is not None
        assert len(daily_backups(backup_folder(demo_folder))) == 1
    finally:
        reopened.close()


def test_a_failed_background_backup_shows_in_the_status(demo_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    backup_folder(demo_folder).write_text("a file where the backups folder should be")

    till = open_till(demo_folder, backup_in_background=True)
    assert till.backup is not None and till.backup.wait(60)
    till.close()

    assert till.backup.status is not None and not till.backup.status.ok
    assert "backup could not be written" in till.backup.status.error
    assert main(["--data-dir", str(demo_folder), "status"]) == 0
    assert "Backup    FAILED" in capsys.readouterr().out


def test_a_cancel_interrupts_a_long_statement_of_the_copy_at_once() -> None:
    # SQLite's integrity check of a large copy runs for seconds inside one statement: the
    # cancellation interrupts it, so that a closing till does not wait for it.
    cancellation = Cancellation()
    running = threading.Event()
    outcome: list[BaseException] = []
    with closing(sqlite3.connect(":memory:", check_same_thread=False)) as connection:

        def progress() -> int:
            running.set()
            return 0  # go on

        connection.set_progress_handler(progress, 1000)

        def endless_statement() -> None:
            try:
                with cancellation.watching(connection):
                    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
                    connection.execute(endless).fetchone()
            except sqlite3.OperationalError as error:
                outcome.append(error)

        worker = threading.Thread(target=endless_statement)
        worker.start()
        assert running.wait(10)
        cancellation.cancel()
        worker.join(10)
    assert not worker.is_alive()
    assert [str(error) for error in outcome] == ["interrupted"]
    with pytest.raises(CopyCancelled):
        cancellation.stop_if_requested()


def test_what_a_killed_process_left_of_a_copy_goes_a_day_later(demo_folder: Path) -> None:
    folder = backup_folder(demo_folder)
    folder.mkdir()
    now = datetime.now(UTC)
    old = folder / f"till-{now - timedelta(days=2):%Y%m%dT%H%M%SZ}.db.partial"
    left = [old, old.with_name(old.name + "-journal")]
    recent = folder / f"till-{now - timedelta(minutes=5):%Y%m%dT%H%M%SZ}.db.partial"  # maybe still being written
    for path in [*left, recent]:
        path.write_bytes(b"half a copy")

    open_till(demo_folder).close()  # takes the day's backup

    assert len(daily_backups(folder)) == 1
    assert not any(path.exists() for path in left)
    assert recent.exists()
