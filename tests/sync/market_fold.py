"""The plain model of tests/sync/test_many_tills_property.py: what the hub must derive from the tills' records,
taken one by one in the order it received them, written out here rather than taken from the product."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from app.store.outbox import OutboxRecord
from tests.sync.market_model import ORDERS, STOCK

# Where units stop counting into the event's sellable level.
NOT_SELLABLE = frozenset({"quality_hold", "written_off", "maker"})

Conflict = tuple[str, str, str]


class Fold:
    """What the hub must derive from the records, taken one by one in the order it received them."""

    def __init__(self, order_numbers: dict[str, str], issued_online: dict[str, int]) -> None:
        self.order_numbers = order_numbers
        self.on_hand = dict(STOCK)
        # Paid pickup orders hold their lines from creation (sync/hub/store/availability.py): a sale oversells
        # when it takes the available level (on hand - held) below zero; a handoff takes from its own line's hold.
        self.reserved: Counter[str] = Counter()
        self.held: dict[tuple[str, str], int] = {}
        for order_id, number in order_numbers.items():
            for position, (sku, quantity) in enumerate(ORDERS[number], start=1):
                self.held[(order_id, str(position))] = quantity
                self.reserved[sku] += quantity
        # Units of each SKU at each place but the stall (the stall's share is what the others leave).
        self.places: dict[str, Counter[str]] = {}
        # Each voucher's amount (its first issue; the marketplace's before any till's) and what sales took from it.
        self.issued = dict(issued_online)
        self.spent: Counter[str] = Counter()
        self.conflicts: set[Conflict] = set()
        # (record, code) of each over-spend -> (issued, spent) as the voucher stood after that record.
        self.overspent: dict[tuple[str, str], tuple[int, int]] = {}
        self.returned: Counter[tuple[str, int]] = Counter()
        # (when, record) of each handoff of an order line.
        self.handoffs: dict[tuple[str, str], list[tuple[str, str]]] = {}

    @classmethod
    def of(cls, records: Iterable[OutboxRecord], order_numbers: dict[str, str], issued_online: dict[str, int]) -> Fold:
        fold = cls(order_numbers, issued_online)
        for record in records:
            fold.apply(record.record_id, record.type, json.loads(record.payload))
        return fold

    def apply(self, record_id: str, kind: str, payload: dict[str, Any]) -> None:
        folds: dict[str, Callable[[str, dict[str, Any]], None]] = {
            "sale.completed": self._sale,
            "return.recorded": self._return,
            "pickup.handed_off": self._handoff,
            "stock.moved": self._stock_moved,
            "voucher.issued": self._voucher_issued,
        }
        if kind in folds:
            folds[kind](record_id, payload)

    def all_conflicts(self) -> set[Conflict]:
        """Every conflict; of a line handed over twice, the earliest handoff stands, whichever reached the hub first."""
        doubles = {
            ("pickup_double_handoff", record_id, f"{self.order_numbers[order_id]}/{line_id}")
            for (order_id, line_id), handed in self.handoffs.items()
            for _at, record_id in sorted(handed, key=lambda handoff: handoff[0])[1:]
        }
        return self.conflicts | doubles

    def located(self) -> dict[str, dict[str, int]]:
        """Units per place of each SKU, as ``popup-hub stock locations`` lists them: the stall gets what is
        sellable and not at a till; places that net to nothing are left out."""
        located = {}
        for sku, level in self.on_hand.items():
            elsewhere = self.places.get(sku, Counter())
            stall = level - sum(units for place, units in elsewhere.items() if place not in NOT_SELLABLE)
            located[sku] = {place: units for place, units in {"stall": stall, **elsewhere}.items() if units}
        return located

    def vouchers(self) -> dict[str, tuple[int | None, int]]:
        """(issued, spent) per voucher code that was issued or spent."""
        return {code: (self.issued.get(code), self.spent[code]) for code in set(self.issued) | set(self.spent)}

    def _move(self, record_id: str, sku: str, quantity: int) -> None:
        self.on_hand[sku] += quantity
        if quantity < 0 and self.on_hand[sku] - self.reserved[sku] < 0:
            self.conflicts.add(("stock_below_zero", record_id, sku))

    def _sale(self, record_id: str, payload: dict[str, Any]) -> None:
        for line in payload["lines"]:
            self._move(record_id, line["sku"], -line["quantity"])
        paid: Counter[str] = Counter()
        for tender in payload["tenders"]:
            if tender["kind"] == "voucher":
                paid[tender["reference"]] += tender["amount"]
        self.spent.update(paid)
        self._check_vouchers(record_id, paid)

    def _voucher_issued(self, record_id: str, payload: dict[str, Any]) -> None:
        self.issued.setdefault(payload["code"], payload["amount"])
        self._check_vouchers(record_id, [payload["code"]])

    def _check_vouchers(self, record_id: str, codes: Iterable[str]) -> None:
        for code in codes:
            if code in self.issued and self.spent[code] > self.issued[code]:
                self.conflicts.add(("voucher_overspent", record_id, code))
                self.overspent[(record_id, code)] = (self.issued[code], self.spent[code])

    def _return(self, record_id: str, payload: dict[str, Any]) -> None:
        for line in payload["lines"]:
            if line["disposition"] == "restock":
                self._move(record_id, line["sku"], line["quantity"])
            else:
                place = {"quality_hold": "quality_hold", "write_off": "written_off"}[line["disposition"]]
                self._place(place, line["sku"], line["quantity"])
            key = (payload["sale_id"], line["line_no"])
            self.returned[key] += line["quantity"]
            if self.returned[key] > line["sold"]:
                subject = f"{payload['receipt_no']}/{line['line_no']}"
                self.conflicts.add(("return_exceeds_sale", record_id, subject))

    def _handoff(self, record_id: str, payload: dict[str, Any]) -> None:
        for line in payload["lines"]:
            key = (line["order_id"], line["line_id"])
            self.handoffs.setdefault(key, []).append((payload["at"], record_id))
            release = min(line["quantity"], self.held.get(key, 0))
            self.held[key] = self.held.get(key, 0) - release
            self.reserved[line["sku"]] -= release
            self.on_hand[line["sku"]] -= line["quantity"]
            if line["quantity"] > release and self.on_hand[line["sku"]] - self.reserved[line["sku"]] < 0:
                self.conflicts.add(("stock_below_zero", record_id, line["sku"]))

    def _stock_moved(self, record_id: str, payload: dict[str, Any]) -> None:
        source, target = payload["location"], payload.get("to_location")
        for sku, quantity in payload["deltas"]:
            if target is None:
                # A delivery: received where the till stands, the stall.
                self._move(record_id, sku, quantity)
                continue
            self._place(source, sku, -quantity)
            self._place(target, sku, quantity)
            crossing = int(target not in NOT_SELLABLE) - int(source not in NOT_SELLABLE)
            if crossing:
                self._move(record_id, sku, crossing * quantity)

    def _place(self, place: str, sku: str, quantity: int) -> None:
        if place != "stall":
            self.places.setdefault(sku, Counter())[place] += quantity
