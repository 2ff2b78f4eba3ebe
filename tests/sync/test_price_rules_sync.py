"""Price rules are the event's: set on the hub or by a manager on a till, the same on every till after sync.

Tills over real HTTP; the hub on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from app.domain.errors import InvalidInput, PermissionDenied
from app.domain.price_rules import Bundle, Markdown, TargetKind
from app.services.audit import verify_audit_trail
from app.services.price_rules import PriceRuleInput, price_rule_rows, set_price_rule, withdraw_price_rule
from app.store.price_rules import load_price_rules
from sync.client import HubClient
from sync.hub.cli import main as hub_main
from sync.hub.store import _publish
from sync.hub.store import price_rules as hub_rules
from sync.hub.store.schema import price_rule_changes
from sync.protocol import PushRecord
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sync

MAKER = "Atelier Lumen"
FROM, UNTIL = "2026-12-05T19:00:00+01:00", "2026-12-05T21:00:00+01:00"


@dataclass
class Market:
    hub: HubEvent
    tills: list[EnrolledTill]

    def hub_says(self, *args: str) -> int:
        url = self.hub.hub.store.engine.url.render_as_string(hide_password=False)
        return hub_main(["--db", url, *args, "--event", self.hub.event_id])

    def sync_all(self) -> None:
        for till in self.tills:
            sync(till)


@pytest.fixture
def market(hub: HubEvent, tmp_path: Path) -> Iterator[Market]:
    first = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a")
    sync(first)  # its staff reach the hub
    tills = [first]
    try:
        second = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", "B", staff_from_hub=True)
        tills.append(second)
        yield Market(hub, tills)
    finally:
        for till in tills:
            till.till.close()


def rules_on(till: EnrolledTill) -> tuple[Markdown | Bundle, ...]:
    with till.till.uow() as uow:
        return load_price_rules(uow.connection)


def test_a_markdown_and_a_bundle_set_on_the_hub_reach_both_tills(market: Market) -> None:
    code = market.hub_says(
        "pricing", "markdown", "add", "Candles last hours", "--id", "md-candles", "--maker", MAKER,
        "--percent", "30", "--from", FROM, "--until", UNTIL,
    )  # fmt: skip
    assert code == 0
    code = market.hub_says(
        "pricing", "bundle", "add", "Two tapers", "--id", "b-tapers", "--sku", "ATE-001", "--sku", "ATE-004",
        "--count", "2", "--price", "20.00",
    )  # fmt: skip
    assert code == 0
    market.sync_all()
    for till in market.tills:
        bundle, markdown = rules_on(till)
        assert isinstance(markdown, Markdown) and markdown.percent_off == Decimal(30)
        # The maker is named on the wire, and by this till's own maker id in its cart.
        with till.till.uow() as uow:
            maker_id = next(maker.maker_id for maker in uow.catalog.makers() if maker.name == MAKER)
        assert markdown.target.kind is TargetKind.MAKER and markdown.target.value == maker_id
        assert isinstance(bundle, Bundle) and bundle.skus == frozenset({"ATE-001", "ATE-004"}) and bundle.price == 2000
        assert verify_audit_trail(till.till.uow()).problems == ()

    assert market.hub_says("pricing", "withdraw", "b-tapers") == 0
    market.sync_all()
    for till in market.tills:
        assert [rule.rule_id for rule in rules_on(till)] == ["md-candles"]
        withdrawn = [row for row in price_rule_rows(till.till.uow(), include_withdrawn=True) if not row.active]
        assert [row.rule_id for row in withdrawn] == ["b-tapers"]


def test_a_rule_set_by_a_manager_on_till_a_reaches_the_hub_and_till_b(market: Market) -> None:
    till_a, till_b = market.tills
    rule = PriceRuleInput(
        kind="markdown", name="Tealights", target_kind="sku", target="ATE-004", new_price="7.50",
        starts_at="2026-12-05 19:00", ends_at="2026-12-05 20:00", rule_id="md-tealights",
    )  # fmt: skip
    row = set_price_rule(rule, till_a.manager, till_a.till.uow())
    assert row.changed_by == "Alex"
    sync(till_a)
    sync(till_b)
    (markdown,) = rules_on(till_b)
    assert isinstance(markdown, Markdown) and markdown.new_price == 750
    # A time typed without a zone is in the event's zone, and travels with it.
    assert markdown.starts_at.utcoffset() is not None
    with market.hub.hub.store.engine.connect() as connection:
        (on_hub,) = hub_rules.rules(connection, market.hub.event_id)
        assert on_hub.changed_by == "Alex"
        sources = connection.execute(select(price_rule_changes.c.source)).scalars().all()
    assert sources == ["till A"]

    withdraw_price_rule("md-tealights", till_b.manager, till_b.till.uow())
    sync(till_b)
    sync(till_a)
    assert rules_on(till_a) == rules_on(till_b) == ()
    for till in market.tills:
        assert verify_audit_trail(till.till.uow()).problems == ()


def test_a_cashier_may_not_set_a_rule_and_a_bad_one_is_refused_with_what_to_change(market: Market) -> None:
    till_a = market.tills[0]
    markdown = PriceRuleInput(
        kind="markdown", name="Half", target_kind="category", target="Candles", percent_off="50",
        starts_at=FROM, ends_at=UNTIL,
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        set_price_rule(markdown, till_a.cashier, till_a.till.uow())
    with pytest.raises(InvalidInput, match="end after it starts"):
        set_price_rule(
            replace(markdown, starts_at=UNTIL, ends_at=FROM),
            till_a.manager,
            till_a.till.uow(),
        )
    with pytest.raises(InvalidInput, match="SKU NOPE-1"):
        bundle = PriceRuleInput(kind="bundle", name="Nope", count=2, price="5", skus=("NOPE-1",))
        set_price_rule(bundle, till_a.manager, till_a.till.uow())
    with till_a.till.uow() as uow:
        assert all(record.type != "price_rule.changed" for record in uow.outbox.records())


def test_the_latest_change_wins_on_the_hub_and_on_every_till_whatever_the_order(market: Market) -> None:
    till_a, till_b = market.tills
    base = PriceRuleInput(kind="bundle", name="Tapers", count=2, price="20.00", skus=("ATE-001",), rule_id="b-tapers")
    set_price_rule(base, till_a.manager, till_a.till.uow())
    # Till B changes the same rule later, but reaches the hub first.
    later = replace(base, price="18.00")
    set_price_rule(later, till_b.manager, till_b.till.uow())
    sync(till_b)
    sync(till_a)  # A's older change: kept for the books, not in force
    sync(till_b)
    for till in market.tills:
        (bundle,) = rules_on(till)
        assert isinstance(bundle, Bundle) and bundle.price == 1800
    with market.hub.hub.store.engine.connect() as connection:
        history = hub_rules.history(connection, market.hub.event_id, "b-tapers")
    assert [(source, in_force) for _at, _by, source, in_force in history] == [("till B", True), ("till A", False)]


def test_a_garbage_price_rule_entry_is_quarantined_and_the_rest_of_the_feed_applies(market: Market) -> None:
    till_a = market.tills[0]
    good = {
        "rule_id": "b-ok", "kind": "bundle", "name": "OK", "bundle": {"count": 2, "price": 500, "category": "Candles"},
        "active": True, "changed_at": "2026-12-05T10:00:00+00:00", "change_id": str(uuid.uuid4()), "changed_by": "hub",
    }  # fmt: skip
    broken = {**good, "rule_id": "b-bad", "bundle": {"count": 1, "price": 0, "category": "Candles"}}
    with market.hub.hub.store.engine.begin() as connection:
        _publish(connection, market.hub.event_id, "price_rule", "b-bad", broken)
        _publish(connection, market.hub.event_id, "price_rule", "not-its-id", good)
        _publish(connection, market.hub.event_id, "price_rule", "b-ok", good)
    sync(till_a)
    assert [rule.rule_id for rule in rules_on(till_a)] == ["b-ok"]
    with till_a.till.uow() as uow:
        reasons = {entry.key: entry.reason for entry in uow.quarantine.entries(10)}
    assert set(reasons) == {"b-bad", "not-its-id"}
    assert "bundle.count" in reasons["b-bad"]
    assert "its key is not the subject it changes" in reasons["not-its-id"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"markdown": {"target_kind": "category", "target": "Candles", "percent_off": "101"}}, "at most 100"),
        ({"starts_at": "2026-12-05T19:00:00"}, "has no time zone"),
        ({"ends_at": "2026-12-05T18:00:00+01:00"}, "must end after it starts"),
        ({"markdown": {"target_kind": "sku", "target": "NOPE-1", "new_price": 100}}, "has no product NOPE-1"),
    ],
)
def test_a_broken_rule_pushed_by_a_till_is_rejected_with_the_reason_and_fed_to_no_till(
    market: Market, change: dict[str, object], reason: str
) -> None:
    till_a, till_b = market.tills
    with till_a.till.uow().for_reading() as uow:
        link = uow.hub.link()
    assert link is not None
    payload = {
        "rule_id": "md-x", "kind": "markdown", "name": "X", "starts_at": FROM, "ends_at": UNTIL,
        "markdown": {"target_kind": "category", "target": "Candles", "percent_off": "10"}, "active": True,
        "changed_at": "2026-12-05T10:00:00+00:00", "change_id": str(uuid.uuid4()), "changed_by": "Mallory", **change,
    }  # fmt: skip
    record = PushRecord(
        event_id=str(uuid.uuid4()), till_seq=10**6, type="price_rule.changed", schema_version=1, payload=payload
    )
    with HubClient(link.url, link.token) as client:
        [answer] = client.push([record]).answers
    assert answer.status.value == "rejected" and reason in (answer.reason or "")
    sync(till_b)
    assert rules_on(till_b) == ()
    with market.hub.hub.store.engine.connect() as connection:
        assert hub_rules.rules(connection, market.hub.event_id, include_withdrawn=True) == []
