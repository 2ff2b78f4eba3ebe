"""Pickup orders end to end over real HTTP: the hub signs codes, tills check them offline and hand over once."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.errors import ApprovalRequired, RuleViolation
from app.domain.pickups import PickupRefused, PickupState
from app.domain.returns import Disposition, ReturnLineRequest
from app.domain.staff import Role
from app.services.authorization import ManagerApproval
from app.services.handoffs import hand_over, hand_over_unpulled, pickup_slip
from app.services.pickups import PickupCard, UnpulledOrder, open_pickup, pickup_overview, scan_pickup, search_pickups
from app.services.return_documents import return_receipt
from app.services.return_lookup import find_sale
from app.services.returns import RecordReturn, record_return
from app.services.staff import AddStaff, add_staff
from app.services.sync_status import sync_status
from app.store.outbox import OutboxStatus
from printers.document import Row
from sync.hub.cli import main as hub_main
from sync.hub.store import HubStore
from sync.protocol import EventInfo, TaxClassInfo
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.test_sync import sync


def signing_key(store: HubStore) -> bytes:
    _key_id, private_key = store.create_signing_key()
    return private_key


def pickup_conflicts(store: HubStore) -> list[str]:
    """The hub's pickup conflicts (the demo hub holds no stock, so every handoff also goes below zero)."""
    return [conflict["kind"] for conflict in store.conflicts() if conflict["kind"].startswith("pickup")]


def clerk(till: EnrolledTill) -> str:
    return add_staff(AddStaff("Jo", Role.PICKUP_CLERK, "2222", added_by=till.manager), till.till.uow()).staff_id


def card(till: EnrolledTill, code: str) -> PickupCard:
    scanned = scan_pickup(code, till.till.uow())
    assert isinstance(scanned, PickupCard)
    return scanned


def refusal(till: EnrolledTill, code: str) -> PickupRefused:
    with pytest.raises(PickupRefused) as refused:
        scan_pickup(code, till.till.uow())
    return refused.value


@pytest.fixture
def key(hub: HubEvent) -> bytes:
    return signing_key(hub.hub.store)


@pytest.fixture
def till_b(hub: HubEvent, key: bytes, tmp_path: Path) -> EnrolledTill:
    return enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B")


@pytest.fixture
def desk(hub: HubEvent, key: bytes, tmp_path: Path) -> EnrolledTill:
    """A till enrolled after the key was made: it gets the public key at enrollment."""
    return enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "desk", code="P")


def test_a_handoff_of_one_line_then_the_rest(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    store = hub.hub.store
    before = store.stock_level(hub.event_id, "ATE-001")
    order = store.create_pickup(
        hub.event_id, "M-1001", "Mia Keller", [("ATE-001", 2), ("BER-003", 1)], key, "ID check required"
    )
    assert len(order.code) <= 154  # QR version 6 at level M, alphanumeric mode
    sync(desk)
    jo = clerk(desk)

    shown = card(desk, order.code)
    assert (shown.number, shown.customer_name, shown.state) == ("M-1001", "Mia Keller", PickupState.WAITING)
    assert shown.notes == ("ID check required",)
    assert [(line.sku, line.maker, line.ordered, line.left) for line in shown.lines] == [
        ("ATE-001", "Atelier Lumen", 2, 2),
        ("BER-003", "Bergkeramik", 1, 1),
    ]

    assert shown.id_check_required  # the note asks for it: the clerk confirms it with the handoff
    done = hand_over(order.order_id, {shown.lines[0].key: 2}, jo, desk.till.uow(), id_checked=True)
    again = card(desk, order.code)
    assert again.state is PickupState.PARTLY_COLLECTED
    assert [line.left for line in again.lines] == [0, 1]
    assert [(h.staff_name, h.till_code, h.quantity) for h in again.history] == [("Jo", "P", 2)]
    slip = pickup_slip(done.handoff_id, desk.till.uow())
    rows = [(block.left, block.right) for block in slip.blocks if isinstance(block, Row)]
    assert rows == [  # the slip is printed in the event's language: the desk's event is de_CH
        ("2 x Beeswax taper candle pair", "abgeholt"),
        (f"1 x {shown.lines[1].name}", "noch abzuholen"),
    ]
    with desk.till.uow() as uow:
        records = [r for r in uow.outbox.records() if r.type == "pickup.handed_off"]
        assert len(records) == 1 and json.loads(records[0].payload)["lines"][0]["quantity"] == 2

    sync(desk)
    assert store.stock_level(hub.event_id, "ATE-001") == before - 2
    handed = {line["sku"]: line["handed_over"] for line in store.pickup_orders(hub.event_id)[0]["lines"]}
    assert handed == {"ATE-001": 2, "BER-003": 0}
    assert sync_status(desk.till.uow()).waiting == 0

    hand_over(order.order_id, {again.lines[1].key: 1}, jo, desk.till.uow(), id_checked=True)
    finished = refusal(desk, order.code)
    assert finished.reason == "already_collected"
    assert "till P by Jo" in str(finished)


def test_every_refusal_says_what_the_scan_was(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    store = hub.hub.store
    order = store.create_pickup(hub.event_id, "M-1002", "Ben", [("ATE-002", 1)], key)
    sync(desk)

    altered = order.code[:40] + ("A" if order.code[40] != "A" else "B") + order.code[41:]
    assert refusal(desk, altered).reason in ("bad_signature", "damaged")
    assert refusal(desk, order.code[:-10]).reason == "damaged"
    assert refusal(desk, "2000000000015").reason == "product"
    assert "Beeswax taper candle" in str(refusal(desk, "2000000000015"))
    assert refusal(desk, "R1:A-000001:0190A6E2-0000-7000-8000-000000000000").reason == "receipt"
    assert refusal(desk, "hello").reason == "not_a_pickup_code"

    other_event = store.create_event(second_event())
    foreign = store.create_pickup(other_event, "X-1", "Cy", [("ATE-002", 1)], key)
    assert refusal(desk, foreign.code).reason == "other_event"

    expired = store.create_pickup(
        hub.event_id, "M-1003", "Dee", [("ATE-002", 1)], key, expires_at=datetime.now(UTC) - timedelta(hours=1)
    )
    sync(desk)
    assert "expired" in str(refusal(desk, expired.code))
    recent = store.create_pickup(
        hub.event_id, "M-1004", "Eve", [("ATE-002", 1)], key, expires_at=datetime.now(UTC) - timedelta(minutes=2)
    )
    sync(desk)
    assert isinstance(scan_pickup(recent.code, desk.till.uow()), PickupCard)  # within the clock tolerance

    store.cancel_pickup(hub.event_id, "M-1002")
    assert isinstance(scan_pickup(order.code, desk.till.uow()), PickupCard)  # not synced yet
    sync(desk)
    assert "cancelled" in str(refusal(desk, order.code))

    # A key made after enrollment is unknown until the next sync; a revoked key is refused after it.
    new_key_id, new_key = store.create_signing_key()
    rotated = store.create_pickup(hub.event_id, "M-1005", "Fay", [("ATE-002", 1)], new_key)
    assert refusal(desk, rotated.code).reason == "unknown_key"
    sync(desk)
    assert card(desk, rotated.code).number == "M-1005"
    store.revoke_signing_key(new_key_id)
    sync(desk)
    assert refusal(desk, rotated.code).reason == "revoked_key"


def second_event() -> EventInfo:
    return EventInfo(
        event_id=str(uuid.uuid4()),
        name="Spring Market",
        currency="CHF",
        locale="de_CH",
        prices_include_tax=True,
        cash_rounding_step=5,
        tax_classes=[TaxClassInfo(code="standard", name="VAT", rate="0.081")],
    )


def test_a_code_mangled_by_a_german_keyboard_layout(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    order = hub.hub.store.create_pickup(hub.event_id, "M-1010", "Gil", [("ATE-001", 1)], key)
    sync(desk)
    german = {"Y": "Z", "Z": "Y", "*": "(", "+": "`", "-": "ß", "/": "-", ":": "Ö"}
    mangled = "".join(german.get(char, char) for char in order.code)
    recovered = card(desk, mangled)
    assert recovered.number == "M-1010" and "German" in recovered.warning
    unrecoverable = mangled.replace("Ö", "Ä", 1)
    assert refusal(desk, unrecoverable).reason in ("mangled", "not_a_pickup_code")


def test_a_genuine_order_not_yet_pulled_needs_a_manager(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    sync(desk)
    order = hub.hub.store.create_pickup(hub.event_id, "M-1020", "Hal", [("ATE-001", 1), ("ATE-004", 3)], key)
    scanned = scan_pickup(order.code, desk.till.uow())
    assert isinstance(scanned, UnpulledOrder) and "sync" in scanned.message
    jo = clerk(desk)
    with pytest.raises(ApprovalRequired):
        hand_over_unpulled(order.order_id, jo, desk.till.uow())
    hand_over_unpulled(order.order_id, jo, desk.till.uow(), ManagerApproval("Alex", "1234"))
    assert refusal(desk, order.code).reason == "already_collected"

    sync(desk)
    handed = {line["sku"]: line["handed_over"] for line in hub.hub.store.pickup_orders(hub.event_id)[0]["lines"]}
    assert handed == {"ATE-001": 1, "ATE-004": 3}
    assert open_pickup(order.order_id, desk.till.uow()).state is PickupState.COLLECTED


def test_two_tills_offline_hand_over_the_same_order(
    hub: HubEvent, key: bytes, desk: EnrolledTill, till_b: EnrolledTill
) -> None:
    store = hub.hub.store
    order = store.create_pickup(hub.event_id, "M-1030", "Ivy", [("ATE-003", 1)], key)
    sync(desk)
    sync(till_b)
    line = card(desk, order.code).lines[0].key
    # Till B hands over first, but syncs last: its handoff is the earliest and stands.
    hand_over(order.order_id, {line: 1}, clerk(till_b), till_b.till.uow())
    hand_over(order.order_id, {line: 1}, clerk(desk), desk.till.uow())
    sync(desk)
    sync(till_b)

    flagged = [c for c in store.conflicts() if c["kind"] == "pickup_double_handoff"]
    assert len(flagged) == 1
    with desk.till.uow() as uow:
        desk_record = next(r for r in uow.outbox.records() if r.type == "pickup.handed_off")
    assert flagged[0]["record_id"] == desk_record.record_id
    assert flagged[0]["subject"] == "M-1030/1"
    status_b = sync_status(till_b.till.uow())
    assert len(status_b.conflicts) == 1 and "stands" in status_b.conflicts[0].reason
    # Nothing is lost: both handoffs are on the hub and on both tills; stock moved twice.
    assert store.pickup_orders(hub.event_id)[0]["lines"][0]["handed_over"] == 2
    sync(desk)
    assert [h.till_code for h in open_pickup(order.order_id, desk.till.uow()).history] == ["B", "P"]
    for till in (desk, till_b):
        with till.till.uow() as uow:
            assert uow.outbox.count(OutboxStatus.WAITING) == 0


def test_three_tills_offline_hand_over_the_same_line(
    hub: HubEvent, key: bytes, desk: EnrolledTill, till_b: EnrolledTill, tmp_path: Path
) -> None:
    store = hub.hub.store
    till_c = enrolled_till(hub.hub.url, store, hub.event_id, tmp_path / "till-c", code="C")
    try:
        order = store.create_pickup(hub.event_id, "M-1035", "Uma", [("ATE-003", 1)], key)
        tills = (desk, till_b, till_c)
        clerks = [clerk(till) for till in tills]
        for till in tills:
            sync(till)
        line = card(desk, order.code).lines[0].key
        for till, staff_id in zip(tills, clerks, strict=True):
            hand_over(order.order_id, {line: 1}, staff_id, till.till.uow())
        handoffs = []
        for till in tills:
            with till.till.uow() as uow:
                [record] = [r for r in uow.outbox.records() if r.type == "pickup.handed_off"]
            handoffs.append((json.loads(record.payload)["at"], record.record_id))
        assert handoffs == sorted(handoffs), "desk P handed over first, then B, then C"
        # The latest reaches the hub first, then the earliest, then the middle one.
        for till in (till_c, desk, till_b):
            sync(till)

        flagged = {c["record_id"] for c in store.conflicts() if c["kind"] == "pickup_double_handoff"}
        assert flagged == {record_id for _at, record_id in handoffs[1:]}, "the earliest stands, both others flagged"
    finally:
        till_c.till.close()


def test_a_handoff_after_an_online_cancellation_is_kept_and_flagged(
    hub: HubEvent, key: bytes, desk: EnrolledTill
) -> None:
    store = hub.hub.store
    order = store.create_pickup(hub.event_id, "M-1040", "Jan", [("ATE-001", 1)], key)
    sync(desk)
    shown = card(desk, order.code)
    store.cancel_pickup(hub.event_id, "M-1040")
    hand_over(order.order_id, {shown.lines[0].key: 1}, clerk(desk), desk.till.uow())  # offline: not yet known
    sync(desk)
    assert pickup_conflicts(store) == ["pickup_after_cancel"]
    assert "cancelled online" in sync_status(desk.till.uow()).conflicts[0].reason


def test_a_group_leader_collects_for_the_members(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    store = hub.hub.store
    kim = store.create_pickup(hub.event_id, "G-1", "Kim", [("ATE-001", 1)], key)
    lou = store.create_pickup(hub.event_id, "G-2", "Lou", [("ATE-002", 2)], key)
    store.create_pickup(hub.event_id, "M-1050", "Max", [("ATE-003", 1)], key)
    group = store.create_group_pickup(hub.event_id, "GROUP-7", "Kim", ["G-1", "G-2"], key)
    sync(desk)
    jo = clerk(desk)
    # Lou collects her own order first, with her own code.
    lou_card = card(desk, lou.code)
    hand_over(lou.order_id, {lou_card.lines[0].key: 2}, jo, desk.till.uow())

    leader = card(desk, group.code)
    assert leader.member_numbers == ("G-1", "G-2")
    assert [(line.order_number, line.left) for line in leader.lines] == [("G-1", 1), ("G-2", 0)]
    hand_over(group.order_id, {leader.lines[0].key: 1}, jo, desk.till.uow())
    assert refusal(desk, kim.code).reason == "already_collected"
    assert refusal(desk, group.code).reason == "already_collected"

    overview = pickup_overview(desk.till.uow())
    states = {summary.number: summary.state for summary in overview.orders}
    assert states == {
        "G-1": PickupState.COLLECTED,
        "G-2": PickupState.COLLECTED,
        "GROUP-7": PickupState.COLLECTED,
        "M-1050": PickupState.WAITING,
    }
    assert overview.counts[PickupState.WAITING] == 1
    assert [s.number for s in search_pickups("max", desk.till.uow())] == ["M-1050"]
    assert [s.number for s in search_pickups("1050", desk.till.uow())] == ["M-1050"]

    sync(desk)
    assert pickup_conflicts(store) == []


def test_the_hub_command_line_signs_and_cancels(
    hub: HubEvent, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(hub.hub.store.engine.url.render_as_string(hide_password=False))]
    key_file = tmp_path / "signing.pem"
    assert hub_main([*db, "keys", "create", "--out", str(key_file)]) == 0
    assert hub_main([*db, "keys", "create", "--out", str(key_file)]) == 2  # never overwrites a key
    qr = tmp_path / "code.png"
    assert (
        hub_main(
            [
                *db,
                "pickup",
                "create",
                "--event",
                hub.event_id,
                "--number",
                "W-1",
                "--customer",
                "Nia",
                "--item",
                "ATE-001:2",
                "--key",
                str(key_file),
                "--qr",
                str(qr),
            ]
        )
        == 0
    )
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert code.startswith("PU:") and qr.stat().st_size > 0
    assert (
        hub_main(
            [
                *db,
                "pickup",
                "create",
                "--event",
                hub.event_id,
                "--number",
                "W-2",
                "--customer",
                "O",
                "--item",
                "NOPE",
                "--key",
                str(key_file),
            ]
        )
        == 2
    )
    assert "SKU:QUANTITY" in capsys.readouterr().err
    assert hub_main([*db, "pickup", "cancel", "--event", hub.event_id, "W-1"]) == 0
    assert hub_main([*db, "pickup", "list", "--event", hub.event_id]) == 0
    assert "W-1\tNia\tcancelled\t0/2 ATE-001" in capsys.readouterr().out


def test_a_collected_order_comes_back_at_the_returns_desk_by_its_pickup_code(
    hub: HubEvent, key: bytes, desk: EnrolledTill
) -> None:
    store = hub.hub.store
    store.set_stock(hub.event_id, "ATE-001", 10)
    order = store.create_pickup(hub.event_id, "M-1060", "Ola", [("ATE-001", 2), ("ATE-004", 1)], key)
    sync(desk)
    jo = clerk(desk)
    shown = card(desk, order.code)
    hand_over(order.order_id, {shown.lines[0].key: 2}, jo, desk.till.uow())

    found = find_sale(order.code, desk.till.uow())
    assert found.online_order and found.receipt_no == "order M-1060"
    assert [(line.sku, line.sold, line.returnable) for line in found.lines] == [("ATE-001", 2, 2), ("ATE-004", 0, 0)]
    back = (ReturnLineRequest(1, 1, "cracked", Disposition.RESTOCK),)
    done = record_return(RecordReturn(desk.cashier, order.order_id, back), desk.till.uow())
    assert (done.refund_total, done.refunds) == (0, ())  # paid online: the marketplace refunds
    texts = [getattr(block, "text", "") for block in return_receipt(done.return_id, desk.till.uow()).blocks]
    # The return receipt speaks the event's language: the demo event is de_CH.
    assert "Marktplatz-Bestellung M-1060" in texts and "Der Marktplatz erstattet die Online-Zahlung." in texts
    with pytest.raises(RuleViolation, match="Only 1 of line 1"):
        record_return(
            RecordReturn(desk.cashier, order.order_id, (ReturnLineRequest(1, 2, "x", Disposition.RESTOCK),)),
            desk.till.uow(),
        )

    sync(desk)
    assert store.stock_level(hub.event_id, "ATE-001") == 10 - 2 + 1
    with desk.till.uow() as uow:
        [record] = [r for r in uow.outbox.records() if r.type == "return.recorded"]
    assert json.loads(record.payload)["online_order"] is True
    assert record.answer == "applied"
