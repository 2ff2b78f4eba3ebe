"""The long jobs a person starts from the screens show their progress and stop on Cancel, leaving nothing half-done.

Real parts throughout: the demo till's SQLite file, the main window under
pytest-qt, a real hub over HTTP on 127.0.0.1 for "Sync now". To press Cancel
at a known point, the test keeps the worker busy (a job waiting on a gate)
while it presses the button and then Cancel; the long job starts once the gate
opens, with the cancel already asked for.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from app.domain.errors import RuleViolation
from app.services.catalog import IMPORT_BATCH, import_catalog
from app.ui.main_window import MainWindow
from app.ui.manager.close_tab import CloseTab
from app.ui.product_editor import ProductEditor
from app.ui.progress import ProgressDialog
from app.ui.worker import StoreWorker
from tests.integration.catalog_files import catalog_csv
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till, hub_on
from tests.ui.conftest import sign_in
from tests.ui.screen_fit import SIZES, fit_window, misfits

TAP = Qt.MouseButton.LeftButton
HUB_PRODUCTS = 2_500  # the hub sends 1,000 changes a page: a first pull of several pages


def product_count(window: MainWindow) -> int:
    with window.till.uow().for_reading() as uow:
        return uow.catalog.product_count()


def the_progress(parent: QWidget) -> ProgressDialog:
    found = [dialog for dialog in parent.findChildren(ProgressDialog) if dialog.isVisible()]
    assert len(found) == 1, "one progress dialog shows while the job runs"
    return found[0]


def busy(worker: StoreWorker) -> threading.Event:
    """Keep ``worker`` busy until the returned gate is set: the next job waits behind it."""
    gate = threading.Event()
    worker.query(lambda: gate.wait(10))
    return gate


def manager_tab(qtbot: QtBot, window: MainWindow, tab: str) -> QWidget:
    sign_in(qtbot, window, "Alex", "1234")
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.sell and window.sell.state is not None)
    window.show_manager()
    widget: QWidget = getattr(window.manager, tab)
    window.manager.tabs.setCurrentWidget(widget)
    return widget


def products_tab(qtbot: QtBot, window: MainWindow) -> ProductEditor:
    editor = manager_tab(qtbot, window, "products")
    assert isinstance(editor, ProductEditor)
    return editor


def close_tab_of(qtbot: QtBot, window: MainWindow) -> CloseTab:
    tab = manager_tab(qtbot, window, "close_tab")
    assert isinstance(tab, CloseTab)
    return tab


def choose_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    """The person picks ``path`` in the file dialog."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: (str(path), ""))


def heard(window: MainWindow) -> dict[str, list[str]]:
    said: dict[str, list[str]] = {"info": [], "warning": [], "error": []}
    window.messages.info_shown.connect(said["info"].append)
    window.messages.warning_shown.connect(said["warning"].append)
    window.messages.error_shown.connect(said["error"].append)
    return said


# A catalog import from the Products tab


def test_a_catalog_import_from_the_products_tab_warns_about_formula_names(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = heard(window)
    before = product_count(window)
    editor = products_tab(qtbot, window)
    source = tmp_path / "catalog.csv"
    source.write_text(
        "sku,name,variant,maker,category,tax_class,price,barcodes\n"
        'LNK-001,"=HYPERLINK(""http://x.example"",""Click"")",,Print Shop,Cards,standard,5.00,\n'
        "LNK-002,Plain card,,Print Shop,Cards,standard,4.00,\n"
        "LNK-003,Tea towel,,Linen Lab,Home,reduced,12.00,\n",
        encoding="utf-8",
    )
    choose_file(monkeypatch, source)
    assert editor.import_button.isEnabled() and editor.import_button.height() >= 44
    qtbot.mouseClick(editor.import_button, TAP)
    qtbot.waitUntil(lambda: bool(said["warning"]), timeout=10_000)
    warning = said["warning"][-1]
    assert warning.startswith("Catalog imported: 3 new, 0 updated, 2 new maker(s).")
    assert "1 cell(s) start like a spreadsheet formula" in warning
    assert "line 2: the name starts with '='" in warning
    assert product_count(window) == before + 3
    assert not said["error"]
    qtbot.waitUntil(lambda: not [d for d in editor.findChildren(ProgressDialog) if d.isVisible()])


def test_a_bad_catalog_file_gives_the_import_s_own_line_message_and_changes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = heard(window)
    before = product_count(window)
    editor = products_tab(qtbot, window)
    source = tmp_path / "bad.csv"
    source.write_text(
        "sku,name,variant,maker,category,tax_class,price,barcodes\n"
        "BAD-001,Card,,Print Shop,Cards,standard,5.00,\n"
        "BAD-002,Card,,Print Shop,Cards,standard,five,\n",
        encoding="utf-8",
    )
    choose_file(monkeypatch, source)
    qtbot.mouseClick(editor.import_button, TAP)
    qtbot.waitUntil(lambda: bool(said["error"]), timeout=10_000)
    assert said["error"][-1].startswith("The catalog was not imported: 1 problem(s).")
    assert "line 3" in said["error"][-1]
    assert product_count(window) == before


def test_a_cancelled_catalog_import_leaves_the_catalog_unchanged(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said = heard(window)
    before = product_count(window)
    editor = products_tab(qtbot, window)
    qtbot.waitUntil(lambda: editor.tax_class.count() > 0)
    source = tmp_path / "big.csv"
    source.write_bytes(catalog_csv(IMPORT_BATCH * 2 + 500))
    choose_file(monkeypatch, source)
    gate = busy(window.worker)
    qtbot.mouseClick(editor.import_button, TAP)
    progress = the_progress(editor)
    for size in SIZES:
        assert misfits(progress, size)[0] == []
    qtbot.mouseClick(progress.cancel_button, TAP)
    assert progress.cancel_button.text() == "Stopping…"
    gate.set()
    qtbot.waitUntil(lambda: any("Import stopped" in text for text in said["info"]), timeout=20_000)
    assert product_count(window) == before, "nothing of the file was written"
    assert not said["error"] and not said["warning"]


def test_the_import_is_refused_on_a_till_that_takes_its_catalog_from_the_hub(tmp_path: Path) -> None:
    with hub_on(f"sqlite:///{tmp_path / 'hub.db'}") as served:
        enrolled = enrolled_till(served.hub.url, served.hub.store, served.event_id, tmp_path / "till")
        try:
            with pytest.raises(RuleViolation, match="takes its catalog from the marketplace"):
                import_catalog(catalog_csv(3), enrolled.manager, enrolled.till.uow())
            with enrolled.till.uow().for_reading() as uow:
                assert uow.catalog.product_count() == 0
        finally:
            enrolled.till.close()


# Sync now


@pytest.fixture
def big_hub(tmp_path: Path) -> Iterator[HubEvent]:
    with hub_on(f"sqlite:///{tmp_path / 'hub.db'}") as served:
        served.hub.store.import_catalog(catalog_csv(HUB_PRODUCTS))
        yield served


@pytest.fixture
def enrolled_window(qtbot: QtBot, big_hub: HubEvent, tmp_path: Path) -> Iterator[tuple[MainWindow, EnrolledTill]]:
    enrolled = enrolled_till(big_hub.hub.url, big_hub.hub.store, big_hub.event_id, tmp_path / "till")
    main = MainWindow(enrolled.till, idle_lock_ms=60_000)
    qtbot.addWidget(main)
    main.show()
    yield main, enrolled
    main.close()
    enrolled.till.close()


def test_sync_now_shows_the_pull_and_a_cancel_stops_between_pages(
    qtbot: QtBot, enrolled_window: tuple[MainWindow, EnrolledTill]
) -> None:
    window, _enrolled = enrolled_window
    said = heard(window)
    window.show_sync()
    dialog = window.sync_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.sync_button.isEnabled)

    gate = busy(window.device_worker)
    qtbot.mouseClick(dialog.sync_button, TAP)
    progress = the_progress(dialog)
    reports: list[tuple[int, int | None, str]] = []
    progress.relay.progressed.connect(lambda done, total, what: reports.append((done, total, what)))
    qtbot.mouseClick(progress.cancel_button, TAP)
    gate.set()
    qtbot.waitUntil(lambda: any("Sync stopped after" in text for text in said["info"]), timeout=30_000)
    kept = product_count(window)
    assert 0 < kept < HUB_PRODUCTS, "the pages pulled before the stop are kept, the rest waits"
    assert reports and all(total is None for _, total, _ in reports), "the hub does not say how much is left"
    assert reports[-1][0] > 0 and reports[-1][2] == "Pulling changes from the hub"
    assert not said["error"]

    qtbot.waitUntil(dialog.sync_button.isEnabled)
    qtbot.mouseClick(dialog.sync_button, TAP)
    qtbot.waitUntil(lambda: any(text.startswith("Synced:") for text in said["info"]), timeout=60_000)
    assert product_count(window) >= HUB_PRODUCTS, "the next sync goes on from where the first stopped"
    assert window.online is True


# Back up now


def backups(window: MainWindow) -> list[Path]:
    folder = window.till.data_dir / "backups"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def test_back_up_now_writes_a_whole_copy_and_a_cancel_leaves_no_file(qtbot: QtBot, window: MainWindow) -> None:
    said = heard(window)
    close_tab = close_tab_of(qtbot, window)
    assert backups(window) == []

    gate = busy(window.worker)
    qtbot.mouseClick(close_tab.backup_button, TAP)
    qtbot.mouseClick(the_progress(close_tab).cancel_button, TAP)
    gate.set()
    qtbot.waitUntil(lambda: any("Backup stopped" in text for text in said["info"]), timeout=20_000)
    assert backups(window) == [], "a stopped copy leaves neither a backup nor a partial file"

    qtbot.mouseClick(close_tab.backup_button, TAP)
    qtbot.waitUntil(lambda: any(text.startswith("Backup written to") for text in said["info"]), timeout=20_000)
    (copy,) = backups(window)
    assert copy.name.startswith("till-") and copy.suffix == ".db" and str(copy) in said["info"][-1]
    with closing(sqlite3.connect(f"{copy.as_uri()}?mode=ro", uri=True)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("SELECT count(*) FROM products").fetchone()[0] == product_count(window)
    assert not said["error"]


@pytest.mark.parametrize("tab", ["products", "close_tab"])
def test_the_new_buttons_fit_a_finger_on_every_screen(qtbot: QtBot, window: MainWindow, tab: str) -> None:
    manager_tab(qtbot, window, tab)
    for size in SIZES:
        found, _checked = fit_window(qtbot, window, size)
        assert [str(m) for m in found if m.widget.startswith(("backUpNow", "catalogImport"))] == []
