"""The event report tab: the report on screen, saved as PDF or exported as CSV files."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout, QWidget

from app.domain.progress import CancelToken
from app.services.event_export import export_csv
from app.services.event_report import EventReport, event_report
from app.services.event_report_pdf import event_report_pdf
from app.ui.event_report_view import EventReportView
from app.ui.manager.context import ManagerContext
from app.ui.progress import run_with_progress


class ReportTab(QWidget):
    def __init__(self, ctx: ManagerContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.report = EventReportView()
        save_pdf = QPushButton(self.tr("Save the report as PDF"))
        save_pdf.clicked.connect(self.save_report_pdf)
        export = QPushButton(self.tr("Export CSV (sales, lines, returns, movements)"))
        export.clicked.connect(self.export_csv)
        buttons = QGridLayout()
        buttons.addWidget(save_pdf, 0, 0)
        buttons.addWidget(export, 0, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.report, 1)
        column.addLayout(buttons)

    def refresh(self) -> None:
        self._ctx.run(lambda: event_report(self._ctx.new_uow()), self._show_event_report)

    def _show_event_report(self, report: EventReport) -> None:
        self.report.show_report(report, report.event.format)

    @Slot()
    def save_report_pdf(self) -> None:
        target = self._ctx.data_dir / "reports" / "event-report.pdf"
        run_with_progress(
            self._ctx.worker,
            self._ctx.messages,
            self,
            self.tr("Saving the event report"),
            lambda progress, cancel: event_report_pdf(target, self._ctx.new_uow(), progress, cancel),
            cancel=CancelToken(),
        ).success(lambda path: self._ctx.messages.info(self.tr("Report saved as {0}").format(path)))

    @Slot()
    def export_csv(self) -> None:
        folder = self._ctx.data_dir / "export"
        run_with_progress(
            self._ctx.worker,
            self._ctx.messages,
            self,
            self.tr("Exporting CSV files"),
            lambda progress, cancel: export_csv(folder, self._ctx.new_uow(), progress, cancel),
            cancel=CancelToken(),
        ).success(
            lambda paths: self._ctx.messages.info(self.tr("{0} CSV file(s) saved in {1}").format(len(paths), folder))
        )
