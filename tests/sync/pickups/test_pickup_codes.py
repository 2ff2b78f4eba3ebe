"""Pickup codes over real HTTP: the hub signs them, a till checks them offline and says what a refused scan was."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.services.pickups import PickupCard, scan_pickup
from sync.hub.cli import main as hub_main
from tests.sync.conftest import EnrolledTill, HubEvent
from tests.sync.pickups.pickup_desk import card, refusal, second_event
from tests.sync.till_actions import sync


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


def test_a_code_mangled_by_a_german_keyboard_layout(hub: HubEvent, key: bytes, desk: EnrolledTill) -> None:
    order = hub.hub.store.create_pickup(hub.event_id, "M-1010", "Gil", [("ATE-001", 1)], key)
    sync(desk)
    german = {"Y": "Z", "Z": "Y", "*": "(", "+": "`", "-": "ß", "/": "-", ":": "Ö"}
    mangled = "".join(german.get(char, char) for char in order.code)
    recovered = card(desk, mangled)
    assert recovered.number == "M-1010" and "German" in recovered.warning
    unrecoverable = mangled.replace("Ö", "Ä", 1)
    assert refusal(desk, unrecoverable).reason in ("mangled", "not_a_pickup_code")


def create_pickup(db: list[str], event_id: str, number: str, customer: str, item: str, key_file: Path) -> list[str]:
    """``popup-hub pickup create``'s arguments for one order of one item (``SKU:QUANTITY``)."""
    order = ["--event", event_id, "--number", number, "--customer", customer, "--item", item]
    return [*db, "pickup", "create", *order, "--key", str(key_file)]


def test_the_hub_command_line_signs_and_cancels(
    hub: HubEvent, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(hub.hub.store.engine.url.render_as_string(hide_password=False))]
    key_file = tmp_path / "signing.pem"
    assert hub_main([*db, "keys", "create", "--out", str(key_file)]) == 0
    assert hub_main([*db, "keys", "create", "--out", str(key_file)]) == 2  # never overwrites a key
    qr = tmp_path / "code.png"
    assert hub_main([*create_pickup(db, hub.event_id, "W-1", "Nia", "ATE-001:2", key_file), "--qr", str(qr)]) == 0
    code = capsys.readouterr().out.strip().splitlines()[-1]
    assert code.startswith("PU:") and qr.stat().st_size > 0
    assert hub_main(create_pickup(db, hub.event_id, "W-2", "O", "NOPE", key_file)) == 2
    assert "SKU:QUANTITY" in capsys.readouterr().err
    assert hub_main([*db, "pickup", "cancel", "--event", hub.event_id, "W-1"]) == 0
    assert hub_main([*db, "pickup", "list", "--event", hub.event_id]) == 0
    assert "W-1\tNia\tcancelled\t0/2 ATE-001" in capsys.readouterr().out
