"""Issue 16's proof over real HTTP, with three till processes and the hub as its own server process, the hub on
SQLite and on PostgreSQL (the ``hub_url`` fixture).

Each step a till takes runs in a till process (tests/sync/till_process.py) through the app's services; the
hub's side is its database and ``popup-hub`` commands. In order: a voucher issued on A is spent on B; the same
voucher spent offline on B and C beyond its balance is one conflict with the amounts; a product with event level
2 and one paid pickup order shows 1 left at the counter and the sale beyond it needs a manager; a commission set
on the hub changes the three tills' settlements; after a full sync the hub's report and settlements equal every
till's to the cent; the hub's close names the till whose cash is open and refuses to freeze until it closes (on
SQLite) or a manager overrides with a reason, kept with what it overrode (on PostgreSQL).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.services.demo import DEMO_CATALOG
from sync.hub.store import HubStore, open_hub_engine
from sync.hub.store import reports as hub_reports
from sync.hub.store.availability import StockFigures, stock_figures
from sync.hub.store.vouchers import VoucherState, list_vouchers
from sync.protocol import EventInfo, TaxClassInfo
from tests.sync.conftest import enrolled_till, free_port, wait_until_up
from tests.sync.event_close_tills import hub_command
from tests.sync.hub_processes import ROOT, serve
from tests.sync.till_actions import sync
from tests.sync.till_process import as_json

TILL_PROCESS = Path(__file__).with_name("till_process.py")
CANDLE = "ATE-001"  # 12.90, Atelier Lumen: event level 2, one held by a paid pickup order
MUG, BOWL, CUP = "BER-003", "BER-005", "BER-001"  # 32.00, 24.00, 18.00, all by Bergkeramik
BEANS = "KAF-001"  # 15.90, Kaffee Kollektiv
VOUCHER = 5000
Answers = list[Any]


class Market:
    """The hub's database, its server process's address, and three tills' folders (enrolled, drawer open)."""

    def __init__(self, db_url: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db_url = db_url
        self.capsys = capsys
        self.store = HubStore(open_hub_engine(db_url))
        self.event_id = self.store.create_event(
            EventInfo(
                event_id=str(uuid.uuid4()),
                name="Winter Makers Market",
                currency="CHF",
                locale="de_CH",
                prices_include_tax=True,
                cash_rounding_step=5,
                tax_classes=[
                    TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081"),
                    TaxClassInfo(code="reduced", name="VAT 2.6%", rate="0.026"),
                ],
            )
        )
        self.store.import_catalog(DEMO_CATALOG.read_bytes())
        for sku in (MUG, BOWL, CUP, BEANS):
            self.store.set_stock(self.event_id, sku, 50)
        self.store.set_stock(self.event_id, CANDLE, 2)
        _key_id, private_key = self.store.create_signing_key()
        self.store.create_pickup(self.event_id, "M-1", "Mia Keller", [(CANDLE, 1)], private_key)
        self.port = free_port()
        self.tills = {code: folder / f"till-{code.lower()}" for code in "ABC"}

    def enroll(self) -> None:
        """A enrolls and sends its staff; B and C take them from the hub. Each till's store is closed after."""
        url = f"http://127.0.0.1:{self.port}"
        for code, folder in self.tills.items():
            enrolled = enrolled_till(url, self.store, self.event_id, folder, code, staff_from_hub=code != "A")
            sync(enrolled)
            enrolled.till.close()

    def till(self, code: str, *actions: dict[str, Any]) -> Answers:
        """One process of till ``code`` doing ``actions``; its answers, one per action."""
        [answers] = self.tills_at_once({code: actions})
        return answers

    def tills_at_once(self, plans: dict[str, tuple[dict[str, Any], ...]]) -> list[Answers]:
        """A process for each till of ``plans`` doing its actions, all running at the same time."""
        children = [
            subprocess.Popen(
                [sys.executable, str(TILL_PROCESS), str(self.tills[code]), json.dumps(actions)],
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for code, actions in plans.items()
        ]
        everyone = []
        for child, actions in zip(children, plans.values(), strict=True):
            out, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
            answers = [json.loads(line) for line in out.splitlines()]
            assert len(answers) == len(actions), out
            everyone.append(answers)
        return everyone

    def hub(self, *args: str, exit_code: int = 0) -> str:
        """``popup-hub --db URL ARGS``: what it printed, once it exited with ``exit_code``."""
        code, out = hub_command(self.db_url, self.capsys, *args)
        assert code == exit_code, out
        return out

    def voucher(self, code: str) -> VoucherState:
        with self.store.engine.connect() as connection:
            [state] = [each for each in list_vouchers(connection, self.event_id) if each.code == code]
        return state

    def candles(self) -> StockFigures:
        with self.store.engine.connect() as connection:
            return stock_figures(connection, self.event_id, [CANDLE])[CANDLE]

    def conflicts(self, kind: str) -> list[dict[str, Any]]:
        return [conflict for conflict in self.store.conflicts() if conflict["kind"] == kind]

    def report(self) -> dict[str, Any]:
        with self.store.engine.connect() as connection:
            figures = hub_reports.figures(connection, self.event_id)
            settlements = hub_reports.settlements(connection, self.event_id)[0]
        return {"event": as_json(figures), "settlements": as_json(settlements)}


@pytest.fixture
def market(hub_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Market]:
    market = Market(hub_url, tmp_path, capsys)
    server = serve(hub_url, market.port)
    try:
        wait_until_up(market.port)
        market.enroll()
        yield market
    finally:
        server.terminate()
        server.wait(timeout=10)
        market.store.engine.dispose()


@pytest.fixture
def unreachable_url() -> Iterator[str]:
    """A real partition: the port is held, so nothing else takes it, and nothing listens on it."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{held.getsockname()[1]}"


def commission_of(answer: dict[str, Any], maker: str) -> int:
    return sum(
        line["commission"]
        for settlement in answer["settlements"]
        if settlement["maker_name"] == maker
        for line in settlement["lines"]
    )


def till_a_issues_a_voucher_and_sells_the_last_candle_then_one_more(market: Market) -> tuple[str, Answers]:
    """Proof 3 on till A, after it issued the voucher: 1 left, a sale, then one beyond needing a manager."""
    [_synced, voucher, _pushed, stock, first, beyond, approved, left, before, _sent] = market.till(
        "A",
        {"do": "sync"},
        {"do": "issue_voucher", "amount": VOUCHER, "reason": "goodwill"},
        {"do": "sync"},
        {"do": "stock", "skus": [CANDLE]},
        {"do": "sell", "skus": [CANDLE], "pay": "cash"},
        {"do": "sell", "skus": [CANDLE], "pay": "cash"},
        {"do": "pay", "pay": "cash", "approved": True},
        {"do": "stock", "skus": [CANDLE]},
        {"do": "figures"},
        {"do": "sync"},
    )
    candle = {"left": 1, "state": "last_one", "badge": "Last one"}
    assert stock == {"left": {CANDLE: candle}, "oversell_policy": "manager"}
    assert first["warnings"] == [] and first["sale"]["total"] == 1290
    assert beyond["warnings"] == [
        "Beeswax taper candle is sold out event-wide. Selling more needs a manager's PIN at payment."
    ]
    assert beyond["sale"]["refused"] == "ApprovalRequired"
    assert "Selling more than is left of Beeswax taper candle (1/0)" in beyond["sale"]["message"]
    assert (approved["receipt_no"], approved["total"]) == ("A-000002", 1290), "the same cart, approved"
    assert left["left"][CANDLE] == {"left": -1, "state": "sold_out", "badge": "Sold out"}
    assert market.candles() == StockFigures(on_hand=0, reserved=1), "the order's unit is still held"
    [oversold] = market.conflicts("stock_below_zero")
    assert oversold["subject"] == CANDLE and json.loads(oversold["details"])["available"] == -1
    return voucher, before


def the_voucher_pays_on_till_b(market: Market, voucher: str) -> str:
    """Proof 1: unknown on B until it syncs, then it pays; the hub keeps the spend under A's voucher."""
    unknown, _synced, known, paid, _pushed = market.till(
        "B",
        {"do": "voucher", "code": voucher},
        {"do": "sync"},
        {"do": "voucher", "code": voucher},
        {"do": "sell", "skus": [MUG], "voucher": [voucher, 3200]},
        {"do": "sync"},
    )
    assert unknown["refused"] == "NotFound" and "not known on this till" in unknown["message"]
    assert known == VOUCHER
    state = market.voucher(voucher)
    assert (state.issued, state.spent, state.issued_by) == (VOUCHER, 3200, "A")
    return str(paid["sale"]["sale_id"])


def b_and_c_overspend_it_offline(market: Market, voucher: str, spent_on_b: str, unreachable: str) -> Answers:
    """Proof 2: B and C, each offline, spend what each believes is left (18.00): 27.00 together, 9.00 over.

    Returns B's and C's report answers (settlements among them) from before the hub sets a commission."""
    _synced, left_on_c, spent_c, offline = market.till(
        "C",
        {"do": "sync"},
        {"do": "voucher", "code": voucher},
        {"do": "sell", "skus": [BOWL], "voucher": [voucher, 1200]},
        {"do": "sync", "url": unreachable},
    )
    assert left_on_c == VOUCHER - 3200
    assert offline["refused"] == "SyncRefused" and "could not be reached" in offline["message"]
    left_on_b, spent_b, before_b, _pushed = market.till(
        "B",
        {"do": "voucher", "code": voucher},
        {"do": "sell", "skus": [CUP], "voucher": [voucher, 1500]},
        {"do": "figures"},
        {"do": "sync"},
    )
    assert left_on_b == VOUCHER - 3200, "B does not know of C's spend"
    assert market.conflicts("voucher_overspent") == [], "B's spend fits the balance the hub knows"
    pushed_c, left_after, before_c = market.till(
        "C", {"do": "sync"}, {"do": "voucher", "code": voucher}, {"do": "figures"}
    )
    assert pushed_c["conflicts"] == 1
    assert left_after == VOUCHER - 3200 - 1500 - 1200

    [overspent] = market.conflicts("voucher_overspent")
    assert overspent["subject"] == voucher
    details = json.loads(overspent["details"])
    assert (details["issued"], details["spent"], details["over"], details["tills"]) == (5000, 5900, 900, ["B", "C"])
    state = market.voucher(voucher)
    both = {spent_on_b, spent_b["sale"]["sale_id"], spent_c["sale"]["sale_id"]}
    assert {redemption.sale_id for redemption in state.redemptions} == both, "both offline sales stand"
    assert (state.spent, state.left, state.overspent) == (5900, -900, True)
    return [before_b, before_c]


def report_files(folder: Path, code: str) -> dict[str, str]:
    return {"event_csv": str(folder / f"{code}-event.csv"), "settlements_csv": str(folder / f"{code}-makers.csv")}


def reports_then(folder: Path, code: str, *after: dict[str, Any]) -> tuple[dict[str, Any], ...]:
    """Till ``code``'s actions to sync, report and export, then do ``after``."""
    files = report_files(folder, code)
    return ({"do": "sync"}, {"do": "figures"}, {"do": "export", **files}, {"do": "stock", "skus": [CANDLE]}, *after)


def the_hubs_figures(market: Market, folder: Path, code: str, answers: Answers) -> Answers:
    """Proof 5 on till ``code`` (its answers to ``reports_then``): its report, settlements and CSV files are
    the hub's. Returns the answers to what it did after."""
    _synced, figures, _exported, stock, *after = answers
    assert figures == market.report(), f"till {code} adds up another event than the hub"
    assert commission_of(figures, "Bergkeramik") == 1850, f"till {code} took the hub's commission"
    files = report_files(folder, code)
    assert Path(files["event_csv"]).read_bytes() == (folder / "hub-event.csv").read_bytes()
    assert Path(files["settlements_csv"]).read_bytes() == (folder / "hub-makers.csv").read_bytes()
    assert stock["left"][CANDLE]["left"] == -1, "every till sees the candle sold one beyond"
    return after


CLOSE_TILL = (
    {"do": "close_cash", "counts": {"2000": 5}},
    {"do": "close_till", "count": {BEANS: 10}},
    {"do": "sync"},
)


@pytest.mark.slow
def test_three_till_processes_share_one_event(market: Market, unreachable_url: str, tmp_path: Path) -> None:
    event = ["--event", market.event_id]
    market.hub("settings", "set", "oversell_policy", "manager", *event)

    voucher, before_a = till_a_issues_a_voucher_and_sells_the_last_candle_then_one_more(market)
    spent_on_b = the_voucher_pays_on_till_b(market, voucher)
    before_b_c = b_and_c_overspend_it_offline(market, voucher, spent_on_b, unreachable_url)

    # Proof 4: a commission set on the hub; every till had none before, each has the hub's after its sync.
    assert [commission_of(answer, "Bergkeramik") for answer in (before_a, *before_b_c)] == [0, 0, 0]
    market.hub("commission", "set", "--maker", "Bergkeramik", "25", *event)
    market.hub("report", "event", *event, "--csv", str(tmp_path / "hub-event.csv"))
    market.hub("report", "settlement", *event, "--csv", str(tmp_path / "hub-makers.csv"))
    on_hub = market.report()
    totals = on_hub["event"]["totals"]
    assert (totals["sales"], totals["sales_total"]) == (5, 1290 + 1290 + 3200 + 2400 + 1800)
    assert commission_of(on_hub, "Bergkeramik") == 1850, "25% of 32.00 + 24.00 + 18.00"

    # Proofs 5 and 6: A and C report, then close their cash and their till; B reports and stays open.
    review = {"do": "review_conflicts", "note": "seen at the close, booked"}
    closing = {code: reports_then(tmp_path, code, review, *CLOSE_TILL) for code in "AC"}
    for code, answers in zip(closing, market.tills_at_once(closing), strict=True):
        [reviewed, *_closed] = the_hubs_figures(market, tmp_path, code, answers)
        assert len(reviewed) == 1, f"till {code} reviewed its conflict"
    listed = market.hub("event", "checklist", market.event_id)
    assert "Conflicts to review:" not in listed, "the reviews on tills A and C reached the hub"
    assert "Till A\tready" in listed and "Till C\tready" in listed
    assert "Till B\tNOT ready" in listed and "cash not closed" in listed
    refused = market.hub("event", "close", market.event_id, "--by", "Marta", exit_code=2)
    assert "cannot be closed yet" in refused and "Till B: cash not closed" in refused
    assert "Till A:" not in refused and "Till C:" not in refused, "a ready till is not named"
    [view_b] = the_hubs_figures(
        market, tmp_path, "B", market.till("B", *reports_then(tmp_path, "B", {"do": "close_view"}))
    )
    assert view_b == {
        "tills": [
            "Till A: ready for the event's close",
            "Till B: cash still open (the till has not closed)",
            "Till C: ready for the event's close",
        ],
        "frozen": False,
    }

    if market.store.engine.dialect.name == "sqlite":
        market.till("B", *CLOSE_TILL)
        closed = market.hub("event", "close", market.event_id, "--by", "Marta")
        assert "by Marta" in closed and "overridden" not in closed
    else:
        reason = "till B's drawer counted by hand"
        market.hub("event", "close", market.event_id, "--override", reason, "--by", "Kim")
        kept = market.hub("event", "checklist", market.event_id)
        assert "by Kim" in kept and f"overridden: {reason}" in kept and "(was: Till B: cash not closed" in kept
    _synced, frozen = market.till("C", {"do": "sync"}, {"do": "close_view"})
    assert frozen["frozen"], "the tills learn that the event is frozen"
