"""Daily backups at store open, and restoring one, on real SQLite files."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.bootstrap import open_till
from app.cli import main
from app.domain.errors import InvalidInput, RuleViolation
from app.services.backups import backup_folder, backup_status, daily_backups, take_daily_backup
from app.services.demo import load_demo
from app.services.restores import restore_backup
from app.store.database import StoreError, backup
from app.store.files import store_lock
from tests.integration.backup_sales import sales_in, sell_a_candle


@pytest.fixture
def demo_folder(tmp_path: Path) -> Path:
    """A data folder whose store holds the demo till, closed again."""
    folder = tmp_path / "till"
    till = open_till(folder)
    load_demo(till.uow)
    till.close()
    return folder


def test_opening_a_set_up_till_takes_one_backup_a_day(demo_folder: Path) -> None:
    till = open_till(demo_folder)
    till.close()
    copies = daily_backups(backup_folder(demo_folder))
    assert len(copies) == 1
    taken, path = copies[0]
    assert datetime.now(UTC) - taken < timedelta(minutes=1)
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"

    till = open_till(demo_folder)
    status = backup_status(till.uow())
    till.close()
    assert len(daily_backups(backup_folder(demo_folder))) == 1
    assert status is not None and status.ok and status.file == str(path)


def test_an_empty_store_is_not_backed_up(tmp_path: Path) -> None:
    till = open_till(tmp_path / "empty")
    till.close()
    assert daily_backups(backup_folder(tmp_path / "empty")) == []


def test_a_day_old_backup_is_followed_by_a_new_one_and_old_ones_are_pruned(demo_folder: Path) -> None:
    folder = backup_folder(demo_folder)
    now = datetime.now(UTC)
    store = demo_folder / "till.db"
    for days in (30, 15, 13, 1):
        backup(store, folder / f"till-{(now - timedelta(days=days)):%Y%m%dT%H%M%SZ}.db")

    till = open_till(demo_folder)
    till.close()

    ages = [round((now - taken) / timedelta(days=1)) for taken, _ in daily_backups(folder)]
    assert ages == [0, 1, 13]


def test_a_failed_copy_prunes_nothing(demo_folder: Path) -> None:
    folder = backup_folder(demo_folder)
    till = open_till(demo_folder)
    in_two_months = datetime.now(UTC) + timedelta(days=60)
    # The folder's only copy is then two months old, and the next copy fails (a folder in its way).
    blocker = folder / f"till-{in_two_months:%Y%m%dT%H%M%SZ}.db"
    blocker.mkdir()
    status = take_daily_backup(till.store_path, folder, till.uow, now=in_two_months)
    till.close()
    assert status is not None and not status.ok
    assert len(list(folder.glob("till-*.db"))) == 2  # nothing pruned after a failed copy


def test_a_failed_backup_never_fails_the_open_and_shows_in_the_status(
    demo_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup_folder(demo_folder).write_text("a file where the backups folder should be")

    till = open_till(demo_folder)
    status = backup_status(till.uow())
    till.close()

    assert status is not None and not status.ok
    assert "backup could not be written" in status.error
    assert main(["--data-dir", str(demo_folder), "status"]) == 0
    assert "Backup    FAILED" in capsys.readouterr().out


def test_a_clock_set_back_does_not_stop_the_backups(demo_folder: Path) -> None:
    till = open_till(demo_folder)  # takes today's copy
    yesterday = datetime.now(UTC) - timedelta(days=1)
    status = take_daily_backup(till.store_path, backup_folder(demo_folder), till.uow, now=yesterday)
    till.close()
    assert status is not None and status.ok


def test_restore_puts_the_backup_back_and_keeps_the_replaced_store(demo_folder: Path, tmp_path: Path) -> None:
    till = open_till(demo_folder)
    sell_a_candle(till)
    saved = tmp_path / "usb" / "till-A.db"
    backup(till.store_path, saved)
    sell_a_candle(till)  # lost by the restore: it is only in the replaced store (and its WAL)
    till.close()

    restored = restore_backup(saved, demo_folder, now=datetime(2026, 12, 5, 10, 15, tzinfo=UTC))

    assert restored.replaced == demo_folder / "till.db.20261205T101500Z.before-restore"
    assert sales_in(restored.replaced) == 2
    assert sales_in(demo_folder / "till.db") == 1
    till = open_till(demo_folder)
    assert sell_a_candle(till) == "A-000002"  # the receipt sequence continues from the backup
    till.close()


def test_restore_refuses_a_backup_of_another_till_unless_forced(demo_folder: Path, tmp_path: Path) -> None:
    other = open_till(tmp_path / "other")
    load_demo(other.uow)  # same event name, another till id
    sell_a_candle(other)
    other.close()

    with pytest.raises(RuleViolation, match=r"backup of till A of 'Winter Makers Market'.*--force"):
        restore_backup(tmp_path / "other" / "till.db", demo_folder)
    assert sales_in(demo_folder / "till.db") == 0

    restore_backup(tmp_path / "other" / "till.db", demo_folder, force=True)
    assert sales_in(demo_folder / "till.db") == 1


def test_restore_refuses_while_the_window_holds_the_store(demo_folder: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    backup(demo_folder / "till.db", saved)
    with store_lock(demo_folder, "held by the window"), pytest.raises(StoreError, match="close its window"):
        restore_backup(saved, demo_folder)
    assert list(demo_folder.glob("*.before-restore")) == []


def test_restore_replaces_a_damaged_store_and_keeps_it_as_it_was(demo_folder: Path, tmp_path: Path) -> None:
    saved = tmp_path / "saved.db"
    backup(demo_folder / "till.db", saved)
    (demo_folder / "till.db").write_bytes(b"the disk went bad here" * 100)

    restored = restore_backup(saved, demo_folder)

    assert restored.replaced is not None
    assert restored.replaced.read_bytes() == b"the disk went bad here" * 100
    till = open_till(demo_folder)
    assert sell_a_candle(till) == "A-000001"
    till.close()


def test_restore_into_an_empty_folder_needs_no_before_copy(demo_folder: Path, tmp_path: Path) -> None:
    restored = restore_backup(demo_folder / "till.db", tmp_path / "new-laptop")
    assert restored.replaced is None
    assert restored.till_code == "A"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        (b"sku,name\n", "is not a Pop-up POS store"),
        (b"", "is not a Pop-up POS store"),
    ],
)
def test_restore_refuses_what_is_not_a_backup(
    demo_folder: Path, tmp_path: Path, content: bytes | None, message: str
) -> None:
    source = tmp_path / "catalog.db"
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        restore_backup(source, demo_folder)


def test_restore_refuses_an_empty_store_and_a_newer_one(demo_folder: Path, tmp_path: Path) -> None:
    open_till(tmp_path / "empty").close()
    with pytest.raises(InvalidInput, match="holds no till"):
        restore_backup(tmp_path / "empty" / "till.db", demo_folder)
    newer = tmp_path / "newer.db"
    backup(demo_folder / "till.db", newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(InvalidInput, match="newer Pop-up POS"):
        restore_backup(newer, demo_folder)


def test_the_restore_command(demo_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "saved.db"
    assert main(["--data-dir", str(demo_folder), "backup", str(saved)]) == 0
    assert main(["restore", "--data-dir", str(demo_folder), str(saved)]) == 0
    out = capsys.readouterr().out
    assert "Restored till A of 'Winter Makers Market'" in out
    assert ".before-restore" in out

    assert main(["--data-dir", str(demo_folder), "restore", str(tmp_path / "missing.db")]) == 2
    assert "missing.db does not exist" in capsys.readouterr().err


def test_a_second_window_on_the_same_store_is_refused(demo_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with store_lock(demo_folder, "held by the first window"):
        assert main(["--data-dir", str(demo_folder)]) == 2
    assert "already open on this till's store" in capsys.readouterr().err
