"""The progress dialog under pytest-qt: reports cross from the store thread, the window stays live, Cancel works."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from app.domain.progress import CancelToken, Progress
from app.services.event_export import export_csv
from app.ui.messages import MessageBridge
from app.ui.progress import ProgressDialog, run_with_progress
from app.ui.worker import StoreWorker
from tests.conftest import DemoTill
from tests.ui.screen_fit import SIZES, misfits


@pytest.fixture
def worker() -> Iterator[StoreWorker]:
    running = StoreWorker()
    running.start()
    yield running
    running.stop()


def the_dialog(parent: QWidget) -> ProgressDialog:
    found = parent.findChildren(ProgressDialog)
    assert len(found) == 1
    return found[0]


def test_an_export_shows_its_progress_then_stops_on_cancel_and_leaves_no_file(
    qtbot: QtBot, worker: StoreWorker, demo: DemoTill, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    messages = MessageBridge()
    infos: list[str] = []
    messages.info_shown.connect(infos.append)
    folder = tmp_path / "export"
    gate = threading.Event()
    threads: list[threading.Thread] = []

    def job(progress: Progress, cancel: CancelToken | None) -> list[Path]:
        threads.append(threading.current_thread())
        progress(5, 10, "Halfway there")
        gate.wait(10)  # the person looks at the dialog, and presses Cancel
        return export_csv(folder, demo.till.uow(), progress, cancel)

    done: list[list[Path]] = []
    run_with_progress(worker, messages, parent, "Exporting CSV files", job, cancel=CancelToken()).success(done.append)
    dialog = the_dialog(parent)
    qtbot.waitUntil(lambda: dialog.what.text() == "Halfway there")
    assert (dialog.bar.value(), dialog.bar.maximum(), dialog.count.text()) == (5, 10, "5 of 10")
    assert threads[0] is not threading.main_thread(), "the work runs off the GUI thread"
    assert dialog.isVisible() and dialog.cancel_button.isVisible()

    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert not dialog.cancel_button.isEnabled() and dialog.cancel_button.text() == "Stopping…"
    gate.set()
    qtbot.waitUntil(lambda: any("Export stopped" in text for text in infos))
    assert done == []
    qtbot.waitUntil(lambda: parent.findChildren(ProgressDialog) == [])  # closed and gone
    assert not folder.exists() or list(folder.iterdir()) == [], "no CSV and no .partial file is left"


def test_work_that_cannot_stop_offers_no_cancel_and_closes_with_its_result(
    qtbot: QtBot, worker: StoreWorker, demo: DemoTill, tmp_path: Path
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    gate = threading.Event()

    def job(progress: Progress, cancel: CancelToken | None) -> list[Path]:
        assert cancel is None
        gate.wait(10)
        return export_csv(tmp_path / "export", demo.till.uow(), progress, cancel)

    done: list[list[Path]] = []
    run_with_progress(worker, MessageBridge(), parent, "Exporting CSV files", job).success(done.append)
    dialog = the_dialog(parent)
    assert not dialog.cancel_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "Escape does not hide work that goes on"
    gate.set()
    qtbot.waitUntil(lambda: bool(done))
    assert [path.name for path in done[0]] and all(path.exists() for path in done[0])
    qtbot.waitUntil(lambda: parent.findChildren(ProgressDialog) == [])


def test_the_dialog_fits_every_screen_by_finger(qtbot: QtBot) -> None:
    dialog = ProgressDialog("Importing catalog", CancelToken())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.progress  # noqa: B018 - the relay exists before any report
    for size in SIZES:
        found, checked = misfits(dialog, size)
        assert checked and found == [], found
