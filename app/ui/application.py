"""Starting the Qt application on an opened till."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app.bootstrap import Till
from app.services.setup import till_status


def run_gui(till: Till, argv: Sequence[str]) -> int:
    app = QApplication.instance() or QApplication(list(argv))
    status = till_status(till.uow())
    window = QMainWindow()
    window.setWindowTitle(f"Pop-up POS: {status.event.name}, till {status.till.code}")
    window.setCentralWidget(QLabel(f"{status.event.name}: {status.products} products ready to sell."))
    window.resize(1024, 700)
    window.show()
    return int(app.exec())
