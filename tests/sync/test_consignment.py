"""One maker through an event, on two tills and the hub over real HTTP (SQLite and PostgreSQL).

A delivery of 20 mugs; 13 sold on two tills, one of them returned by a customer to the quality hold
(12 sold net) and then handed back by a manager's quality decision; 2 written off; 5 handed back at
the close. The reconciliation shows 0 missing, the statement adds up to the cent with the fees and the
commission, and the hub's figures equal the till's after sync. Then the close with one unit missing.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from app.domain.consignment import QualityOutcome
from app.domain.errors import PermissionDenied, RuleViolation
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.cash import close_session
from app.services.consignment import decide_quality, hand_back, maker_statements, reconciliations
from app.services.consignment_terms import set_maker_fees
from app.services.event_close import close_checklist, close_event
from app.services.goods_in import receive_delivery, transfer_stock
from app.services.returns import RecordReturn, record_return
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.services.settlements import set_commission
from app.services.stock_count import count_item, post_count, start_count
from sync.consignment import STATEMENT_HEADER, statement_rows
from sync.hub.cli import main as hub_main
from sync.hub.store import consignment as hub_consignment
from sync.hub.store.schema import metadata
from tests.sync.admin_client import Admin, new_key, url_of
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.hostile_records import answers_of, enroll
from tests.sync.till_actions import sync

MUG = "BER-003"  # Bergkeramik, 32.00
MAKER = "Bergkeramik"


def sell(till: EnrolledTill, quantity: int, code: str = MUG, kind: TenderKind = TenderKind.CARD) -> SaleCompleted:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    state = None
    for _ in range(quantity):
        state = carts.scan(cart_id, code, till.cashier, till.till.uow())
    assert state is not None
    tender = Tender(kind, state.priced.total, "TRM-1" if kind is TenderKind.CARD else None)
    return complete_sale(CompleteSale(cart_id, till.cashier, (tender,)), till.till.uow())


@pytest.fixture
def till_b(hub: HubEvent, till_a: EnrolledTill, tmp_path: Path) -> Iterator[EnrolledTill]:
    sync(till_a)  # the event's staff reach the hub first, so B signs them in
    enrolled = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", "B", staff_from_hub=True)
    yield enrolled
    enrolled.till.close()


def test_one_maker_through_an_event_adds_up_on_both_tills_and_the_hub(
    hub: HubEvent, till_a: EnrolledTill, till_b: EnrolledTill, hub_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = till_a, till_b
    receive_delivery(MAKER, "LS-2026-01", [(MUG, 20)], a.manager, a.till.uow())
    set_commission("25", a.manager, a.till.uow(), maker=MAKER)
    set_maker_fees(MAKER, 2500, "2", "1.5", a.manager, a.till.uow())
    sell(a, 3)
    sell(a, 4)
    sold_on_b = sell(b, 6)
    sell(b, 1, "ATE-005", TenderKind.CASH)  # another maker, paid cash: the card fee's share is not all
    record_return(
        RecordReturn(
            b.cashier,
            sold_on_b.sale_id,
            (ReturnLineRequest(1, 1, "chipped rim", Disposition.QUALITY_HOLD),),
            card_refund_references={0: "RF-1"},
        ),
        b.till.uow(),
    )
    for till in (b, a):
        sync(till)
    # The held mug (returned on B) is decided on A: back to the maker.
    decide_quality(MUG, 1, QualityOutcome.BACK_TO_MAKER, "chipped rim, not sellable", a.manager, a.till.uow())
    transfer_stock("stall", "written_off", [(MUG, 2)], a.manager, a.till.uow())
    note = hand_back(MAKER, [(MUG, 5)], a.manager, a.till.uow())
    assert (note.number, note.units, note.maker) == ("A-H00001", 5, MAKER)
    for till in (a, b, a):
        sync(till)

    (found,) = reconciliations(a.till.uow())
    (line,) = found.lines
    counts = (line.delivered, line.sold, line.returned, line.held, line.written_off, line.handed_back, line.missing)
    assert counts == (20, 13, 1, 0, 2, 6, 0)
    assert found.defect_rate == Decimal("0.05")

    (statement,) = maker_statements(a.till.uow())
    assert (statement.revenue, statement.refunds, statement.net) == (41600, 3200, 38400)
    assert statement.commission == 9600  # 25% of the net
    assert (statement.fixed_fee, statement.percentage_fee) == (2500, 768)  # 2% of the net
    # 1.5% of the maker's share of card payments: 38400 x (38400 card / 41800 paid in all) x 0.015 = 529.15
    assert statement.card_fee == 529
    assert statement.payout == 38400 - 9600 - 2500 - 768 - 529 == 25003
    assert statement.terms.payout_state == "due"

    with hub.hub.store.engine.begin() as connection:
        hub_statements = hub_consignment.maker_statements(connection, hub.event_id)
        assert statement_rows(hub_statements) == statement_rows([statement]), "the hub's figures are the till's"
        hub_consignment.mark_paid(connection, hub.event_id, MAKER, "2026-12-20", "BANK-7781")
        hub_statements = hub_consignment.maker_statements(connection, hub.event_id)
    sync(b)
    (on_b,) = maker_statements(b.till.uow())
    assert statement_rows([on_b]) == statement_rows(hub_statements), "A's delivery, moves and fees reached B too"
    assert (on_b.terms.payout_state, on_b.terms.paid_on, on_b.terms.payout_reference) == (
        "paid",
        "2026-12-20",
        "BANK-7781",
    )

    capsys.readouterr()
    assert hub_main(["--db", hub_url, "makers", "reconcile", "--event", hub.event_id]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[1].split("\t") == [MAKER, MUG, "20", "13", "1", "0", "2", "6", "0"]


def close_day(till: EnrolledTill) -> None:
    close_session({2000: 5}, till.manager, till.till.uow())
    count_id = start_count(till.manager, till.till.uow())
    count_item(count_id, MUG, till.manager, till.till.uow(), quantity=1)
    post_count(count_id, till.manager, till.till.uow())


def test_a_missing_unit_is_named_and_the_close_needs_a_managers_reason(hub: HubEvent, till_a: EnrolledTill) -> None:
    a = till_a
    sync(a)
    receive_delivery(MAKER, "LS-2026-02", [(MUG, 20)], a.manager, a.till.uow())
    sell(a, 12)
    transfer_stock("stall", "written_off", [(MUG, 2)], a.manager, a.till.uow())
    hand_back(MAKER, [(MUG, 5)], a.manager, a.till.uow())
    close_day(a)
    sync(a)

    (line,) = close_checklist(a.till.uow()).missing
    assert (line.maker, line.sku, line.missing) == (MAKER, MUG, 1)
    with pytest.raises(RuleViolation, match=r"1 x BER-003 \(Bergkeramik\)"):
        close_event(a.manager, a.till.uow())
    with pytest.raises(PermissionDenied):
        close_event(a.cashier, a.till.uow(), missing_reason="no idea")  # a manager confirms, not a cashier
    close_event(a.manager, a.till.uow(), missing_reason="stolen from the stall, reported to the organiser")
    with a.till.uow() as uow:
        (entry,) = [e.fields for e in uow.audit.entries() if e.fields.action == "consignment.missing_confirmed"]
    details = json.loads(entry.details)
    assert details["reason"] == "stolen from the stall, reported to the organiser"
    assert details["lines"] == [[MAKER, MUG, 1]]
    with hub.hub.store.engine.connect() as connection:
        (on_hub,) = hub_consignment.reconciliations(connection, hub.event_id)
    assert on_hub.missing_lines[0].missing == 1, "the hub names the same missing unit"


def test_the_hub_sets_fees_and_payouts_by_command_and_refuses_what_a_till_would(
    hub: HubEvent, hub_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = ("--event", hub.event_id)

    def hub_command(*args: str) -> tuple[int, str]:
        capsys.readouterr()
        code = hub_main(["--db", hub_url, "makers", *args, *event])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    assert hub_command("fees", MAKER, "--fixed", "2500", "--percent", "2", "--card-percent", "1.5")[0] == 0
    assert hub_command("fees", "Nobody", "--percent", "2") == (
        2,
        "popup-hub: No maker called Nobody in the hub's catalog: check the name as the catalog spells it.\n",
    )
    code, out = hub_command("fees", MAKER, "--percent", "120")
    assert code == 2 and "between 0 and 100 percent" in out
    code, out = hub_command("paid", MAKER, "--on", "20.12.2026", "--reference", "BANK-1")
    assert code == 2 and "write it as 2026-12-24" in out
    assert hub_command("paid", MAKER, "--on", "2026-12-20", "--reference", "BANK-1")[0] == 0

    # A till's record of the same shape is refused by the contract when broken, applied when sound.
    sender = enroll(hub, "C")
    stamp = {"changed_at": "2020-01-05T09:00:00+00:00", "changed_by": "Alex", "payout_state": "due"}
    sound = {"maker": MAKER, "fixed_fee": 1000, "fee_rate": "0.01", "card_fee_rate": "0", **stamp}
    records = [
        {
            "event_id": str(uuid.uuid4()),
            "till_seq": seq,
            "type": "maker_terms.set",
            "schema_version": 1,
            "payload": {**sound, **changed, "change_id": str(uuid.uuid4())},
        }
        for seq, changed in ((1, {"fee_rate": "1.5"}), (2, {}))
    ]
    answers = answers_of(sender.push(records))
    assert answers[0]["status"] == "rejected" and "a fraction from 0 to 1" in answers[0]["reason"]
    assert answers[1]["status"] == "applied"
    assert "kept for the books" in (answers[1]["reason"] or ""), "the hub's later change (paid) stays in force"
    with hub.hub.store.engine.connect() as connection:
        terms = hub_consignment.terms(connection, hub.event_id)[MAKER]
    assert (terms.fixed_fee, terms.payout_state, terms.payout_reference) == (2500, "paid", "BANK-1")

    assert hub_command("statement", "--csv", str(tmp_path / "s.csv"))[0] == 0
    lines = (tmp_path / "s.csv").read_text(encoding="utf-8-sig").splitlines()
    assert lines == [",".join(STATEMENT_HEADER)], "no maker delivered yet: no statement line"


def test_the_admin_api_reads_the_statements_and_sets_fees_and_payouts(
    hub: HubEvent, till_a: EnrolledTill, capsys: pytest.CaptureFixture[str]
) -> None:
    url = url_of(hub.hub.store.engine)
    admin = Admin(hub, url, new_key(url, "shop", ["reports:read", "settings:write"], capsys))
    reader = new_key(url, "reader", ["reports:read"], capsys)
    sync(till_a)
    receive_delivery(MAKER, "LS-9", [(MUG, 4)], till_a.manager, till_a.till.uow())
    sell(till_a, 1)
    sync(till_a)
    path = f"/events/{hub.event_id}/makers"

    fees = admin.call("PUT", f"{path}/{MAKER}/fees", json={"fixed_fee": 500, "percent": "2", "card_percent": "0"})
    assert fees.status_code == 200, fees.text
    assert (fees.json()["fixed_fee"], fees.json()["fee_rate"]) == (500, "0.02")
    refused = admin.call("PUT", f"{path}/{MAKER}/fees", key=reader, json={"fixed_fee": 1})
    assert refused.status_code == 403
    assert admin.call("PUT", f"{path}/Nobody/fees", json={}).status_code == 409
    assert admin.call("PUT", f"{path}/{MAKER}/fees", json={"fixed_fee": -1}).status_code == 422
    unpaid = admin.call("POST", f"{path}/{MAKER}/payout", json={"state": "paid", "paid_on": "soon"})
    assert unpaid.status_code == 409 and "2026-12-24" in unpaid.text
    paid = admin.call(
        "POST", f"{path}/{MAKER}/payout", json={"state": "paid", "paid_on": "2026-12-20", "reference": "B-1"}
    )
    assert paid.status_code == 200 and paid.json()["payout_state"] == "paid"

    body = admin.call("GET", path, key=reader).json()
    total = dict(zip(body["columns"], body["rows"][-1], strict=True))
    # 3200 sold, 2% fee 64, fixed 500: 3200 - 64 - 500 (no commission set)
    assert (total["received"], total["sold"], total["missing"], total["payout"]) == (4, 1, 3, 2636)
    assert (total["payout_state"], total["paid_on"], total["payout_reference"]) == ("paid", "2026-12-20", "B-1")
    as_csv = admin.call("GET", path, key=reader, params={"format": "csv"}).text
    assert as_csv.splitlines()[0].lstrip("\ufeff") == ",".join(STATEMENT_HEADER)
    sync(till_a)
    (on_till,) = maker_statements(till_a.till.uow())
    assert [list(row) for row in statement_rows([on_till])] == body["rows"], "the till reads what the API returns"


def test_the_maker_terms_table_matches_its_migration(hub: HubEvent) -> None:
    def mine(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
        table = getattr(obj, "table", obj) if type_ != "table" else obj
        return getattr(table, "name", name) == "maker_terms"

    with hub.hub.store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": mine})
        assert compare_metadata(context, metadata) == []
