"""Drops over real HTTP with the hub and two tills, on SQLite and PostgreSQL: a counter allocation sold out
across both tills is flagged once, a customer over the cap across tills is flagged, the tills learn what the
others sold; and the ``popup-hub drops`` commands with their refusals (docs/drops.md)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from app.domain.errors import RuleViolation
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.drop_counts import drop_left
from app.services.drop_customers import set_cart_customer
from app.services.selling import CompleteSale, complete_sale
from sync.hub.cli import main as popup_hub
from sync.hub.store.drops import DropTerms, drop_figures, save_drop
from sync.hub.store.schema import drop_log
from sync.protocol import AnswerStatus, PushRecord
from tests.integration.small_event import pdf_text
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.drop_answers import BLUE, SPECKLED, answers
from tests.sync.till_actions import sell, sync


@pytest.fixture
def tills(hub: HubEvent, tmp_path: Path) -> Iterator[tuple[EnrolledTill, EnrolledTill]]:
    store = hub.hub.store
    till_a = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-a", code="A")
    till_b = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-b", code="B")
    yield till_a, till_b
    till_a.till.close()
    till_b.till.close()


def add_drop(hub: HubEvent, counter: int, per_sale: int | None = 2, per_customer: int | None = None) -> str:
    terms = DropTerms("Mugs", (SPECKLED, BLUE), "2026-01-01T14:00:00+01:00", 30, counter, per_sale, per_customer)
    with hub.hub.store.engine.begin() as connection:
        return save_drop(connection, hub.event_id, terms).change.drop_id


def oversold(hub: HubEvent) -> list[dict[str, object]]:
    return [c for c in hub.hub.store.conflicts() if c["kind"] == "drop_counter_oversold"]


def test_a_counter_allocation_sold_out_across_two_tills_is_flagged_once(
    hub: HubEvent,
    hub_url: str,
    tills: tuple[EnrolledTill, EnrolledTill],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    till_a, till_b = tills
    drop_id = add_drop(hub, counter=3)
    sync(till_a)
    sync(till_b)
    assert drop_left([SPECKLED], till_a.till.uow()) == {SPECKLED: 3}

    # Both tills sell offline from what they last knew: 2 on A, then 1 + 1 + 1 on B.
    sell(till_a, SPECKLED, BLUE)
    for _ in range(3):
        sell(till_b, BLUE)
    assert drop_left([BLUE], till_a.till.uow()) == {BLUE: 1}
    assert drop_left([BLUE], till_b.till.uow()) == {BLUE: 0}

    sync(till_a)
    sync(till_b)
    [flag] = oversold(hub)
    assert flag["subject"] == drop_id
    assert json.loads(str(flag["details"]))["sold"] == 4
    # B's first sale took the last unit; the next two are kept and answered as oversold, flagged only once.
    assert [answer.split(":")[0] for answer in answers(till_b, "drop.sold")] == ["applied", "conflict", "conflict"]
    with hub.hub.store.engine.connect() as connection:
        [figures] = drop_figures(connection, hub.event_id)
    assert (figures.counter_sold, figures.counter_allocation) == (5, 3)
    assert figures.sold_out_after_seconds is not None
    # The event report says it per drop: sold over allocated, and the time from the release to the last unit.
    capsys.readouterr()
    assert popup_hub(["--db", hub_url, "report", "event", "--event", hub.event_id]) == 0
    report = capsys.readouterr().out
    assert "Drops (sold at the counter / allocated there)" in report
    [row] = [line for line in report.splitlines() if "Mugs: " in line]
    assert "Mugs: 5 / 3 (167%)" in row and "sold out after" in row
    pdf = tmp_path / "event.pdf"
    assert popup_hub(["--db", hub_url, "report", "event", "--event", hub.event_id, "--pdf", str(pdf)]) == 0
    assert "Mugs: 5 / 3 (167%)" in pdf_text(pdf)

    # Each till now knows the other's sales: the counter is sold out on both, and a further push flags nothing new.
    sync(till_a)
    assert drop_left([SPECKLED], till_a.till.uow()) == {SPECKLED: 0}
    cart_id = carts.current_cart(till_a.cashier, till_a.till.uow()).cart.cart_id
    with pytest.raises(RuleViolation, match="sold out at the counter"):
        carts.scan(cart_id, SPECKLED, till_a.cashier, till_a.till.uow())
    assert len(oversold(hub)) == 1


def sell_to(till: EnrolledTill, customer: str, sku: str) -> None:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = carts.scan(cart_id, sku, till.cashier, till.till.uow())
    set_cart_customer(cart_id, customer, till.cashier, till.till.uow())
    tender = Tender(TenderKind.CARD, state.priced.total, "TRM-1")
    complete_sale(CompleteSale(cart_id, till.cashier, (tender,)), till.till.uow())


def test_a_customer_beyond_the_cap_across_tills_is_flagged_after_sync(
    hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_a, till_b = tills
    drop_id = add_drop(hub, counter=10, per_sale=1, per_customer=1)
    sync(till_a)
    sync(till_b)
    sell_to(till_a, "+41 79 123 45 67", SPECKLED)
    sell_to(till_b, "0041 79 123 45 67", BLUE)  # the same phone, typed another way, on the other till
    sync(till_a)
    sync(till_b)
    flags = [c for c in hub.hub.store.conflicts() if c["kind"] == "drop_customer_over_cap"]
    assert len(flags) == 1 and str(flags[0]["subject"]).startswith(drop_id + "/")
    customer = str(flags[0]["subject"]).split("/")[1]
    assert len(customer) == 64 and "791234567" not in customer  # only the salted hash reaches the hub
    assert oversold(hub) == []


def test_the_drops_commands(hub: HubEvent, hub_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    event = hub.event_id
    add = ["--db", hub_url, "drops", "add", "--event", event, "--name", "Mugs", "--sku", SPECKLED, "--sku", BLUE]
    timing = ["--release", "2026-12-05T14:00:00+01:00", "--online", "30", "--counter", "10", "--per-sale", "2"]
    assert popup_hub([*add, *timing, "--per-customer", "2"]) == 0
    drop_id = capsys.readouterr().out.strip()
    assert popup_hub(["--db", hub_url, "drops", "move", drop_id, "5", "--event", event]) == 0
    assert "25 online, 15 at the counter" in capsys.readouterr().out
    assert popup_hub(["--db", hub_url, "drops", "move", drop_id, "-16", "--event", event]) == 2
    assert "move at most 15 back online" in capsys.readouterr().err
    assert popup_hub(["--db", hub_url, "drops", "move", drop_id, "26", "--event", event]) == 2
    assert "move at most 25" in capsys.readouterr().err
    assert popup_hub(["--db", hub_url, "drops", "list", "--event", event]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[1].split()[:7] == [drop_id, "Mugs", "2026-12-05T14:00:00+01:00", "25", "15", "0", "0%"]

    # What the tills would refuse is refused here, saying what to change.
    refused = {
        "--sku NOPE-1": "no product NOPE-1",
        "--release 2026-12-05T14:00": "has no time zone",
        "--per-sale 3": "per-sale cap is larger",
        "--counter -1": "greater than or equal to 0",
    }
    for change, reason in refused.items():
        flag, value = change.split()
        args = [*add, *timing, "--per-customer", "2"]
        if flag in args:
            args[args.index(flag) + 1] = value
        else:
            args += [flag, value]
        assert popup_hub(args) == 2, change
        assert reason in capsys.readouterr().err, change
    # A SKU is in one drop of the event at a time.
    assert popup_hub([*add[:-4], "--sku", SPECKLED, *timing]) == 2
    assert "already in another drop" in capsys.readouterr().err


def test_the_admin_api_sets_lists_and_moves_drops_and_the_tills_take_them(
    hub: HubEvent, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    url = hub.hub.store.engine.url.render_as_string(hide_password=False)
    assert popup_hub(["--db", url, "apikey", "create", "shop", "--scope=drops:read", "--scope=drops:write"]) == 0
    key = capsys.readouterr().out.splitlines()[0]
    base = f"{hub.hub.url}/v1/admin/events/{hub.event_id}/drops"
    headers = {"Authorization": f"Bearer {key}"}
    body = {
        "name": "Mugs",
        "skus": [SPECKLED],
        "release_at": "2026-01-01T14:00:00+01:00",
        "online_allocation": 30,
        "counter_allocation": 2,
        "per_sale_cap": 2,
    }
    created = httpx.post(base, json=body, headers=headers, timeout=30)
    assert created.status_code == 201, created.text
    drop_id = created.json()["drop_id"]
    moved = httpx.post(f"{base}/{drop_id}/move", json={"to_counter": 3}, headers=headers, timeout=30)
    assert moved.status_code == 200 and moved.json()["counter_allocation"] == 5
    refused = httpx.post(f"{base}/{drop_id}/move", json={"to_counter": 100}, headers=headers, timeout=30)
    assert refused.status_code == 409 and "move at most 27" in refused.json()["detail"]
    bad = httpx.put(f"{base}/{drop_id}", json={**body, "skus": ["NOPE-1"]}, headers=headers, timeout=30)
    assert bad.status_code == 422 and "no product NOPE-1" in bad.json()["detail"]
    assert httpx.put(f"{base}/{'0' * 8}", json=body, headers=headers, timeout=30).status_code == 404
    replaced = httpx.put(f"{base}/{drop_id}", json={**body, "name": "Speckled mugs"}, headers=headers, timeout=30)
    assert replaced.status_code == 200
    [row] = httpx.get(base, headers=headers, timeout=30).json()
    assert (row["name"], row["counter_allocation"], row["counter_sold"]) == ("Speckled mugs", 2, {})

    sync(till_a)
    assert drop_left([SPECKLED], till_a.till.uow()) == {SPECKLED: 2}
    sell(till_a, SPECKLED)
    sync(till_a)
    [row] = httpx.get(base, headers=headers, timeout=30).json()
    assert row["counter_sold"] == {"A": 1}
    with hub.hub.store.engine.connect() as connection:
        logged = [r.action for r in connection.execute(select(drop_log.c.action).order_by(drop_log.c.id))]
    assert logged == ["drop.set", "drop.moved", "drop.replaced"]


def test_hostile_drop_sold_records_are_refused_on_their_own(
    hub: HubEvent, tills: tuple[EnrolledTill, EnrolledTill]
) -> None:
    till_a, _till_b = tills
    drop_id = add_drop(hub, counter=3)
    store = hub.hub.store
    with till_a.till.uow() as uow:
        identity = store.till_by_id(uow.tills.this_till().till_id)
    assert identity is not None

    def record(seq: int, **changes: object) -> PushRecord:
        payload: dict[str, object] = {
            "sale_id": str(uuid.uuid4()),
            "drop_id": drop_id,
            "till_code": "A",
            "lines": [{"sku": SPECKLED, "quantity": 1}],
            "customer": None,
            "sold_at": "2026-12-05T13:00:00+00:00",
            **changes,
        }
        return PushRecord(event_id=str(uuid.uuid4()), till_seq=seq, type="drop.sold", schema_version=1, payload=payload)

    repeated_sale = record(4)
    answers = store.push(
        identity,
        [
            record(1, till_code="B"),
            record(2, lines=[{"sku": "ATE-001", "quantity": 5}]),
            record(3, drop_id=str(uuid.uuid4())),
            repeated_sale,
            record(5, sale_id=repeated_sale.payload["sale_id"]),
            record(6, lines=[{"sku": SPECKLED, "quantity": "2"}]),
        ],
    )
    assert [answer.status for answer in answers] == [
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.REJECTED,
        AnswerStatus.APPLIED,
        AnswerStatus.APPLIED,
        AnswerStatus.REJECTED,
    ]
    assert "names till B" in str(answers[0].reason)
    assert "ATE-001 not in drop Mugs" in str(answers[1].reason)
    assert "no drop" in str(answers[2].reason)
    assert "counted before" in str(answers[4].reason)
    with store.engine.connect() as connection:
        [figures] = drop_figures(connection, hub.event_id)
    assert figures.counter_sold == 1
