"""Opening the till: the sign-in screen first, the sell screen right behind it, the other screens on first use."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app import bootstrap
from app.bootstrap import newest_revision, open_till
from app.services.backups import backup_folder, daily_backups
from app.services.demo import load_demo
from app.store.database import head_revision
from app.ui.application import READY_PROBE_ENV
from app.ui.main_window import MainWindow
from tests.ui.conftest import sign_in

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def test_the_window_is_ready_to_sell_once_the_staff_show_and_builds_the_rest_on_first_use(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.pages.currentWidget() is window.sign_in
    qtbot.waitUntil(lambda: window.ready_to_sell)  # nobody signed in yet
    assert window.pages.count() == 2  # sign-in and sell: the desks and the manager's screen wait

    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell)
    qtbot.keyClick(window.sell.scan_field, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.manager)
    assert window.pages.count() == 3
    window.lock()  # the desks never opened have nothing to stop
    assert window.pages.currentWidget() is window.sign_in
    assert window.pages.count() == 3


def test_opening_the_window_loads_no_screen_it_does_not_show() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, app.cli, app.ui.application; print(' '.join(sys.modules))",
        ],
        capture_output=True,
        text=True,
        env=ENV,
        cwd=ROOT,
        timeout=120,
        check=True,
    ).stdout.split()
    for later in (
        "app.ui.sell_screen",
        "app.ui.pickup_screen",
        "app.ui.returns_screen",
        "app.ui.manager_screen",
        "PySide6.QtCharts",
        "reportlab",
    ):
        assert later not in loaded


def test_a_store_at_the_newest_revision_opens_without_running_alembic(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_till(tmp_path).close()  # a new store: migrated
    assert newest_revision() == head_revision()  # the migration files' names say what Alembic says

    def migrate(_engine: object) -> None:
        raise AssertionError("Alembic ran on a store already at the newest revision")

    monkeypatch.setattr(bootstrap, "migrate", migrate)
    open_till(tmp_path).close()


def test_a_launch_with_a_backup_due_gets_to_selling_and_leaves_only_whole_backups(tmp_path: Path) -> None:
    till = open_till(tmp_path)
    load_demo(till.uow)  # set up after opening: the next opening has a backup due
    till.close()

    launched = subprocess.run(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        env={**ENV, READY_PROBE_ENV: "1"},
        cwd=ROOT,
        timeout=120,
    )

    assert launched.returncode == 0, launched.stderr
    assert [line.split()[0] for line in launched.stdout.splitlines()] == ["sign-in", "ready"]
    folder = backup_folder(tmp_path)
    assert list(folder.glob("*.partial*")) == []
    for _taken, copy in daily_backups(folder):  # taken whole, or stopped with the window and not kept
        with closing(sqlite3.connect(copy)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
