"""The makers' settlements tab: what each maker sold and is owed, their commission, one PDF statement each."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.settlements import MakerSettlement, export_settlement_pdfs, maker_settlements, set_commission
from app.ui.manager.context import ManagerContext
from app.ui.number_pad import NumberPadDialog, Preset, ask_number
from app.ui.tables import finger_friendly, read_only_table, set_row
from app.ui.worker import Change

COMMISSION_PRESETS = (15, 20, 25, 30)


class SettlementsTab(QWidget):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.settlements: list[MakerSettlement] = []
        self.commission_pad: NumberPadDialog | None = None
        self.settlement_table = finger_friendly(
            read_only_table(
                [
                    self.tr("Maker"),
                    self.tr("Units"),
                    self.tr("Revenue"),
                    self.tr("Returns"),
                    self.tr("Held"),
                    self.tr("Commission"),
                    self.tr("Payout"),
                ],
                stretch=0,
                fit_contents=True,
            )
        )
        export = QPushButton(self.tr("Save one PDF statement per maker"))
        export.clicked.connect(self.export_statements)
        commission = QPushButton(self.tr("Commission of the selected maker…"))
        commission.setToolTip(self.tr("With no maker selected: the event's rate for every maker"))
        commission.clicked.connect(self.ask_commission)
        buttons = QGridLayout()
        buttons.addWidget(commission, 0, 0)
        buttons.addWidget(export, 0, 1)
        note = QLabel(
            self.tr("Every till's sales and returns that reached this till by sync; sync first for the full event.")
        )
        note.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(note)
        column.addWidget(self.settlement_table, 1)
        column.addLayout(buttons)

    def refresh(self) -> None:
        self._ctx.run(lambda: maker_settlements(self._ctx.new_uow()), self._show_settlements)

    @Slot()
    def ask_commission(self) -> None:
        row = self.settlement_table.currentRow()
        maker = self.settlements[row].maker_name if 0 <= row < len(self.settlements) else None
        title = maker or self.tr("every maker (the event's rate)")
        self.commission_pad = ask_number(
            self,
            self.tr("Commission"),
            self.tr("Commission for {0}, in percent (e.g. 25):").format(title),
            lambda percent: self.set_commission(percent, maker),
            currency=None,
            presets=[Preset(f"{rate} %", str(rate)) for rate in COMMISSION_PRESETS],
        )

    def set_commission(self, percent: str, maker: str | None) -> None:
        staff_id = self._ctx.staff_id
        self._ctx.run(
            lambda: set_commission(percent, staff_id, self._ctx.new_uow(), maker=maker),
            lambda _r: self.refresh(),
            Change.EVENT,
        )

    def _show_settlements(self, settlements: list[MakerSettlement]) -> None:
        self.settlements = settlements
        self.settlement_table.setRowCount(len(settlements))
        for row, s in enumerate(settlements):
            texts = (
                s.maker_name,
                str(s.units_sold),
                self._ctx.fmt(s.revenue),
                f"{s.units_returned} / {self._ctx.fmt(s.refunds)}",
                str(s.quality_holds),
                self._ctx.fmt(s.commission),
                self._ctx.fmt(s.payout),
            )
            set_row(self.settlement_table, row, texts)

    @Slot()
    def export_statements(self) -> None:
        folder = self._ctx.data_dir / "statements"
        self._ctx.run(
            lambda: export_settlement_pdfs(folder, self._ctx.new_uow()),
            lambda paths: self._ctx.messages.info(self.tr("{0} statement(s) saved in {1}").format(len(paths), folder)),
        )
