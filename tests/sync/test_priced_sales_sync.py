"""A sale priced by a markdown and a bundle, over real HTTP: the hub keeps its automatic discounts, and the hub's
report and another till's show them as their own discounts, to the cent (on SQLite and PostgreSQL: ``hub``)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.event_report import event_report, event_wide_figures
from app.services.selling import CompleteSale, SaleCompleted, complete_sale
from app.store.price_rules import save_price_rule
from sync.event_figures_csv import EVENT_HEADER, csv_text, event_rows
from sync.hub.store import reports as hub_reports
from sync.price_figures import AutomaticDiscount
from sync.records.price_rules import BundleTerms, MarkdownTerms, PriceRuleChanged
from tests.sync.conftest import EnrolledTill, HubEvent, enrolled_till
from tests.sync.till_actions import sync

MUG, CUP_WHITE, CUP_CELADON = "BER-003", "BER-001", "BER-002"  # CHF 32.00, 18.00, 18.00


def _rules() -> list[PriceRuleChanged]:
    now = datetime.now(UTC)
    envelope = {"active": True, "changed_at": now.isoformat(), "changed_by": "hub"}
    return [
        PriceRuleChanged(
            rule_id="md-mugs",
            name="Last hour mugs",
            kind="markdown",
            starts_at=(now - timedelta(hours=1)).isoformat(),
            ends_at=(now + timedelta(hours=1)).isoformat(),
            markdown=MarkdownTerms(target_kind="sku", target=MUG, percent_off="25"),
            change_id=str(uuid.uuid4()),
            **envelope,  # type: ignore[arg-type]
        ),
        PriceRuleChanged(
            rule_id="b-cups",
            name="Two cups",
            kind="bundle",
            bundle=BundleTerms(count=2, price=3000, skus=(CUP_WHITE, CUP_CELADON)),
            change_id=str(uuid.uuid4()),
            **envelope,  # type: ignore[arg-type]
        ),
    ]


@pytest.fixture
def till_b(hub: HubEvent, tmp_path: Path) -> Iterator[EnrolledTill]:
    enrolled = enrolled_till(hub.hub.url, hub.hub.store, hub.event_id, tmp_path / "till-b", code="B")
    yield enrolled
    enrolled.till.close()


def _sell(till: EnrolledTill, *codes: str) -> SaleCompleted:
    cart_id = carts.current_cart(till.cashier, till.till.uow()).cart.cart_id
    for code in codes:
        state = carts.scan(cart_id, code, till.cashier, till.till.uow())
    paid = Tender(TenderKind.CASH, state.priced.total)
    return complete_sale(CompleteSale(cart_id, till.cashier, (paid,)), till.till.uow())


def test_a_sale_with_a_markdown_and_a_bundle_is_reported_alike_on_the_hub_and_another_till(
    hub: HubEvent, till_a: EnrolledTill, till_b: EnrolledTill
) -> None:
    for sku in (MUG, CUP_WHITE, CUP_CELADON):
        hub.hub.store.set_stock(hub.event_id, sku, 20)
    for till in (till_a, till_b):
        sync(till)  # the catalog
    with till_a.till.uow() as uow:
        for rule in _rules():
            save_price_rule(uow.connection, rule)
        uow.commit()
    sold = _sell(till_a, MUG, CUP_WHITE, CUP_CELADON)
    assert sold.total == 2400 + 3000
    _sell(till_b, MUG)  # no rule on till B: a schema 1 sale beside it
    for _round in range(2):
        for till in (till_a, till_b):
            sync(till)

    # The hub keeps the sale as pushed (schema 2), applied like any other.
    with hub.hub.store.engine.connect() as connection:
        status, payload = connection.execute(
            text("SELECT status, payload FROM inbox WHERE payload LIKE :sale"), {"sale": f"%{sold.sale_id}%"}
        ).one()
        on_hub = hub_reports.figures(connection, hub.event_id)
    assert status == "applied"
    lines = json.loads(payload)["lines"]
    assert [(line["markdown"], line["markdown_id"], line["bundle"], line["bundle_ids"]) for line in lines] == [
        (800, "md-mugs", 0, []),
        (0, None, 300, ["b-cups"]),
        (0, None, 300, ["b-cups"]),
    ]

    expected = (
        AutomaticDiscount("markdown", "md-mugs", 1, 1, 800),
        AutomaticDiscount("bundle", "b-cups", 2, 2, 600),
    )
    assert on_hub.automatic == expected
    assert (on_hub.markdowns, on_hub.bundles, on_hub.totals.discounts) == (800, 600, 1400)
    for till in (till_a, till_b):
        figures, currency = event_wide_figures(till.till.uow())
        assert figures.automatic == expected
        assert csv_text(EVENT_HEADER, event_rows(figures, currency)) == csv_text(
            EVENT_HEADER, event_rows(on_hub, "CHF")
        )
    csv_lines = csv_text(EVENT_HEADER, event_rows(on_hub, "CHF")).splitlines()
    assert "totals,markdowns,,800,,," in csv_lines and "bundle,b-cups,2,600,,," in csv_lines
    # The item figures count the automatic discounts as discounts, on the till that sold as on the hub.
    mugs = [item for item in event_wide_figures(till_a.till.uow())[0].items if item.sku == MUG]
    assert [(item.units, item.discounts) for item in mugs] == [(2, 800)]

    # Till A names the rules it holds; till B, which holds none, shows their ids.
    named = event_report(till_a.till.uow())
    assert [named.rule_name(row.rule) for row in named.automatic] == ["Last hour mugs", "Two cups"]
    assert [event_report(till_b.till.uow()).rule_name(row.rule) for row in named.automatic] == ["md-mugs", "b-cups"]
