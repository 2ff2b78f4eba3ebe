"""The market of tests/sync/test_many_tills_property.py: one event on a hub served over HTTP behind a faulty proxy,
three tills doing what a plan asks, and every record in the order the hub received it (tests/sync/market_fold.py
folds them).

The event and its enrolled tills are set up once (``build_template``) and copied for each example, and one hub
is served for all of them (``Stage``): real SQLite files, a real hub and real tills, without paying for
migrations, enrolment, PIN hashing and the hub's start every time.
"""

from __future__ import annotations

import shutil
import socket
import uuid
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.bootstrap import open_till
from app.domain.errors import NotFound, RuleViolation
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.staff import Role
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import open_session
from app.services.goods_in import receive_delivery, transfer_stock
from app.services.handoffs import hand_over
from app.services.pickups import open_pickup
from app.services.return_lookup import find_sale
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, complete_sale
from app.services.staff import AddStaff, add_staff
from app.services.syncing import SyncRefused, enroll_till, sync_once
from app.services.vouchers import issue_voucher
from app.store.outbox import OutboxRecord, OutboxStatus
from sync.client import HubClient
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store.schema import now
from sync.hub.store.vouchers import issue_voucher as issue_on_hub
from sync.protocol import EventInfo, TaxClassInfo
from tests.sync.conftest import EnrolledTill, ServedHub, free_port
from tests.sync.faulty_proxy import DROP_AFTER_FORWARD, ERROR_500, OK, FaultyProxy
from tests.sync.till_actions import sell

MAKER = "Atelier"
STOCK = {"MUG-1": 3, "CUP-2": 2}
SKUS = tuple(STOCK)
ORDERS = {"P-1": [("MUG-1", 1)], "P-2": [("CUP-2", 1), ("MUG-1", 1)]}
CARTS = [("MUG-1",), ("CUP-2",), ("MUG-1", "CUP-2")]
VOUCHER_AMOUNTS = (1000, 2500, 4000)
# Sold online before the event: every till knows them from the start, so any two can over-spend one offline.
MARKETPLACE_VOUCHERS = ("25.00", "40.00")
TILLS = 3
TILL_CODES = "ABC"
# Every till hands over pickups, so a line can be handed over three times offline.
PICKUP_DESKS = 3
NETWORK = {
    "sync": "every waiting record reaches the hub, then the till pulls",
    "offline": "nothing reaches the hub",
    "push-only": "the push gets through, the pull fails",
    "answer-lost": "the hub stores the push, its answer never comes back",
}
NEXT_TILL = "the next till"


@dataclass(frozen=True, slots=True)
class Route:
    source: str
    target: str
    # What the transfer does to the event's sellable level, per unit.
    sellable: int


ROUTES = (
    Route("stall", "quality_hold", -1),
    Route("quality_hold", "stall", 1),
    Route("stall", "maker", -1),
    Route("stall", NEXT_TILL, 0),
    Route(NEXT_TILL, "stall", 0),
    Route("stall", "written_off", -1),
    Route("quality_hold", "maker", 0),
)

HUB_FILE = "hub.db"


@dataclass(frozen=True, slots=True)
class Template:
    """An event with its catalog, stock and pickup orders, and three tills enrolled, staffed and synced."""

    folder: Path
    event_id: str
    order_numbers: dict[str, str]
    # (manager, cashier) of each till.
    staff: list[tuple[str, str]]
    # Code -> amount of the vouchers the marketplace issued.
    vouchers: dict[str, int]


def build_template(folder: Path) -> Template:
    store = HubStore(open_hub_engine(f"sqlite:///{folder / HUB_FILE}"))
    event_id = store.create_event(
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
    store.import_catalog(
        f"sku,name,maker,tax_class,price\nMUG-1,Mug,{MAKER},standard,32.00\nCUP-2,Cup,{MAKER},standard,18.00\n".encode()
    )
    for sku, level in STOCK.items():
        store.set_stock(event_id, sku, level)
    _key_id, private_key = store.create_signing_key()
    order_numbers = {
        store.create_pickup(event_id, number, "Ann", items, private_key).order_id: number
        for number, items in ORDERS.items()
    }
    with store.engine.begin() as connection:
        issued = [issue_on_hub(connection, event_id, amount, "sold online", now()) for amount in MARKETPLACE_VOUCHERS]
    served = ServedHub(store, free_port())
    served.start()
    staff = []
    try:
        for number in range(TILLS):
            till = open_till(folder / f"till-{number}")
            try:
                enroll_till(served.url, store.create_enroll_code(event_id, TILL_CODES[number]), till.uow())
                manager = add_staff(AddStaff("Alex", Role.MANAGER, "1234"), till.uow()).staff_id
                cashier = add_staff(AddStaff("Sam", Role.CASHIER, "1111", added_by=manager), till.uow()).staff_id
                open_session({2000: 5}, cashier, till.uow())
                sync_once(till.uow, till.data_dir / "sync.lock", lambda _url, token: HubClient(served.url, token))
            finally:
                till.close()
            staff.append((manager, cashier))
    finally:
        served.stop()
        store.engine.dispose()
    # Nothing is spent yet: what is left is the amount.
    return Template(folder, event_id, order_numbers, staff, {each.code: each.left for each in issued})


class Stage:
    """What the examples share: the template, and one hub served on 127.0.0.1 behind a faulty proxy, whose
    database each example starts again from the template's."""

    def __init__(self, folder: Path, cleanup: ExitStack) -> None:
        (folder / "template").mkdir()
        (folder / "served").mkdir()
        self.template = build_template(folder / "template")
        self.hub_file = folder / "served" / HUB_FILE
        shutil.copy(self.template.folder / HUB_FILE, self.hub_file)
        self.store = HubStore(open_hub_engine(f"sqlite:///{self.hub_file}"))
        cleanup.callback(self.store.engine.dispose)
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

    def restart(self) -> None:
        """The served hub's database as the template left it (the hub keeps nothing else between requests)."""
        self.store.engine.dispose()
        for leftover in self.hub_file.parent.iterdir():
            leftover.unlink()
        shutil.copy(self.template.folder / HUB_FILE, self.hub_file)


class Market:
    """The stage's hub restarted from the template, copies of the template's tills, and what the test did."""

    def __init__(self, stage: Stage, folder: Path, cleanup: ExitStack) -> None:
        stage.restart()
        template = stage.template
        self.event_id = template.event_id
        self.order_numbers = template.order_numbers
        self.store, self.url, self.proxy = stage.store, stage.url, stage.proxy
        self.unreachable_url = stage.unreachable_url

        self.receipts: list[str] = []
        self.vouchers = list(template.vouchers)
        # Units on hand as the test's own actions move them, whatever the records say.
        self.on_hand: Counter[str] = Counter(STOCK)
        self.deliveries = 0
        # Every record in the order the hub first received it (a record sent again is not new).
        self.arrived: dict[str, OutboxRecord] = {}
        self.tills: list[EnrolledTill] = []
        for number, (manager, cashier) in enumerate(template.staff):
            shutil.copytree(template.folder / f"till-{number}", folder / f"till-{number}")
            till = open_till(folder / f"till-{number}")
            cleanup.callback(till.close)
            self.tills.append(EnrolledTill(till, manager, cashier))
            with till.uow() as uow:
                self.arrived.update((record.record_id, record) for record in uow.outbox.records())

    def do(self, number: int, action: str, pick: int, disposition: Disposition) -> None:
        actions: dict[str, Callable[[], None]] = {
            "sale": lambda: self.sell(number, pick),
            "return": lambda: self.take_back(number, pick, disposition),
            "handoff": lambda: self.hand_over(number, pick),
            "issue": lambda: self.issue(number, pick),
            "redeem": lambda: self.redeem(number, pick),
            "receive": lambda: self.receive(number, pick),
            "transfer": lambda: self.transfer(number, pick),
        }
        actions.get(action, lambda: self.sync(number, action))()

    def sell(self, number: int, pick: int) -> None:
        cart = CARTS[pick % len(CARTS)]
        self.receipts.append(sell(self.tills[number], *cart).receipt_no)
        self.on_hand.subtract(cart)

    def redeem(self, number: int, pick: int) -> None:
        """A sale paid by a voucher this till knows, as far as the till thinks it holds, the rest by card."""
        till = self.tills[number]
        start = pick // len(CARTS) % len(self.vouchers)
        with till.till.uow() as uow:
            balances = [uow.vouchers.balance(code) for code in self.vouchers[start:] + self.vouchers[:start]]
        usable = [balance for balance in balances if balance is not None and balance.remaining > 0]
        if not usable:
            return
        cart = CARTS[pick % len(CARTS)]
        cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
        for sku in cart:
            total = carts.scan(cart_id, sku, till.cashier, till.till.uow()).priced.total
        voucher = usable[0]
        if voucher.remaining < total:
            # A till never spends more than it knows is left: only tills spending apart over-spend.
            with pytest.raises(RuleViolation, match="has only"):
                complete_sale(
                    CompleteSale(cart_id, till.cashier, paid(voucher.code, voucher.remaining + 1, total)),
                    till.till.uow(),
                )
        sale = complete_sale(
            CompleteSale(cart_id, till.cashier, paid(voucher.code, min(voucher.remaining, total), total)),
            till.till.uow(),
        )
        self.receipts.append(sale.receipt_no)
        self.on_hand.subtract(cart)

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
        done = record_return(
            RecordReturn(till.cashier, sale.sale_id, back, card_refund_references=references), till.till.uow()
        )
        if disposition is Disposition.RESTOCK:
            self.on_hand[line.sku] += 1
        # A voucher's share comes back as store credit: a new voucher, spendable like any other.
        if done.voucher_code is not None:
            self.vouchers.append(done.voucher_code)

    def hand_over(self, number: int, pick: int) -> None:
        """One line of an order that this desk thinks is still to collect."""
        till = self.tills[number % PICKUP_DESKS]
        order_id = list(self.order_numbers)[pick % len(self.order_numbers)]
        left = [line for line in open_pickup(order_id, till.till.uow()).lines if line.left]
        if not left:
            return
        line = left[pick % len(left)]
        hand_over(order_id, {line.key: 1}, till.manager, till.till.uow())
        self.on_hand[line.sku] -= 1

    def issue(self, number: int, pick: int) -> None:
        till = self.tills[number]
        amount = VOUCHER_AMOUNTS[pick % len(VOUCHER_AMOUNTS)]
        self.vouchers.append(issue_voucher(amount, "goodwill", till.manager, till.till.uow()).code)

    def receive(self, number: int, pick: int) -> None:
        """A delivery of the maker under a note number of its own."""
        till = self.tills[number]
        sku, quantity = SKUS[pick % len(SKUS)], 1 + pick % 3
        self.deliveries += 1
        receive_delivery(MAKER, f"DN-{self.deliveries}", [(sku, quantity)], till.manager, till.till.uow())
        self.on_hand[sku] += quantity

    def transfer(self, number: int, pick: int) -> None:
        till = self.tills[number]
        route = ROUTES[pick % len(ROUTES)]
        sku, quantity = SKUS[pick % len(SKUS)], 1 + (pick // 2) % 2
        next_till = f"till:{TILL_CODES[(number + 1) % TILLS]}"
        source, target = (next_till if place == NEXT_TILL else place for place in (route.source, route.target))
        transfer_stock(source, target, [(sku, quantity)], till.manager, till.till.uow())
        self.on_hand[sku] += route.sellable * quantity

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


def paid(code: str, by_voucher: int, total: int) -> tuple[Tender, ...]:
    """``by_voucher`` of ``total`` paid with the voucher, the rest by card."""
    card = (Tender(TenderKind.CARD, total - by_voucher, "TRM-1"),) if total > by_voucher else ()
    return (Tender(TenderKind.VOUCHER, by_voucher, code), *card)
