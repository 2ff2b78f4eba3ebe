"""Screenshots for README.md, taken in a real window (run under Xvfb: `make screenshots`).

Drives the real app on a fresh demo store as a person would, then grabs the
sell screen with a cart and the payment dialog.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from app.bootstrap import open_till
from app.services.demo import load_demo
from app.ui.main_window import MainWindow
from app.ui.styles import style_sheet

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def pump() -> None:
    # processEvents(flags, max_time) crashes PySide6 6.12 under xcb (a refcount bug): plain call, short sleep.
    QCoreApplication.processEvents()
    time.sleep(0.01)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("screenshots: the app did not reach the expected state in time")
        pump()


def settle(seconds: float = 0.4) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pump()


def main() -> int:
    app = QApplication(sys.argv)
    app.setStyleSheet(style_sheet("light"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        till = open_till(Path(folder))
        load_demo(till.uow)
        window = MainWindow(till)
        window.resize(1280, 800)
        window.show()
        wait_until(lambda: bool(window.sign_in._people))
        settle()
        window.grab().save(str(OUT / "sign-in.png"))
        window.sign_in.choose(window.sign_in.person_named("Sam"))
        window.sign_in.pad.display.setText("1111")
        window.sign_in.pad.display.returnPressed.emit()
        wait_until(lambda: window.sell.state is not None)
        for code in ("2000000000114", "2000000000015", "KAF-003", "FIL-001"):
            rows = window.sell.model.rowCount()
            window.sell.scan_field.setText(code)
            window.sell.scan_field.returnPressed.emit()
            wait_until(lambda rows=rows: window.sell.model.rowCount() > rows)
        window.sell.scan_field.setText("wool")
        window.sell.scan_field.textEdited.emit("wool")
        wait_until(lambda: window.sell.results.isVisible())
        settle()
        window.grab().save(str(OUT / "sell-screen.png"))
        window.sell.scan_field.clear()
        window.sell.results.hide()
        window.sell.pay_button.click()
        wait_until(lambda: window.sell.tender_dialog is not None)
        dialog = window.sell.tender_dialog
        assert dialog is not None
        dialog.card_amount.setText("50")
        dialog.card_reference.setText("TRM-5521")
        dialog.card_reference.returnPressed.emit()
        settle()
        dialog.grab().save(str(OUT / "tender-dialog.png"))
        window.close()
        till.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
