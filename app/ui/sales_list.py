"""The till's recent sales, to reprint a receipt (marked COPY) or save it as PDF."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDialog, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from app.services.queries import SaleRow
from app.ui.tables import finger_friendly


class SalesListDialog(QDialog):
    reprint_requested = Signal(str)  # receipt number
    pdf_requested = Signal(str)  # sale id

    def __init__(self, sales: list[SaleRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sales on this till"))
        self.resize(560, 480)
        self.sales = finger_friendly(QListWidget())
        for sale in sales:
            item = QListWidgetItem(f"{sale.receipt_no}   {sale.sold_at}   {sale.total}")
            item.setData(Qt.ItemDataRole.UserRole, sale)
            self.sales.addItem(item)
        if sales:
            self.sales.setCurrentRow(0)
        self.reprint_button = QPushButton(self.tr("Reprint (copy)"))
        self.reprint_button.clicked.connect(self._on_reprint_clicked)
        pdf = QPushButton(self.tr("Save as PDF"))
        pdf.clicked.connect(self._on_pdf_clicked)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(pdf)
        buttons.addStretch()
        buttons.addWidget(close)
        column = QVBoxLayout(self)
        column.addWidget(self.sales)
        column.addLayout(buttons)

    def _chosen(self) -> SaleRow | None:
        item = self.sales.currentItem()
        sale = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return sale if isinstance(sale, SaleRow) else None

    @Slot()
    def _on_reprint_clicked(self) -> None:
        sale = self._chosen()
        if sale is not None:
            self.reprint_requested.emit(sale.receipt_no)

    @Slot()
    def _on_pdf_clicked(self) -> None:
        sale = self._chosen()
        if sale is not None:
            self.pdf_requested.emit(sale.sale_id)
