"""The manager's end of day: the cash drawer, the stock count, the makers' settlements, the report, the close.

Each tab calls the services on the store worker; who may do what is the
services' decision (a cashier may count the drawer, only a manager closes the
event), and their refusals show in the banner.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
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
    drawer_denominations,
    move_cash,
    open_session,
    queue_cash_report,
    x_report,
)
from app.services.event_close import CloseChecklist, close_checklist, close_event, review_conflict
from app.services.event_report import EventReport, event_report, event_report_pdf, export_csv
from app.services.settlements import MakerSettlement, export_settlement_pdfs, maker_settlements, set_commission
from app.services.staff import SignedIn
from app.services.stock_count import (
    CountSheet,
    count_entry,
    count_locations,
    count_sheet,
    post_count,
    start_count,
)
from app.store.cash import CashSession
from app.store.unit_of_work import UnitOfWork
from app.ui.approval_dialog import ApprovalRunner
from app.ui.event_report_view import EventReportView
from app.ui.messages import MessageBridge
from app.ui.tables import read_only_table, set_row
from app.ui.worker import StoreWorker
from printers.layout import TextLine, columns_for, lay_out


class CountGrid(QWidget):
    """Coins and notes counted one spin box each; the total follows, nothing else is shown (a blind count)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self.spins: dict[int, QSpinBox] = {}
        self.total = QLabel()
        self._format: Callable[[int], str] = str

    def set_denominations(self, values: tuple[int, ...], fmt: Callable[[int], str]) -> None:
        self._format = fmt
        self.spins = {}
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self.total:
                widget.deleteLater()
        for index, value in enumerate(values):
            spin = QSpinBox()
            spin.setRange(0, 100_000)
            spin.setMinimumHeight(40)
            spin.valueChanged.connect(self._show_total)
            self.spins[value] = spin
            self._grid.addWidget(QLabel(fmt(value)), index // 4, (index % 4) * 2)
            self._grid.addWidget(spin, index // 4, (index % 4) * 2 + 1)
        self._grid.addWidget(self.total, len(values) // 4 + 1, 0, 1, 8)
        self._show_total()

    def counts(self) -> dict[int, int]:
        return {value: spin.value() for value, spin in self.spins.items() if spin.value()}

    def clear(self) -> None:
        for spin in self.spins.values():
            spin.setValue(0)

    @Slot()
    def _show_total(self) -> None:
        amount = sum(value * spin.value() for value, spin in self.spins.items())
        self.total.setText(self.tr("Counted: {0}").format(self._format(amount)))


def document_text(report: CashReport, event: EventSettings) -> str:
    lines = lay_out(cash_report_document(report, event), columns_for(80))
    return "\n".join(line.text for line in lines if isinstance(line, TextLine))


class ManagerScreen(QWidget):
    print_requested = Signal()
    event_closed = Signal()

    def __init__(
        self,
        worker: StoreWorker,
        new_uow: Callable[[], UnitOfWork],
        messages: MessageBridge,
        event: Callable[[], EventSettings | None],
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._new_uow = new_uow
        self._messages = messages
        self._event = event
        self._data_dir = data_dir
        self._staff: SignedIn | None = None
        self.session: CashSession | None = None
        self.last_report: CashReport | None = None
        self.count_id: str | None = None
        self.checklist: CloseChecklist | None = None
        self.settlements: list[MakerSettlement] = []
        self.approvals = ApprovalRunner(self, worker, new_uow, self._on_failed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._cash_tab(), self.tr("Cash session"))
        self.tabs.addTab(self._count_tab(), self.tr("Stock count"))
        self.tabs.addTab(self._settlement_tab(), self.tr("Maker settlements"))
        self.tabs.addTab(self._report_tab(), self.tr("Event report"))
        self.tabs.addTab(self._close_tab(), self.tr("Close the event"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        column = QVBoxLayout(self)
        column.addWidget(self.tabs)

    def _fmt(self, minor: int) -> str:
        event = self._event()
        return event.format(minor) if event else str(minor)

    def _on_failed(self, error: PosError) -> None:
        self._messages.error(str(error))

    def _run(self, job: Callable[[], object], then: Callable[..., None]) -> None:
        self._worker.run_op(job).on_success(then).on_failure(self._on_failed)

    def start(self, staff: SignedIn) -> None:
        self._staff = staff
        self._worker.run_op(lambda: drawer_denominations(self._new_uow())).on_success(self._set_denominations)
        self.refresh()

    def _set_denominations(self, values: tuple[int, ...]) -> None:
        self.open_grid.set_denominations(values, self._fmt)
        self.close_grid.set_denominations(values, self._fmt)

    @Slot()
    def refresh(self) -> None:
        index = self.tabs.currentIndex()
        if index == 0:
            self._run(lambda: current_session(self._new_uow()), self._show_session)
        elif index == 1:
            self._run(lambda: count_locations(self._new_uow()), self._show_locations)
            if self.count_id:
                count_id = self.count_id
                self._run(lambda: count_sheet(count_id, self._new_uow()), self._show_sheet)
        elif index == 2:
            self._run(lambda: maker_settlements(self._new_uow()), self._show_settlements)
        elif index == 3:
            self._run(lambda: event_report(self._new_uow()), self._show_event_report)
        elif index == 4:
            self._run(lambda: close_checklist(self._new_uow()), self._show_checklist)

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self.refresh()

    @property
    def staff_id(self) -> str:
        assert self._staff is not None, "the manager screen is shown to a signed-in person only"
        return self._staff.staff_id

    # Cash session

    def _cash_tab(self) -> QWidget:
        self.session_label = QLabel()
        self.session_label.setObjectName("bigTotal")
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
        self.move_amount = QLineEdit()
        self.move_amount.setPlaceholderText(self.tr("Amount"))
        self.move_reason = QLineEdit()
        self.move_reason.setPlaceholderText(self.tr("Reason, e.g. bank drop"))
        move_button = QPushButton(self.tr("Record"))
        move_button.clicked.connect(self.move_cash)
        x_button = QPushButton(self.tr("X report"))
        x_button.setToolTip(self.tr("The session so far; nothing is counted or closed"))
        x_button.clicked.connect(self.show_x_report)
        moves = QHBoxLayout()
        for widget in (self.direction, self.move_amount, self.move_reason, move_button, x_button):
            moves.addWidget(widget)
        self.close_grid = CountGrid()
        self.close_button = QPushButton(self.tr("Close the session with this count"))
        self.close_button.setObjectName("primaryAction")
        self.close_button.setToolTip(self.tr("A blind count: the expected amount shows only after the count"))
        self.close_button.clicked.connect(self.close_session)
        self.session_box = QGroupBox(self.tr("The open session"))
        session_column = QVBoxLayout(self.session_box)
        session_column.addLayout(moves)
        session_column.addWidget(QLabel(self.tr("At the end: count the drawer by coins and notes")))
        session_column.addWidget(self.close_grid)
        session_column.addWidget(self.close_button)
        self.report_view = QPlainTextEdit()
        self.report_view.setReadOnly(True)
        self.report_view.setObjectName("cashReport")
        print_button = QPushButton(self.tr("Print this report"))
        print_button.clicked.connect(self.print_report)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.session_label)
        column.addWidget(self.open_box)
        column.addWidget(self.session_box)
        column.addWidget(self.report_view, 1)
        column.addWidget(print_button)
        return tab

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
                    session.opened_at[:16].replace("T", " "),
                    session.opened_by,
                    self._fmt(session.float_amount),
                )
            )

    @Slot()
    def open_session(self) -> None:
        counts, staff_id = self.open_grid.counts(), self.staff_id
        self._run(lambda: open_session(counts, staff_id, self._new_uow()), lambda _s: self._after_open())

    def _after_open(self) -> None:
        self.open_grid.clear()
        self._messages.info(self.tr("Cash session open: the till can sell."))
        self.refresh()

    @Slot()
    def move_cash(self) -> None:
        event = self._event()
        if event is None:
            return
        try:
            amount = parse_minor(self.move_amount.text(), event.currency)
        except PosError as error:
            self._on_failed(error)
            return
        direction = MovementDirection(self.direction.currentData())
        reason, staff_id = self.move_reason.text(), self.staff_id

        def call(uow: UnitOfWork, approval: ManagerApproval | None) -> None:
            move_cash(direction, amount, reason, staff_id, uow, approval)

        def done(_result: None) -> None:
            self.move_amount.clear()
            self.move_reason.clear()
            self._messages.info(self.tr("Cash {0} of {1} recorded.").format(direction.value, self._fmt(amount)))

        self.approvals.run(call, done)

    @Slot()
    def show_x_report(self) -> None:
        self._run(lambda: x_report(self._new_uow()), self._show_report)

    @Slot()
    def close_session(self) -> None:
        counts, staff_id = self.close_grid.counts(), self.staff_id
        self._run(lambda: close_session(counts, staff_id, self._new_uow()), self._closed)

    def _closed(self, report: CashReport) -> None:
        self.close_grid.clear()
        self._show_report(report)
        over_short = report.over_short or 0
        word = self.tr("over") if over_short > 0 else self.tr("short") if over_short < 0 else self.tr("exact")
        self._messages.info(self.tr("{0}: {1} {2}.").format(report.number, self._fmt(abs(over_short)), word))
        self.print_report()
        self.refresh()

    def _show_report(self, report: CashReport) -> None:
        self.last_report = report
        event = self._event()
        if event is not None:
            self.report_view.setPlainText(document_text(report, event))

    @Slot()
    def print_report(self) -> None:
        report = self.last_report
        if report is not None:
            self._run(lambda: queue_cash_report(report, self._new_uow()), lambda _job: self.print_requested.emit())

    # Stock count

    def _count_tab(self) -> QWidget:
        self.count_location = QComboBox()
        self.count_location.setToolTip(self.tr("The stall, or where held and written-off items are kept apart"))
        start = QPushButton(self.tr("Start (or resume) a count"))
        start.clicked.connect(self.start_count)
        start_row = QHBoxLayout()
        start_row.addWidget(self.count_location, 1)
        start_row.addWidget(start)
        self.count_field = QLineEdit()
        self.count_field.setObjectName("scanField")
        self.count_field.setPlaceholderText(self.tr("Scan each item (adds one), or type CODE=QUANTITY"))
        self.count_field.returnPressed.connect(self._on_count_field_return_pressed)
        self.sheet = read_only_table(
            [self.tr("SKU"), self.tr("Item"), self.tr("Expected"), self.tr("Counted"), self.tr("Variance")], stretch=1
        )
        post = QPushButton(self.tr("Post the count (writes the adjustments)"))
        post.clicked.connect(self.post_count)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addLayout(start_row)
        column.addWidget(self.count_field)
        column.addWidget(self.sheet, 1)
        column.addWidget(post)
        return tab

    @Slot()
    def start_count(self) -> None:
        staff_id, location = self.staff_id, self.count_location.currentText() or None
        self._run(lambda: start_count(staff_id, self._new_uow(), location), self._count_started)

    def _show_locations(self, locations: list[str]) -> None:
        current = self.count_location.currentText()
        self.count_location.clear()
        self.count_location.addItems(locations)
        if current in locations:
            self.count_location.setCurrentText(current)

    def _count_started(self, count_id: str) -> None:
        self.count_id = count_id
        self.count_field.setFocus()
        self.refresh()

    @Slot()
    def _on_count_field_return_pressed(self) -> None:
        if self.count_id is None:
            self._messages.error(self.tr("Start a count first."))
            return
        entry = self.count_field.text()
        self.count_field.clear()
        count_id, staff_id = self.count_id, self.staff_id
        self._run(lambda: count_entry(count_id, entry, staff_id, self._new_uow()), lambda _line: self.refresh())

    def _show_sheet(self, sheet: CountSheet) -> None:
        self.sheet.setRowCount(len(sheet.lines))
        for row, line in enumerate(sheet.lines):
            counted = "" if line.counted is None else str(line.counted)
            variance = "" if line.variance is None else f"{line.variance:+d}"
            set_row(self.sheet, row, (line.sku, line.name, str(line.expected), counted, variance))
            # Hovering a row explains the expected on-hand by movement kind.
            explained = ", ".join(f"{kind}: {quantity:+d}" for kind, quantity in line.movements)
            for column in range(self.sheet.columnCount()):
                item = self.sheet.item(row, column)
                if item is not None:
                    item.setToolTip(explained)

    @Slot()
    def post_count(self) -> None:
        if self.count_id is None:
            return
        count_id, staff_id = self.count_id, self.staff_id

        def done(adjusted: int) -> None:
            self.count_id = None
            self.sheet.setRowCount(0)
            self._messages.info(self.tr("Count posted: {0} product(s) adjusted.").format(adjusted))

        self._run(lambda: post_count(count_id, staff_id, self._new_uow()), done)

    # Settlements

    def _settlement_tab(self) -> QWidget:
        self.settlement_table = read_only_table(
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
        export = QPushButton(self.tr("Save one PDF statement per maker"))
        export.clicked.connect(self.export_statements)
        commission = QPushButton(self.tr("Commission of the selected maker…"))
        commission.setToolTip(self.tr("With no maker selected: the event's rate for every maker"))
        commission.clicked.connect(self.ask_commission)
        buttons = QHBoxLayout()
        buttons.addWidget(commission)
        buttons.addWidget(export)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(
            QLabel(
                self.tr("Every till's sales and returns that reached this till by sync; sync first for the full event.")
            )
        )
        column.addWidget(self.settlement_table, 1)
        column.addLayout(buttons)
        return tab

    @Slot()
    def ask_commission(self) -> None:
        row = self.settlement_table.currentRow()
        maker = self.settlements[row].maker_name if 0 <= row < len(self.settlements) else None
        title = maker or self.tr("every maker (the event's rate)")
        percent, ok = QInputDialog.getText(
            self, self.tr("Commission"), self.tr("Commission for {0}, in percent (e.g. 25):").format(title)
        )
        if ok:
            self.set_commission(percent, maker)

    def set_commission(self, percent: str, maker: str | None) -> None:
        staff_id = self.staff_id
        self._run(lambda: set_commission(percent, staff_id, self._new_uow(), maker=maker), lambda _r: self.refresh())

    def _show_settlements(self, settlements: list[MakerSettlement]) -> None:
        self.settlements = settlements
        self.settlement_table.setRowCount(len(settlements))
        for row, s in enumerate(settlements):
            texts = (
                s.maker_name,
                str(s.units_sold),
                self._fmt(s.revenue),
                f"{s.units_returned} / {self._fmt(s.refunds)}",
                str(s.quality_holds),
                self._fmt(s.commission),
                self._fmt(s.payout),
            )
            set_row(self.settlement_table, row, texts)

    @Slot()
    def export_statements(self) -> None:
        folder = self._data_dir / "statements"
        self._run(
            lambda: export_settlement_pdfs(folder, self._new_uow()),
            lambda paths: self._messages.info(self.tr("{0} statement(s) saved in {1}").format(len(paths), folder)),
        )

    # The event report

    def _report_tab(self) -> QWidget:
        self.report = EventReportView()
        save_pdf = QPushButton(self.tr("Save the report as PDF"))
        save_pdf.clicked.connect(self.save_report_pdf)
        export = QPushButton(self.tr("Export CSV (sales, lines, returns, movements)"))
        export.clicked.connect(self.export_csv)
        buttons = QHBoxLayout()
        buttons.addWidget(save_pdf)
        buttons.addWidget(export)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.report, 1)
        column.addLayout(buttons)
        return tab

    def _show_event_report(self, report: EventReport) -> None:
        self.report.show_report(report, report.event.format)

    @Slot()
    def save_report_pdf(self) -> None:
        target = self._data_dir / "reports" / "event-report.pdf"
        self._run(
            lambda: event_report_pdf(target, self._new_uow()),
            lambda path: self._messages.info(self.tr("Report saved as {0}").format(path)),
        )

    @Slot()
    def export_csv(self) -> None:
        folder = self._data_dir / "export"
        self._run(
            lambda: export_csv(folder, self._new_uow()),
            lambda paths: self._messages.info(self.tr("{0} CSV file(s) saved in {1}").format(len(paths), folder)),
        )

    # Closing the event

    def _close_tab(self) -> QWidget:
        self.checks = QLabel()
        self.checks.setObjectName("closeChecklist")
        self.checks.setWordWrap(True)
        self.unsynced_list = QListWidget()
        self.conflict_list = QListWidget()
        review = QPushButton(self.tr("Mark the selected conflict reviewed…"))
        review.clicked.connect(self.review_selected_conflict)
        self.close_event_button = QPushButton(self.tr("Close the event"))
        self.close_event_button.setObjectName("primaryAction")
        self.close_event_button.setMinimumHeight(52)
        self.close_event_button.clicked.connect(self.close_event)
        self.close_anyway_button = QPushButton(self.tr("Close with the listed records unsynced"))
        self.close_anyway_button.clicked.connect(lambda: self.close_event(accept_unsynced=True))
        lists = QFormLayout()
        lists.addRow(self.tr("Not acknowledged by the hub"), self.unsynced_list)
        lists.addRow(self.tr("Conflicts"), self.conflict_list)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addWidget(self.checks)
        column.addLayout(lists, 1)
        column.addWidget(review)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_anyway_button)
        buttons.addWidget(self.close_event_button)
        column.addLayout(buttons)
        return tab

    def _show_checklist(self, checklist: CloseChecklist) -> None:
        self.checklist = checklist

        def mark(done: bool) -> str:
            return "✔" if done else "✘"

        lines = [
            f"{mark(checklist.sessions_closed)} " + self.tr("Every cash session closed"),
            f"{mark(checklist.stock_counted)} " + self.tr("A stock count posted"),
            f"{mark(checklist.synced)} " + self.tr("Every record acknowledged by the hub"),
            f"{mark(checklist.conflicts_reviewed)} " + self.tr("Conflicts reviewed"),
        ]
        if checklist.quarantined:
            lines.append(
                "⚠ "
                + self.tr("%n feed entries from the hub could not be applied.", "", checklist.quarantined)
                + " "
                + self.tr("Tell the marketplace (the list is on the sync screen); this does not block the close.")
            )
        if checklist.closed_at:
            lines.insert(
                0, self.tr("The event was closed on {0}: its records are read-only.").format(checklist.closed_at[:16])
            )
        self.checks.setText("\n".join(lines))
        self.unsynced_list.clear()
        self.unsynced_list.addItems([f"#{r.seq} {r.type}: {r.reason}" for r in checklist.unsynced])
        self.conflict_list.clear()
        for conflict in checklist.conflicts:
            state = self.tr("reviewed") if conflict.reviewed else self.tr("to review")
            self.conflict_list.addItem(f"#{conflict.seq} {conflict.type} ({state}): {conflict.reason}")
        self.close_event_button.setEnabled(checklist.closed_at is None)
        self.close_anyway_button.setVisible(not checklist.synced and checklist.closed_at is None)

    @Slot()
    def review_selected_conflict(self) -> None:
        row = self.conflict_list.currentRow()
        if self.checklist is None or not 0 <= row < len(self.checklist.conflicts):
            self._messages.error(self.tr("Select a conflict in the list first."))
            return
        note, ok = QInputDialog.getText(self, self.tr("Review the conflict"), self.tr("What was done about it?"))
        if not ok:
            return
        record_id, staff_id = self.checklist.conflicts[row].record_id, self.staff_id
        self._run(lambda: review_conflict(record_id, note, staff_id, self._new_uow()), lambda _r: self.refresh())

    @Slot()
    def close_event(self, accept_unsynced: bool = False) -> None:
        staff_id = self.staff_id

        def done(_at: str) -> None:
            self._messages.info(self.tr("The event is closed: its records are read-only; reports still work."))
            self.event_closed.emit()
            self.refresh()

        self._run(lambda: close_event(staff_id, self._new_uow(), accept_unsynced), done)
