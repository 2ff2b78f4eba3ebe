"""Staff, commissions and settings are the event's: set on the hub or by a manager on any till, the same on every
till after sync. Three tills over real HTTP, the hub on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.domain.errors import PermissionDenied
from app.services.audit import verify_audit_trail
from app.services.availability import oversell_policy
from app.services.event_settings_sync import set_event_setting
from app.services.receipts import load_sale_receipt
from app.services.return_policy import ReturnPolicy, return_policy, save_return_policy
from app.services.settlements import set_commission
from app.services.staff import ChangeOwnPin, change_own_pin, sign_in
from app.services.staff_admin import StaffChange, deactivate_staff
from app.services.syncing import pull_changes
from app.services.tender_settings import card_reference_required
from app.store.outbox import OutboxStatus
from sync.client import HubClient
from sync.hub.cli import main as hub_main
from sync.protocol import Change, ChangesPage, PushRecord
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sell, sync
from tests.sync.till_settings import commission_of, staff_id

MAKER = "Atelier Lumen"
SKU = "ATE-001"  # 12.90 CHF, by Atelier Lumen
PRICE = 1290


@dataclass
class Market:
    hub: HubEvent
    tills: list[EnrolledTill]

    def hub_says(self, *args: str) -> None:
        url = self.hub.hub.store.engine.url.render_as_string(hide_password=False)
        assert hub_main(["--db", url, *args, "--event", self.hub.event_id]) == 0

    def sync_all(self) -> None:
        for till in self.tills:
            sync(till)


@pytest.fixture
def market(hub: HubEvent, tmp_path: Path) -> Iterator[Market]:
    first = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-a")
    sync(first)  # its staff reach the hub
    tills = [first]
    try:
        for code in ("B", "C"):
            folder = tmp_path / f"till-{code.lower()}"
            tills.append(enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, folder, code, staff_from_hub=True))
        yield Market(hub, tills)
    finally:
        for till in tills:
            till.till.close()


def test_a_commission_set_on_the_hub_changes_every_tills_settlements(market: Market) -> None:
    till_a, till_b, till_c = market.tills
    sell(till_a, SKU)
    sell(till_c, SKU)
    market.sync_all()
    assert [commission_of(till, MAKER) for till in market.tills] == [0, 0, 0]

    market.hub_says("commission", "set", "--maker", MAKER, "25")
    market.sync_all()
    # 25% of two sales of 12.90, rounded half up per product.
    assert [commission_of(till, MAKER) for till in market.tills] == [645, 645, 645]

    # A manager's rate for the product itself, set on till B, outranks the maker's on every till.
    set_commission("10", till_b.manager, till_b.till.uow(), sku=SKU)
    sync(till_b)
    market.sync_all()
    assert [commission_of(till, MAKER) for till in market.tills] == [258, 258, 258]


def test_staff_added_on_the_hub_sign_in_on_every_till_and_a_deactivation_signs_them_out(market: Market) -> None:
    market.hub_says("staff", "add", "Mia Keller", "--role", "cashier", "--pin", "4321")
    market.sync_all()
    for till in market.tills:
        mia = staff_id(till, "Mia Keller")
        assert sign_in(mia, "4321", till.till.uow()).name == "Mia Keller"
        with pytest.raises(PermissionDenied):
            sign_in(mia, "1234", till.till.uow())

    market.hub_says("staff", "deactivate", "Mia Keller")
    market.sync_all()
    for till in market.tills:
        with pytest.raises(PermissionDenied, match="no longer active"):
            sign_in(staff_id(till, "Mia Keller"), "4321", till.till.uow())
        # The staff table is as its audited changes left it.
        assert verify_audit_trail(till.till.uow()).problems == ()


def test_a_pin_changed_on_till_a_works_on_till_b_after_sync_and_the_old_one_does_not(market: Market) -> None:
    till_a, till_b, _till_c = market.tills
    change_own_pin(ChangeOwnPin(till_a.cashier, "1111", "2468"), till_a.till.uow())
    sync(till_a)
    sync(till_b)
    assert sign_in(till_b.cashier, "2468", till_b.till.uow()).name == "Sam"
    with pytest.raises(PermissionDenied, match="Wrong PIN"):
        sign_in(till_b.cashier, "1111", till_b.till.uow())


def test_a_deactivation_on_one_till_signs_the_member_out_everywhere(market: Market) -> None:
    till_a, _till_b, till_c = market.tills
    deactivate_staff(StaffChange(till_a.cashier, till_a.manager), till_a.till.uow())
    market.sync_all()
    with pytest.raises(PermissionDenied, match="no longer active"):
        sign_in(till_c.cashier, "1111", till_c.till.uow())


def test_the_return_window_set_on_till_a_applies_on_till_c(market: Market) -> None:
    till_a, _till_b, till_c = market.tills
    assert return_policy(till_c.till.uow()).window_days == ReturnPolicy().window_days
    save_return_policy(ReturnPolicy(window_days=7, no_receipt_cap_per_return=1500), till_a.manager, till_a.till.uow())
    sync(till_a)
    sync(till_c)
    policy = return_policy(till_c.till.uow())
    assert (policy.window_days, policy.no_receipt_cap_per_return) == (7, 1500)
    assert policy.no_receipt_cap_per_event == ReturnPolicy().no_receipt_cap_per_event


def test_settings_set_on_the_hub_reach_the_rules_that_read_them(market: Market) -> None:
    till_b = market.tills[1]
    market.hub_says("settings", "set", "receipt_footer", "Pickup of online orders at the back door")
    market.hub_says("settings", "set", "card_reference_required", "yes")
    market.hub_says("settings", "set", "cash_rounding_step", "10")
    market.hub_says("settings", "set", "discount_limit_percent", "12.5")
    market.sync_all()
    for till in market.tills:
        assert card_reference_required(till.till.uow())
        with till.till.uow().for_reading() as uow:
            _this, event = uow.tills.this_till_and_event()
        assert (event.cash_rounding_step, event.discount_limit_percent) == (10, Decimal("12.5"))
    sale = sell(till_b, SKU)
    with till_b.till.uow().for_reading() as uow:
        receipt = load_sale_receipt(sale.sale_id, uow)
    assert "Pickup of online orders at the back door" in [getattr(block, "text", None) for block in receipt.blocks]


def test_the_latest_change_wins_whatever_order_it_reaches_the_hub_in(market: Market) -> None:
    till_a, till_b, _till_c = market.tills
    # Till A sets the window offline; the hub sets it later; A's older change arrives after the hub's.
    set_event_setting("return_window_days", "5", till_a.manager, till_a.till.uow())
    market.hub_says("settings", "set", "return_window_days", "20")
    sync(till_a)
    sync(till_b)
    assert [return_policy(till.till.uow()).window_days for till in (till_a, till_b)] == [20, 20]
    with till_a.till.uow().for_reading() as uow:
        answered = [r for r in uow.outbox.records() if r.type == "event_setting.changed"]
    assert [(r.status, r.answer) for r in answered] == [(OutboxStatus.ACKNOWLEDGED, "applied")]


def hostile(payload: dict[str, Any]) -> PushRecord:
    # A sequence number far beyond the till's own records, so the till's next pushes never clash with it.
    return PushRecord(
        event_id=str(uuid.uuid4()), till_seq=10**6, type="event_setting.changed", schema_version=1, payload=payload
    )


STAMP = {"changed_at": "2026-12-02T10:00:00.000+00:00", "change_id": "0190a1b2-0000-7000-8000-000000000a01"}


@pytest.mark.parametrize(
    ("key", "value", "reason"),
    [
        ("colour", "red", "'colour' is not an event setting"),
        ("no_receipt_cap_per_return", -500, "no_receipt_cap_per_return must be"),
        ("card_reference_required", "sometimes", "card_reference_required must be yes or no"),
    ],
)
def test_a_hostile_setting_is_refused_by_the_hub_and_quarantined_by_a_till(
    market: Market, key: str, value: object, reason: str
) -> None:
    till_a, till_b, _till_c = market.tills
    with till_a.till.uow().for_reading() as uow:
        link = uow.hub.link()
    assert link is not None
    data = {"key": key, "value": value, "changed_by": "Mallory", **STAMP}
    with HubClient(link.url, link.token) as client:
        [answer] = client.push([hostile(data)]).answers
    assert answer.status.value == "rejected" and reason in (answer.reason or "")

    # Were it ever in a till's feed (an older hub, a file by hand), the till sets it aside with the reason.
    before = return_policy(till_b.till.uow())
    with till_b.till.uow().for_reading() as uow:
        cursor = uow.hub.link().cursor  # type: ignore[union-attr]
    page = ChangesPage(
        changes=[Change(seq=1, kind="event_setting", key=key, data=data)], next_cursor=cursor, more=False
    )
    pull_changes(till_b.till.uow, OnePage(page))
    with till_b.till.uow().for_reading() as uow:
        [entry] = uow.quarantine.entries(10)
    assert reason in entry.reason
    assert return_policy(till_b.till.uow()) == before


class OnePage:
    def __init__(self, page: ChangesPage) -> None:
        self.page = page

    def pull(self, cursor: str) -> ChangesPage:
        return self.page


def test_hub_commands_refuse_what_the_tills_would_not_take(market: Market, capsys: pytest.CaptureFixture[str]) -> None:
    url = market.hub.hub.store.engine.url.render_as_string(hide_password=False)
    event = ["--event", market.hub.event_id]

    def hub(*args: str) -> tuple[int, str]:
        code = hub_main(["--db", url, *args, *event])
        captured = capsys.readouterr()
        return code, captured.out + captured.err

    assert hub("staff", "add", "Jo", "--role", "cashier", "--pin", "12") == (
        2,
        "popup-hub: A PIN is 4 to 8 digits: type digits only.\n",
    )
    assert hub("staff", "add", "Alex", "--role", "cashier", "--pin", "9876")[1].endswith(
        "The event already has a staff member called Alex: choose another name.\n"
    )
    assert hub("staff", "add", "Jo", "--role", "boss", "--pin", "9876")[0] == 2
    code, out = hub("settings", "set", "return_window_days", "-1")
    assert code == 2 and "return_window_days must be the days after a sale" in out
    code, out = hub("commission", "set", "--sku", "NOPE-1", "25")
    assert code == 2 and "No product with SKU NOPE-1" in out
    assert (
        hub("commission", "set", "--maker", MAKER, "125")[1]
        == "popup-hub: A commission is between 0 and 100 percent.\n"
    )
    assert hub("staff", "deactivate", "Alex")[1].endswith(
        "Alex is the event's last active manager: add another manager first.\n"
    )

    code, listed = hub("staff", "list")
    assert code == 0 and "scrypt" not in listed
    assert [line.split("\t")[1:4] for line in listed.splitlines()] == [
        ["Alex", "manager", "active"],
        ["Sam", "cashier", "active"],
    ]
    assert hub("settings", "set", "oversell_policy", "manager")[0] == 0
    code, listed = hub("settings", "list")
    assert listed.split("\t")[:2] == ["oversell_policy", json.dumps("manager")]


def test_a_manager_sets_an_event_setting_from_a_tills_command_line_and_it_reaches_the_others(
    market: Market, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import main as till_cli

    till_a, _till_b, till_c = market.tills
    folder = str(till_a.till.data_dir)
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert till_cli(["--data-dir", folder, "setting", "oversell_policy", "manager", "--staff", "Alex"]) == 0
    assert 'oversell_policy = "manager" on this till' in capsys.readouterr().out
    monkeypatch.setattr("sys.stdin", io.StringIO("1234\n"))
    assert till_cli(["--data-dir", folder, "setting", "cash_rounding_step", "0", "--staff", "Alex"]) == 2
    assert "cash_rounding_step must be the smallest cash step" in capsys.readouterr().err
    sync(till_a)
    sync(till_c)
    assert oversell_policy(till_c.till.uow()).value == "manager"
