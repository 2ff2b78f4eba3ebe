"""The cash session tab: open with a counted float, move cash in and out, X report, close with a blind count."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.cash import MovementDirection
from app.domain.errors import PosError
from app.domain.events import EventSettings
from app.domain.money import parse_minor
from app.services.authorization import ManagerApproval
from app.services.cash import (
    CashReport,
    cash_report_document,
    close_session,
    current_session,
    move_cash,
    open_session,
    queue_cash_report,
    x_report,
)
from app.store.cash import CashSession
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalRunner
from app.ui.cash_close_look import close_question, close_result
from app.ui.last_look import LastLookDialog, ResultPanel
from app.ui.manager.context import ManagerContext
from app.ui.manager.count_grid import CountGrid
from app.ui.number_pad import PadLineEdit
from app.ui.touch import scrolling
from app.ui.worker import Change
from printers.layout import TextLine, columns_for, lay_out


def document_text(report: CashReport, event: EventSettings) -> str:
    lines = lay_out(cash_report_document(report, event), columns_for(80))
    return "\n".join(line.text for line in lines if isinstance(line, TextLine))


class CashTab(QWidget):
    print_requested = Signal()

    def __init__(self, ctx: ManagerContext, approvals: ApprovalRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.approvals = approvals
        self.session: CashSession | None = None
        self.last_report: CashReport | None = None
        self.close_confirmation: LastLookDialog | None = None
        self.result_panel = ResultPanel()
        self.session_label = QLabel()
        self.session_label.setObjectName("bigTotal")
        self.session_label.setWordWrap(True)
        self.open_grid = CountGrid()
        self.open_button = QPushButton(self.tr("Open the session with this float"))
        self.open_button.clicked.connect(self.open_session)
        self.open_box = QGroupBox(self.tr("Count the float"))
        open_column = QVBoxLayout(self.open_box)
        open_column.addWidget(self.open_grid)
        open_column.addWidget(self.open_button)

        self.direction = QComboBox()
        self.direction.addItem(self.tr("Cash out (bank drop, petty cash)"), MovementDirection.OUT)
        self.direction.addItem(self.tr("Cash in (more change)"), MovementDirection.IN)
        self.move_amount = PadLineEdit(self.tr("Amount"), lambda: event.currency if (event := ctx.event()) else None)
        self.move_amount.setPlaceholderText(self.tr("Amount"))
        self.move_reason = QLineEdit()
        self.move_reason.setPlaceholderText(self.tr("Reason, e.g. bank drop"))
        move_button = QPushButton(self.tr("Record"))
        move_button.clicked.connect(self.move_cash)
        x_button = QPushButton(self.tr("X report"))
        x_button.setToolTip(self.tr("The session so far; nothing is counted or closed"))
        x_button.clicked.connect(self.show_x_report)
        # Two rows, so that the movement and both buttons fit on a 1024 px screen.
        moves = QGridLayout()
        moves.addWidget(self.direction, 0, 0)
        moves.addWidget(self.move_amount, 0, 1)
        moves.addWidget(self.move_reason, 1, 0)
        buttons = QGridLayout()
        buttons.addWidget(move_button, 0, 0)
        buttons.addWidget(x_button, 0, 1)
        moves.addLayout(buttons, 1, 1)
        moves.setColumnStretch(0, 2)
        moves.setColumnStretch(1, 1)
        self.close_grid = CountGrid()
        self.close_button = QPushButton(self.tr("Close the session with this count"))
        self.close_button.setObjectName("primaryAction")
        self.close_button.setToolTip(self.tr("A blind count: the expected amount shows only after the count"))
        self.close_button.clicked.connect(self.close_session)
        self.session_box = QGroupBox(self.tr("The open session"))
        session_column = QVBoxLayout(self.session_box)
        session_column.addLayout(moves)
        end_label = QLabel(self.tr("At the end: count the drawer by coins and notes"))
        end_label.setWordWrap(True)
        session_column.addWidget(end_label)
        session_column.addWidget(self.close_grid)
        session_column.addWidget(self.close_button)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setObjectName("cashReport")
        self.report_view.setMinimumHeight(160)
        print_button = QPushButton(self.tr("Print this report"))
        print_button.clicked.connect(self.print_report)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.session_label)
        column.addWidget(self.result_panel)
        column.addWidget(self.open_box)
        column.addWidget(self.session_box)
        column.addWidget(self.report_view, 1)
        column.addWidget(print_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scrolling(content))

    def set_denominations(self, values: tuple[int, ...]) -> None:
        self.open_grid.set_denominations(values, self._ctx.fmt)
        self.close_grid.set_denominations(values, self._ctx.fmt)

    def refresh(self) -> None:
        self._ctx.run(lambda: current_session(self._ctx.new_uow()), self._show_session)

    def _show_session(self, session: CashSession | None) -> None:
        self.session = session
        self.open_box.setVisible(session is None)
        self.session_box.setVisible(session is not None)
        if session is None:
            self.session_label.setText(self.tr("No cash session is open: count the float to open one."))
        else:
            self.session_label.setText(
                self.tr("Session {0}, opened {1} by {2} with {3}").format(
                    session.number,
                    self._ctx.when(session.opened_at),
                    session.opened_by,
                    self._ctx.fmt(session.float_amount),
                )
            )

    @Slot()
    def open_session(self) -> None:
        counts, staff_id = self.open_grid.counts(), self._ctx.staff_id
        self._ctx.run(
            lambda: open_session(counts, staff_id, self._ctx.new_uow()), lambda _s: self._after_open(), Change.CASH
        )

    def _after_open(self) -> None:
        self.open_grid.clear()
        self._ctx.messages.info(self.tr("Cash session open: the till can sell."))
        self.refresh()

    @Slot()
    def move_cash(self) -> None:
        event = self._ctx.event()
        if event is None:
            return
        try:
            amount = parse_minor(self.move_amount.text(), event.currency)
        except PosError as error:
            self._ctx.messages.error(str(error))
            return
        direction = MovementDirection(self.direction.currentData())
        reason, staff_id = self.move_reason.text(), self._ctx.staff_id

        def call(uow: UnitOfWork, approval: ManagerApproval | None) -> None:
            move_cash(direction, amount, reason, staff_id, uow, approval)

        def done(_result: None) -> None:
            self.move_amount.clear()
            self.move_reason.clear()
            recorded = (
                self.tr("Cash in of {0} recorded.")
                if direction is MovementDirection.IN
                else self.tr("Cash out of {0} recorded.")
            )
            self._ctx.messages.info(recorded.format(self._ctx.fmt(amount)))

        self.approvals.run(call, done)

    @Slot()
    def show_x_report(self) -> None:
        self._ctx.run(lambda: x_report(self._ctx.new_uow()), self._show_report)

    @Slot()
    def close_session(self) -> None:
        """The Z report is numbered for good: the count is shown once more and confirmed first."""
        event, session = self._ctx.event(), self.session
        if event is None or session is None:
            return
        counts, staff_id = self.close_grid.counts(), self._ctx.staff_id
        self.close_confirmation = close_question(session.number, counts, event.currency, self._ctx.fmt, self)
        self.close_confirmation.confirmed.connect(
            lambda: self._ctx.run(
                lambda: close_session(counts, staff_id, self._ctx.new_uow()), self._closed, Change.CASH
            )
        )
        self.close_confirmation.finished.connect(self._forget_close_confirmation)
        self.close_confirmation.open()

    def _forget_close_confirmation(self, _result: int) -> None:
        self.close_confirmation = None

    def _closed(self, report: CashReport) -> None:
        self.close_grid.clear()
        self._show_report(report)
        self.result_panel.show_result(*close_result(report, self._ctx.fmt))
        over_short = report.over_short or 0
        word = self.tr("over") if over_short > 0 else self.tr("short") if over_short < 0 else self.tr("exact")
        # Over or short is for the manager to sort out before leaving: it stays until OK.
        self._ctx.messages.instruction(
            self.tr("{0}: {1} {2}.").format(report.number, self._ctx.fmt(abs(over_short)), word)
        )
        self.print_report()
        self.refresh()

    def _show_report(self, report: CashReport) -> None:
        self.last_report = report
        event = self._ctx.event()
        if event is not None:
            self.report_view.setPlainText(document_text(report, event))

    @Slot()
    def print_report(self) -> None:
        report = self.last_report
        if report is not None:
            self._ctx.run(
                lambda: queue_cash_report(report, self._ctx.new_uow()),
                lambda _job: self.print_requested.emit(),
                Change.PRINT_QUEUE,
            )
