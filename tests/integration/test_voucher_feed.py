"""The hub's ``voucher`` change on a till (app/services/voucher_sync.py): a voucher from elsewhere becomes known,
other tills' spending lowers its balance, this till's own sales count once, and a hostile entry is quarantined."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.errors import NotFound, RuleViolation
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from app.services.sync_status import sync_status
from app.services.syncing import pull_changes
from app.services.vouchers import voucher_balance, voucher_for_payment
from sync.protocol import ChangesPage
from sync.voucher_codes import new_voucher_code
from tests.conftest import DemoTill
from tests.integration.feed_entries import PreparedFeed, change, enrolled

VOUCHER_ID = "0190a1b2-0000-7000-8000-000000000a01"
OTHER_SALE = "0190a1b2-0000-7000-8000-000000000a02"


def voucher_entry(code: str, amount: int = 3000, **changes: Any) -> dict[str, Any]:
    return {
        "voucher_id": VOUCHER_ID,
        "code": code,
        "currency": "CHF",
        "amount": amount,
        "issued_by": "B",
        "issued_at": "2026-12-05T10:00:00+00:00",
        "note": "",
        "redemptions": [],
        **changes,
    }


def spent(sale_id: str, amount: int, till: str = "B") -> dict[str, Any]:
    return {"sale_id": sale_id, "amount": amount, "till_code": till, "at": "2026-12-05T11:00:00+00:00"}


def pull(demo: DemoTill, *entries: tuple[str, dict[str, Any]]) -> None:
    page = ChangesPage(
        changes=[change(seq, "voucher", key, data) for seq, (key, data) in enumerate(entries, start=1)],
        next_cursor=f"0.{len(entries)}",
        more=False,
    )
    enrolled(demo)
    pull_changes(demo.till.uow, PreparedFeed(page))


def pay(demo: DemoTill, code: str, amount: int) -> str:
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    state = carts.scan(cart_id, "BER-003", demo.cashier, demo.till.uow())
    tenders = (Tender(TenderKind.VOUCHER, amount, code), Tender(TenderKind.CARD, state.priced.total - amount, "T-1"))
    return complete_sale(CompleteSale(cart_id, demo.cashier, tenders), demo.till.uow()).sale_id


def test_a_voucher_of_another_till_becomes_known_with_what_the_other_tills_spent(demo: DemoTill) -> None:
    code = new_voucher_code()
    with pytest.raises(NotFound, match="not known on this till"):
        voucher_for_payment(code, demo.till.uow())
    pull(demo, (code, voucher_entry(code, redemptions=[spent(OTHER_SALE, 1000)])))
    assert voucher_for_payment(code, demo.till.uow()).remaining == 2000


def test_own_sales_count_once_when_the_hub_s_ledger_brings_them_back(demo: DemoTill) -> None:
    code = new_voucher_code()
    pull(demo, (code, voucher_entry(code)))
    own_sale = pay(demo, code, 1200)
    assert voucher_balance(code, demo.till.uow()).remaining == 1800
    ledger = [spent(OTHER_SALE, 1000), spent(own_sale, 1200, "A")]
    pull(demo, (code, voucher_entry(code, redemptions=ledger)))
    assert voucher_balance(code, demo.till.uow()).remaining == 800
    pull(demo, (code, voucher_entry(code, redemptions=ledger)))
    assert voucher_balance(code, demo.till.uow()).remaining == 800, "pulled twice, counted once"
    with pytest.raises(RuleViolation, match=r"only CHF.8\.00 left"):
        pay(demo, code, 900)


def test_hostile_voucher_entries_are_quarantined_one_by_one_and_the_good_one_applied(demo: DemoTill) -> None:
    good, other = new_voucher_code(), new_voucher_code()
    hostile: list[tuple[str, dict[str, Any]]] = [
        (other, voucher_entry(good)),
        (good, voucher_entry(good, amount=0)),
        ("V-123", voucher_entry("V-123")),
        (good, voucher_entry(good, redemptions=[spent(OTHER_SALE, 10), spent(OTHER_SALE, 20)])),
        (good, voucher_entry(good, issued_by="Robert'); DROP TABLE vouchers;--")),
        (good, voucher_entry(good, extra=1)),
        # The demo's own voucher, claimed by the hub as another voucher of that code.
        (demo.voucher, voucher_entry(demo.voucher)),
    ]
    pull(demo, *hostile, (good, voucher_entry(good)))

    status = sync_status(demo.till.uow())
    reasons = [item.reason for item in sorted(status.quarantine, key=lambda item: item.seq)]
    assert len(reasons) == len(hostile)
    assert "its key is not its code" in reasons[0]
    assert "amount" in reasons[1]
    assert "is not a voucher code" in reasons[2]
    assert "a sale appears twice in the voucher's ledger" in reasons[3]
    assert "issued_by" in reasons[4]
    assert "extra" in reasons[5]
    assert f"The hub's voucher {demo.voucher} is not the voucher of that code on this till" in reasons[6]
    assert voucher_for_payment(good, demo.till.uow()).remaining == 3000
    assert voucher_balance(demo.voucher, demo.till.uow()).remaining == 2500, "the till's own voucher untouched"
