"""Automatic prices at the counter: the rules in force and the clock, through the services, on a real SQLite file."""

from __future__ import annotations

import csv
import json
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain import clock
from app.domain.cart import Discount, DiscountKind
from app.domain.errors import ApprovalRequired
from app.domain.tenders import Tender, TenderKind
from app.services import carts
from app.services.audit import verify_audit_trail
from app.services.event_export import export_csv
from app.services.event_report import event_report
from app.services.event_report_pdf import event_report_pdf
from app.services.receipts import load_sale_receipt
from app.services.selling import CompleteSale, complete_sale
from app.store.outbox import OutboxStatus
from app.store.price_rules import save_price_rule
from printers.document import Row
from sync.records import parse_fact
from sync.records.price_rules import BundleTerms, MarkdownTerms, PriceRuleChanged
from tests.conftest import DemoTill

MUG = "BER-003"  # CHF 32.00
CUP_WHITE, CUP_CELADON = "BER-001", "BER-002"  # CHF 18.00 each
START = datetime(2026, 12, 5, 14, 0, tzinfo=UTC)


@pytest.fixture
def at() -> Iterator[list[datetime]]:
    """The till's clock, set by the test: ``at[0] = ...``."""
    moment = [START - timedelta(minutes=1)]
    clock.set_clock(lambda: moment[0])
    yield moment
    clock.set_clock(None)


def _rule(rule_id: str, name: str, **terms: object) -> PriceRuleChanged:
    return PriceRuleChanged(
        rule_id=rule_id,
        name=name,
        active=True,
        changed_at="2026-12-05T09:00:00+00:00",
        change_id=str(uuid.uuid4()),
        changed_by="hub",
        **terms,  # type: ignore[arg-type]
    )


def last_hour_mugs() -> PriceRuleChanged:
    return _rule(
        "md-mugs",
        "Last hour mugs",
        kind="markdown",
        starts_at=START.isoformat(),
        ends_at=(START + timedelta(hours=1)).isoformat(),
        markdown=MarkdownTerms(target_kind="sku", target=MUG, percent_off="25"),
    )


def two_cups() -> PriceRuleChanged:
    return _rule(
        "b-cups", "Two cups", kind="bundle", bundle=BundleTerms(count=2, price=3000, skus=(CUP_WHITE, CUP_CELADON))
    )


def with_rules(demo: DemoTill, *rules: PriceRuleChanged) -> None:
    with demo.till.uow() as uow:
        for rule in rules:
            save_price_rule(uow.connection, rule)
        uow.commit()


def test_a_markdown_appears_at_its_start_without_a_scan(demo: DemoTill, at: list[datetime]) -> None:
    with_rules(demo, last_hour_mugs())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    before = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    assert (before.priced.total, before.priced.lines[0].markdown) == (3200, 0)
    assert before.next_price_change == START  # the screen prices the cart again then

    at[0] = START
    after = carts.current_cart(demo.cashier, demo.till.uow())
    line = after.priced.lines[0]
    assert (after.priced.total, line.markdown, line.markdown_id) == (2400, 800, "md-mugs")
    assert after.rule_names["md-mugs"] == "Last hour mugs"
    assert after.next_price_change == START + timedelta(hours=1)


def test_a_cart_shown_at_1359_and_paid_at_140001_is_charged_the_markdown(demo: DemoTill, at: list[datetime]) -> None:
    with_rules(demo, last_hour_mugs())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    shown = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    assert shown.priced.total == 3200

    at[0] = START + timedelta(seconds=1)
    done = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5000),)), demo.till.uow())

    assert (done.total, done.change) == (2400, 2600)
    with demo.till.uow() as uow:
        detail = uow.sales.detail(done.sale_id)
        record = next(r for r in uow.outbox.records(OutboxStatus.WAITING) if r.type == "sale.completed")
    assert detail is not None and detail.header.created_at.startswith("2026-12-05T14:00:01")
    sold = detail.lines[0]
    assert (sold.markdown, sold.markdown_id, sold.bundle, sold.bundle_ids, sold.discount) == (
        800,
        "md-mugs",
        0,
        (),
        800,
    )
    # The pushed record carries the markdown apart, under schema 2.
    assert record.schema_version == 2
    fact = parse_fact(record.type, record.schema_version, json.loads(record.payload))
    assert fact.model_dump()["lines"][0] | {"markdown": 800, "markdown_id": "md-mugs"} == fact.model_dump()["lines"][0]


def test_a_bundle_over_two_lines_is_kept_per_line_and_under_the_sale_hash(demo: DemoTill, at: list[datetime]) -> None:
    with_rules(demo, two_cups())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, CUP_WHITE, demo.cashier, demo.till.uow())
    state = carts.scan(cart_id, CUP_CELADON, demo.cashier, demo.till.uow())
    assert [(line.bundle, line.bundle_ids) for line in state.priced.lines] == [(300, ("b-cups",)), (300, ("b-cups",))]
    assert state.next_price_change is None  # a bundle without a window never changes by itself

    done = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 3000),)), demo.till.uow())
    assert done.total == 3000
    with demo.till.uow() as uow:
        detail = uow.sales.detail(done.sale_id)
    assert detail is not None
    assert [(line.bundle, line.bundle_ids) for line in detail.lines] == [(300, ("b-cups",)), (300, ("b-cups",))]
    assert verify_audit_trail(demo.till.uow()).problems == ()

    # The automatic discounts are under the sale's hash: changing one by hand is caught and named.
    with sqlite3.connect(demo.till.store_path) as db:
        db.execute("DROP TRIGGER sale_line_rows_no_update")
        db.execute("UPDATE sale_line_rows SET bundle = 0, bundle_ids = NULL WHERE line_no = 2")
    problems = verify_audit_trail(demo.till.uow()).problems
    assert len(problems) == 1 and "automatic discount rows: 1 != 2" in problems[0]


def test_a_sale_without_automatic_prices_stays_schema_1(demo: DemoTill, at: list[datetime]) -> None:
    with_rules(demo, last_hour_mugs())  # not yet in force
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    carts.scan(cart_id, MUG, demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 3200),)), demo.till.uow())
    with demo.till.uow() as uow:
        record = next(r for r in uow.outbox.records(OutboxStatus.WAITING) if r.type == "sale.completed")
    assert record.schema_version == 1
    assert "markdown" not in json.loads(record.payload)["lines"][0]
    assert verify_audit_trail(demo.till.uow()).problems == ()


def test_the_discount_limit_is_measured_on_the_price_after_the_markdown(demo: DemoTill, at: list[datetime]) -> None:
    at[0] = START
    with_rules(demo, last_hour_mugs())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    line_id = carts.scan(cart_id, MUG, demo.cashier, demo.till.uow()).cart.lines[0].line_id
    # CHF 3.00 is 9.4% of the full 32.00, but 12.5% of the 24.00 the mug costs now: above the 10% limit.
    three = Discount(DiscountKind.AMOUNT, Decimal(300))
    with pytest.raises(ApprovalRequired):
        carts.discount_line(cart_id, line_id, three, demo.cashier, demo.till.uow())
    # 10% of what is left passes without a PIN, and is 10% of 24.00.
    state = carts.discount_line(
        cart_id, line_id, Discount(DiscountKind.PERCENT, Decimal(10)), demo.cashier, demo.till.uow()
    )
    assert (state.priced.lines[0].line_discount, state.priced.total) == (240, 2160)
    # CHF 2.40 is exactly 10% of 24.00: no PIN either.
    carts.discount_line(cart_id, line_id, Discount(DiscountKind.AMOUNT, Decimal(240)), demo.cashier, demo.till.uow())


def test_the_receipt_prints_the_markdown_and_the_bundle_per_line_by_name(demo: DemoTill, at: list[datetime]) -> None:
    at[0] = START
    with_rules(demo, last_hour_mugs(), two_cups())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    for code in (MUG, CUP_WHITE, CUP_CELADON):
        carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    done = complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 5400),)), demo.till.uow())
    with demo.till.uow() as uow:
        document = load_sale_receipt(done.sale_id, uow)
    rows = [
        (block.left.strip(), block.right.replace("\xa0", " ")) for block in document.blocks if isinstance(block, Row)
    ]
    # The demo event prints in German; no staff discount on these lines, so no "Rabatt" line under them.
    lines = rows[: rows.index(("Zwischensumme", "CHF 68.00"))]
    assert lines == [
        ("1 x Mug speckled", "CHF 24.00"),
        ("Last hour mugs (Preissenkung)", "-CHF 8.00"),
        ("1 x Espresso cup white", "CHF 15.00"),
        ("Two cups (Kombiangebot)", "-CHF 3.00"),
        ("1 x Espresso cup celadon", "CHF 15.00"),
        ("Two cups (Kombiangebot)", "-CHF 3.00"),
    ]
    assert ("Rabatte", "-CHF 14.00") in rows and ("TOTAL", "CHF 54.00") in rows


def test_the_event_report_shows_markdowns_and_bundles_as_their_own_discounts(
    demo: DemoTill, at: list[datetime], tmp_path: Path
) -> None:
    at[0] = START
    with_rules(demo, last_hour_mugs(), two_cups())
    cart_id = carts.current_cart(demo.cashier, demo.till.uow()).cart.cart_id
    for code in (MUG, MUG, CUP_WHITE, CUP_CELADON):
        carts.scan(cart_id, code, demo.cashier, demo.till.uow())
    complete_sale(CompleteSale(cart_id, demo.cashier, (Tender(TenderKind.CASH, 7800),)), demo.till.uow())

    report = event_report(demo.till.uow())
    assert (report.markdowns, report.bundles, report.totals.discounts) == (1600, 600, 2200)
    assert [(row.kind, report.rule_name(row.rule), row.lines, row.units, row.amount) for row in report.automatic] == [
        ("markdown", "Last hour mugs", 1, 2, 1600),
        ("bundle", "Two cups", 2, 2, 600),
    ]
    text = " ".join(
        page.extract_text() for page in PdfReader(event_report_pdf(tmp_path / "r.pdf", demo.till.uow())).pages
    )
    for words in ("davon Preissenkungen", "davon Kombiangebote", "Preissenkungen und Kombiangebote", "Last hour mugs"):
        assert words in text, words

    # The sale lines' export has the automatic prices in columns of their own, money exact.
    written = export_csv(tmp_path / "export", demo.till.uow())
    lines_file = next(path for path in written if path.name == "sale_lines.csv")
    rows = list(csv.DictReader(lines_file.read_text(encoding="utf-8-sig").splitlines()))
    assert [
        (r["sku"], r["markdown"], r["markdown_minor"], r["markdown_rule"], r["bundle_minor"], r["bundle_rules"])
        for r in rows
    ] == [
        ("BER-003", "16.00", "1600", "md-mugs", "0", ""),
        ("BER-001", "0.00", "0", "", "300", "b-cups"),
        ("BER-002", "0.00", "0", "", "300", "b-cups"),
    ]
