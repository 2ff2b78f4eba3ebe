"""The manager's tab of the returns desk: recent returns with reasons, and quality holds per maker."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from app.services.return_documents import QualityHold
from app.store.returns import ReturnRow
from app.ui.tables import read_only_table, set_row


class ReturnsOverview(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.returns_list = read_only_table(
            [
                QCoreApplication.translate("ReturnsScreen", "Return"),
                QCoreApplication.translate("ReturnsScreen", "Receipt"),
                QCoreApplication.translate("ReturnsScreen", "Item"),
                QCoreApplication.translate("ReturnsScreen", "Reason"),
                QCoreApplication.translate("ReturnsScreen", "Disposition"),
            ],
            stretch=2,
        )
        self.holds = read_only_table(
            [
                QCoreApplication.translate("ReturnsScreen", "Maker"),
                QCoreApplication.translate("ReturnsScreen", "Item"),
                QCoreApplication.translate("ReturnsScreen", "Held"),
                QCoreApplication.translate("ReturnsScreen", "Reasons"),
            ],
            stretch=3,
        )
        column = QVBoxLayout(self)
        column.addWidget(
            QLabel(QCoreApplication.translate("ReturnsScreen", "Returns, with their reasons and dispositions"))
        )
        column.addWidget(self.returns_list, 2)
        column.addWidget(
            QLabel(QCoreApplication.translate("ReturnsScreen", "Quality holds per maker (for the makers' scorecards)"))
        )
        column.addWidget(self.holds, 1)

    def show_overview(self, found: tuple[list[ReturnRow], list[QualityHold]]) -> None:
        rows, holds = found
        lines = [(row, line) for row in rows for line in row.lines]
        self.returns_list.setRowCount(len(lines))
        for index, (row, line) in enumerate(lines):
            texts = (
                row.return_no,
                row.receipt_no or QCoreApplication.translate("ReturnsScreen", "none"),
                f"{line.quantity} x {line.name}",
                line.reason,
                line.disposition.replace("_", " "),
            )
            set_row(self.returns_list, index, texts)
        self.holds.setRowCount(len(holds))
        for index, hold in enumerate(holds):
            set_row(self.holds, index, (hold.maker_name, hold.name, str(hold.quantity), "; ".join(hold.reasons)))
