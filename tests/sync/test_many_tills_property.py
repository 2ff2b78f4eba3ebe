"""Property: tills selling, taking returns and handing over pickup orders through random partitions and partial
syncs end, after a full sync, with the hub holding every record once, stock equal to the fold of all records, and
each conflict flagged once."""

from __future__ import annotations

import json
import socket
import tempfile
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.bootstrap import open_till
from app.domain.errors import NotFound
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.staff import Role
from app.services.cash import open_session
from app.services.handoffs import hand_over
from app.services.pickups import open_pickup
from app.services.returns import RecordReturn, find_sale, record_return
from app.services.staff import AddStaff, add_staff
from app.services.syncing import SyncRefused, enroll_till, sync_once
from app.store.outbox import OutboxRecord, OutboxStatus
from sync.client import HubClient
from sync.hub.store import HubStore, inbox, open_hub_engine
from sync.protocol import EventInfo, TaxClassInfo
from tests.sync.conftest import EnrolledTill, ServedHub, free_port
from tests.sync.faulty_proxy import DROP_AFTER_FORWARD, ERROR_500, OK, FaultyProxy
from tests.sync.test_sync import sell

STOCK = {"MUG-1": 3, "CUP-2": 2}
ORDERS = {"P-1": [("MUG-1", 1)], "P-2": [("CUP-2", 1), ("MUG-1", 1)]}
CARTS = [("MUG-1",), ("CUP-2",), ("MUG-1", "CUP-2")]
TILLS = 3
# Every till hands over pickups, so a line can be handed over three times offline.
PICKUP_DESKS = 3
NETWORK = {
    "sync": "every waiting record reaches the hub, then the till pulls",
    "offline": "nothing reaches the hub",
    "push-only": "the push gets through, the pull fails",
    "answer-lost": "the hub stores the push, its answer never comes back",
}
Step = tuple[int, str, int, Disposition]
steps = st.lists(
    st.tuples(
        st.integers(0, TILLS - 1),
        st.sampled_from(["sale", "sale", "return", "return", "handoff", "sync", "sync", *NETWORK]),
        st.integers(0, 11),
        st.sampled_from(Disposition),
    ),
    min_size=8,
    max_size=30,
)
# Every kind of conflict and of partial sync at least once in each run, whatever the random plans hold.
RESTOCK, WRITE_OFF = Disposition.RESTOCK, Disposition.WRITE_OFF
EVERY_CONFLICT: list[Step] = [
    (0, "sale", 2, RESTOCK),  # A-000001: a mug and a cup
    (0, "answer-lost", 0, RESTOCK),  # the hub has it, till A does not know
    (1, "sync", 0, RESTOCK),  # till B pulls A-000001
    (1, "return", 0, RESTOCK),  # B takes the mug back...
    (0, "return", 0, WRITE_OFF),  # ...and so does A, offline from B: returned twice
    (0, "handoff", 0, RESTOCK),  # P-1 at desk A...
    (1, "handoff", 0, RESTOCK),  # ...and at desk B: handed over twice
    (2, "sale", 0, RESTOCK),
    (2, "sale", 0, RESTOCK),  # mugs below zero, whichever order the hub gets things in
    (1, "push-only", 0, RESTOCK),
    (0, "offline", 0, RESTOCK),
]


class Market:
    """One event: a hub served on 127.0.0.1, a faulty proxy in front of it, tills, and what the test did."""

    def __init__(self, folder: Path, cleanup: ExitStack) -> None:
        self.store = HubStore(open_hub_engine(f"sqlite:///{folder / 'hub.db'}"))
        cleanup.callback(self.store.engine.dispose)
        self.event_id = self.store.create_event(
            EventInfo(
                event_id=str(uuid.uuid4()),
                name="Drop",
                currency="EUR",
                locale="fr_FR",
                prices_include_tax=True,
                cash_rounding_step=1,
                tax_classes=[TaxClassInfo(code="standard", name="TVA 20%", rate="0.2")],
            )
        )
        self.store.import_catalog(
            b"sku,name,maker,tax_class,price\nMUG-1,Mug,Atelier,standard,32.00\nCUP-2,Cup,Atelier,standard,18.00\n"
        )
        for sku, level in STOCK.items():
            self.store.set_stock(self.event_id, sku, level)
        _key_id, private_key = self.store.create_signing_key()
        self.order_numbers = {
            self.store.create_pickup(self.event_id, number, "Ann", items, private_key).order_id: number
            for number, items in ORDERS.items()
        }
        served = ServedHub(self.store, free_port())
        served.start()
        cleanup.callback(served.stop)
        self.url = served.url
        self.proxy = FaultyProxy(served.url)
        cleanup.callback(self.proxy.close)
        # A real partition: the port is held, so nothing else takes it, and nothing listens on it.
        unreachable = socket.socket()
        cleanup.callback(unreachable.close)
        unreachable.bind(("127.0.0.1", 0))
        self.unreachable_url = f"http://127.0.0.1:{unreachable.getsockname()[1]}"

        self.receipts: list[str] = []
        self.sold: Counter[str] = Counter()
        self.restocked: Counter[str] = Counter()
        self.handed: Counter[str] = Counter()
        # Every record in the order the hub first received it (a record sent again is not new).
        self.arrived: dict[str, OutboxRecord] = {}
        self.tills: list[EnrolledTill] = []
        for number in range(TILLS):
            till = open_till(folder / f"till-{number}")
            cleanup.callback(till.close)
            enroll_till(self.url, self.store.create_enroll_code(self.event_id, "ABC"[number]), till.uow())
            manager = add_staff(AddStaff("Alex", Role.MANAGER, "1234"), till.uow()).staff_id
            cashier = add_staff(AddStaff("Sam", Role.CASHIER, "1111", added_by=manager), till.uow()).staff_id
            open_session({2000: 5}, cashier, till.uow())
            self.tills.append(EnrolledTill(till, manager, cashier))
            self.sync(number, "sync")

    def sell(self, number: int, pick: int) -> None:
        cart = CARTS[pick % len(CARTS)]
        self.receipts.append(sell(self.tills[number], *cart).receipt_no)
        self.sold.update(cart)

    def take_back(self, number: int, pick: int, disposition: Disposition) -> None:
        """One item of a sale this till knows (its own, or pulled from another till) and thinks is still returnable."""
        till = self.tills[number]
        start = pick % len(self.receipts) if self.receipts else 0
        for receipt_no in self.receipts[start:] + self.receipts[:start]:
            try:
                sale = find_sale(receipt_no, till.till.uow())
            except NotFound:
                continue
            returnable = [line for line in sale.lines if line.returnable]
            if returnable:
                break
        else:
            return
        line = returnable[pick % len(returnable)]
        back = (ReturnLineRequest(line.line_no, 1, "changed mind", disposition),)
        references = {index: f"RF-{index}" for index in range(len(sale.tenders))}
        record_return(
            RecordReturn(till.cashier, sale.sale_id, back, card_refund_references=references), till.till.uow()
        )
        if disposition is Disposition.RESTOCK:
            self.restocked[line.sku] += 1

    def hand_over(self, number: int, pick: int) -> None:
        """One line of an order that this desk thinks is still to collect."""
        till = self.tills[number % PICKUP_DESKS]
        order_id = list(self.order_numbers)[pick % len(self.order_numbers)]
        left = [line for line in open_pickup(order_id, till.till.uow()).lines if line.left]
        if not left:
            return
        line = left[pick % len(left)]
        hand_over(order_id, {line.key: 1}, till.manager, till.till.uow())
        self.handed[line.sku] += 1

    def sync(self, number: int, network: str) -> None:
        till = self.tills[number]
        with till.till.uow() as uow:
            waiting = uow.outbox.records(OutboxStatus.WAITING)
        if network == "sync":
            self._sync(till, lambda _url, token: HubClient(self.url, token))
        else:
            if network == "push-only":
                self.proxy.faults.extend([OK, ERROR_500] if waiting else [ERROR_500])
            elif network == "answer-lost":
                self.proxy.faults.append(DROP_AFTER_FORWARD)
            url = self.unreachable_url if network == "offline" else self.proxy.url
            with pytest.raises(SyncRefused, match="could not be reached"):
                self._sync(till, lambda _url, token: HubClient(url, token, attempts=1))
            assert not self.proxy.faults, f"the network did as planned: {NETWORK[network]}"
        if network != "offline":
            for record in waiting:
                self.arrived.setdefault(record.record_id, record)

    @staticmethod
    def _sync(till: EnrolledTill, client: Callable[[str, str], HubClient]) -> None:
        sync_once(till.till.uow, till.till.data_dir / "sync.lock", client)

    def folded(self) -> tuple[dict[str, int], set[tuple[str, str, str]]]:
        """Stock levels and conflicts as the hub must derive them from the records, taken in the order received."""
        levels = dict(STOCK)
        # Paid pickup orders hold their lines from creation (sync/hub/store/availability.py): a sale oversells
        # when it takes the available level (on hand - held) below zero; a handoff takes from its own line's hold.
        held = {
            (order_id, str(position)): quantity
            for order_id, number in self.order_numbers.items()
            for position, (_sku, quantity) in enumerate(ORDERS[number], start=1)
        }
        reserved: Counter[str] = Counter()
        for number in self.order_numbers.values():
            for sku, quantity in ORDERS[number]:
                reserved[sku] += quantity
        conflicts: set[tuple[str, str, str]] = set()
        returned: Counter[tuple[str, int]] = Counter()
        handoffs: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for record in self.arrived.values():
            payload = json.loads(record.payload)
            lines = payload.get("lines", [])
            if record.type == "sale.completed":
                deltas = [(line["sku"], -line["quantity"]) for line in lines]
            elif record.type == "return.recorded":
                deltas = [(line["sku"], line["quantity"]) for line in lines if line["disposition"] == "restock"]
                for line in lines:
                    returned[(payload["sale_id"], line["line_no"])] += line["quantity"]
                    if returned[(payload["sale_id"], line["line_no"])] > line["sold"]:
                        subject = f"{payload['receipt_no']}/{line['line_no']}"
                        conflicts.add(("return_exceeds_sale", record.record_id, subject))
            elif record.type == "pickup.handed_off":
                deltas = []
                for line in lines:
                    key = (line["order_id"], line["line_id"])
                    handoffs.setdefault(key, []).append((payload["at"], record.record_id))
                    release = min(line["quantity"], held.get(key, 0))
                    held[key] = held.get(key, 0) - release
                    reserved[line["sku"]] -= release
                    levels[line["sku"]] -= line["quantity"]
                    beyond = line["quantity"] - release
                    if beyond > 0 and levels[line["sku"]] - reserved[line["sku"]] < 0:
                        conflicts.add(("stock_below_zero", record.record_id, line["sku"]))
            else:
                deltas = []
            for sku, quantity in deltas:
                levels[sku] += quantity
                if quantity < 0 and levels[sku] - reserved[sku] < 0:
                    conflicts.add(("stock_below_zero", record.record_id, sku))
        # Every line was ordered once: the earliest handoff stands, whichever reached the hub first.
        for (order_id, line_id), handed in handoffs.items():
            for _at, record_id in sorted(handed, key=lambda handoff: handoff[0])[1:]:
                conflicts.add(("pickup_double_handoff", record_id, f"{self.order_numbers[order_id]}/{line_id}"))
        return levels, conflicts


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps)
@example(EVERY_CONFLICT)
def test_any_interleaving_of_sales_returns_handoffs_and_partial_syncs_ends_exactly_once(plan: list[Step]) -> None:
    with tempfile.TemporaryDirectory() as folder, ExitStack() as cleanup:
        market = Market(Path(folder), cleanup)
        for number, action, pick, disposition in plan:
            if action == "sale":
                market.sell(number, pick)
            elif action == "return":
                market.take_back(number, pick, disposition)
            elif action == "handoff":
                market.hand_over(number, pick)
            else:
                market.sync(number, action)
        for number in range(TILLS):
            market.sync(number, "sync")

        store = market.store
        recorded: set[str] = set()
        for enrolled in market.tills:
            with enrolled.till.uow() as uow:
                recorded |= {record.record_id for record in uow.outbox.records()}
                assert uow.outbox.count(OutboxStatus.WAITING) == uow.outbox.count(OutboxStatus.NEEDS_ATTENTION) == 0
        with store.engine.connect() as connection:
            received = list(connection.scalars(select(inbox.c.event_id)))
        assert sorted(received) == sorted(recorded) == sorted(market.arrived), "every record at the hub, once"

        levels, conflicts = market.folded()
        assert levels == {sku: store.stock_level(market.event_id, sku) for sku in STOCK}
        assert levels == {
            sku: STOCK[sku] - market.sold[sku] + market.restocked[sku] - market.handed[sku] for sku in STOCK
        }
        flagged = [(conflict["kind"], conflict["record_id"], conflict["subject"]) for conflict in store.conflicts()]
        assert sorted(flagged) == sorted(conflicts), "each conflict flagged once, and only those"
