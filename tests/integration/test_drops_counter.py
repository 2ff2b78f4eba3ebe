"""The counter's drop rules on a real store: release (with a manager's override, audited), caps, what is left."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest

from app.domain import clock
from app.domain.errors import ApprovalRequired, InvalidInput, PermissionDenied, RuleViolation
from app.services import carts
from app.services.audit import verify_audit_trail
from app.services.authorization import ManagerApproval
from app.services.drop_counts import drop_left
from app.services.drop_customers import set_cart_customer
from app.services.feed_pages import store_pages
from app.store.outbox import OutboxStatus
from sync.protocol import Change, ChangesPage
from sync.records import parse_fact
from tests.conftest import DemoTill
from tests.drop_feed import MUGS_DROP, drop_entry, feed_drop
from tests.integration.drop_sales import BLUE, SPECKLED, sell

OTHER_DROP = "0193a0b0-0000-7000-8000-00000000d002"

BEFORE = datetime.fromisoformat("2026-12-05T13:59:00+01:00")
AFTER = datetime.fromisoformat("2026-12-05T14:00:00+01:00")


@pytest.fixture
def at() -> Iterator[list[datetime]]:
    moment = [AFTER]
    clock.set_clock(lambda: moment[0])
    yield moment
    clock.set_clock(None)


def void(demo: DemoTill) -> None:
    cart = carts.current_cart(demo.cashier, demo.till.uow()).cart
    carts.void_cart(cart.cart_id, "test", demo.cashier, demo.till.uow())


def test_refused_before_the_release_sold_at_it(demo: DemoTill, at: list[datetime]) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    at[0] = BEFORE
    with pytest.raises(ApprovalRequired, match="Drop Mugs opens at 14:00"):
        sell(demo, [SPECKLED])
    at[0] = AFTER
    assert sell(demo, [SPECKLED]).startswith("A-")


def test_an_early_sale_needs_a_managers_pin_even_from_a_manager_and_is_audited(
    demo: DemoTill, at: list[datetime]
) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    at[0] = BEFORE
    with pytest.raises(PermissionDenied):
        sell(demo, [SPECKLED], approval=ManagerApproval("Alex", "0000"))
    void(demo)
    receipt = sell(demo, [SPECKLED], approval=ManagerApproval("Alex", "1234"))
    with demo.till.uow() as uow:
        entries = [e.fields for e in uow.audit.entries() if e.fields.action == "drop.sold_before_release"]
        waiting = uow.outbox.records(OutboxStatus.WAITING)
    assert len(entries) == 1 and entries[0].approved_by == demo.manager
    assert json.loads(entries[0].details)["receipt_no"] == receipt
    sold = [parse_fact(r.type, r.schema_version, json.loads(r.payload)) for r in waiting if r.type == "drop.sold"]
    assert len(sold) == 1 and sold[0].early_by == "Alex"  # type: ignore[attr-defined]


def test_the_per_sale_cap_is_refused_at_the_scan(demo: DemoTill, at: list[datetime]) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, SPECKLED, demo.cashier, demo.till.uow())
    carts.scan(cart_id, BLUE, demo.cashier, demo.till.uow())
    with pytest.raises(RuleViolation, match="At most 2 per sale of drop Mugs"):
        carts.scan(cart_id, BLUE, demo.cashier, demo.till.uow())
    assert sum(line.quantity for line in carts.current_cart(demo.cashier, demo.till.uow()).cart.lines) == 2


def test_what_is_left_counts_own_sales_and_the_other_tills(demo: DemoTill, at: list[datetime]) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None, counter_sold={"B": 6})
    assert drop_left([SPECKLED, "ATE-001"], demo.till.uow()) == {SPECKLED: 4}
    sell(demo, [SPECKLED, BLUE])
    assert drop_left([BLUE], demo.till.uow()) == {BLUE: 2}
    # The hub's next entry counts this till's sale too: it is not counted twice.
    feed_drop(demo.till.uow, seq=2, per_customer_cap=None, counter_sold={"A": 2, "B": 7})
    assert drop_left([BLUE], demo.till.uow()) == {BLUE: 1}
    # New terms are audited when they arrive; a sync that only brings counts is not.
    with demo.till.uow() as uow:
        synced = [e.fields for e in uow.audit.entries() if e.fields.action == "drop.synced"]
    assert len(synced) == 1 and json.loads(synced[0].details)["counter_allocation"] == 10
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, BLUE, demo.cashier, demo.till.uow())
    with pytest.raises(RuleViolation, match="Only 1 left of drop Mugs at the counter"):
        carts.scan(cart_id, BLUE, demo.cashier, demo.till.uow())


def test_the_per_customer_cap_on_this_till(demo: DemoTill, at: list[datetime]) -> None:
    feed_drop(demo.till.uow, per_sale_cap=1, per_customer_cap=1)
    with pytest.raises(RuleViolation, match="limit per customer"):
        sell(demo, [SPECKLED])
    void(demo)
    sell(demo, [SPECKLED], customer="+41 79 123 45 67")
    with pytest.raises(RuleViolation, match="This customer already has 1 of drop Mugs"):
        sell(demo, [BLUE], customer="0041791234567")
    void(demo)
    assert sell(demo, [BLUE], customer="someone@example.ch").startswith("A-")
    with demo.till.uow() as uow:
        stored = [json.loads(r.payload) for r in uow.outbox.records(OutboxStatus.WAITING) if r.type == "drop.sold"]
    assert all("791234567" not in str(payload) and "example" not in str(payload) for payload in stored)
    assert all(payload["drop_id"] == MUGS_DROP for payload in stored)


def test_a_malformed_customer_is_refused_with_what_to_type(demo: DemoTill, at: list[datetime]) -> None:
    feed_drop(demo.till.uow)
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    with pytest.raises(InvalidInput, match="not a phone number"):
        set_cart_customer(cart_id, "12ab", demo.cashier, demo.till.uow())
    with pytest.raises(InvalidInput, match="damaged"):
        set_cart_customer(cart_id, "CU:XYZ", demo.cashier, demo.till.uow())


def test_a_garbage_drop_entry_is_quarantined_and_the_rest_applied(demo: DemoTill, at: list[datetime]) -> None:
    good = Change(seq=1, kind="drop", key=MUGS_DROP, data=drop_entry(per_customer_cap=None))
    bad = Change(seq=2, kind="drop", key=OTHER_DROP, data=drop_entry(drop_id=OTHER_DROP, counter_allocation=-5))
    store_pages(demo.till.uow, [ChangesPage(changes=[bad, good], next_cursor="0.2", more=False)])
    with demo.till.uow() as uow:
        [held] = uow.quarantine.entries(10)
    assert held.key == OTHER_DROP and "counter_allocation" in held.reason
    assert drop_left([SPECKLED], demo.till.uow()) == {SPECKLED: 10}


def test_the_audit_trail_still_verifies_after_drop_sales(demo: DemoTill, at: list[datetime]) -> None:
    feed_drop(demo.till.uow, per_customer_cap=None)
    sell(demo, [SPECKLED])
    at[0] = BEFORE
    void(demo)
    sell(demo, [BLUE], approval=ManagerApproval("Alex", "1234"))
    verification = verify_audit_trail(demo.till.uow())
    assert verification.problems == () and verification.broken is None
