"""Builders for the pickup tests over real HTTP: a signing key on the hub, a clerk, the card a scan shows,
the refusal it raises, another event. The desks enrolled after the key are fixtures (conftest.py beside it)."""

from __future__ import annotations

import uuid

import pytest

from app.domain.pickups import PickupRefused
from app.domain.staff import Role
from app.services.pickups import PickupCard, scan_pickup
from app.services.staff import AddStaff, add_staff
from sync.hub.store import HubStore
from sync.protocol import EventInfo, TaxClassInfo
from tests.sync.conftest import EnrolledTill


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
