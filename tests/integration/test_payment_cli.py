"""``popup-pos payment card-reference``: a manager decides whether a card payment needs the terminal's reference."""

from __future__ import annotations

import io
import json

import pytest

from app.cli import main
from app.domain.errors import InvalidInput
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.selling import CompleteSale, complete_sale
from tests.conftest import DemoTill

MUG = "2000000000114"


def run(
    demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *args: str, pin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{pin}\n" if pin else ""))
    status = main(["--data-dir", str(demo.till.data_dir), "payment", "card-reference", *args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def card_sale(demo: DemoTill, reference: str) -> str:
    cart = carts.current_cart(demo.cashier, demo.till.uow()).cart
    cart_id = cart.cart_id
    if cart.is_empty():  # a refused payment leaves its cart as it was
        carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    tender = Tender(TenderKind.CARD, 3200, reference)
    return complete_sale(CompleteSale(cart_id, demo.cashier, (tender,)), demo.till.uow()).receipt_no


def test_optional_by_default_then_required_by_a_manager_and_refused_to_a_cashier(
    demo: DemoTill, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run(demo, capsys, monkeypatch)
    assert status == 0 and "needs no terminal reference" in out
    assert card_sale(demo, "") == "A-000001"

    status, _, err = run(demo, capsys, monkeypatch, "required", "--staff", "Sam", pin="1111")
    assert status != 0 and "may not approve override" in err
    status, out, _ = run(demo, capsys, monkeypatch, "required", "--staff", "Alex", pin="1234")
    assert status == 0 and "needs the terminal's reference" in out

    with pytest.raises(InvalidInput, match="terminal's reference"):
        card_sale(demo, " ")
    assert card_sale(demo, "TRM-3") == "A-000002"
    with demo.till.uow() as uow:
        audited = [
            json.loads(e.fields.details) for e in uow.audit.entries() if e.fields.action == "payment.card_reference_set"
        ]
    assert audited == [{"required": True}]
