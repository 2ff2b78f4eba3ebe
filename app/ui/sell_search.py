"""The sell screen's scan field: a scan adds an item (or names the customer), typed words search the catalog.

What a code means and what is left in stock are the services' answers
(app.services.carts, app.services.availability); this part sends the text
and lists what comes back, a sold-out product offered as "Asked for…".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from app.services import carts
from app.services.availability import FoundProduct, search_with_stock
from app.ui.demand_entry import add_asked_for_rows, is_asked_for, open_demand_dialog
from app.ui.drop_badges import counter_badge
from app.ui.sell_customer import customer_dialog, give_customer, looks_like_customer_code
from app.ui.sell_dialogs import open_dialog
from app.ui.sell_payment import SellPayment

MIN_SEARCH_LENGTH = 2
SHOWN_RESULTS = 8


class SellSearch(SellPayment):
    """Scanning, the customer's code and search-as-you-type; SellScreen builds the widgets named here."""

    results: QListWidget
    _search_timer: QTimer

    @Slot()
    def _on_scan_field_return_pressed(self) -> None:
        code = self.scan_field.text().strip()
        self.scan_field.clear()
        self._hide_results()
        if not code or self.state is None:
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        if looks_like_customer_code(code):  # the customer's QR, for a drop's per-customer cap
            give_customer(self._worker, self._new_uow, self._messages, cart_id, staff_id, code)
            return
        self._run(lambda uow: carts.scan(cart_id, code, staff_id, uow))

    @Slot()
    def _on_customer_clicked(self) -> None:
        if self.state is None:
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        dialog = customer_dialog(self)
        dialog.chosen.connect(
            lambda text: give_customer(self._worker, self._new_uow, self._messages, cart_id, staff_id, text)
        )
        self.input_dialog = open_dialog(dialog, self._closed_input)

    def add_product(self, product_id: str) -> None:
        if self.state is None:
            return
        cart_id, staff_id = self.cart_id, self.staff_id
        self._run(lambda uow: carts.add_product(cart_id, product_id, staff_id, uow))
        self.scan_field.clear()
        self._hide_results()

    @Slot(str)
    def _on_scan_field_text_edited(self, text: str) -> None:
        # A scanner types digits at full speed: only words trigger a search.
        if len(text.strip()) >= MIN_SEARCH_LENGTH and not text.strip().isdigit():
            self._search_timer.start()
        else:
            self._search_timer.stop()
            self._hide_results()

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        query = self.scan_field.text()
        self._worker.query(lambda: search_with_stock(query, self._new_uow(), SHOWN_RESULTS)).success(
            lambda found: self._show_results(query, found)
        )

    def _show_results(self, query: str, found: list[FoundProduct]) -> None:
        if query != self.scan_field.text():
            return  # the person has typed on since: a newer search is coming
        self.results.clear()
        if self.state is None:
            return
        for result in found:
            item = result.product.item
            text = f"{item.name} {item.variant} · {item.maker_name} · {self.state.event.format(item.unit_price)}"
            badge = counter_badge(result.left, result.drop_left)
            entry = QListWidgetItem(f"{text} · {badge}" if badge else text)
            entry.setData(Qt.ItemDataRole.UserRole, item.product_id)
            self.results.addItem(entry)
        add_asked_for_rows(self.results, query, found)  # a sold-out product or nothing found: "Asked for…"
        rows = self.results.count()
        self.results.setFixedHeight(self.results.sizeHintForRow(0) * rows + 6 if rows else 0)
        self.results.setVisible(bool(rows))

    def _hide_results(self) -> None:
        self.results.clear()
        self.results.hide()

    @Slot()
    def _on_down_pressed(self) -> None:
        if self.results.isVisible() and self.results.count():
            self.results.setCurrentRow(0)
            self.results.setFocus()
        else:
            self._select_relative(1)

    @Slot(QListWidgetItem)
    def _on_results_item_activated(self, item: QListWidgetItem) -> None:
        if is_asked_for(item):
            self.input_dialog = open_demand_dialog(
                self, item, self._worker, self._new_uow, self._messages, self.staff_id, self._closed_input
            )
            self._hide_results()
            return
        self.add_product(str(item.data(Qt.ItemDataRole.UserRole)))
