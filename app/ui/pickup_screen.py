"""The pickup desk: scan the customer's code (scanner or camera) or search by name, check the card, hand over.

Every check and every write is a service call on the store worker; this
screen only shows the card the services return and the quantities chosen.
The quantities start at what is left to collect (the usual handoff is the
whole order); an order that asks for an ID check is handed over only with
the clerk's "ID checked", which the service demands. The event's list of
pickups is the second tab (app/ui/pickup_list.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import PosError
from app.services.authorization import ManagerApproval
from app.services.handoffs import HandoffDone, hand_over, hand_over_unpulled, queue_pickup_slip
from app.services.pickups import PickupCard, PickupOverview, UnpulledOrder, open_pickup, scan_pickup
from app.services.printing import PrinterState, printer_state
from app.services.staff import SignedIn
from app.store.unit_of_work import UnitOfWork
from app.ui.camera_scanner import CameraScanner
from app.ui.counter_desk import CounterDesk
from app.ui.messages import MessageBridge
from app.ui.pickup_list import PickupList, state_text
from app.ui.pickup_search import PickupSearch
from app.ui.tables import read_only_table, set_row
from app.ui.touch import scrolling
from app.ui.worker import Change, StoreWorker

HAND_OVER_COLUMN = 5


class PickupScreen(CounterDesk):
    slip_queued = Signal()

    def __init__(self, worker: StoreWorker, new_uow: Callable[[], UnitOfWork], messages: MessageBridge) -> None:
        super().__init__(worker, new_uow, messages)
        self.card: PickupCard | None = None
        self.unpulled: UnpulledOrder | None = None
        self.camera = CameraScanner(self)
        self.camera.code_read.connect(self.scan)
        self._build()
        worker.store_changed.connect(self._on_worker_store_changed)

    # Layout

    def _build(self) -> None:
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(self.tr("Scan the customer's pickup QR code"))
        self.scan_field.returnPressed.connect(self._on_scan_field_return_pressed)
        self.camera_button = QPushButton(self.tr("Camera"))
        self.camera_button.setCheckable(True)
        self.camera_button.setMinimumHeight(52)
        self.camera_button.setToolTip(self.tr("Read the QR code with the camera"))
        self.camera_button.toggled.connect(self._on_camera_button_toggled)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.camera_button)

        self.search = PickupSearch(self._worker, self._new_uow, self._messages)
        self.search.order_chosen.connect(self.open_order)
        # Under the names the desk's callers and tests know.
        self.search_field, self.results = self.search.field, self.search.results

        self.title = QLabel()
        self.title.setObjectName("bigTotal")
        self.state_label = QLabel()
        self.notes = QLabel()
        self.notes.setObjectName("pickupNotes")
        self.notes.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setWordWrap(True)
        self.lines = read_only_table(
            [
                self.tr("Order"),
                self.tr("Item"),
                self.tr("Maker"),
                self.tr("Ordered"),
                self.tr("Collected"),
                self.tr("Hand over"),
            ],
            stretch=1,
            fit_contents=True,
        )
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.id_checked = QCheckBox(self.tr("ID checked"))
        self.id_checked.setObjectName("idChecked")
        self.id_checked.setMinimumHeight(52)
        self.id_checked.setToolTip(self.tr("Tick once you have seen an ID with the name on the order"))
        self.print_slip = QCheckBox(self.tr("Print a pickup slip"))
        # Ticked and enabled once a printer is known to be set up (start, or the printer settings saved).
        self.print_slip.setEnabled(False)
        self.all_button = self._button(self.tr("All"), self.tr("Hand over everything left (F7)"), "F7", self.select_all)
        self.hand_over_button = self._button(
            self.tr("Hand over"), self.tr("Hand over the chosen items (F12)"), "F12", self.hand_over
        )
        self.hand_over_button.setObjectName("primaryAction")
        self.approve_button = self._button(
            self.tr("Hand over on a manager's approval"),
            self.tr("The order is genuine but not on this till yet: a manager checks it on the customer's phone"),
            "F9",
            self.hand_over_unpulled,
        )
        actions = QHBoxLayout()
        actions.addWidget(self.id_checked)
        actions.addWidget(self.print_slip)
        actions.addStretch(1)
        actions.addWidget(self.all_button)
        actions.addWidget(self.approve_button)
        actions.addWidget(self.hand_over_button)
        self.card_box = QGroupBox(self.tr("Order"))
        # The order's details scroll on a short screen; its actions (ID checked, Hand over) stay in view
        # below them, as Pay does on the sell screen.
        details = QWidget()
        details_column = QVBoxLayout(details)
        details_column.setContentsMargins(0, 0, 0, 0)
        details_column.addWidget(self.title)
        details_column.addWidget(self.state_label)
        details_column.addWidget(self.warning)
        details_column.addWidget(self.notes)
        details_column.addWidget(self.lines, 1)
        details_column.addWidget(self.history)
        card = QVBoxLayout(self.card_box)
        card.addWidget(scrolling(details, finger=False), 1)
        card.addLayout(actions)

        desk = QWidget()
        column = QVBoxLayout(desk)
        column.addLayout(scan_row)
        column.addWidget(self.camera.view)
        column.addWidget(self.search)
        column.addWidget(self.card_box, 1)

        self.listing = PickupList(self._worker, self._new_uow)
        self.listing.order_chosen.connect(self.open_order)
        # The list's figures, under the names the desk's callers and tests know.
        self.counts = self.listing.counts
        self.state_filter = self.listing.state_filter
        self.orders = self.listing.orders

        self.tabs = QTabWidget()
        self.tabs.addTab(desk, self.tr("Desk"))
        self.tabs.addTab(self.listing, self.tr("Pickups"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        # Sell and Lock are the mode bar's (app/ui/mode_bar.py): the desk keeps its height for the order.
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs, 1)
        self.clear()

    # Signing in and out

    def start(self, staff: SignedIn) -> None:
        self._staff = staff
        self.clear()
        self.refresh_overview()
        self._read_printer()
        self.scan_field.setFocus()

    def _read_printer(self) -> None:
        self._worker.query(lambda: printer_state(self._new_uow())).success(self._show_printer)

    def _show_printer(self, state: PrinterState) -> None:
        if state.printer_set != self.print_slip.isEnabled():
            self.print_slip.setEnabled(state.printer_set)
            self.print_slip.setChecked(state.printer_set)
        self.print_slip.setToolTip(
            "" if state.printer_set else self.tr("No receipt printer is set up (More > Receipt printer).")
        )

    @Slot(object)
    def _on_worker_store_changed(self, changes: frozenset[Change]) -> None:
        if Change.PRINTER in changes:
            self._read_printer()

    def stop(self) -> None:
        self.camera_button.setChecked(False)
        self.clear()

    def clear(self) -> None:
        self.card = None
        self.unpulled = None
        self.title.setText(self.tr("Scan a pickup code"))
        self.state_label.clear()
        self.notes.clear()
        self.warning.clear()
        self.history.clear()
        self.history.hide()
        self.lines.setRowCount(0)
        self.hand_over_button.setEnabled(False)
        self.all_button.setEnabled(False)
        self.approve_button.hide()
        self.id_checked.setChecked(False)
        self.id_checked.hide()

    @property
    def overview(self) -> PickupOverview | None:
        return self.listing.overview

    def _on_refused(self, error: PosError) -> None:
        """A code or a handoff refused: the clerk tells the customer why, so it stays until OK."""
        self._messages.instruction(str(error))
        self.scan_field.selectAll()
        self.scan_field.setFocus()

    # Finding the order

    @Slot()
    def _on_scan_field_return_pressed(self) -> None:
        # Not stripped: a space can end a pickup code; the service strips the scanner's line end.
        self.scan(self.scan_field.text())

    @Slot(str)
    def scan(self, text: str) -> None:
        if not text.strip():
            return
        self.scan_field.clear()
        self._worker.query(lambda: scan_pickup(text, self._new_uow())).success(self._show_scanned).failure(
            self._on_scan_failed
        )

    def _on_scan_failed(self, error: PosError) -> None:
        self.clear()
        self._on_refused(error)

    def _show_scanned(self, scanned: PickupCard | UnpulledOrder) -> None:
        if isinstance(scanned, UnpulledOrder):
            self.clear()
            self.unpulled = scanned
            self.title.setText(self.tr("Genuine code, order not on this till yet"))
            self.notes.setText(scanned.message)
            self.approve_button.show()
            self._messages.info(scanned.message)
            return
        self.show_card(scanned)

    @Slot(str)
    def open_order(self, order_id: str) -> None:
        self._worker.query(lambda: open_pickup(order_id, self._new_uow())).success(self.show_card)

    # The order card

    def show_card(self, card: PickupCard) -> None:
        self.clear()
        self.card = card
        self.tabs.setCurrentIndex(0)
        self.title.setText(self.tr("{0} · {1}").format(card.number, card.customer_name))
        self.state_label.setText(state_text(card.state))
        self.warning.setText(card.warning)
        self.notes.setText("\n".join(card.notes))
        self.lines.setRowCount(len(card.lines))
        for row, line in enumerate(card.lines):
            set_row(self.lines, row, (line.order_number, line.name, line.maker, str(line.ordered), str(line.collected)))
            spin = QSpinBox()
            spin.setRange(0, line.left)
            spin.setValue(line.left)
            spin.setEnabled(line.left > 0)
            spin.setMinimumHeight(40)
            self.lines.setCellWidget(row, HAND_OVER_COLUMN, spin)
        self.history.setVisible(bool(card.history))
        self.history.setText(
            "\n".join(
                self.tr("{0} handed over on {1} at till {2} by {3}").format(
                    handed.quantity, when, handed.till_code, handed.staff_name
                )
                for handed, when in zip(card.history, card.handed_at, strict=True)
            )
        )
        if card.id_check_required:
            self.id_checked.show()
            self.warning.setText(
                "\n".join(
                    filter(
                        None, (card.warning, self.tr("This order asks for an ID check: tick 'ID checked' once seen."))
                    )
                )
            )
        left = any(line.left for line in card.lines)
        self.hand_over_button.setEnabled(left)
        self.all_button.setEnabled(left)
        self.scan_field.setFocus()

    def quantity_spin(self, row: int) -> QSpinBox:
        spin = self.lines.cellWidget(row, HAND_OVER_COLUMN)
        assert isinstance(spin, QSpinBox)
        return spin

    @Slot()
    def select_all(self) -> None:
        for row in range(self.lines.rowCount()):
            spin = self.quantity_spin(row)
            spin.setValue(spin.maximum())

    @Slot()
    def hand_over(self) -> None:
        if self.card is None or self._staff is None:
            return
        card, staff_id, id_checked = self.card, self._staff.staff_id, self.id_checked.isChecked()
        # Whether anything is chosen, not more than is left, and the ID checked where asked, is the service's to say.
        wanted = {line.key: self.quantity_spin(row).value() for row, line in enumerate(card.lines)}
        self._worker.write(
            lambda: hand_over(card.order_id, wanted, staff_id, self._new_uow(), id_checked),
            Change.PICKUPS,
            Change.STOCK,
        ).success(self._handed_over).failure(self._on_refused)

    @Slot()
    def hand_over_unpulled(self) -> None:
        if self.unpulled is None or self._staff is None:
            return
        order_id, staff_id = self.unpulled.order_id, self._staff.staff_id

        def call(uow: UnitOfWork, approval: ManagerApproval | None) -> HandoffDone:
            return hand_over_unpulled(order_id, staff_id, uow, approval)

        self.approvals.run(call, self._handed_over)

    def _handed_over(self, done: HandoffDone) -> None:
        self._messages.info(self.tr("Handed over: {0} item(s) of order {1}.").format(done.items, done.order_number))
        if self.print_slip.isChecked():
            self._worker.write(lambda: queue_pickup_slip(done.handoff_id, self._new_uow()), Change.PRINT_QUEUE).success(
                lambda _job: self.slip_queued.emit()
            )
        self.clear()
        self.refresh_overview()
        self.scan_field.setFocus()

    # The event's pickups

    @Slot()
    def refresh_overview(self) -> None:
        self.listing.refresh()

    @Slot(int)
    def _on_tabs_current_changed(self, index: int) -> None:
        if index == 1:
            self.refresh_overview()

    @Slot(bool)
    def _on_camera_button_toggled(self, on: bool) -> None:
        if not on:
            self.camera.stop()
        elif not self.camera.start():
            self.camera_button.setChecked(False)
            self.camera_button.setEnabled(False)
            self._messages.error(
                self.tr("No camera (or no camera support) on this computer: use the scanner or search by name.")
            )
