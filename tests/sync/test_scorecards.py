"""Maker scorecards from records pushed over real HTTP, on SQLite and PostgreSQL (docs/scorecards.md).

Two events on one hub, with known times. Bergkeramik at the first: 16 delivered at 09:30 (10 mugs, 6 cups),
13 sold between 10:00 and 14:00 (the mugs sold out at 12:30), one cup returned to the quality hold and
sent back to the maker by a quality decision, asked for twice after the sell-out. At the second: 5 mugs
delivered at 10:00, sold out at 12:00, asked for once after. The scorecard PDF read back shows the first
event's figures; the scorecard across both is exactly the sum of their records.
"""

from __future__ import annotations

import csv
import io
import uuid
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from pypdf import PdfReader
from sqlalchemy import inspect

from sync.hub.cli import main as hub_main
from sync.hub.store.schema import metadata
from sync.hub.store.scorecards import maker_scorecards
from sync.maker_scorecards import MakerScorecard
from sync.protocol import EventInfo, TaxClassInfo
from tests.sync.admin_client import Admin, new_key
from tests.sync.conftest import HubEvent
from tests.sync.hostile_records import Sender, a_record, a_sale, answers_of, enroll

MAKER = "Bergkeramik"
MUG, CUP = "BER-003", "BER-001"  # 32.00 and 18.00
DAY = "2026-12-05T"


def _at(time: str) -> str:
    return f"{DAY}{time}:00.000+00:00"


def sale(sender: Sender, sku: str, quantity: int, time: str, maker: str = MAKER) -> dict[str, Any]:
    payload = a_sale(sender, sku, quantity)
    payload["lines"][0]["maker_name"] = maker
    payload["created_at"] = _at(time)
    return payload


def delivery(deltas: list[list[Any]], time: str) -> dict[str, Any]:
    return {
        "kind": "receive",
        "location": "stall",
        "at": _at(time),
        "deltas": deltas,
        "maker": MAKER,
        "reference": "LS-1",
    }


def demand(sender: Sender, sku: str, quantity: int | None, time: str) -> dict[str, Any]:
    return {
        "demand_id": str(uuid.uuid4()),
        "event_id": sender.event_id,
        "till_id": sender.till_id,
        "till_code": sender.code,
        "staff_id": str(uuid.uuid4()),
        "staff_name": "Sam",
        "sku": sku,
        "product_name": "Mug speckled",
        "item": None,
        "quantity": quantity,
        "note": "",
        "recorded_at": _at(time),
        "contact": None,
        "consent": False,
        "consent_wording": None,
    }


def push(sender: Sender, typed: list[tuple[str, dict[str, Any]]]) -> None:
    records = [a_record(payload, next(sender.seqs), kind) for kind, payload in typed]
    answers = answers_of(sender.push(records))
    # Facts are accepted: Atelier Lumen's candle, never delivered here, is sold below zero (a conflict).
    assert all(answer["status"] in ("applied", "conflict") for answer in answers), answers


def first_event(sender: Sender) -> None:
    cups = sale(sender, CUP, 2, "11:00")
    push(
        sender,
        [
            ("stock.moved", delivery([[MUG, 10], [CUP, 6]], "09:30")),
            ("sale.completed", sale(sender, MUG, 4, "10:00")),
            ("sale.completed", cups),
            ("demand.recorded", demand(sender, MUG, 2, "12:00")),  # before the sell-out: not counted
            ("sale.completed", sale(sender, MUG, 6, "12:30")),
            ("sale.completed", sale(sender, "ATE-001", 1, "13:00", "Atelier Lumen")),
            ("demand.recorded", demand(sender, MUG, 3, "13:00")),
            ("demand.recorded", demand(sender, MUG, None, "13:40")),
            ("sale.completed", sale(sender, CUP, 1, "14:00")),
        ],
    )
    returned = {
        "return_id": str(uuid.uuid4()),
        "return_no": f"{sender.code}-R00001",
        "event_id": sender.event_id,
        "sale_id": cups["sale_id"],
        "receipt_no": cups["receipt_no"],
        "created_at": _at("13:30"),
        "currency": "CHF",
        "refund_total": 1800,
        "no_receipt": False,
        "exchange_sale_id": None,
        "lines": [
            {
                "line_no": 1,
                "sku": CUP,
                "maker": MAKER,
                "quantity": 1,
                "refund": 1800,
                "reason": "chipped",
                "disposition": "quality_hold",
                "sold": 2,
            }
        ],
        "refunds": [{"kind": "card", "amount": 1800, "tender_index": 0}],
    }
    decision = {
        "kind": "transfer",
        "location": "quality_hold",
        "to_location": "maker",
        "at": _at("15:00"),
        "deltas": [[CUP, 1]],
        "reason": "chipped glaze",
    }
    push(sender, [("return.recorded", returned), ("stock.moved", decision)])


def second_event(sender: Sender) -> None:
    push(
        sender,
        [
            ("stock.moved", delivery([[MUG, 5]], "10:00")),
            ("sale.completed", sale(sender, MUG, 2, "11:00")),
            ("sale.completed", sale(sender, MUG, 3, "12:00")),
            ("demand.recorded", demand(sender, MUG, 1, "12:10")),
        ],
    )


@pytest.fixture
def two_events(hub: HubEvent) -> tuple[str, str]:
    first = enroll(hub, "A")
    first_event(first)
    second_id = hub.hub.store.create_event(
        EventInfo(
            event_id=str(uuid.uuid4()),
            name="Spring Makers Market",
            place="Rote Fabrik, Zurich",
            currency="CHF",
            locale="de_CH",
            prices_include_tax=True,
            cash_rounding_step=5,
            tax_classes=[TaxClassInfo(code="standard", name="VAT 8.1%", rate="0.081")],
        )
    )
    second_event(enroll(HubEvent(hub.hub, second_id), "A"))
    return hub.event_id, second_id


def card_of(hub: HubEvent, *event_ids: str) -> MakerScorecard:
    with hub.hub.store.engine.connect() as connection:
        return maker_scorecards(connection, list(event_ids), MAKER)[MAKER]


def test_one_events_scorecard_read_back_from_its_pdf(
    hub: HubEvent, hub_url: str, two_events: tuple[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, _second = two_events
    card = card_of(hub, first)
    assert (card.units, card.revenue, card.delivered) == (13, 37400, 16)
    assert card.sell_through == Fraction(13, 16)
    assert card.return_rate == Fraction(1, 13)
    assert card.defect_rate == Fraction(1, 16)
    assert card.stall_seconds == 4 * 3600  # 10:00 to 14:00: the first and last sale of the event
    assert card.revenue_per_stall_hour == Fraction(37400, 4)
    (mug,) = card.sold_out
    assert (mug.sku, mug.sold_out_at, mug.seconds_to_sell_out) == (MUG, _at("12:30"), 3 * 3600)
    assert (mug.asked_after, mug.units_asked_after) == (2, 4)  # 3 units, and one entry without a quantity
    assert [(group.reason, group.returns, group.units) for group in card.reasons] == [("chipped", 1, 1)]

    pdf, table = tmp_path / "scorecard.pdf", tmp_path / "scorecard.csv"
    args = ["--db", hub_url, "scorecard", "--maker", MAKER, "--event", first]
    assert hub_main([*args, "--pdf", str(pdf), "--csv", str(table)]) == 0
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    printed = " ".join(reader.pages[0].extract_text().split())
    for shown in (
        "Maker scorecard: Bergkeramik",
        "Winter Makers Market",
        "Units sold 13",
        "Revenue 374.00 CHF",
        "Sell-through (sold / delivered) 81.3%",
        "Returned by customers 1 (7.7% of units sold)",
        "Defective (quality decisions) 1 (6.3% of delivered)",
        "Stall hours (first to last sale) 4.0 h",
        "Revenue per stall hour 93.50 CHF",
        "Products sold out 1 (mean 3h 00m to sell out)",
        "Asked for after sell-out 2 times, 4 units",
        "chipped: 1 units in 1 returns",
        "BER-003 Mug speckled: 10 sold of 10 delivered (100.0%), 320.00 CHF, 0 returned, sold out after 3h 00m,"
        " asked for 2 more times after",
        "Units sold",
        "Sell-through %",
    ):
        assert shown in printed, shown
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    total = rows[-1]
    assert (total["sku"], total["units_sold"], total["revenue"], total["delivered"]) == ("TOTAL", "13", "37400", "16")
    assert (total["sell_through"], total["return_rate"], total["defect_rate"]) == ("0.8125", "0.0769", "0.0625")
    assert (total["stall_seconds"], total["revenue_per_stall_hour"], total["asked_after_sell_out"]) == (
        "14400",
        "9350",
        "2",
    )

    capsys.readouterr()
    assert hub_main(args) == 0
    assert "Sell-through (sold / delivered) 81.3%" in " ".join(capsys.readouterr().out.split())


def test_a_scorecard_across_two_events_is_the_sum_of_their_records(
    hub: HubEvent, hub_url: str, two_events: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = two_events
    one, two, both = card_of(hub, first), card_of(hub, second), card_of(hub, first, second)
    assert (two.units, two.revenue, two.delivered, two.stall_seconds) == (5, 16000, 5, 3600)
    for name in ("units", "revenue", "delivered", "stall_seconds", "asked_after", "units_asked_after"):
        assert getattr(both, name) == getattr(one, name) + getattr(two, name), name
    assert (both.units, both.revenue, both.delivered) == (18, 53400, 21)
    assert both.sell_through == Fraction(13 + 5, 16 + 5)
    assert both.return_rate == Fraction(1, 18)
    assert both.defect_rate == Fraction(1, 21)
    assert both.revenue_per_stall_hour == Fraction(53400 * 3600, 4 * 3600 + 3600)
    # Products in the order the events were asked for.
    assert [(product.event_id, product.seconds_to_sell_out) for product in both.sold_out] == [
        (first, 3 * 3600),
        (second, 2 * 3600),
    ]
    assert both.mean_seconds_to_sell_out == Fraction(3 * 3600 + 2 * 3600, 2)
    assert (both.asked_after, both.units_asked_after) == (3, 5)
    # --all-events is the same two events here.
    capsys.readouterr()
    assert hub_main(["--db", hub_url, "scorecard", "--maker", MAKER, "--all-events"]) == 0
    assert "Units sold 18 Revenue 534.00 CHF" in " ".join(capsys.readouterr().out.split())

    key = new_key(hub_url, "reports", ["reports:read"], capsys)
    admin = Admin(hub, hub_url, key)
    answer = admin.call("GET", f"/makers/{MAKER}/scorecard", params={"event": [first, second]})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["units"], body["revenue"], body["delivered"], body["sell_through"]) == (18, 53400, 21, "0.8571")
    assert body["revenue_per_stall_hour"] == 10680
    assert body["rows"][-1][:3] == [MAKER, f"{first} {second}", "TOTAL"]
    as_csv = admin.call("GET", f"/makers/{MAKER}/scorecard", params={"event": first, "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    assert as_csv.text.splitlines()[-1].startswith(f"{MAKER},{first},TOTAL,,16,13,37400")


def test_scorecard_refusals_say_what_to_do(
    hub: HubEvent, hub_url: str, two_events: tuple[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    first, _second = two_events
    capsys.readouterr()
    assert hub_main(["--db", hub_url, "scorecard", "--maker", "Nobody", "--event", first]) == 2
    assert "No sales, deliveries or demand of a maker called Nobody" in capsys.readouterr().err
    assert hub_main(["--db", hub_url, "scorecard", "--maker", MAKER]) == 2
    assert "--all-events" in capsys.readouterr().err
    assert hub_main(["--db", hub_url, "scorecard", "--maker", MAKER, "--event", "no-such-event"]) == 2
    assert "No event no-such-event" in capsys.readouterr().err
    key = new_key(hub_url, "reports", ["reports:read"], capsys)
    admin = Admin(hub, hub_url, key)
    assert admin.call("GET", "/makers/Nobody/scorecard", params={"event": first}).status_code == 409
    assert admin.call("GET", f"/makers/{MAKER}/scorecard", params={"event": "nope"}).status_code == 404
    no_scope = new_key(hub_url, "pickups", ["orders:write"], capsys)
    assert admin.call("GET", f"/makers/{MAKER}/scorecard", key=no_scope).status_code == 403


def test_the_scorecard_indexes_match_their_migration(hub: HubEvent) -> None:
    """Hub migration 0025 makes the indexes the schema module declares, on SQLite and PostgreSQL."""
    indexes = {"ix_inbox_till_type", "ix_stock_movements_levels"}

    def mine(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        if type_ == "table":
            return name in ("inbox", "stock_movements")
        # Only the indexes: the tables' columns belong to earlier revisions (and their tests).
        return type_ == "index" and name in indexes

    with hub.hub.store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": mine})
        assert compare_metadata(context, metadata) == []
        found = {
            index["name"] for table in ("inbox", "stock_movements") for index in inspect(connection).get_indexes(table)
        }
    assert indexes <= found
