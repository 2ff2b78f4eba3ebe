"""Runs the counter screen on a large store and reports scan-to-paint times and peak memory as JSON.

Run in its own process by test_ui_bench.py, so that the memory figure is the
app's alone.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.bootstrap import open_till
from app.services.staff import list_staff, sign_in
from app.ui.main_window import MainWindow
from app.ui.styles import style_sheet
from sync.collector import tune_collector
from tests.bench.catalog_gen import barcode

SCANS = 150


def peak_rss_kib() -> int:
    """This process's own peak RSS. Not getrusage's ru_maxrss: Linux keeps that across execve, so a
    child started by a big parent (pytest holding a 100k store) would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


class PaintWatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.painted_at = 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted_at = time.perf_counter()
        return False


def wait_until(condition: object, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise SystemExit("ui_probe: the screen did not reach the expected state in time")
        QCoreApplication.processEvents()


def main(data_dir: Path, catalog_size: int) -> None:
    tune_collector()  # as popup-pos's start does
    app = QApplication(sys.argv)
    app.setStyleSheet(style_sheet("light"))
    till = open_till(data_dir)
    window = MainWindow(till)
    window.show()
    sam = next(member for member in list_staff(till.uow()) if member.name == "Sam")
    window._on_sign_in_signed_in(sign_in(sam.staff_id, "1111", till.uow()))
    wait_until(lambda: window.sell.state is not None)
    if window.sell.model.rowCount():
        # A cart left by an earlier run is recovered on start: start from an empty one.
        window.sell.void("benchmark start")
        wait_until(lambda: window.sell.model.rowCount() == 0)
    watcher = PaintWatcher()
    window.sell.table.viewport().installEventFilter(watcher)
    rng = random.Random(3)
    samples = []
    # Distinct products, so that every scan adds a row (a repeat only raises a quantity).
    for number in rng.sample(range(1, catalog_size + 1), SCANS):
        rows = window.sell.model.rowCount()
        QTest.keyClicks(window.sell.scan_field, barcode(number))
        watcher.painted_at = 0.0
        started = time.perf_counter()
        QTest.keyClick(window.sell.scan_field, Qt.Key.Key_Return)
        wait_until(lambda rows=rows: window.sell.model.rowCount() > rows and watcher.painted_at > 0.0)
        samples.append(watcher.painted_at - started)
    for query in ("wool", "speckled mug", "walnut board"):
        window.sell.scan_field.setText(query)
        window.sell.scan_field.textEdited.emit(query)
        wait_until(lambda: window.sell.results.isVisible())
    peak_kib = peak_rss_kib()
    window.close()
    print(json.dumps({"scan_to_paint": samples, "peak_rss_mib": peak_kib / 1024}))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
